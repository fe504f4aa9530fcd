"""Quality gates for a built site: each gate returns findings and prints nothing.

Static gates (no browser): :func:`check_html`, :func:`check_links`,
:func:`check_origins`, :func:`check_weight`. Browser gates live in
:mod:`city_diplomacy.sitecheck.browser` (they need Playwright and Chromium).
"""

from city_diplomacy.sitecheck.budget import Budget, BudgetError, load_budget
from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.htmlvalid import JavaMissingError, check_html
from city_diplomacy.sitecheck.links import check_links
from city_diplomacy.sitecheck.origins import check_origins
from city_diplomacy.sitecheck.pages import html_pages
from city_diplomacy.sitecheck.run import STATIC_GATES, run_static_gates
from city_diplomacy.sitecheck.weight import Asset, PageWeight, check_weight, heaviest, page_weights

__all__ = [
    "STATIC_GATES",
    "Asset",
    "Budget",
    "BudgetError",
    "Finding",
    "JavaMissingError",
    "PageWeight",
    "check_html",
    "check_links",
    "check_origins",
    "check_weight",
    "heaviest",
    "html_pages",
    "load_budget",
    "page_weights",
    "run_static_gates",
]
