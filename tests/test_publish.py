"""Publishing pages: release downloads with JSON-LD, citation, offline copies (real builds)."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from city_diplomacy.data.load import SHIPPED_DESCRIPTOR, load
from city_diplomacy.data.published import published_files
from city_diplomacy.release.citation import bibtex, citation_cff, citation_text, zenodo_json
from city_diplomacy.release.export import read_release, write_release
from city_diplomacy.sitebuild.offline import (
    OfflineError,
    check_epub,
    make_epub,
    make_offline_zip,
    write_offline_copies,
)
from test_sphinxext import FIXTURE, Build, make_project, refresh_context, run_build, text_of

ROOT = Path(__file__).resolve().parent.parent
REAL_PACKAGE = SHIPPED_DESCRIPTOR.parent

DOWNLOADS_PAGES = {
    "index.md": "# トップ\n\n```{toctree}\ndata/downloads\ncite\n```\n",
    "data/downloads.md": "# ダウンロード\n\n```{cd-downloads}\n```\n",
    "cite.md": "# 引用\n\n```{cd-citation}\n```\n",
}


def jsonld_of(page: str) -> list[dict[str, Any]]:
    """Every JSON-LD object in the page's <head>."""
    head = page[: page.index("</head>")]
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return [json.loads(script) for script in scripts]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real data package, version label 9.9.9, language list of the site."""
    root = tmp_path_factory.mktemp("published")
    src = make_project(root, DOWNLOADS_PAGES, datapackage=REAL_PACKAGE)
    result = run_build(src, city_diplomacy_version_label="9.9.9")
    assert result.warnings == ""
    return result


def test_release_files_match_what_release_writes(published: Build, tmp_path: Path) -> None:
    page = published.page("data/downloads.html")
    # the fixture's context says nothing of the tree (no site part): the page lists the
    # descriptor's version, which is what exporting it as that release writes
    declared = load(SHIPPED_DESCRIPTOR).version
    report = write_release(SHIPPED_DESCRIPTOR, tmp_path / "site", as_release=declared)
    artifacts = read_release(report.directory)
    assert {a.filename for a in artifacts} == {a.filename for a in report.artifacts} - {
        "SHA256SUMS"
    }
    for artifact in report.artifacts:
        if artifact.filename != "SHA256SUMS":  # it lists the offline copies too: no fixed bytes
            assert artifact.sha256 in page, artifact.filename
            assert f"{artifact.size:,} B" in page
        href = f"../../../downloads/9.9.9/{artifact.filename}"
        assert f'href="{href}"' in page
        # the link, resolved from the page's place in <lang>/<version>/, reaches the file
        url = urljoin("https://example.org/ja/9.9.9/data/downloads.html", href)
        assert url == f"https://example.org/downloads/9.9.9/{artifact.filename}"


def test_raw_data_files_stay_listed(published: Build) -> None:
    page = published.page("data/downloads.html")
    for relative, data in published_files(load(SHIPPED_DESCRIPTOR)).items():
        assert f'href="../../../downloads/9.9.9/datapackage/{relative}"' in page
        assert hashlib.sha256(data).hexdigest() in page
    assert not (published.outdir / "_downloads" / "datapackage.json").exists()
    assert "データファイル" in text_of(page)


def test_offline_copies_are_listed_per_language(published: Build) -> None:
    page = published.page("data/downloads.html")
    for code in ("ja", "en"):
        assert f'href="../../../downloads/9.9.9/site-{code}.zip"' in page


def test_jsonld_describes_this_version(published: Build) -> None:
    page = published.page("data/downloads.html")
    (document,) = jsonld_of(page)
    package = load(SHIPPED_DESCRIPTOR)
    assert document["@type"] == "Dataset"
    assert document["version"] == package.version
    # no base URL: no address can be stated truthfully, so none is (no relative URLs)
    assert all("contentUrl" not in d for d in document["distribution"])
    assert "SHA-256 checksums" in {d["name"] for d in document["distribution"]}
    # other pages carry no Dataset
    assert jsonld_of(published.page("index.html")) == []


def test_unreleased_tree_with_base_url(tmp_path: Path) -> None:
    """A development version everywhere on the page; absolute download URLs."""
    version = "1.2.1-dev+g0123456789ab"
    site = {"version": version, "released": False, "stable": "1.2.0"}
    site["base_url"] = "https://example.org/cd/"
    src = make_project(tmp_path / "p", DOWNLOADS_PAGES, datapackage=FIXTURE, site=site)
    result = run_build(src, city_diplomacy_version_label="latest")
    page = result.page("data/downloads.html")
    (document,) = jsonld_of(page)
    assert document["version"] == version
    name = load(FIXTURE / "datapackage.json").descriptor["name"]
    urls = {d["contentUrl"] for d in document["distribution"]}
    assert f"https://example.org/cd/downloads/latest/{name}-1.2.1-dev.sqlite" in urls
    assert all(u.startswith("https://example.org/cd/downloads/latest/") for u in urls)
    assert document["url"] == "https://example.org/cd/ja/latest/data/downloads.html"
    assert f'href="../../../downloads/latest/{name}-1.2.1-dev.zip"' in page
    # the raw descriptor offered for download says the development version too
    (raw,) = (result.outdir / "_downloads").rglob("datapackage.json")
    assert json.loads(raw.read_text(encoding="utf-8"))["version"] == version
    cite = text_of(result.page("cite.html"))
    assert f"バージョン {version} の引用方法" in cite
    cff = next((result.outdir / "_downloads").rglob("CITATION.cff"))
    assert version in cff.read_text(encoding="utf-8")


def test_jsonld_cannot_be_closed_by_data(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    hostile = "</script><script>alert(1)</script><!--"
    descriptor["title"] = hostile
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    src = make_project(tmp_path / "p", DOWNLOADS_PAGES, datapackage=package)
    result = run_build(src)
    page = result.page("data/downloads.html")
    assert "<script>alert(1)" not in page
    (document,) = jsonld_of(page)
    assert document["name"] == hostile


def test_citation_page(published: Build) -> None:
    page = published.page("cite.html")
    descriptor = load(SHIPPED_DESCRIPTOR).descriptor
    text = text_of(page)
    assert citation_text(descriptor) in text
    assert bibtex(descriptor, "https://github.com/tokyo-city-diplomacy/tokyo-city-diplomacy") in (
        text
    )
    repository = "https://github.com/tokyo-city-diplomacy/tokyo-city-diplomacy"
    cff = citation_cff(descriptor, repository)
    assert cff == (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    downloads = published.outdir / "_downloads"
    assert [p.read_text(encoding="utf-8") for p in downloads.rglob("CITATION.cff")] == [cff]
    zenodo = [p.read_text(encoding="utf-8") for p in downloads.rglob("zenodo.json")]
    assert zenodo == [zenodo_json(descriptor, repository)]
    assert f"バージョン {descriptor['version']} の引用方法" in text


def test_citation_of_another_version(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "2.3.4"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = run_build(make_project(tmp_path / "p", DOWNLOADS_PAGES, datapackage=package))
    text = text_of(result.page("cite.html"))
    assert "(Version 2.3.4) [Data set]." in text
    assert 'version: "2.3.4"' in text
    assert "version = {2.3.4}" in text


def test_bibtex_escapes_special_characters() -> None:
    descriptor = json.loads(SHIPPED_DESCRIPTOR.read_text(encoding="utf-8"))
    descriptor["title"] = "A & B {50%}"
    entry = bibtex(descriptor)
    assert "title   = {A \\& B \\{50\\%\\}}" in entry
    assert entry.startswith("@misc{tokyo-multilateral-city-diplomacy-")


# --- offline copies ------------------------------------------------------------------


def _tree(tmp_path: Path) -> Path:
    tree = tmp_path / "ja" / "latest"
    (tree / "data").mkdir(parents=True)
    (tree / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (tree / "data" / "page.html").write_text("<p>データ</p>", encoding="utf-8")
    (tree / "searchindex.js").write_text("Search.setIndex({})", encoding="utf-8")
    (tree / "pagefind").mkdir()
    (tree / "pagefind" / "pagefind.js").write_text("x", encoding="utf-8")
    return tree


def test_offline_zip_is_reproducible_and_skips_pagefind(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    first = make_offline_zip(tree, tmp_path / "a" / "site-ja.zip")
    (tree / "index.html").touch()  # a later mtime must not change the bytes
    second = make_offline_zip(tree, tmp_path / "b" / "site-ja.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.sha256 == second.sha256 and first.size == first.path.stat().st_size
    with zipfile.ZipFile(first.path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert names == ["site-ja/data/page.html", "site-ja/index.html", "site-ja/searchindex.js"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.read("site-ja/data/page.html").decode("utf-8") == "<p>データ</p>"
    assert first.entries == 3


def test_offline_zip_of_a_real_build(published: Build, tmp_path: Path) -> None:
    archive = make_offline_zip(published.outdir, tmp_path / "site-ja.zip", folder="")
    with zipfile.ZipFile(archive.path) as opened:
        assert opened.testzip() is None
        names = set(opened.namelist())
    assert {"index.html", "data/downloads.html", "searchindex.js"} <= names


def test_offline_zip_needs_a_built_tree(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "site-ja.zip"
    dest.parent.mkdir()
    dest.write_bytes(b"previous")
    with pytest.raises(OfflineError, match=r"no index\.html"):
        make_offline_zip(tmp_path / "missing", dest)
    assert dest.read_bytes() == b"previous"


def test_labels_reach_the_catalog_and_translate(tmp_path: Path) -> None:
    src = make_project(
        tmp_path,
        DOWNLOADS_PAGES,
        datapackage=FIXTURE,
        catalogs={
            "data/downloads": {"リリースファイル": "Release files"},
            "cite": {"推奨する引用の形式": "Recommended citation"},
        },
    )
    pot = run_build(src, "gettext")
    extracted = (pot.outdir / "data" / "downloads.pot").read_text(encoding="utf-8")
    assert 'msgid "リリースファイル"' in extracted
    assert "SHA256SUMS" not in extracted  # file names are values, not messages
    shutil.rmtree(src.parent / "_build")
    english = run_build(src, language="en")
    assert "Release files" in html.unescape(english.page("data/downloads.html"))
    assert "Recommended citation" in html.unescape(english.page("cite.html"))


def test_epub_of_each_language_is_a_valid_container(tmp_path: Path) -> None:
    pages = {**DOWNLOADS_PAGES, "timeline.md": "# 年表\n\n```{cd-timeline}\n```\n"}
    pages["index.md"] = "# トップ\n\n```{toctree}\ndata/downloads\ncite\ntimeline\n```\n"
    src = make_project(
        tmp_path,
        pages,
        catalogs={"cite": {"推奨する引用の形式": "Recommended citation"}},
        conf="templates_path = ['_templates']\ncopyright = '2026, test'\nversion = '1'\n",
    )
    # a chrome template that writes HTML, not XHTML: the EPUB build must not use it
    (src / "_templates").mkdir()
    (src / "_templates" / "page.html").write_text(
        '{% extends "!page.html" %}{% block body %}<div hidden>{{ super() }}</div>{% endblock %}',
        encoding="utf-8",
    )
    refresh_context(src)
    for language in ("ja", "en"):
        dest = tmp_path / "out" / f"site-{language}.epub"
        result = make_epub(src, dest, language=language, identifier=f"urn:test:{language}")
        data = dest.read_bytes()
        assert result.sha256 == hashlib.sha256(data).hexdigest()
        check_epub(data, str(dest))
        with zipfile.ZipFile(dest) as archive:
            assert archive.namelist()[0] == "mimetype"
            opf = archive.read("content.opf").decode("utf-8")
            assert f"<dc:language>{language}</dc:language>" in opf
            cite = archive.read("cite.xhtml").decode("utf-8")
            timeline = archive.read("timeline.xhtml").decode("utf-8")
            downloads = archive.read("data/downloads.xhtml").decode("utf-8")
        assert "<div hidden>" not in cite
        assert "cd-filter" not in timeline
        assert ("Recommended citation" in cite) is (language == "en")
        assert "application/ld+json" not in downloads


def test_epub_check_rejects_a_broken_container(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", "<container/>")
        archive.writestr("page.xhtml", "<html><body><div hidden></body></html>")
    with pytest.raises(OfflineError, match=r"page\.xhtml: not well-formed"):
        check_epub(buffer.getvalue(), "book")


def test_epub_build_failure_is_reported(tmp_path: Path) -> None:
    src = make_project(
        tmp_path,
        {"index.md": "# トップ\n\n```{cd-factbox} nowhere\n```\n"},
        conf="copyright = '2026, test'\nversion = '1'\n",
    )
    refresh_context(src)
    dest = tmp_path / "site-ja.epub"
    with pytest.raises(OfflineError, match="EPUB build \\(ja\\) failed"):
        make_epub(src, dest)
    assert not dest.exists()


def test_offline_copies_of_every_language_tree(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for code in ("ja", "en"):
        # _tree(x) makes x/ja/latest: move it to site/<code>/latest
        (site / code).mkdir(parents=True)
        shutil.move(str(_tree(tmp_path / f"built-{code}")), str(site / code / "latest"))
    (site / "fr" / "1.0.0").mkdir(parents=True)  # another version: not packed
    written = write_offline_copies(site)
    assert [a.path.name for a in written] == ["site-en.zip", "site-ja.zip"]
    assert all(a.path.parent == site / "downloads" / "latest" for a in written)
    with zipfile.ZipFile(site / "downloads" / "latest" / "site-en.zip") as archive:
        assert "site-en/index.html" in archive.namelist()
