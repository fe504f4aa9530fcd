"""Links between the trees of the assembled site: canonical, hreflang, OpenGraph, ``stable``.

Which release is stable, and whether a page exists there, is known only once every
``<lang>/<version>/`` tree is in place (release trees are built by their own commit's
code, long before later releases exist). So this step runs on the assembled site, after
the trees are copied together, and rewrites each page's ``<head>``:

* with a base URL (``--base-url`` / ``site.toml``): one ``<link rel="canonical">`` to the
  same page in ``<lang>/stable/`` when it exists there (else to the page itself); the
  ``hreflang`` alternates made absolute; OpenGraph and Twitter card tags (``og:url`` is
  the canonical URL). Without a base URL none of these is written: no page points at a
  made-up host, and the alternates stay relative.
* on the pages of releases older than the stable one: at the end of the old-version
  notice, the language's ``stable_notice`` with a link to the same page in the stable
  release.

Every step is idempotent (a tree carried over from the previous build is rewritten to
the same bytes), and values are escaped.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from city_diplomacy.translations.registry import Language

#: Alias of the newest recorded release, beside ``latest`` (the development version).
STABLE = "stable"
LATEST = "latest"

_CANONICAL = re.compile(r'\s*<link rel="canonical" href="[^"]*"\s*/?>')
_ALTERNATE = re.compile(r'(<link rel="alternate" hreflang="[^"]*" href=")([^"]*)(")')
_SOCIAL = re.compile(r'\s*<meta (?:property="og:|name="twitter:)[^>]*>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
_NOTICE = re.compile(r'(<p class="cd-old-version"[^>]*>.*?)(</p>)', re.S)
_STABLE_NOTICE = re.compile(r' <span class="cd-stable-version".*?</span>', re.S)
_OG_LOCALES = {"ja": "ja_JP", "en": "en_US"}


def copy_stable(site: Path, codes: Sequence[str], stable: str) -> list[str]:
    """Copy each language's tree of release ``stable`` to ``<lang>/stable/``.

    Static hosting has no redirects, so the alias is a copy (its pages say ``stable``'s
    number, and their canonical link names the alias). Returns the trees written.
    """
    written = []
    for code in codes:
        source = site / code / stable
        if not stable or not source.is_dir():
            continue
        target = site / code / STABLE
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, symlinks=True)
        written.append(f"{code}/{STABLE}/")
    return written


#: Pages the manifest leaves out (not content) whose head links must be absolute too.
_UTILITY_PAGES = ("search.html", "genindex.html")


def _pages(site: Path, manifest: Mapping[str, Any]) -> Iterator[tuple[str, str, str, Path]]:
    for code, trees in manifest.get("trees", {}).items():
        for version, tree in trees.items():
            for page in tree["pages"]:
                yield code, version, page, site / tree["path"] / page
            for page in _UTILITY_PAGES:
                path = site / tree["path"] / page
                if page not in tree["pages"] and path.is_file():
                    yield code, version, page, path


def _social_tags(page_html: str, url: str, code: str, site_name: str) -> str:
    title_match = _TITLE.search(page_html)
    title = html.unescape(title_match.group(1).strip()) if title_match else site_name
    described = _DESCRIPTION.search(page_html)
    description = html.unescape(described.group(1)) if described else ""
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:url", url),
        ("property", "og:title", title),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", _OG_LOCALES.get(code, code)),
    ]
    if description:
        tags.append(("property", "og:description", description))
    tags.append(("name", "twitter:card", "summary"))
    return "".join(
        f'\n<meta {kind}="{name}" content="{html.escape(value)}">' for kind, name, value in tags
    )


def rewrite_page(
    page_html: str,
    *,
    page_url: str,
    canonical: str,
    code: str,
    site_name: str,
    stable_notice: str = "",
    alias: str = "",
) -> str:
    """One page's HTML with its head links for ``page_url`` (absolute, or '' without a
    base URL) and, when given, the stable notice (HTML) after its old-version notice.

    ``alias``: on a page of the ``stable`` copy, the release number it copies (its
    alternates then name ``stable`` too)."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    head, body = page_html[:head_end], page_html[head_end:]
    head = _SOCIAL.sub("", _CANONICAL.sub("", head))
    if page_url:

        def absolute(match: re.Match[str]) -> str:
            url: str = urljoin(page_url, match.group(2))
            if alias:
                url = url.replace(f"/{alias}/", f"/{STABLE}/", 1)
            return f"{match.group(1)}{url}{match.group(3)}"

        head = _ALTERNATE.sub(absolute, head).rstrip()
        head += f'\n<link rel="canonical" href="{html.escape(canonical)}">'
        head += _social_tags(page_html, canonical, code, site_name) + "\n"
    body = _STABLE_NOTICE.sub("", body)
    if stable_notice:
        body = _NOTICE.sub(lambda m: f"{m.group(1)} {stable_notice}{m.group(2)}", body, count=1)
    return head + body


def _notice(language: Language, href: str, stable: str) -> str:
    before, _, after = language.stable_notice.partition("{stable}")
    link = f'<a href="{html.escape(href)}" data-cd-stable>{html.escape(stable)}</a>'
    return f'<span class="cd-stable-version">{html.escape(before)}{link}{html.escape(after)}</span>'


def _older(version: str, stable: str, order: Sequence[str]) -> bool:
    """Whether ``version`` is a release older than ``stable`` (``order``: newest first)."""
    if version in (LATEST, STABLE, stable) or stable not in order or version not in order:
        return False
    return order.index(version) > order.index(stable)


def rewrite_site(
    site: Path, manifest: Mapping[str, Any], languages: Sequence[Language], base_url: str
) -> int:
    """Rewrite the head (and stable notice) of every page of every tree; pages changed."""
    stable = str(manifest.get("stable", ""))
    trees = manifest.get("trees", {})
    by_code = {lang.code: lang for lang in languages}
    order = list(manifest.get("versions", []))
    changed = 0
    for code, version, page, path in _pages(site, manifest):
        language = by_code.get(code)
        if language is None or not path.is_file():
            continue
        stable_pages = set(trees.get(code, {}).get(STABLE, {}).get("pages", []))
        own = f"{base_url}{code}/{version}/{page}" if base_url else ""
        canonical = f"{base_url}{code}/{STABLE}/{page}" if page in stable_pages else own
        notice = ""
        if stable and stable_pages and _older(version, stable, order):
            depth = "../" * (page.count("/") + 2)
            target = page if page in stable_pages else "index.html"
            notice = _notice(language, f"{depth}{code}/{STABLE}/{target}", stable)
        text = path.read_text(encoding="utf-8")
        new = rewrite_page(
            text,
            page_url=own,
            canonical=canonical if base_url else "",
            code=code,
            site_name=language.title,
            stable_notice=notice,
            alias=stable if version == STABLE else "",
        )
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
