"""First-load weight of one page of a built site (HTML + CSS + JS + fonts + images).

    python benchmarks/page_weight.py [build/site] [ja/latest/index.html ...]

Serves the site on a free loopback port, opens each page in Chromium with an empty
cache and sums the bytes of every response by resource type. Prints a table; not a test.
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Response, sync_playwright

from city_diplomacy.sitebuild.serve import serve
from city_diplomacy.sitecheck.browser import launch_chromium


def weigh(base: str, pages: list[str]) -> None:
    """Print the bytes each page loads, by resource type."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = defaultdict(int)
            files: dict[str, int] = defaultdict(int)
            zipped: dict[str, int] = defaultdict(int)

            def record(
                response: Response,
                sizes: dict[str, int] = sizes,
                files: dict[str, int] = files,
                zipped: dict[str, int] = zipped,
            ) -> None:
                body = response.body()
                kind = response.request.resource_type
                sizes[kind] += len(body)
                zipped[kind] += len(gzip.compress(body))
                files[kind] += 1

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            total = sum(sizes.values())
            gz = sum(zipped.values())
            print(f"{path}: {total / 1024:.1f} KiB, {gz / 1024:.1f} KiB gzipped")
            for kind, size in sorted(sizes.items(), key=lambda item: -item[1]):
                print(
                    f"  {kind:<12} {size / 1024:8.1f} KiB  gzip {zipped[kind] / 1024:6.1f} KiB"
                    f"  ({files[kind]} files)"
                )
            context.close()
        browser.close()


def main() -> None:
    """Command line entry."""
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/site")
    pages = sys.argv[2:] or ["ja/latest/index.html", "en/latest/index.html"]
    with serve(site) as url:
        weigh(f"{url}/", pages)


if __name__ == "__main__":
    main()
