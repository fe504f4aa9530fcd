"""Real multi-version builds: a release published without Parquet, DuckDB or a JSON API
(as 1.0.0 was) gets them as additions; the stable release's notice, the sitemap and a
build of ``latest`` alone tell the truth about the versions the site holds.

The repository is the session's versioned one (``versions_support``); its release 1.0.0
is replaced, in a copy of the release cache, by what release 1.0.0 really published:
its data package zip and a ``SHA256SUMS``, without Parquet, DuckDB or an API.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from city_diplomacy.release.formats.checksums import parse_sha256sums
from city_diplomacy.sitebuild.build import build_site
from city_diplomacy.sitebuild.versions import build_all_versions, cache_dir
from conftest import VersionedSite
from versions_support import SHARED_PAGE

FIXTURE = Path(__file__).parent / "fixtures" / "release-1.0.0"
ZIP_NAME = "tokyo-multilateral-city-diplomacy-1.0.0.zip"
BASE = "https://example.org/cd/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
#: The tables of release 1.0.0.
TABLES = (
    "sources",
    "themes",
    "networks",
    "programmes",
    "cities",
    "events",
    "memberships",
    "participations",
)


@dataclass(frozen=True)
class Builds:
    cache: Path
    sites: tuple[Path, Path]
    cache_before: dict[str, str]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in _tree(folder).items()}


@pytest.fixture(scope="module")
def builds(versioned_site: VersionedSite, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    repo = versioned_site.repo
    cache = tmp_path_factory.mktemp("release-cache")
    shutil.copytree(cache_dir(repo.root), cache, dirs_exist_ok=True)
    built = cache / repo.commits["1.0.0"]
    downloads = built / "downloads" / "1.0.0"
    shutil.rmtree(downloads)
    downloads.mkdir()
    shutil.copy(FIXTURE / ZIP_NAME, downloads / ZIP_NAME)
    digest = parse_sha256sums((FIXTURE / "SHA256SUMS").read_text(encoding="utf-8"))[ZIP_NAME]
    (downloads / "SHA256SUMS").write_text(f"{digest}  {ZIP_NAME}\n", encoding="utf-8")
    shutil.rmtree(built / "api")
    before = _digests(cache)
    out = tmp_path_factory.mktemp("supplement-sites")
    sites = []
    for name in ("one", "two"):
        result = build_all_versions(
            repo.root, out=out / name, languages=["en"], cache=cache, base_url=BASE
        )
        sites.append(result.out)
    return Builds(cache, (sites[0], sites[1]), before)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_release_cache_is_not_touched(builds: Builds) -> None:
    assert _digests(builds.cache) == builds.cache_before


def test_the_release_keeps_its_own_files(builds: Builds, versioned_site: VersionedSite) -> None:
    cached = builds.cache / versioned_site.repo.commits["1.0.0"] / "downloads" / "1.0.0"
    for site in builds.sites:
        published = site / "downloads" / "1.0.0"
        for name, data in _tree(cached).items():
            assert (published / name).read_bytes() == data
        # its own SHA256SUMS names none of the additions
        listed = parse_sha256sums((published / "SHA256SUMS").read_text(encoding="utf-8"))
        assert list(listed) == [ZIP_NAME]


def test_parquet_duckdb_and_api_are_added_byte_identically(builds: Builds) -> None:
    one, two = builds.sites
    supplement = one / "downloads" / "1.0.0" / "supplement"
    files = _tree(supplement)
    parquet = sorted(name.rsplit("-", 1)[-1] for name in files if name.endswith(".parquet"))
    assert parquet == sorted(f"{table}.parquet" for table in TABLES)
    assert "tokyo-multilateral-city-diplomacy-1.0.0.duckdb.sql" in files
    sums = parse_sha256sums(files["SHA256SUMS"].decode("utf-8"))
    assert sums == {n: hashlib.sha256(d).hexdigest() for n, d in files.items() if n != "SHA256SUMS"}
    assert _tree(two / "downloads" / "1.0.0" / "supplement") == files
    api = _tree(one / "api" / "1.0.0")
    assert json.loads(api["index.json"])["version"] == "1.0.0"
    assert "cities/tokyo.json" in api
    assert _tree(two / "api" / "1.0.0") == api


def test_a_release_with_its_own_api_and_columnar_files_gets_nothing_added(
    builds: Builds, versioned_site: VersionedSite
) -> None:
    cached = builds.cache / versioned_site.repo.commits["1.1.0"]
    site = builds.sites[0]
    assert not (site / "downloads" / "1.1.0" / "supplement").exists()
    assert _tree(site / "api" / "1.1.0") == _tree(cached / "api" / "1.1.0")


def test_latest_downloads_page_lists_the_additions(builds: Builds) -> None:
    site = builds.sites[0]
    page = site / "en" / "latest" / "data" / "downloads.html"
    table = _soup(page).select_one("table.cd-supplement-table")
    assert table is not None
    listed = {}
    for row in table.select("tbody tr"):
        cells = [c.get_text(" ", strip=True) for c in row.select("td")]
        link = row.select_one("a")
        assert cells[0] == "1.0.0" and link is not None
        target = (page.parent / str(link["href"])).resolve()
        assert target.is_file(), link["href"]
        listed[target] = cells
    supplement = site / "downloads" / "1.0.0" / "supplement"
    for path in supplement.iterdir():
        data = path.read_bytes()
        cells = listed.pop(path.resolve())
        assert cells[3].startswith(f"{len(data):,} B")
        assert cells[4] == hashlib.sha256(data).hexdigest()
    # and the API added to 1.0.0
    assert [p.relative_to(site).as_posix() for p in listed] == ["api/1.0.0/index.json"]


@pytest.mark.parametrize("version", ["1.1.0", "stable"])
def test_the_stable_release_does_not_call_itself_old(builds: Builds, version: str) -> None:
    page = builds.sites[0] / "en" / version / SHARED_PAGE
    notice = _soup(page).select_one(".cd-old-version")
    assert notice is not None and notice.select_one(".cd-stable-release") is not None
    text = notice.get_text()
    assert "1.1.0" in text and "stable release" in text and "old" not in text
    link = notice.select_one("a[data-cd-newest]")
    assert link is not None and "development version" in link.get_text()
    assert (page.parent / str(link["href"])).resolve() == (
        builds.sites[0] / "en" / "latest" / SHARED_PAGE
    )
    older = _soup(builds.sites[0] / "en" / "1.0.0" / SHARED_PAGE).select_one(".cd-old-version")
    assert older is not None and "old version 1.0.0" in older.get_text()
    assert older.select_one(".cd-stable-version") is not None


def test_the_sitemap_lists_each_page_once_at_its_canonical_url(builds: Builds) -> None:
    site = builds.sites[0]
    canonical = set()
    for path in site.glob("en/*/**/*.html"):
        if (
            "_static" in path.parts
            or "pagefind" in path.parts
            or path.name
            in (
                "404.html",
                "search.html",
                "genindex.html",
            )
        ):
            continue
        links = _soup(path).select("link[rel=canonical]")
        assert len(links) == 1, path
        canonical.add(str(links[0]["href"]))
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert len(locs) == len(set(locs))
    assert set(locs) == {BASE, *canonical}
    assert f"{BASE}en/stable/{SHARED_PAGE}" in locs
    assert not any(f"/{v}/" in str(loc) for loc in locs for v in ("1.1.0", "1.0.0"))


def test_a_build_of_latest_alone_names_no_stable_release(
    versioned_site: VersionedSite, tmp_path: Path
) -> None:
    result = build_site(
        versioned_site.repo.root, out=tmp_path / "site", languages=["en"], base_url=BASE
    )
    manifest = json.loads((result.out / "versions.json").read_text(encoding="utf-8"))
    assert manifest["versions"] == ["latest"] and manifest["stable"] == ""
    assert set(manifest["trees"]["en"]) == {"latest"}
    script = (result.out / "versions.js").read_text(encoding="utf-8")
    assert '"stable": ""' in script and "/stable/" not in script
    page = result.out / "en" / "latest" / SHARED_PAGE
    canonical = _soup(page).select_one("link[rel=canonical]")
    assert canonical is not None and canonical["href"] == f"{BASE}en/latest/{SHARED_PAGE}"
