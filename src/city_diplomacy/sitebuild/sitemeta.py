"""Files for crawlers and lost readers: ``sitemap.xml``, ``robots.txt``, ``404.html`` pages.

The base URL (where the site is published, e.g. ``https://example.org/city-diplomacy/``)
comes from ``site.toml`` at the project root or ``city-diplomacy build --base-url``. A
sitemap needs absolute URLs, so without a base URL none is written. The 404 pages are
self-contained (inline style, no script) and link with root-absolute paths computed from
the base URL's path, so they work at whatever depth a server shows them.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from city_diplomacy.sitebuild.headlinks import canonical_version
from city_diplomacy.translations.registry import Language

SITE_FILE = "site.toml"
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"

# The message of the 404 pages; languages without an entry get the English one.
_NOT_FOUND_TEXT = {
    "ja": (
        "ページが見つかりません",
        "お探しのページはありません。移動または削除された可能性があります。",
        "トップページへ",
    ),
    "en": (
        "Page not found",
        "There is no page at this address. It may have moved or been removed.",
        "Go to the home page",
    ),
}
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
    "line-height:1.6;color:#222;background:#fff}a{color:#2757a8}"
    "@media (prefers-color-scheme:dark){body{color:#eee;background:#111}a{color:#9cc3ff}}"
)


class SiteConfigError(ValueError):
    """``site.toml`` is malformed or its base URL is not an absolute http(s) URL."""


def normalize_base_url(value: str, where: str = "--base-url") -> str:
    """``value`` with a trailing slash ('' stays ''); it must be an absolute http(s) URL."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise SiteConfigError(f"{where}: base URL {value!r} is not an absolute http(s) URL")
    return value if value.endswith("/") else f"{value}/"


def load_base_url(root: Path) -> str:
    """``base_url`` of ``[site]`` in ``site.toml`` ('' when the file or the key is absent)."""
    path = root / SITE_FILE
    if not path.is_file():
        return ""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SiteConfigError(f"{SITE_FILE}: {exc}") from exc
    value = data.get("site", {}).get("base_url", "")
    if not isinstance(value, str):
        raise SiteConfigError(f"{SITE_FILE}: [site] base_url must be a string")
    return normalize_base_url(value, f"{SITE_FILE}: [site] base_url")


def base_path(base_url: str) -> str:
    """The path part of the base URL, with slashes at both ends (``/`` by default)."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else f"{path}/"


def _home(manifest: dict[str, Any], code: str) -> str | None:
    trees = manifest["trees"].get(code, {})
    for version in manifest["versions"]:
        if version in trees:
            return f"{trees[version]['path']}index.html"
    return None


def render_sitemap(manifest: dict[str, Any], base_url: str) -> str:
    """``sitemap.xml``: every page once, at its canonical URL, with ``hreflang`` alternates
    and x-default.

    The same page is in several trees: ``latest``, the release it first appeared in, the
    ``stable`` copy of the newest release. Each page's ``rel="canonical"`` names one of
    them (:func:`.headlinks.canonical_version`: the ``stable`` copy where it has the page,
    else the page itself), and a sitemap that listed the others would send crawlers to
    URLs the pages themselves call duplicates. So a URL is listed only where it is its
    own canonical URL: the ``stable`` pages, the pages ``stable`` lacks (new in
    ``latest``, dropped since an old release), each once. A page's alternates are the
    other languages' copies that are canonical in the same version, so the groups stay
    reciprocal.
    """
    default = manifest["default_language"]
    codes = [entry["code"] for entry in manifest["languages"]]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        f"<url><loc>{escape(base_url)}</loc></url>",
    ]
    for version in manifest["versions"]:
        having: dict[str, set[str]] = {
            code: {
                page
                for page in manifest["trees"][code][version]["pages"]
                if canonical_version(manifest, code, version, page) == version
            }
            for code in codes
            if version in manifest["trees"].get(code, {})
        }
        for code, pages in having.items():
            for page in sorted(pages):
                url = f"{base_url}{code}/{version}/{page}"
                alternates = [
                    (other, f"{base_url}{other}/{version}/{page}")
                    for other in having
                    if page in having[other]
                ]
                if default in having and page in having[default]:
                    alternates.append(("x-default", f"{base_url}{default}/{version}/{page}"))
                links = "".join(
                    f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)}'
                    f" href={quoteattr(href)}/>"
                    for lang, href in alternates
                )
                lines.append(f"<url><loc>{escape(url)}</loc>{links}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(base_url: str) -> str:
    """``robots.txt``: everything allowed; the sitemap named when there is a base URL."""
    text = "User-agent: *\nAllow: /\n"
    return text + (f"\nSitemap: {base_url}{SITEMAP}\n" if base_url else "")


#: The site's icons (drawn once in ``docs/_static/icons/favicon.svg``, see
#: ``scripts/make_icons.py``), copied from a built tree to the site root so that the root
#: page, the 404 pages and a browser's own ``/favicon.ico`` request find them.
ICONS = ("favicon.svg", "favicon.ico", "icon-192.png", "apple-touch-icon.png")
ICONS_IN_TREE = Path("_static") / "icons"


def icon_links(prefix: str) -> list[str]:
    """``<link>`` elements for the icons at ``prefix`` (a root-relative or relative path)."""
    href = escape(prefix)
    return [
        f'<link rel="icon" href="{href}favicon.svg" type="image/svg+xml">',
        f'<link rel="icon" href="{href}favicon.ico" sizes="32x32">',
        f'<link rel="icon" href="{href}icon-192.png" type="image/png" sizes="192x192">',
        f'<link rel="apple-touch-icon" href="{href}apple-touch-icon.png">',
    ]


def copy_icons(site: Path, tree: Path) -> None:
    """Copy the icons of a built ``tree`` to the ``site`` root (where they are present)."""
    for name in ICONS:
        source = tree / ICONS_IN_TREE / name
        if source.is_file():
            shutil.copyfile(source, site / name)


def _page(lang: str, title: str, body: list[str], icons: str) -> str:
    return "\n".join(
        [
            "<!doctype html>",
            f'<html lang="{escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width,initial-scale=1">',
            '<meta name="robots" content="noindex">',
            f"<title>{escape(title)}</title>",
            *icon_links(icons),
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render_not_found(
    manifest: dict[str, Any], languages: Sequence[Language], base: str, lang: str | None = None
) -> str:
    """A 404 page: in ``lang`` linking to its home, or (``None``) in every language."""
    present = [
        (language, home)
        for language in languages
        if (lang is None or language.code == lang) and (home := _home(manifest, language.code))
    ]
    body: list[str] = []
    for language, home in present:
        heading, message, link = _NOT_FOUND_TEXT.get(language.code, _NOT_FOUND_TEXT["en"])
        code = escape(language.code)
        tag = "h1" if not body else "h2"
        body += [
            f'<section lang="{code}">',
            f"<{tag}>{escape(heading)}</{tag}>",
            f"<p>{escape(message)}</p>",
            f'<p><a href="{escape(base + home)}" hreflang="{code}">{escape(link)}: '
            f"{escape(language.title)}</a></p>",
            "</section>",
        ]
    page_lang = lang or manifest["default_language"]
    first = _NOT_FOUND_TEXT.get(page_lang, _NOT_FOUND_TEXT["en"])[0]
    title = (
        first
        if lang
        else " / ".join(
            _NOT_FOUND_TEXT.get(language.code, _NOT_FOUND_TEXT["en"])[0] for language, _ in present
        )
    )
    return _page(page_lang, title, body, base)


def resolve_base_url(root: Path, given: str | None) -> str:
    """The base URL: ``given`` (from ``--base-url``) if not None, else ``site.toml``'s."""
    return load_base_url(root) if given is None else normalize_base_url(given)


def write_site_files(
    site: Path,
    manifest: dict[str, Any],
    languages: Sequence[Language],
    built: Sequence[str],
    version: str,
    base_url: str,
) -> list[str]:
    """Write the 404 pages (root and each built tree), robots.txt and the sitemap.

    Returns notes for the reader (such as why no sitemap was written).
    """
    base = base_path(base_url)
    for code in built:
        copy_icons(site, site / code / version)
    (site / NOT_FOUND).write_text(render_not_found(manifest, languages, base), encoding="utf-8")
    for code in built:
        tree = site / code / version
        page = render_not_found(manifest, languages, base, code)
        (tree / NOT_FOUND).write_text(page, encoding="utf-8")
    (site / "robots.txt").write_text(render_robots(base_url), encoding="utf-8")
    if not base_url:
        return [
            f"no base URL ([site] base_url in {SITE_FILE} or --base-url): "
            f"{SITEMAP} not written (it needs absolute URLs)"
        ]
    (site / SITEMAP).write_text(render_sitemap(manifest, base_url), encoding="utf-8")
    return []
