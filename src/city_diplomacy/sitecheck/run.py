"""Run every static gate on one built site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from city_diplomacy.sitecheck.budget import Budget
from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.htmlvalid import check_html
from city_diplomacy.sitecheck.links import check_links
from city_diplomacy.sitecheck.origins import check_origins
from city_diplomacy.sitecheck.weight import check_weight

#: Gate name -> function(site_dir, budget) for the gates that need no browser.
STATIC_GATES: dict[str, Callable[[Path, Budget], list[Finding]]] = {
    "html": lambda site, _budget: check_html(site),
    "links": lambda site, _budget: check_links(site),
    "origins": lambda site, _budget: check_origins(site),
    "weight": check_weight,
}


def run_static_gates(
    site_dir: Path, budget: Budget, gates: list[str] | None = None
) -> dict[str, list[Finding]]:
    """Findings of each selected gate (all by default), keyed by gate name."""
    selected = gates if gates is not None else list(STATIC_GATES)
    return {name: STATIC_GATES[name](site_dir, budget) for name in selected}
