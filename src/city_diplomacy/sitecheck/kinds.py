"""Pick one page of each kind, for the gates that are too slow to run on every page."""

from __future__ import annotations

from pathlib import Path

from city_diplomacy.sitecheck.pages import html_pages, relpath


def page_kind(page: str) -> str:
    """The kind of a page path such as ``ja/latest/networks/g-nets.html``.

    A kind is the tree (``ja/latest``) plus the page's place in it: a top-level page
    by name (``cities``, ``timeline``), a folder's index (``networks/index``), or any
    other page of a folder (``networks/*``). Pages outside a tree keep their name.
    """
    parts = page.split("/")
    tree, inner = (parts[:2], parts[2:]) if len(parts) > 2 else ([], parts)
    if len(inner) == 1:
        place = inner[0].removesuffix(".html")
    else:
        folder = "/".join(inner[:-1])
        place = f"{folder}/index" if inner[-1] == "index.html" else f"{folder}/*"
    return "/".join([*tree, place])


def pages_by_kind(site_dir: Path) -> dict[str, str]:
    """Kind -> the first page (sorted) of that kind, as paths relative to ``site_dir``."""
    chosen: dict[str, str] = {}
    for page in html_pages(site_dir):
        path = relpath(site_dir, page)
        chosen.setdefault(page_kind(path), path)
    return chosen
