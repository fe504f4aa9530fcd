"""Shared fixtures: one real build of the site, served over HTTP on 127.0.0.1."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from city_diplomacy.sitebuild.build import build_site
from city_diplomacy.sitebuild.versions import build_all_versions
from city_diplomacy.sitecheck.browser import launch_chromium
from site_support import BuiltSite, copy_project, publish_downloads
from tools_support import missing_tools, missing_tools_message
from versions_support import VersionedRepo, make_versioned_repo


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, naming the tool, when one the suite needs is missing (no silent skips)."""
    missing = missing_tools()
    if missing:
        pytest.exit(missing_tools_message(missing), returncode=pytest.ExitCode.USAGE_ERROR)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` with `city-diplomacy serve --port 0` in a child process; yield its URL.

    A server thread in the test process would make other tests (which fork) see a
    multi-threaded process.
    """
    server = subprocess.Popen(
        [sys.executable, "-m", "city_diplomacy", "serve", "--port", "0", "--dir", str(directory)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", banner)
        assert found, f"serve printed {banner!r}"
        yield found.group(0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


@dataclass(frozen=True)
class VersionedSite:
    """A multi-version build of a temporary repository, served over HTTP."""

    repo: VersionedRepo
    out: Path
    url: str
    manifest: dict[str, Any]


@pytest.fixture(scope="session")
def release_envs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of release environments for the session (an environment of the project's
    own constraints takes a while to make; every test repository pins the same)."""
    return tmp_path_factory.mktemp("release-envs")


@pytest.fixture(scope="session")
def versioned_site(
    tmp_path_factory: pytest.TempPathFactory, release_envs: Path
) -> Iterator[VersionedSite]:
    """Two recorded releases plus the working tree, built once per session (slow)."""
    repo = make_versioned_repo(tmp_path_factory.mktemp("versioned") / "repo")
    result = build_all_versions(repo.root, envs=release_envs)
    with serving(result.out) as url:
        yield VersionedSite(repo=repo, out=result.out, url=url, manifest=result.manifest)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """Build the real site once per session and serve it on a free loopback port."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build_site(project)
    publish_downloads(result.out, project)
    with serving(result.out) as url:
        yield BuiltSite(project=project, out=result.out, url=url)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one per test module (Playwright's sync API allows one at a time)."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
