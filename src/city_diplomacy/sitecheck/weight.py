"""Gate: each page's first load stays within the budget; report the heaviest pages.

A page's first load is its HTML plus what the browser fetches to render it: scripts,
stylesheets (and what they import: fonts, images), images, icons, frames. Files that
scripts fetch later (the search index on a query, data behind a click) are not counted;
the map counts on the pages that embed it. Sizes are measured twice: as stored, and
gzip-compressed (what a static host such as GitHub Pages transfers); budgets on the
whole load and on single assets use the compressed size, the HTML cap the stored size
(what the browser parses).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from city_diplomacy.sitecheck.budget import Budget
from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.pages import (
    css_urls,
    html_pages,
    is_local,
    parse_page,
    relpath,
    resolve,
)

GATE = "weight"


@dataclass(frozen=True)
class Asset:
    """One file of a page's first load: path from the site root, stored and gzip bytes."""

    path: str
    size: int
    gzip_size: int


@dataclass(frozen=True)
class PageWeight:
    """What a page's first load transfers: the HTML and its assets."""

    page: Asset
    assets: tuple[Asset, ...]

    @property
    def total_bytes(self) -> int:
        """Stored bytes of the HTML and every asset."""
        return self.page.size + sum(a.size for a in self.assets)

    @property
    def transfer_bytes(self) -> int:
        """Gzip-compressed bytes of the HTML and every asset (the budgeted figure)."""
        return self.page.gzip_size + sum(a.gzip_size for a in self.assets)

    def files(self) -> set[str]:
        """Every file of the load, as paths from the site root."""
        return {self.page.path, *(a.path for a in self.assets)}


class _Sizer:
    """Stored and compressed sizes, computed once per file (assets repeat on every page)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._cache: dict[Path, Asset] = {}

    def __call__(self, path: Path) -> Asset:
        if path not in self._cache:
            data = path.read_bytes()
            compressed = len(gzip.compress(data, compresslevel=6, mtime=0))
            self._cache[path] = Asset(relpath(self.site_dir, path), len(data), compressed)
        return self._cache[path]


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


def _first_load(site_dir: Path, page: Path) -> set[Path]:
    """The local files loading ``page`` fetches (missing files are the links gate's job)."""
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
    return seen


def page_weights(site_dir: Path) -> list[PageWeight]:
    """The first-load weight of every page of the site."""
    site_dir = site_dir.resolve()
    sizer = _Sizer(site_dir)
    weights = []
    for page in html_pages(site_dir):
        assets = sorted((sizer(p) for p in _first_load(site_dir, page)), key=lambda a: a.path)
        weights.append(PageWeight(sizer(page), tuple(assets)))
    return weights


def heaviest(weights: list[PageWeight], count: int = 5) -> list[PageWeight]:
    """The ``count`` pages with the largest first load (compressed), heaviest first."""
    return sorted(weights, key=lambda w: (-w.transfer_bytes, w.page.path))[:count]


def check_weight(site_dir: Path, budget: Budget) -> list[Finding]:
    """Pages over their first-load budget, HTML over its cap, any asset over its budget."""
    findings = []
    reported: set[str] = set()
    for weight in page_weights(site_dir):
        page = weight.page.path
        limit = budget.page_limit(page)
        if weight.transfer_bytes > limit:
            msg = f"first load {weight.transfer_bytes:,} bytes gzipped > budget {limit:,}"
            findings.append(Finding(GATE, page, msg))
        if weight.page.size > budget.max_html_bytes:
            msg = f"HTML {weight.page.size:,} bytes > budget {budget.max_html_bytes:,}"
            findings.append(Finding(GATE, page, msg))
        for asset in weight.assets:
            if asset.gzip_size > budget.max_asset_bytes and asset.path not in reported:
                reported.add(asset.path)
                msg = (
                    f"asset {asset.path} is {asset.gzip_size:,} bytes gzipped > budget "
                    f"{budget.max_asset_bytes:,} (first loaded by {page})"
                )
                findings.append(Finding(GATE, page, msg))
    return findings
