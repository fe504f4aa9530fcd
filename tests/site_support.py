"""Helpers shared by the site tests: the project copy, the search cases, the site handle."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_PAGES = ROOT / "tests" / "fixtures" / "site_pages"
# Until the prose pages land in docs/, the site tests build placeholder pages with the real
# conf.py, templates, static files, language list and data.
REAL_CONTENT = (ROOT / "docs" / "index.md").is_file()


@dataclass(frozen=True)
class SearchCase:
    """A query typed into the search page and the page it must find."""

    language: str
    query: str
    page: str


if REAL_CONTENT:
    SEARCH_CASES = [
        SearchCase("ja", "気候変動", "programmes/environment.html"),
        SearchCase("ja", "感染症", "programmes/infectious-disease.html"),
        SearchCase("en", "infectious", "programmes/infectious-disease.html"),
    ]
    SAMPLE_PAGE = "programmes/infectious-disease.html"
else:
    SEARCH_CASES = [
        SearchCase("ja", "気候変動", "climate.html"),
        SearchCase("ja", "感染症", "programmes/health.html"),
        SearchCase("en", "infectious", "programmes/health.html"),
    ]
    SAMPLE_PAGE = "programmes/health.html"


def copy_project(dest: Path) -> Path:
    """Copy what a site build reads (docs/, locales/, datapackage/) into ``dest``."""
    ignore = shutil.ignore_patterns("*.mo", "_build", "__pycache__")
    for name in ("docs", "locales", "datapackage"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore, dirs_exist_ok=True)
    if not REAL_CONTENT:
        shutil.copytree(PLACEHOLDER_PAGES / "docs", dest / "docs", dirs_exist_ok=True)
        shutil.copytree(PLACEHOLDER_PAGES / "locales", dest / "locales", dirs_exist_ok=True)
    return dest


@dataclass(frozen=True)
class BuiltSite:
    """A built site on disk and the base URL it is served at (ends with a slash)."""

    project: Path
    out: Path
    url: str
