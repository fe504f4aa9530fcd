"""Find the pages of a built site and the references each one makes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

#: Folders that hold assets or generated indexes, not pages a reader visits.
SKIPPED_DIRS = frozenset({"_static", "_sources", "_images", "_downloads", "pagefind", ".doctrees"})


def html_pages(site_dir: Path) -> list[Path]:
    """Every ``.html`` page under ``site_dir``, sorted, outside asset folders."""
    pages = []
    for path in site_dir.rglob("*.html"):
        parts = path.relative_to(site_dir).parts[:-1]
        if not SKIPPED_DIRS.intersection(parts):
            pages.append(path)
    return sorted(pages)


def relpath(site_dir: Path, path: Path) -> str:
    """``path`` relative to the site root, with forward slashes."""
    return path.relative_to(site_dir).as_posix()


#: ``<link rel>`` values that make the browser fetch the target on page load.
_LOADED_LINKS = frozenset(
    {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
)


@dataclass(frozen=True)
class Ref:
    """A URL found on a page: which tag/attribute held it and where."""

    url: str
    tag: str
    attr: str
    line: int
    rel: str = ""

    @property
    def is_resource(self) -> bool:
        """True when a browser fetches it on page load (not a navigation link)."""
        if self.tag == "a" or self.tag == "area" or self.tag == "form":
            return False
        if self.tag == "link":
            kinds = set(self.rel.lower().split())
            return bool(kinds & _LOADED_LINKS)
        return True

    def describe(self) -> str:
        """The reference as it reads in the page, e.g. ``<a href='x.html#y'>``."""
        return f"<{self.tag} {self.attr}={self.url!r}>"


@dataclass
class PageInfo:
    """What one page declares: its anchor targets and its outgoing references."""

    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    inline_css: list[str] = field(default_factory=list)


_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.info.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.info.ids.add(values["name"])
        for attr in _URL_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            urls = _srcset(values[attr]) if attr == "srcset" else [values[attr].strip()]
            for url in urls:
                self.info.refs.append(Ref(url, tag, attr, line, values.get("rel", "")))
        if "style" in values:
            self.info.inline_css.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.info.inline_css.append(data)


def _srcset(value: str) -> list[str]:
    return [item.strip().split()[0] for item in value.split(",") if item.strip()]


def parse_page(path: Path) -> PageInfo:
    """Parse one HTML file (UTF-8) into its ids and references."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.info


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def css_urls(text: str) -> list[str]:
    """URLs a stylesheet references (``url(...)`` and ``@import "..."``)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return [(m.group(2) or m.group(4)).strip() for m in _CSS_URL.finditer(text)]


def is_external(url: str) -> bool:
    """True for a URL with a host (``https://x``, ``//x``): another origin."""
    parts = urlsplit(url)
    return bool(parts.netloc) or (parts.scheme in {"http", "https", "ftp", "ws", "wss"})


def is_local(url: str) -> bool:
    """True for a URL the site itself serves (relative or root-absolute path)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def resolve(site_dir: Path, base: Path, url: str) -> tuple[Path | None, str]:
    """The file a local URL points at (``None`` if it leaves the site) and its fragment.

    ``base`` is the file the URL appears in. Directory URLs resolve to ``index.html``.
    """
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return base, fragment
    if path.startswith("/"):
        target = PurePosixPath(path.lstrip("/"))
    else:
        target = PurePosixPath(base.relative_to(site_dir).parent.as_posix()) / path
    resolved: list[str] = []
    for part in target.parts:
        if part == "..":
            if not resolved:
                return None, fragment
            resolved.pop()
        elif part not in {".", ""}:
            resolved.append(part)
    file = site_dir.joinpath(*resolved)
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, fragment
