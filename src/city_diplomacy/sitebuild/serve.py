"""Serve a built site on the loopback interface: the one static server of the project.

``city-diplomacy serve`` runs :func:`make_server` until interrupted; the browser gates
(``sitecheck``), the tests and the benchmarks use :func:`serve`, which runs it in a
thread for the length of a block.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class SiteHandler(SimpleHTTPRequestHandler):
    """Static file handler that answers a missing path as static hosts do: status 404 with
    the site's own ``404.html`` (its links are root-relative, so it works at any path)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


class QuietHandler(SiteHandler):
    """Like :class:`SiteHandler`, without logging every request (tests serve many)."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop request logs."""


def make_server(
    directory: Path, port: int = 8000, host: str = "127.0.0.1", quiet: bool = False
) -> ThreadingHTTPServer:
    """A server for ``directory`` bound to ``host:port`` (port 0 picks a free one)."""
    handler_class = QuietHandler if quiet else SiteHandler
    handler = functools.partial(handler_class, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` quietly on a free port; yield the base URL (``http://127.0.0.1:N``)."""
    server = make_server(site_dir, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
