"""Sphinx configuration. Japanese is the source language; other languages come from locales/."""

from __future__ import annotations

from pathlib import Path

from city_diplomacy import __version__

HERE = Path(__file__).resolve().parent

project = "東京都の多都市間都市外交"
author = "tokyo-city-diplomacy contributors"
copyright = "2026, tokyo-city-diplomacy contributors (text CC BY 4.0)"  # noqa: A001
version = release = __version__

language = "ja"
locale_dirs = [str(HERE.parent / "locales")]
gettext_compact = False
gettext_uuid = False
gettext_location = True

extensions = ["myst_parser", "city_diplomacy.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# The data package every directive renders from.
city_diplomacy_datapackage = str(HERE.parent / "datapackage" / "datapackage.json")

# ARIA fixes to the Sphinx/Furo chrome that the quality gates require (see the module).
extensions.append("city_diplomacy.themefix")

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_theme = "furo"
html_title = project
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
