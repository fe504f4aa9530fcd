"""Multi-version builds: two recorded releases and the working tree of a temporary repository."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from city_diplomacy.release.versioning import NO_HISTORY, recorded_releases
from city_diplomacy.sitebuild.build import BuildError
from city_diplomacy.sitebuild.manifest import version_order, versions_script
from city_diplomacy.sitebuild.versions import build_all_versions, buildable_releases, cache_dir
from conftest import VersionedSite
from versions_support import FOUNDED, NEW_PAGE, SHARED_PAGE, copy_tree, git, set_founded

RELEASES = ("1.1.0", "1.0.0")
LANGUAGES = ("ja", "en")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_manifest_lists_languages_versions_and_pages(versioned_site: VersionedSite) -> None:
    manifest = json.loads((versioned_site.out / "versions.json").read_text(encoding="utf-8"))
    assert manifest == versioned_site.manifest
    assert manifest["versions"] == ["latest", "stable", *RELEASES]
    assert manifest["newest"] == "latest"
    assert {v: r["commit"] for v, r in manifest["releases"].items()} == versioned_site.repo.commits
    assert [lang["code"] for lang in manifest["languages"]] == list(LANGUAGES)
    for code in LANGUAGES:
        trees = manifest["trees"][code]
        assert set(trees) == {"latest", "stable", *RELEASES}
        for version, tree in trees.items():
            assert tree["path"] == f"{code}/{version}/"
            assert SHARED_PAGE in tree["pages"] and "index.html" in tree["pages"]
            assert (NEW_PAGE in tree["pages"]) == (version == "latest")
            for page in tree["pages"]:
                assert (versioned_site.out / tree["path"] / page).is_file()


def test_versions_js_holds_the_same_manifest(versioned_site: VersionedSite) -> None:
    text = (versioned_site.out / "versions.js").read_text(encoding="utf-8")
    prefix = "window.cityDiplomacyVersions = "
    assert text.startswith(prefix) and text.endswith(";\n")
    assert json.loads(text[len(prefix) : -2]) == versioned_site.manifest


def test_versions_script_cannot_close_its_script_element() -> None:
    text = versions_script({"x": "</script><b>"})
    assert "</script>" not in text and "\\u003c/script>" in text


@pytest.mark.parametrize("version", RELEASES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_old_version_pages_carry_a_notice_linking_the_newest(
    versioned_site: VersionedSite, code: str, version: str
) -> None:
    page = versioned_site.out / code / version / SHARED_PAGE
    notice = _soup(page).select_one(".cd-old-version")
    assert notice is not None, f"{page} has no old-version notice"
    assert version in notice.get_text()
    link = notice.select_one("a[data-cd-newest]")
    assert link is not None
    assert link["href"] == f"../../../{code}/latest/{SHARED_PAGE}"
    assert (page.parent / str(link["href"])).resolve() == (
        versioned_site.out / code / "latest" / SHARED_PAGE
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_stable_is_the_newest_release_and_old_ones_link_it(
    versioned_site: VersionedSite, code: str
) -> None:
    assert versioned_site.manifest["stable"] == "1.1.0"
    stable = versioned_site.out / code / "stable"
    pages = versioned_site.manifest["trees"][code]["stable"]["pages"]
    assert pages == versioned_site.manifest["trees"][code]["1.1.0"]["pages"]
    for page in pages:
        assert (stable / page).read_bytes() == (stable.parent / "1.1.0" / page).read_bytes()
    old = versioned_site.out / code / "1.0.0" / SHARED_PAGE
    notice = _soup(old).select_one(".cd-stable-version")
    assert notice is not None and "1.1.0" in notice.get_text()
    link = notice.select_one("a[data-cd-stable]")
    assert link is not None and (old.parent / str(link["href"])).resolve() == stable / SHARED_PAGE
    for version in ("latest", "stable", "1.1.0"):
        page = versioned_site.out / code / version / SHARED_PAGE
        assert _soup(page).select(".cd-stable-version") == []
    # no base URL: no canonical link, no page naming a host
    assert _soup(old).select("link[rel=canonical]") == []


#: What the stable release's notice says in each language, and what it must not say.
STABLE_RELEASE_TEXT = {
    "ja": ("公開中の安定版 1.1.0", "開発中の版(latest)", "旧版"),
    "en": ("1.1.0, the stable release", "the development version (latest)", "old version"),
}


@pytest.mark.parametrize("version", ["1.1.0", "stable"])
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_stable_release_is_not_called_old(
    versioned_site: VersionedSite, code: str, version: str
) -> None:
    page = versioned_site.out / code / version / SHARED_PAGE
    notice = _soup(page).select_one(".cd-old-version")
    assert notice is not None
    says, link_text, never = STABLE_RELEASE_TEXT[code]
    assert says in notice.get_text() and never not in notice.get_text()
    link = notice.select_one(".cd-stable-release a[data-cd-newest]")
    assert link is not None and link.get_text() == link_text
    assert (page.parent / str(link["href"])).resolve() == versioned_site.out / code / "latest" / (
        SHARED_PAGE
    )
    # the older release still says it is old
    older = _soup(versioned_site.out / code / "1.0.0" / SHARED_PAGE).select_one(".cd-old-version")
    assert older is not None and never in older.get_text()


@pytest.mark.parametrize("code", LANGUAGES)
def test_latest_has_no_old_version_notice(versioned_site: VersionedSite, code: str) -> None:
    soup = _soup(versioned_site.out / code / "latest" / SHARED_PAGE)
    assert soup.select(".cd-old-version") == []
    nav = soup.select_one(".cd-version-switcher")
    assert nav is not None and nav["data-cd-version"] == "latest"
    assert nav["data-cd-page"] == SHARED_PAGE
    # Without script: a link to the root page, which lists every version.
    index = nav.select_one("a.cd-version-index")
    assert index is not None and index["href"] == "../../../index.html"


@pytest.mark.parametrize("version", ["latest", *RELEASES])
def test_each_version_shows_its_own_data(versioned_site: VersionedSite, version: str) -> None:
    for code, shown in (("ja", 1), ("en", 2)):
        text = (versioned_site.out / code / version / SHARED_PAGE).read_text(encoding="utf-8")
        for other, values in FOUNDED.items():
            if other != "latest":
                assert (values[shown] in text) == (other == version), (code, version, other)


def test_downloads_of_every_version(versioned_site: VersionedSite) -> None:
    downloads = versioned_site.out / "downloads"
    # releases under their version; the working tree under its label, as its pages link
    assert sorted(p.name for p in downloads.iterdir()) == ["1.0.0", "1.1.0", "latest"]
    latest = {p.name for p in (downloads / "latest").iterdir()}
    # the working tree is no release: a development version in its file names
    assert "tokyo-multilateral-city-diplomacy-1.2.0-dev.json" in latest
    assert {"SHA256SUMS", "site-ja.zip", "site-en.zip"} <= latest
    for version in ("1.0.0", "1.1.0"):
        data = json.loads(
            (downloads / version / f"tokyo-multilateral-city-diplomacy-{version}.json").read_text(
                encoding="utf-8"
            )
        )
        assert data["datapackage"]["version"] == version
        anmc21 = next(row for row in data["tables"]["networks"] if row["id"] == "anmc21")
        assert anmc21["founded"] == FOUNDED[version][0]
        assert (downloads / version / "SHA256SUMS").is_file()


def test_json_api_of_every_version(versioned_site: VersionedSite) -> None:
    api = versioned_site.out / "api"
    assert sorted(p.name for p in api.iterdir()) == ["1.0.0", "1.1.0", "latest"]
    development = versioned_site.manifest["development"]
    for version, label in (("1.0.0", "1.0.0"), ("1.1.0", "1.1.0"), (development, "latest")):
        index = json.loads((api / label / "index.json").read_text(encoding="utf-8"))
        assert index["version"] == version
        anmc21 = json.loads((api / label / "networks" / "anmc21.json").read_text(encoding="utf-8"))
        assert anmc21["founded"] == FOUNDED[label][0]


def test_root_page_links_every_version(versioned_site: VersionedSite) -> None:
    soup = _soup(versioned_site.out / "index.html")
    hrefs = [a["href"] for a in soup.select(".cd-versions a")]
    for code in LANGUAGES:
        for version in ("latest", *RELEASES):
            assert f"{code}/{version}/index.html" in hrefs


def test_release_worktrees_are_removed_and_builds_cached(versioned_site: VersionedSite) -> None:
    root = versioned_site.repo.root
    assert git(root, "worktree", "list", "--porcelain").count("worktree ") == 1
    for commit in versioned_site.repo.commits.values():
        assert (cache_dir(root) / commit / ".complete").is_file()


def test_failed_release_build_leaves_site_and_repository_clean(
    tmp_path: Path, release_envs: Path
) -> None:
    """A release whose data is invalid: BuildError naming it, no worktree, old site intact."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_tree(root)
    git(root, "init", "--quiet", "--initial-branch=main")
    set_founded(root, "not-a-date")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "broken")
    commit = git(root, "rev-parse", "HEAD")
    version = json.loads((root / "datapackage" / "datapackage.json").read_text("utf-8"))["version"]
    (root / "releases.json").write_text(
        json.dumps({"releases": {version: {"commit": commit, "date": "2026-01-01"}}}),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    out.mkdir()
    (out / "marker").write_text("old site", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_all_versions(root, out=out, envs=release_envs)
    text = "\n".join(raised.value.problems)
    assert f"release {version} ({commit[:12]})" in text
    assert "networks.csv" in text
    assert git(root, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert [p.name for p in out.iterdir()] == ["marker"]
    assert not (cache_dir(root) / commit).exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in {"repo", "site"}]
    assert leftovers == []
    shutil.rmtree(root)


def test_cli_reuses_cached_releases(versioned_site: VersionedSite, tmp_path: Path) -> None:
    """``build --all-versions --lang en`` takes the releases from the cache (a marker shows it)."""
    cached = cache_dir(versioned_site.repo.root) / versioned_site.repo.commits["1.0.0"]
    page = cached / "en" / "1.0.0" / "about.html"
    original = page.read_text(encoding="utf-8")
    out = tmp_path / "site"
    try:
        page.write_text(original.replace("</body>", "<!-- from the cache --></body>"), "utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "city_diplomacy", "build", "--all-versions", "--lang", "en",
             "--project", str(versioned_site.repo.root), "--out", str(out)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "versions latest, stable, 1.1.0, 1.0.0" in result.stdout
    assert "from the cache" in (out / "en" / "1.0.0" / "about.html").read_text("utf-8")
    manifest = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert set(manifest["trees"]) == {"en"}


def test_version_order_is_semantic() -> None:
    assert version_order(["1.10.0", "latest", "1.9.0", "2.0.0-rc.1", "2.0.0"]) == [
        "latest",
        "2.0.0",
        "2.0.0-rc.1",
        "1.10.0",
        "1.9.0",
    ]


def _visible(name: str, text: str) -> str:
    """An HTML file's text without its tags (highlighted code splits a line into spans)."""
    if not name.endswith(".html"):
        return text
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _texts_outside_releases(site: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every file name, text file and zip member that is not part of a
    recorded release's trees (``<lang>/<release>/``, ``downloads/<release>/``, ``api/…``)."""
    for path in sorted(site.rglob("*")):
        parts = path.relative_to(site).parts
        if len(parts) > 1 and parts[1] in {*RELEASES, "stable"}:
            continue
        name = path.relative_to(site).as_posix()
        yield name, name
        if not path.is_file():
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    text = archive.read(member).decode("utf-8", "replace")
                    yield f"{name}!{member}", member + "\n" + _visible(member, text)
        elif path.suffix in {".html", ".json", ".js", ".txt", ".xml", ".cff", ".sql", ".bib", ""}:
            yield name, _visible(name, path.read_text(encoding="utf-8", errors="replace"))


def test_working_tree_claims_no_release_number(versioned_site: VersionedSite) -> None:
    """The working tree declares 1.2.0, unreleased: it is 1.2.0-dev+g<commit> everywhere."""
    manifest = versioned_site.manifest
    development = manifest["development"]
    commit = git(versioned_site.repo.root, "rev-parse", "--short=12", "HEAD")
    # the data was changed after the last commit: the version says so
    assert development == f"1.2.0-dev+g{commit}.dirty"
    assert manifest["stable"] == "1.1.0"
    # (CITATION.cff's own format is version 1.2.0 of the Citation File Format)
    claims = re.compile(r"(?<!cff-version: )1\.2\.0(?!-dev)")
    checked = 0
    for name, text in _texts_outside_releases(versioned_site.out):
        found = claims.search(text)
        assert found is None, (
            f"{name} claims 1.2.0: {text[max(0, found.start() - 80) : found.end() + 40]!r}"
        )
        checked += 1
    assert checked > 100
    latest = versioned_site.out / "downloads" / "latest"
    with zipfile.ZipFile(latest / "tokyo-multilateral-city-diplomacy-1.2.0-dev.zip") as archive:
        name = next(n for n in archive.namelist() if n.endswith("datapackage.json"))
        assert json.loads(archive.read(name))["version"] == development
    for code in LANGUAGES:
        tree = versioned_site.out / code / "latest"
        page = (tree / "data" / "downloads.html").read_text(encoding="utf-8")
        jsonld = [json.loads(x) for x in re.findall(r'ld\+json">(.*?)</script>', page, re.S)]
        assert [doc["version"] for doc in jsonld] == [development]
        assert development in (tree / "cite.html").read_text(encoding="utf-8")


def test_release_trees_keep_their_number(versioned_site: VersionedSite) -> None:
    downloads = versioned_site.out / "downloads" / "1.1.0"
    with zipfile.ZipFile(downloads / "tokyo-multilateral-city-diplomacy-1.1.0.zip") as archive:
        name = next(n for n in archive.namelist() if n.endswith("datapackage.json"))
        assert json.loads(archive.read(name))["version"] == "1.1.0"


def _cli_build(project: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "city_diplomacy", "build", "--all-versions", *options,
         "--project", str(project), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_source_archive_builds_latest_and_names_the_releases_it_skips(
    versioned_site: VersionedSite, tmp_path: Path
) -> None:
    """A `git archive` export has no history: latest in every language with its downloads,
    one note naming the recorded releases, exit 0; with --strict, exit 1 and nothing built."""
    export = tmp_path / "export"
    export.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(versioned_site.repo.root), "archive", "--format=tar", "HEAD"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True)
    assert not (export / ".git").exists() and (export / "releases.json").is_file()
    out = tmp_path / "site"

    strict = _cli_build(export, out, "--strict")
    assert strict.returncode == 1, strict.stderr
    assert f"cannot build releases 1.0.0, 1.1.0: {NO_HISTORY}" in strict.stderr
    assert not out.exists()

    result = _cli_build(export, out)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if "release" in line]
    assert notes == [f"note: skipped releases 1.0.0, 1.1.0: {NO_HISTORY}"]
    for code in LANGUAGES:
        assert (out / code / "latest" / SHARED_PAGE).is_file()
        assert (out / "downloads" / "latest" / f"site-{code}.zip").is_file()
        assert not (out / code / "1.0.0").exists()
    manifest = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert manifest["versions"] == ["latest"] and manifest["releases"] == {}


def test_shallow_clone_skips_releases_beyond_its_depth(
    versioned_site: VersionedSite, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1",
         f"file://{versioned_site.repo.root}", str(clone)],
        check=True, capture_output=True,
    )  # fmt: skip
    releases = recorded_releases(clone)
    buildable, notes = buildable_releases(clone, releases)
    assert buildable == []
    assert notes == [f"skipped releases 1.0.0, 1.1.0: {NO_HISTORY}"]
    with pytest.raises(BuildError, match=r"cannot build releases 1\.0\.0, 1\.1\.0"):
        buildable_releases(clone, releases, strict=True)
    # the full repository holds them all
    assert buildable_releases(versioned_site.repo.root, releases) == (releases, [])
