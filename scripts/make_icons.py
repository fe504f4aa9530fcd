"""Render the site's icons from the one source drawing, ``docs/_static/icons/favicon.svg``.

Writes next to it: ``favicon.ico`` (32 px, a PNG inside an ICO container),
``apple-touch-icon.png`` (180 px, square corners) and ``icon-192.png`` (Android's home
screen). The PNGs are
rendered by Debian's Chromium (Playwright with ``executable_path``). Run it after changing
the drawing and commit the results; ``tests/test_icons.py`` checks that they are there
with the right sizes and that every page links them.

Usage: ``.venv/bin/python scripts/make_icons.py``
"""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "docs" / "_static" / "icons"
SOURCE = ICONS / "favicon.svg"
PNG_SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192}
#: iOS rounds the corners itself and shows transparent ones black: square for it.
SQUARE = {"apple-touch-icon.png"}
ICO_SIZE = 32


def ico_from_png(png: bytes, size: int) -> bytes:
    """An ICO file holding one PNG image (supported by every current browser)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


def render(sizes: dict[str, int]) -> dict[str, bytes]:
    drawing = SOURCE.read_text(encoding="utf-8")
    rendered: dict[str, bytes] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for name, size in sizes.items():
                svg = drawing.replace('rx="14"', 'rx="0"') if name in SQUARE else drawing
                page = browser.new_page(viewport={"width": size, "height": size})
                page.set_content(
                    "<html><body style='margin:0;background:transparent'>"
                    f"<div style='width:{size}px;height:{size}px'>{svg}</div></body></html>"
                )
                page.eval_on_selector("svg", f"s => {{s.setAttribute('width', {size}); "
                                      f"s.setAttribute('height', {size})}}")  # fmt: skip
                rendered[name] = page.screenshot(omit_background=True)
                page.close()
        finally:
            browser.close()
    return rendered


def main() -> None:
    rendered = render({**PNG_SIZES, "favicon-32.png": ICO_SIZE})
    for name in PNG_SIZES:
        (ICONS / name).write_bytes(rendered[name])
    (ICONS / "favicon.ico").write_bytes(ico_from_png(rendered["favicon-32.png"], ICO_SIZE))


if __name__ == "__main__":
    main()
