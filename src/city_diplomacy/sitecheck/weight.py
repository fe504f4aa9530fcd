"""Gate: each page's first load stays within the budget; report the heaviest pages.

A page's first load is its HTML plus what the browser fetches to render it: scripts,
stylesheets (and what they import: fonts, images), images, icons, frames. Files that
scripts fetch later (the search index on a query, data behind a click) are not counted;
the map counts on the pages that embed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .budget import Budget
from .findings import Finding
from .pages import css_urls, html_pages, is_local, parse_page, relpath, resolve

GATE = "weight"


@dataclass(frozen=True)
class PageWeight:
    """Bytes a page's first load transfers (uncompressed), and of what."""

    page: str
    html_bytes: int
    assets: tuple[tuple[str, int], ...]

    @property
    def total_bytes(self) -> int:
        return self.html_bytes + sum(size for _, size in self.assets)


def _css_closure(site_dir: Path, sheet: Path, seen: set[Path]) -> None:
    """Add to ``seen`` every local file that ``sheet`` references, recursively."""
    text = sheet.read_text(encoding="utf-8", errors="replace")
    for url in css_urls(text):
        if not is_local(url):
            continue
        target, _ = resolve(site_dir, sheet, url)
        if target is None or target in seen or not target.is_file():
            continue
        seen.add(target)
        if target.suffix == ".css":
            _css_closure(site_dir, target, seen)


def page_weight(site_dir: Path, page: Path) -> PageWeight:
    """What loading ``page`` once fetches (missing files are the links gate's job)."""
    info = parse_page(page)
    seen: set[Path] = set()
    for ref in info.refs:
        if not ref.is_resource or not ref.url or not is_local(ref.url):
            continue
        target, _ = resolve(site_dir, page, ref.url)
        if target is None or target == page or target in seen or not target.is_file():
            continue
        seen.add(target)
        if target.suffix == ".css":
            _css_closure(site_dir, target, seen)
    for css in info.inline_css:
        for url in css_urls(css):
            if is_local(url):
                target, _ = resolve(site_dir, page, url)
                if target is not None and target.is_file():
                    seen.add(target)
    assets = tuple(sorted((relpath(site_dir, p), p.stat().st_size) for p in seen))
    return PageWeight(relpath(site_dir, page), page.stat().st_size, assets)


def page_weights(site_dir: Path) -> list[PageWeight]:
    """The first-load weight of every page of the site."""
    site_dir = site_dir.resolve()
    return [page_weight(site_dir, page) for page in html_pages(site_dir)]


def heaviest(weights: list[PageWeight], count: int = 5) -> list[PageWeight]:
    """The ``count`` pages with the largest first load, heaviest first."""
    return sorted(weights, key=lambda w: (-w.total_bytes, w.page))[:count]


def check_weight(site_dir: Path, budget: Budget) -> list[Finding]:
    """Pages over their first-load budget, HTML over its own, any asset over its own."""
    findings = []
    oversized: dict[str, int] = {}
    for weight in page_weights(site_dir):
        limit = budget.page_limit(weight.page)
        if weight.total_bytes > limit:
            msg = f"first load {weight.total_bytes:,} bytes > budget {limit:,}"
            findings.append(Finding(GATE, weight.page, msg))
        if weight.html_bytes > budget.max_html_bytes:
            msg = f"HTML {weight.html_bytes:,} bytes > budget {budget.max_html_bytes:,}"
            findings.append(Finding(GATE, weight.page, msg))
        for asset, size in weight.assets:
            if size > budget.max_asset_bytes and asset not in oversized:
                oversized[asset] = size
                msg = (
                    f"asset {asset} is {size:,} bytes > budget {budget.max_asset_bytes:,} "
                    f"(first loaded by {weight.page})"
                )
                findings.append(Finding(GATE, weight.page, msg))
    return findings
