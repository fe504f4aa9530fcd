"""``cd-downloads``: this version's release files, the raw data files and offline copies.

The release files (``city-diplomacy release``) are written next to the site, in
``<site>/downloads/<version>/``, by a step that may run after Sphinx. Their bytes are
deterministic, so the directive lists name, format, size and SHA-256 from
:func:`city_diplomacy.release.export.release_summary` (the files built in memory, or the summary
the site builder left in ``city_diplomacy_cache``) without needing them on disk; the links point to
``downloads/<version>/`` at the site root, ``<version>`` being
``city_diplomacy_version_label``. The page also gets a schema.org ``Dataset`` in its
``<head>`` (see :mod:`.jsonld`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from city_diplomacy.release.citation import dataset_jsonld
from city_diplomacy.release.formats.formats import CHECKSUMS
from city_diplomacy.sitebuild.offline import offline_zip_name
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell
from city_diplomacy.sphinxext.config import get_config
from city_diplomacy.sphinxext.data import repository_root
from city_diplomacy.sphinxext.jsonld import cd_jsonld
from city_diplomacy.translations.registry import (
    LANGUAGES_FILE,
    Language,
    LanguagesError,
    load_languages,
)

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


def site_root_prefix(docname: str) -> str:
    """Relative path from page ``docname`` of a ``<lang>/<version>/`` tree to the site root."""
    return "../" * (docname.count("/") + 2)


def downloads_prefix(docname: str, version_label: str) -> str:
    """Relative URL of ``downloads/<version>/`` from the page ``docname``."""
    return f"{site_root_prefix(docname)}downloads/{version_label}/"


def _link(href: str, text: str) -> nodes.reference:
    return nodes.reference("", "", nodes.literal(text, text), refuri=href, classes=["download"])


class Downloads(CdDirective):
    """Release files, then data files (copied into the build), then offline copies."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        box = self.container("cd-downloads", *self.options.get("class", []))
        prefix = downloads_prefix(self.env.docname, get_config(self.env).version_label)
        release = self.release_table(prefix)
        box += self.caption("リリースファイル")
        box += release
        box += self.caption("データファイル(CSV と記述ファイル)")
        box += self.data_table()
        languages = self.languages()
        if languages:
            box += self.caption("オフライン版(HTML の zip)")
            box += self.offline_table(prefix, languages)
        return [box, *self.jsonld(prefix)]

    def caption(self, text: str) -> nodes.paragraph:
        node = self.cd.label(text)
        node["classes"].append("cd-caption")
        return node

    def release_table(self, prefix: str) -> nodes.Node:
        # imported here: the export writers (openpyxl …) would slow every build's start-up,
        # and an incremental build rarely rereads this page
        from city_diplomacy.release.export import release_summary

        cd = self.cd
        cache = get_config(self.env).cache
        try:
            summary = release_summary(cd.package, Path(cache) if cache else None)
        except ValueError as error:
            cd.warn(f"cannot build the release files: {error}", "export")
            return cd.label("リリースファイルを作成できませんでした。")
        rows: list[list[Cell]] = [
            [
                _link(prefix + item.filename, item.filename),
                cdn.value(item.label, language="en"),
                size_text(item.size),
                nodes.literal(item.sha256, item.sha256, classes=["cd-sha256"]),
            ]
            for item in summary
        ]
        self._sizes = {item.filename: item.size for item in summary}
        return cd.table(["ファイル", "形式", "サイズ", "SHA-256"], rows, "cd-release-table")

    def data_table(self) -> nodes.Node:
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
        return cd.table(["ファイル", "内容", "サイズ", "SHA-256"], rows, "cd-downloads-table")

    def languages(self) -> list[Language]:
        """The site's languages: the site chrome's list, else the repository's."""
        raw = str(getattr(self.env.config, "city_diplomacy_languages", "") or "")
        path = Path(raw) if raw else repository_root(self.env) / LANGUAGES_FILE
        if not path.is_file():
            return []
        try:
            return load_languages(path)
        except LanguagesError as error:
            self.cd.warn(str(error), "languages")
            return []

    def offline_table(self, prefix: str, languages: list[Language]) -> nodes.Node:
        rows: list[list[Cell]] = [
            [
                _link(prefix + offline_zip_name(lang.code), offline_zip_name(lang.code)),
                cdn.value(lang.name, language=lang.code),
            ]
            for lang in languages
        ]
        return self.cd.table(["ファイル", "言語"], rows, "cd-offline-table")

    def jsonld(self, prefix: str) -> list[nodes.Node]:
        """The schema.org Dataset of this version, for the page's ``<head>``."""
        try:
            document = dataset_jsonld(self.cd.package, prefix)
        except ValueError as error:
            self.cd.warn(f"no Dataset metadata for the page: {error}", "jsonld")
            return []
        sizes = getattr(self, "_sizes", {})
        for entry in document.get("distribution", []):
            filename = str(entry["contentUrl"]).removeprefix(prefix)
            if filename in sizes:
                entry["contentSize"] = f"{sizes[filename]} B"
        if CHECKSUMS in sizes:
            document["distribution"].append(
                {
                    "@type": "DataDownload",
                    "name": "SHA-256 checksums",
                    "encodingFormat": "text/plain",
                    "contentUrl": prefix + CHECKSUMS,
                    "contentSize": f"{sizes[CHECKSUMS]} B",
                }
            )
        return [cd_jsonld(document=document)]


def setup_downloads(app: Sphinx) -> None:
    app.add_directive("cd-downloads", Downloads)
