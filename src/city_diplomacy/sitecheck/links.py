"""Gate: no broken internal link or ``#anchor``, across languages and versions."""

from __future__ import annotations

from pathlib import Path

from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.pages import (
    PageInfo,
    html_pages,
    is_local,
    parse_page,
    relpath,
    resolve,
)

GATE = "links"

#: Fragments that browsers handle without a matching id.
_IMPLICIT_FRAGMENTS = frozenset({"", "top"})


def check_links(site_dir: Path) -> list[Finding]:
    """Every local link and resource on every page exists; every ``#anchor`` has a target."""
    site_dir = site_dir.resolve()
    pages = html_pages(site_dir)
    infos: dict[Path, PageInfo] = {page: parse_page(page) for page in pages}
    findings: list[Finding] = []
    for page, info in infos.items():
        for ref in info.refs:
            if not ref.url or not is_local(ref.url) or ref.tag == "form":
                continue
            target, fragment = resolve(site_dir, page, ref.url)
            where = relpath(site_dir, page)
            if target is None:
                findings.append(Finding(GATE, where, f"{ref.url!r} leaves the site", ref.line))
                continue
            if not target.is_file():
                msg = f"{ref.describe()}: no such file {relpath(site_dir, target)}"
                findings.append(Finding(GATE, where, msg, ref.line))
                continue
            if fragment in _IMPLICIT_FRAGMENTS or target.suffix != ".html":
                continue
            target_info = infos.get(target) or parse_page(target)
            if fragment not in target_info.ids:
                msg = f"{ref.describe()}: no id {fragment!r} in {relpath(site_dir, target)}"
                findings.append(Finding(GATE, where, msg, ref.line))
    return findings
