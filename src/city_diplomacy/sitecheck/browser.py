"""Browser gates: axe-core accessibility and the requests a page really makes.

They drive Debian's Chromium through Playwright (never ``playwright install``); the
caller owns the browser (see :func:`launch_chromium`) and serves the site over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Playwright, Request, Route

from city_diplomacy.sitecheck.checkers import axe_min_js
from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.weight import PageWeight

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The WCAG 2.1 levels A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COLOR_SCHEMES = ("light", "dark")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no background traffic of its own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def axe_script() -> str:
    """axe-core's ``axe.min.js``, pinned in ``package-lock.json`` (npm package ``axe-core``)."""
    return axe_min_js().read_text(encoding="utf-8")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _page_url(base_url: str, page: str) -> str:
    return f"{base_url.rstrip('/')}/{page}"


@dataclass(frozen=True)
class PageLoad:
    """What loading one page in Chromium fetched: foreign URLs, own files with their bytes."""

    page: str
    foreign: tuple[str, ...]
    fetched: tuple[tuple[str, int], ...]

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.fetched)


def load_page(browser: Browser, base_url: str, page: str) -> PageLoad:
    """Load ``page`` until the network is idle; requests to other origins are blocked."""
    own = _origin(base_url)
    requests: list[Request] = []

    def route(route: Route) -> None:
        if _origin(route.request.url) == own:
            route.continue_()
        else:
            route.abort()

    context = browser.new_context(service_workers="block")
    try:
        tab = context.new_page()
        tab.on("request", lambda request: requests.append(request))
        tab.route("**/*", route)
        tab.goto(_page_url(base_url, page), wait_until="networkidle")
        foreign = [
            r.url
            for r in requests
            if r.url.startswith(("http:", "https:", "ws:", "wss:")) and _origin(r.url) != own
        ]
        fetched = [
            (r.url.removeprefix(own), r.sizes()["responseBodySize"])
            for r in requests
            if _origin(r.url) == own and r.failure is None
        ]
    finally:
        context.close()
    return PageLoad(page, tuple(dict.fromkeys(foreign)), tuple(fetched))


def foreign_requests(browser: Browser, base_url: str, page: str) -> list[Finding]:
    """Load ``page`` and report every request to another origin (none is let through)."""
    load = load_page(browser, base_url, page)
    return [Finding("origins", page, f"requested {url}") for url in load.foreign]


def uncounted_fetches(load: PageLoad, weight: PageWeight) -> list[Finding]:
    """Files Chromium fetched that the static weight of the page did not count."""
    counted = {f"/{path}" for path in weight.files()}
    return [
        Finding("weight", load.page, f"Chromium fetched {url} ({size:,} bytes), not counted")
        for url, size in load.fetched
        if url.split("?")[0].split("#")[0] not in counted
    ]


def axe_violations(
    browser: Browser, base_url: str, page: str, color_scheme: str = "light"
) -> list[Finding]:
    """Run axe-core (WCAG 2.1 A and AA) on ``page`` in the given colour scheme."""
    context = browser.new_context(color_scheme=color_scheme)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        tab.goto(_page_url(base_url, page), wait_until="load")
        tab.evaluate(axe_script())
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results: dict[str, Any] = tab.evaluate("options => axe.run(document, options)", options)
    finally:
        context.close()
    findings = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:3])
        if len(targets) > 3:
            shown += f" (+{len(targets) - 3} more)"
        rule = f"{violation['id']} ({violation['impact']})"
        msg = f"{color_scheme}: {rule}: {violation['help']} — {shown}"
        findings.append(Finding("a11y", page, msg))
    return findings
