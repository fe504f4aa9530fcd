"""Quality gates for a built site: each gate returns findings and prints nothing.

Static gates (no browser): :func:`check_html`, :func:`check_links`,
:func:`check_origins`, :func:`check_weight`. Browser gates live in
:mod:`city_diplomacy.sitecheck.browser` (they need Playwright and Chromium).
"""

from .budget import Budget, BudgetError, load_budget
from .findings import Finding
from .htmlvalid import JavaMissingError, check_html
from .links import check_links
from .origins import check_origins
from .pages import html_pages
from .run import STATIC_GATES, run_static_gates
from .weight import Asset, PageWeight, check_weight, heaviest, page_weights

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
