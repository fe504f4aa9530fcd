"""``city-diplomacy explore`` serves the SQLite release in Datasette with generated metadata."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from city_diplomacy import load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR as DEFAULT_DESCRIPTOR
from city_diplomacy.release.explore import DATABASE, metadata


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_metadata_labels_follow_the_language() -> None:
    package = load(DEFAULT_DESCRIPTOR)
    ja = metadata(package, "ja")["databases"][DATABASE]["tables"]
    en = metadata(package, "en")["databases"][DATABASE]["tables"]
    assert ja["cities"]["label_column"] == "name_ja" and en["cities"]["label_column"] == "name_en"
    assert ja["events"]["label_column"] == "title_ja"
    assert "country" in ja["cities"]["facets"] and "kind" in ja["events"]["facets"]
    assert "network" in ja["memberships"]["facets"]
    assert ja["cities"]["units"] == {"latitude": "degree", "longitude": "degree"}
    assert ja["cities"]["columns"]["country"].startswith("Country")
    assert metadata(package, "en")["license_url"].startswith("https://creativecommons.org/")


@pytest.fixture
def explorer(monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    port = _free_port()
    command = [sys.executable, "-m", "city_diplomacy", "explore", "--lang", "en",
               "--port", str(port), "--descriptor", str(DEFAULT_DESCRIPTOR)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _get(base + "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.communicate()[1]
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_explore_serves_tables_and_facets(explorer: str, tmp_path: Path) -> None:
    page = _get(f"{explorer}/{DATABASE}/cities")
    assert "Tokyo" in page and "Country or territory" in page
    data = json.loads(_get(f"{explorer}/{DATABASE}/events.json?_facet=kind"))
    kinds = {item["value"]: item["count"] for item in data["facet_results"]["kind"]["results"]}
    events = load(DEFAULT_DESCRIPTOR).events.values()
    assert kinds["plenary"] == sum(1 for e in events if e.kind == "plenary")
