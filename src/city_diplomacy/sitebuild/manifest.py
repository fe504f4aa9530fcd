"""The site manifest: languages x versions x pages (``versions.json`` and ``versions.js``).

``versions.js`` holds the same manifest as a script, for pages opened from ``file://``:
browsers refuse ``fetch()`` of local files, but a plain ``<script src>`` loads them, so the
version switcher reads ``window.cityDiplomacyVersions`` rather than ``versions.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from city_diplomacy._version import LATEST
from city_diplomacy.release.versioning import Release, Version, VersionError
from city_diplomacy.sitebuild.rootpage import render_root_index
from city_diplomacy.translations.registry import Language

MANIFEST = "versions.json"
SCRIPT = "versions.js"
# Pages Sphinx generates that are not content (kept out of the manifest).
NON_CONTENT_PAGES = frozenset({"genindex.html", "search.html", "py-modindex.html", "404.html"})


def _is_semver(text: str) -> bool:
    try:
        Version.parse(text)
    except VersionError:
        return False
    return True


#: Alias of the newest recorded release (a copy of its trees, see :mod:`.headlinks`).
STABLE = "stable"


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


def content_pages(tree: Path) -> list[str]:
    """Paths (relative, POSIX) of the content pages of one built tree."""
    pages = []
    for path in tree.rglob("*.html"):
        relative = path.relative_to(tree)
        if relative.parts[0].startswith("_") or relative.parts[0] == "pagefind":
            continue
        if relative.as_posix() in NON_CONTENT_PAGES:
            continue
        pages.append(relative.as_posix())
    return sorted(pages)


def make_manifest(
    site: Path,
    languages: Sequence[Language],
    offered: Sequence[str],
    development: str = "",
    stable: str = "",
) -> dict[str, Any]:
    """The manifest of every ``<lang>/<version>`` tree present under ``site``.

    ``development`` is the dataset version of the ``latest`` tree (a development
    version such as ``1.2.0-dev+g<commit>`` unless the working tree is a recorded
    release); ``stable`` the newest recorded release. The manifest names it only when
    this site holds its ``<lang>/stable/`` alias: a build of ``latest`` alone (``make
    site LANG=en``) builds no release, so its ``versions.json`` and switchers offer
    only the trees it has.
    """
    trees: dict[str, dict[str, Any]] = {}
    versions: set[str] = set()
    for lang in languages:
        lang_dir = site / lang.code
        if not lang_dir.is_dir():
            continue
        for version_dir in sorted(p for p in lang_dir.iterdir() if p.is_dir()):
            versions.add(version_dir.name)
            trees.setdefault(lang.code, {})[version_dir.name] = {
                "path": f"{lang.code}/{version_dir.name}/",
                "pages": content_pages(version_dir),
            }
    if not any(STABLE in by_version for by_version in trees.values()):
        stable = ""
    return {
        "default_language": languages[0].code,
        "languages": [
            {
                "code": lang.code,
                "name": lang.name,
                "title": lang.title,
                "offered": lang.code in offered,
            }
            for lang in languages
            if lang.code in trees
        ],
        "versions": version_order(versions),
        "development": development,
        "stable": stable,
        "trees": trees,
    }


def order_manifest(manifest: dict[str, Any], releases: Sequence[Release]) -> dict[str, Any]:
    """The manifest with versions newest first and what each version is.

    Adds ``newest`` (the id of the newest version, ``latest``) and ``releases`` (per
    recorded version: ``date`` and ``commit``) to what :func:`make_manifest` writes
    (``default_language``, ``languages``, ``versions``, ``trees``).
    """
    ordered = version_order(manifest["versions"])
    recorded = {r.version: {"date": r.date, "commit": r.commit} for r in releases}
    return {
        **manifest,
        "versions": ordered,
        "newest": ordered[0] if ordered else LATEST,
        "releases": {v: recorded[v] for v in ordered if v in recorded},
    }


def write_manifest_files(
    site: Path, manifest: dict[str, Any], languages: Sequence[Language]
) -> None:
    """Write the site root's ``versions.json``, ``versions.js`` and language chooser."""
    (site / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (site / SCRIPT).write_text(versions_script(manifest), encoding="utf-8")
    (site / "index.html").write_text(render_root_index(manifest, languages), encoding="utf-8")
