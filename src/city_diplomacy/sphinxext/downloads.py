"""``cd-downloads``: the data files of this build, copied into it, with size and SHA-256."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from . import nodes as cdn
from .base import CdDirective, Cell

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def size_text(size: int) -> str:
    return f"{size:,} B ({size / 1024:.1f} KiB)"


class Downloads(CdDirective):
    """One row per file: link (Sphinx's download mechanism), title, size, SHA-256."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        titles = {
            str(r.get("path", "")): str(r.get("title", ""))
            for r in cd.package.descriptor.get("resources", [])
        }
        document_dir = Path(self.env.doc2path(self.env.docname)).parent
        rows: list[list[Cell]] = []
        for path in cd.package.data_files:
            relative = path.relative_to(cd.package.root).as_posix()
            target = os.path.relpath(path, document_dir)
            link = addnodes.download_reference(
                "",
                "",
                nodes.literal(relative, relative, classes=["download"]),
                reftarget=Path(target).as_posix(),
                refdoc=self.env.docname,
                refexplicit=True,
            )
            digest = sha256(path)
            title = titles.get(relative) or str(cd.package.descriptor.get("title", ""))
            rows.append(
                [
                    link,
                    cdn.value(title, language="en"),
                    size_text(path.stat().st_size),
                    nodes.literal(digest, digest, classes=["cd-sha256"]),
                ]
            )
        box = self.container("cd-downloads", *self.options.get("class", []))
        box += cd.table(["ファイル", "内容", "サイズ", "SHA-256"], rows, "cd-downloads-table")
        return [box]


def setup_downloads(app: Sphinx) -> None:
    app.add_directive("cd-downloads", Downloads)
