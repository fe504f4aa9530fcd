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


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log every request (tests serve many)."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop request logs."""


def make_server(
    directory: Path, port: int = 8000, host: str = "127.0.0.1", quiet: bool = False
) -> ThreadingHTTPServer:
    """A server for ``directory`` bound to ``host:port`` (port 0 picks a free one)."""
    handler_class = QuietHandler if quiet else SimpleHTTPRequestHandler
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
