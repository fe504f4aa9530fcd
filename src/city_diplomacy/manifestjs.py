"""``versions.js``: the site manifest as a script, for pages opened from ``file://``.

Browsers refuse ``fetch()`` of local files, but a plain ``<script src>`` loads them, so the
version switcher reads ``window.cityDiplomacyVersions`` rather than ``versions.json``.
"""

from __future__ import annotations

import json
from typing import Any

SCRIPT = "versions.js"


def versions_script(manifest: dict[str, Any]) -> str:
    """JavaScript assigning ``manifest`` to ``window.cityDiplomacyVersions`` (safe in HTML)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False)
    # "<" escaped so that no value can close the script element.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.cityDiplomacyVersions = {text};\n"
