"""Gate (static half): no page or stylesheet loads anything from another origin.

The browser half (:func:`city_diplomacy.sitecheck.browser.foreign_requests`) records
what Chromium actually requests, which also catches URLs built by scripts.
"""

from __future__ import annotations

from pathlib import Path

from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.pages import css_urls, html_pages, is_external, parse_page, relpath

GATE = "origins"


def check_origins(site_dir: Path) -> list[Finding]:
    """Resources (scripts, styles, images, fonts, frames) on pages and in CSS are local."""
    site_dir = site_dir.resolve()
    findings: list[Finding] = []
    for page in html_pages(site_dir):
        info = parse_page(page)
        where = relpath(site_dir, page)
        for ref in info.refs:
            if ref.is_resource and is_external(ref.url):
                msg = f"{ref.describe()} loads from another origin"
                findings.append(Finding(GATE, where, msg, ref.line))
        for css in info.inline_css:
            for url in css_urls(css):
                if is_external(url):
                    findings.append(Finding(GATE, where, f"inline CSS url({url!r}) is external"))
    for sheet in sorted(site_dir.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for url in css_urls(text):
            if is_external(url):
                msg = f"url({url!r}) loads from another origin"
                findings.append(Finding(GATE, relpath(site_dir, sheet), msg))
    return findings
