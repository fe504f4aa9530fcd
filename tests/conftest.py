"""Shared fixtures: one real build of the site, served over HTTP on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from city_diplomacy.serve import make_server
from city_diplomacy.site import build_site
from site_support import BuiltSite, copy_project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """Build the real site once per session and serve it on a free loopback port."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build_site(project)
    server = make_server(result.out, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield BuiltSite(project=project, out=result.out, url=f"http://{host!s}:{port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
