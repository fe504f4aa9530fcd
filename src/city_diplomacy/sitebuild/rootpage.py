"""The root ``index.html``: a language chooser made of plain links (no script).

When the site holds several versions, each language also lists links to every version.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from city_diplomacy.sitebuild.sitemeta import icon_links
from city_diplomacy.translations.registry import Language

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;
line-height:1.6;color:#222;background:#fff}
ul{list-style:none;padding:0}li{margin:1.25rem 0}
a{font-size:1.25rem;color:#2757a8}.cd-versions a{font-size:1rem}p{margin:.25rem 0;color:#555}
""".strip()


def _entry_url(manifest: dict[str, Any], code: str) -> str | None:
    """URL of the home page of a language's newest tree (``latest`` when present)."""
    versions = manifest["trees"].get(code, {})
    for version in manifest["versions"]:
        tree = versions.get(version)
        if tree is not None:
            return f"{tree['path']}index.html"
    return None


def _version_links(manifest: dict[str, Any], lang: Language) -> str:
    """A paragraph linking every version of a language's site, when there is more than one."""
    trees = manifest["trees"].get(lang.code, {})
    present = [v for v in manifest["versions"] if v in trees]
    if len(present) < 2:
        return ""
    links = " ".join(
        f'<a class="cd-version" href="{escape(trees[v]["path"])}index.html">{escape(v)}</a>'
        for v in present
    )
    return f'<p class="cd-versions">{escape(lang.versions_label)}: {links}</p>'


def render_root_index(manifest: dict[str, Any], languages: Sequence[Language]) -> str:
    """HTML of the language chooser for the languages the manifest has trees for."""
    offered = {entry["code"] for entry in manifest["languages"] if entry.get("offered", True)}
    built = [(lang, url) for lang in languages if (url := _entry_url(manifest, lang.code))]
    # a preview of languages not offered yet (`make site LANG=fr`) lists what it holds
    present = [(lang, url) for lang, url in built if lang.code in offered] or built
    default = manifest["default_language"]
    source = next((lang for lang in languages if lang.code == default), None)

    def text(lang: Language, key: str) -> str:
        """A site string in a <p>, marked as the source language's where it still is."""
        value = getattr(lang, key)
        fallback = source is not None and lang is not source and value == getattr(source, key)
        mark = f' lang="{escape(default)}"' if fallback else ""
        return f"<p{mark}>{escape(value)}</p>"

    head_links = []
    items = []
    for lang, url in present:
        code, href = escape(lang.code), escape(url)
        head_links.append(f'<link rel="alternate" hreflang="{code}" href="{href}">')
        if lang.code == default:
            head_links.append(f'<link rel="alternate" hreflang="x-default" href="{href}">')
        items.append(
            f'<li lang="{code}"><a href="{href}" hreflang="{code}">{escape(lang.name)}</a>'
            f"{text(lang, 'title')}{text(lang, 'description')}"
            f"{_version_links(manifest, lang)}</li>"
        )
    title = " / ".join(dict.fromkeys(escape(lang.title) for lang, _ in present))
    return "\n".join(
        [
            "<!doctype html>",
            f'<html lang="{escape(default)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            f"<title>{title}</title>",
            *head_links,
            *icon_links(""),
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{title}</h1>",
            "<ul>",
            *items,
            "</ul>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
