"""``versions.js``: the site manifest as a script, for pages opened from ``file://``; version order.

Browsers refuse ``fetch()`` of local files, but a plain ``<script src>`` loads them, so the
version switcher reads ``window.cityDiplomacyVersions`` rather than ``versions.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from city_diplomacy.release.versioning import Version, VersionError

SCRIPT = "versions.js"
#: The working tree's version: always the newest.
LATEST = "latest"
#: Alias of the newest recorded release (a copy of its trees).
STABLE = "stable"


def _is_semver(text: str) -> bool:
    try:
        Version.parse(text)
    except VersionError:
        return False
    return True


def version_order(versions: Iterable[str]) -> list[str]:
    """``latest`` first, ``stable`` next, then releases newest first (semantic version
    precedence)."""
    versions = list(versions)
    named = [v for v in versions if v not in (LATEST, STABLE)]
    semver = sorted((v for v in named if _is_semver(v)), key=Version.parse, reverse=True)
    others = sorted(v for v in named if not _is_semver(v))
    aliases = [v for v in (LATEST, STABLE) if v in versions]
    return [*aliases, *semver, *others]


def versions_script(manifest: dict[str, Any]) -> str:
    """JavaScript assigning ``manifest`` to ``window.cityDiplomacyVersions`` (safe in HTML)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False)
    # "<" escaped so that no value can close the script element.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.cityDiplomacyVersions = {text};\n"
