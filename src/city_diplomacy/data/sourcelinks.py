"""Check that every source URL still answers: dead, moved and changed-domain links.

Each distinct URL of the ``sources`` table is requested once (HEAD, then GET where the
server refuses HEAD or answers it with an error), with a timeout, a User-Agent naming
the project and its homepage, at most ``concurrency`` requests at a time and at most
:data:`PER_HOST` to one host. Redirects are followed; a link whose final address
differs is *moved*, and *changed-domain* when the host differs too. A link answering
4xx/5xx, or not at all, is *dead*. Nothing is printed here (see ``cli/``).
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from city_diplomacy import __version__
from city_diplomacy.data.load import read_descriptor, read_rows, resource_paths

HOMEPAGE = "https://github.com/tokyo-city-diplomacy/tokyo-city-diplomacy"
USER_AGENT = f"tokyo-city-diplomacy-check-sources/{__version__} (+{HOMEPAGE})"
#: At most this many requests to one host at a time.
PER_HOST = 4
OK, MOVED, CHANGED_DOMAIN, DEAD = "ok", "moved", "changed-domain", "dead"


@dataclass(frozen=True)
class LinkResult:
    """What one URL answered, and the sources that cite it."""

    url: str
    source_ids: tuple[str, ...]
    status: str
    http_status: int | None = None
    final_url: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source_ids"] = list(self.source_ids)
        return data


class SourcesError(Exception):
    """The data package or its sources table cannot be read."""


def source_urls(descriptor: Path) -> dict[str, tuple[str, ...]]:
    """URL to the ids of the sources citing it, in table order."""
    try:
        paths = resource_paths(read_descriptor(descriptor), descriptor.parent)
        rows = read_rows(paths["sources"])
    except KeyError as error:
        raise SourcesError(f"{descriptor}: no `sources` resource") from error
    except (OSError, ValueError) as error:
        raise SourcesError(f"{descriptor}: {error}") from error
    urls: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if (row.get("url") or "").strip():
            urls[row["url"].strip()].append(row.get("id", ""))
    return {url: tuple(ids) for url, ids in urls.items()}


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if method == "GET":
            response.read(1024)
        return int(response.status), str(response.geturl())


def check_url(url: str, ids: tuple[str, ...], timeout: float) -> LinkResult:
    """Request one URL: HEAD, then GET if HEAD is refused or fails with an HTTP error."""
    try:
        try:
            status, final = _request(url, "HEAD", timeout)
        except urllib.error.HTTPError:
            status, final = _request(url, "GET", timeout)
    except urllib.error.HTTPError as error:
        return LinkResult(url, ids, DEAD, error.code, error.geturl() or None, str(error.reason))
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return LinkResult(url, ids, DEAD, error=str(reason))
    if final == url:
        return LinkResult(url, ids, OK, status)
    kind = MOVED if urlsplit(final).netloc == urlsplit(url).netloc else CHANGED_DOMAIN
    return LinkResult(url, ids, kind, status, final)


def check_sources(
    descriptor: Path, timeout: float = 15.0, concurrency: int = 8
) -> list[LinkResult]:
    """Check every source URL of the package; results in the sources table's order."""
    urls = source_urls(descriptor)
    hosts: dict[str, threading.BoundedSemaphore] = {}
    lock = threading.Lock()

    def one(item: tuple[str, tuple[str, ...]]) -> LinkResult:
        url, ids = item
        host = urlsplit(url).netloc.lower()
        with lock:
            gate = hosts.setdefault(host, threading.BoundedSemaphore(PER_HOST))
        with gate:
            return check_url(url, ids, timeout)

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(one, urls.items()))
