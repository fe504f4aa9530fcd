"""Sphinx configuration of the EPUB copies: the site's ``docs/conf.py`` minus the chrome.

Package data, used as ``sphinx-build -c <this folder>`` by
:func:`city_diplomacy.sitebuild.offline.make_epub`, which names the site's Sphinx source
folder in the environment variable ``CITY_DIPLOMACY_DOCS`` and sets ``epub_identifier``
with ``-D``. The chrome templates write HTML, and EPUB pages must be well-formed XHTML,
so they are left out; relative paths of the site's configuration are made absolute.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

_docs = Path(os.environ["CITY_DIPLOMACY_DOCS"])
_site: dict[str, Any] = {
    key: value
    for key, value in runpy.run_path(str(_docs / "conf.py")).items()
    if not key.startswith("__")
}
globals().update(_site)

templates_path: list[str] = []
html_static_path = [str(_docs / path) for path in _site.get("html_static_path", [])]
for _name in ("city_diplomacy_datapackage", "city_diplomacy_land", "city_diplomacy_context"):
    _value = _site.get(_name)
    if _value and not Path(_value).is_absolute():
        globals()[_name] = str(_docs / _value)
suppress_warnings = [*_site.get("suppress_warnings", []), "epub.unknown_project_files"]
epub_scheme = "URL"
