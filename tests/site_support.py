"""Helpers shared by the site tests: the project copy, the search cases, the site handle."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from city_diplomacy.sitebuild import versions

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class SearchCase:
    """A query typed into the search page and the page it must find."""

    language: str
    query: str
    page: str


SEARCH_CASES = [
    SearchCase("ja", "気候変動", "programmes/environment.html"),
    SearchCase("ja", "感染症", "programmes/infectious-disease.html"),
    SearchCase("en", "infectious", "programmes/infectious-disease.html"),
    SearchCase("en", "climate", "programmes/environment.html"),
]
SAMPLE_PAGE = "programmes/infectious-disease.html"


def copy_project(dest: Path) -> Path:
    """Copy what a site build reads (docs/, locales/, datapackage/) into ``dest``."""
    ignore = shutil.ignore_patterns("*.mo", "_build", "__pycache__")
    for name in ("docs", "locales", "datapackage"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore, dirs_exist_ok=True)
    for name in ("CHANGELOG.md", "releases.json"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def publish_downloads(site: Path, project: Path, label: str = "latest") -> None:
    """What the full site build adds next to the trees: ``downloads/<label>/``."""
    versions.publish_downloads(site, project / "datapackage" / "datapackage.json", label)


@dataclass(frozen=True)
class BuiltSite:
    """A built site on disk and the base URL it is served at (ends with a slash)."""

    project: Path
    out: Path
    url: str
