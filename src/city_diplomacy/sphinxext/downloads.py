"""``cd-downloads``: this version's release files, the raw data files and offline copies.

The release files (``city-diplomacy release``) are written next to the site, in
``<site>/downloads/<version>/``, by a step that may run after Sphinx. Their bytes are
deterministic, so the site build summarizes them (name, format, size, SHA-256) into the
build context (:mod:`.context`), and this directive lists them without needing them on
disk; the links point to ``downloads/<version>/`` at the site root, ``<version>`` being
``city_diplomacy_version_label``. The page also gets a schema.org ``Dataset`` in its
``<head>`` (see :mod:`.jsonld`). Without a build context the release files, offline
copies and the Dataset are left out, with a warning.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.published import PUBLISHED_DIR, published_files
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell
from city_diplomacy.sphinxext.catalog_only import cd_catalog_only
from city_diplomacy.sphinxext.config import get_config, get_context
from city_diplomacy.sphinxext.context import LanguageEntry, SupplementPart
from city_diplomacy.sphinxext.jsonld import cd_jsonld

#: Folder (in the doctree folder) of the descriptor copies of unreleased trees.
GENERATED = "city-diplomacy-data"

if TYPE_CHECKING:
    from sphinx.application import Sphinx

RELEASE_CAPTION = "リリースファイル"
OFFLINE_CAPTION = "オフライン版(HTML の zip)"
NO_RELEASE = "リリースファイルを作成できませんでした。"
#: Labels shown only with a build context (before and after the data files), kept in
#: the catalogs without one, in the order a page with a context shows them.
RELEASE_LABELS = (RELEASE_CAPTION, "ファイル", "形式", "サイズ", "SHA-256")
OFFLINE_LABELS = (OFFLINE_CAPTION, "ファイル", "言語")
SUPPLEMENT_CAPTION = "以前のリリースに後から加えたファイル"
SUPPLEMENT_INTRO = (
    "次のファイルは、公開した時点のリリースになかった形式を、そのリリースの公開済みの"
    "データパッケージ(zip ファイル)から後で作ったものです。リリース自体のファイルと"
    "そのチェックサムの一覧は変えず、別のフォルダーに置いています。"
)
API_LABEL = "JSON API(後から追加)"
#: Labels of the supplement table (shown only when the build adds files to a release).
SUPPLEMENT_LABELS = (SUPPLEMENT_CAPTION, SUPPLEMENT_INTRO, "バージョン", API_LABEL)
#: The checksum file of the downloads (written last, over every file of the page).
CHECKSUMS = "SHA256SUMS"


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
        context = get_context(self.env)
        if context is None:
            self.cd.warn_no_context("the release files, offline copies and Dataset metadata")
            box += self.catalog_only(RELEASE_LABELS)
            box += self.caption("データファイル(CSV と記述ファイル)")
            box += self.data_table(prefix)
            box += self.catalog_only(OFFLINE_LABELS)
            box += self.catalog_only(SUPPLEMENT_LABELS)
            return [box]
        release = self.release_table(prefix)
        box += self.caption(RELEASE_CAPTION)
        box += release
        box += self.caption("データファイル(CSV と記述ファイル)")
        box += self.data_table(prefix)
        languages = self.languages()
        if languages:
            box += self.caption(OFFLINE_CAPTION)
            box += self.offline_table(prefix, languages)
        supplements = context.get("supplements", [])
        if supplements:
            box += self.caption(SUPPLEMENT_CAPTION)
            box += self.cd.label(SUPPLEMENT_INTRO)
            box += self.supplement_table(supplements)
        else:
            box += self.catalog_only(SUPPLEMENT_LABELS)
        return [box, *self.jsonld()]

    def catalog_only(self, labels: tuple[str, ...]) -> cd_catalog_only:
        catalog = cd_catalog_only()
        catalog.extend(self.cd.label(text) for text in labels)
        return catalog

    def caption(self, text: str) -> nodes.paragraph:
        node = self.cd.label(text)
        node["classes"].append("cd-caption")
        return node

    def release_table(self, prefix: str) -> nodes.Node:
        cd = self.cd
        context = get_context(self.env)
        release = context.get("release") if context else None
        if release is None:
            cd.warn_no_context("the release files")
            return cd.label(NO_RELEASE)
        if release["error"]:
            cd.warn(f"cannot build the release files: {release['error']}", "export")
            return cd.label(NO_RELEASE)
        rows: list[list[Cell]] = [
            [
                _link(prefix + item["filename"], item["filename"]),
                cdn.value(item["label"], language="en"),
                *(
                    ["", ""]  # it lists the offline copies, made after this page: no fixed bytes
                    if item["filename"] == CHECKSUMS
                    else [
                        size_text(item["size"]),
                        nodes.literal(item["sha256"], item["sha256"], classes=["cd-sha256"]),
                    ]
                ),
            ]
            for item in release["files"]
        ]
        return cd.table(["ファイル", "形式", "サイズ", "SHA-256"], rows, "cd-release-table")

    def supplement_table(self, supplements: list[SupplementPart]) -> nodes.Node:
        """Per earlier release, the files added to it (``downloads/<version>/supplement/``)
        with size and SHA-256, and its JSON API when that was added too."""
        root = site_root_prefix(self.env.docname)
        rows: list[list[Cell]] = []
        for part in supplements:
            version = part["version"]
            for item in part["files"]:
                rows.append(
                    [
                        cdn.value(version, language="en"),
                        _link(root + part["folder"] + item["filename"], item["filename"]),
                        cdn.value(item["label"], language="en"),
                        size_text(item["size"]),
                        nodes.literal(item["sha256"], item["sha256"], classes=["cd-sha256"]),
                    ]
                )
            if part["api"]:
                rows.append(
                    [
                        cdn.value(version, language="en"),
                        _link(root + part["api"], part["api"]),
                        self.cd.label(API_LABEL),
                        "",
                        "",
                    ]
                )
        return self.cd.table(
            ["バージョン", "ファイル", "形式", "サイズ", "SHA-256"], rows, "cd-supplement-table"
        )

    def data_table(self, prefix: str) -> nodes.Node:
        """The unpacked data package under ``downloads/<version>/datapackage/``: the zip's
        descriptor and CSVs, the same bytes, linked where they are published (never
        Sphinx's ``_downloads/<hash>/`` copies, which lose the relative paths)."""
        cd = self.cd
        titles = {
            str(r.get("path", "")): str(r.get("title", ""))
            for r in cd.package.descriptor.get("resources", [])
        }
        rows: list[list[Cell]] = []
        # the files as published: for a tree that is no release, at its development version
        published = cd.package
        if cd.dataset_version != published.version:
            descriptor = {**published.descriptor, "version": cd.dataset_version}
            published = dataclasses.replace(published, descriptor=descriptor)
        for relative, data in published_files(published).items():
            digest = hashlib.sha256(data).hexdigest()
            title = titles.get(relative) or str(cd.package.descriptor.get("title", ""))
            rows.append(
                [
                    _link(f"{prefix}{PUBLISHED_DIR}/{relative}", relative),
                    cdn.value(title, language="en"),
                    size_text(len(data)),
                    nodes.literal(digest, digest, classes=["cd-sha256"]),
                ]
            )
        return cd.table(["ファイル", "内容", "サイズ", "SHA-256"], rows, "cd-downloads-table")

    def languages(self) -> list[LanguageEntry]:
        """The site's languages, from the build context."""
        context = get_context(self.env)
        if context is None:
            return []
        if context.get("languages_error"):
            self.cd.warn(str(context.get("languages_error")), "languages")
        return list(context.get("languages", []))

    def offline_table(self, prefix: str, languages: list[LanguageEntry]) -> nodes.Node:
        rows: list[list[Cell]] = [
            [
                _link(prefix + lang["offline_zip"], lang["offline_zip"]),
                cdn.value(lang["name"], language=lang["code"]),
            ]
            for lang in languages
        ]
        return self.cd.table(["ファイル", "言語"], rows, "cd-offline-table")

    def jsonld(self) -> list[nodes.Node]:
        """The schema.org Dataset of this version, for the page's ``<head>``."""
        context = get_context(self.env)
        dataset = context.get("dataset") if context else None
        if dataset is None:
            return []
        if dataset["error"]:
            self.cd.warn(f"no Dataset metadata for the page: {dataset['error']}", "jsonld")
            return []
        document = copy.deepcopy(dataset["jsonld"])
        site = context.get("site") if context else None
        base_url = site["base_url"] if site else ""
        # schema.org wants absolute URLs: with the site's address they are; without one
        # the files have no address that can be stated truthfully, so none is given
        label = get_config(self.env).version_label
        if base_url and not document.get("url"):
            # the dataset's landing page: this page, where it is published
            page = f"{self.env.config.language}/{label}/{self.env.docname}.html"
            document["url"] = base_url + page
        for entry in document.get("distribution", []):
            if base_url:
                entry["contentUrl"] = f"{base_url}downloads/{label}/{entry['contentUrl']}"
            else:
                entry.pop("contentUrl", None)
        return [cd_jsonld(document=document)]


def setup_downloads(app: Sphinx) -> None:
    app.add_directive("cd-downloads", Downloads)
