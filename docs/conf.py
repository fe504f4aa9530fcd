"""Sphinx configuration. Japanese is the source language; other languages come from locales/."""

from __future__ import annotations

import tomllib
from importlib.metadata import metadata
from pathlib import Path

import city_diplomacy
from city_diplomacy import __version__
from city_diplomacy._version import LATEST

HERE = Path(__file__).resolve().parent

# Japanese (source-language) strings; city_diplomacy.sphinxext.theme swaps in the built language's
# title from locales/languages.toml, since conf.py strings do not go through the catalogs.
project = "東京都の多都市間都市外交"
author = "tokyo-city-diplomacy contributors"
copyright = "2026, tokyo-city-diplomacy contributors (text CC BY 4.0)"
version = release = __version__

language = "ja"
locale_dirs = [str(HERE.parent / "locales")]
gettext_compact = False
gettext_uuid = False
gettext_location = True

extensions = [
    "myst_parser",
    "city_diplomacy.sphinxext",
    "city_diplomacy.sphinxext.theme",
]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]


def _repository() -> str:
    """The project's address: pyproject.toml [project.urls] Homepage (or, in a copy of the
    docs without it, the same field of the installed package's metadata)."""
    pyproject = HERE.parent / "pyproject.toml"
    if pyproject.is_file():
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        return str(data["project"]["urls"]["Homepage"])
    for entry in metadata("tokyo-city-diplomacy").get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip() == "Homepage":
            return url.strip()
    raise RuntimeError("no Homepage in [project.urls] of pyproject.toml")


# {{repository}} in the pages: the project's address from its metadata.
myst_substitutions = {"repository": _repository()}
myst_heading_anchors = 3

# The data package every directive renders from.
city_diplomacy_datapackage = str(HERE.parent / "datapackage" / "datapackage.json")
# Land outline under the cd-map points (Natural Earth; see the README next to the file).
city_diplomacy_land = str(
    Path(city_diplomacy.__file__).parent / "sphinxext" / "static" / "land-110m.geojson"
)

# ARIA fixes to the Sphinx/Furo chrome that the quality gates require (see the module).
extensions.append("city_diplomacy.sphinxext.themefix")
extensions.append("city_diplomacy.sphinxext.themestrings")

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme = "furo"
html_title = project
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# The file:// search fallback (Sphinx's index) cannot fetch pages for summaries there.
html_show_search_summary = False
# Japanese words for that index: CJK bigrams (cheap; cd-search.js cuts queries the same way).
html_search_options = {"type": "city_diplomacy.sphinxext.search_ja.BigramSplitter"}

# Site chrome (city_diplomacy.sphinxext.theme): version label of this tree. The language
# list (locales/languages.toml) reaches the pages through the build context that
# `city-diplomacy build` passes (-D city_diplomacy_context=...).
city_diplomacy_version = LATEST

# Search is Pagefind (indexed after the build); the page chrome sets data-pagefind-body.
html_theme_options = {
    "top_of_page_buttons": [],
}
