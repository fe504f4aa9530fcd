"""Shared fixtures: one real build of the site, served over HTTP on 127.0.0.1."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from city_diplomacy.site import build_site
from site_support import BuiltSite, copy_project, publish_downloads

SERVE = "from city_diplomacy.cli import main; main()"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """Build the real site once per session and serve it on a free loopback port.

    The server is `city-diplomacy serve --port 0` in a child process: a server thread in
    the test process would make other tests (which fork) see a multi-threaded process.
    """
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build_site(project)
    publish_downloads(result.out, project)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", "0", "--dir", str(result.out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", banner)
        assert found, f"serve printed {banner!r}"
        yield BuiltSite(project=project, out=result.out, url=found.group(0))
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
