"""Serve a built site on the loopback interface (a thin wrapper over http.server)."""

from __future__ import annotations

import functools
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
