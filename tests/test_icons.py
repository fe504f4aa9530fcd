"""The site's icons: one source drawing, the PNG sizes browsers ask for, linked from every page."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from site_support import ROOT, BuiltSite

ICONS = ROOT / "docs" / "_static" / "icons"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_pngs_have_the_sizes_browsers_ask_for() -> None:
    assert _png_size((ICONS / "apple-touch-icon.png").read_bytes()) == (180, 180)
    assert _png_size((ICONS / "icon-192.png").read_bytes()) == (192, 192)


def test_ico_holds_a_32px_png() -> None:
    data = (ICONS / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    width, _h, _c, _r, _planes, _bits, size, offset = struct.unpack("<BBBBHHII", data[6:22])
    assert width == 32
    assert _png_size(data[offset : offset + size]) == (32, 32)


def test_every_page_links_icons_that_exist(built_site: BuiltSite) -> None:
    pages = sorted(built_site.out.glob("*/latest/**/*.html"))
    assert len(pages) > 30
    pages += [built_site.out / "index.html", built_site.out / "404.html"]
    assert (built_site.out / "favicon.ico").is_file()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rels = {
            " ".join(link.get_attribute_list("rel")): str(link["href"])
            for link in soup.find_all("link", href=True)
        }
        assert "icon" in rels and "apple-touch-icon" in rels, page
        for rel in ("icon", "apple-touch-icon"):
            href = rels[rel]
            # The 404 pages link root-absolute (they are shown at any depth).
            base = built_site.out.as_uri() + "/" if href.startswith("/") else page.as_uri()
            target = urlsplit(urljoin(base, href.lstrip("/") if href.startswith("/") else href))
            assert Path(target.path).is_file(), f"{page}: {rel} -> {href}"
