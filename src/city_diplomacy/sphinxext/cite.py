"""``cd-citation``: how to cite the version being read (text, BibTeX, CFF, Zenodo).

Everything is generated from the descriptor by the site build (the ``citation`` part of
the build context, :mod:`.context`), so an older version's site cites that version. The
``CITATION.cff`` and ``.zenodo.json`` of the version are written into the build's
doctree folder and offered as downloads, and shown in full.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.catalog_only import cd_catalog_only
from city_diplomacy.sphinxext.config import get_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Folder under the doctree directory where the generated citation files are written.
GENERATED = "city-diplomacy-citation"
#: The metadata files shown, by name, with the language of their code block.
FILES = (("CITATION.cff", "yaml"), (".zenodo.json", "json"))
NO_CITATION = "引用情報を生成できませんでした。"
INTRO = "このページはバージョン {version} の引用方法を示しています。"


def _code(text: str, language: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, language=language, translatable=False)
    block["classes"].append("cd-citation-code")
    return block


def _caption(node: nodes.paragraph) -> nodes.paragraph:
    node["classes"].append("cd-caption")
    return node


class Citation(CdDirective):
    """Recommended reference, BibTeX, then the CFF and Zenodo metadata of this version."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        box = self.container("cd-citation", *self.options.get("class", []))
        context = get_context(self.env)
        citation = context.get("citation") if context else None
        if citation is None:
            cd.warn_no_context("the citation")
            catalog = cd_catalog_only()
            catalog += [cd.label(text) for text in (INTRO, "推奨する引用の形式", "BibTeX")]
            box += catalog
            return [box]
        if citation["error"]:
            cd.warn(f"cannot generate the citation: {citation['error']}", "citation")
            box += cd.label(NO_CITATION)
            return [box]
        text, entry, files = citation["text"], citation["bibtex"], citation["files"]
        box += cd.label(INTRO, version=cd.dataset_version)
        box += _caption(cd.label("推奨する引用の形式"))
        quote = nodes.block_quote("", cdn.value(text, language="en"), classes=["cd-citation-text"])
        box += quote
        box += _caption(cd.label("BibTeX"))
        box += _code(entry, "bibtex")
        folder = Path(self.env.doctreedir) / GENERATED / cd.dataset_version
        folder.mkdir(parents=True, exist_ok=True)
        document_dir = Path(self.env.doc2path(self.env.docname)).parent
        for name, language in FILES:
            path = folder / name.lstrip(".")
            if not path.is_file() or path.read_text(encoding="utf-8") != files[name]:
                path.write_text(files[name], encoding="utf-8")
            link = addnodes.download_reference(
                "",
                "",
                nodes.literal(name, name, classes=["download"]),
                reftarget=Path(os.path.relpath(path, document_dir)).as_posix(),
                refdoc=self.env.docname,
                refexplicit=True,
            )
            box += _caption(cdn.value(link))
            box += _code(files[name], language)
        return [box]


def setup_citation(app: Sphinx) -> None:
    app.add_directive("cd-citation", Citation)
