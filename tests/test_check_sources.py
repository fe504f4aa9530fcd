"""``check-sources`` against a local HTTP server: live, moved, moved to another host, missing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.data.sourcelinks import USER_AGENT, check_sources

SEEN: list[tuple[str, str, str]] = []


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        SEEN.append((self.command, self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]  # type: ignore[index]
        if self.path == "/live":
            self.send_response(200)
        elif self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/new")
        elif self.path == "/new":
            self.send_response(200)
        elif self.path == "/elsewhere":
            self.send_response(301)
            self.send_header("Location", f"http://localhost:{port}/live")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body and self.command == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    SEEN.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _package(tmp_path: Path, base: str) -> Path:
    rows = [
        ("live", f"{base}/live"),
        ("live-again", f"{base}/live"),
        ("moved", f"{base}/old"),
        ("elsewhere", f"{base}/elsewhere"),
        ("missing", f"{base}/gone"),
        ("no-head", f"{base}/no-head"),
    ]
    data = tmp_path / "data"
    data.mkdir()
    lines = ["id,title,url"] + [f"{i},Title {i},{u}" for i, u in rows]
    (data / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    descriptor = {"name": "fixture", "resources": [{"name": "sources", "path": "data/sources.csv"}]}
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return path


def test_statuses(server: str, tmp_path: Path) -> None:
    results = {r.url.rsplit("/", 1)[1]: r for r in check_sources(_package(tmp_path, server), 5, 4)}
    assert results["live"].status == "ok" and results["live"].source_ids == ("live", "live-again")
    assert results["old"].status == "moved" and results["old"].final_url == f"{server}/new"
    port = server.rsplit(":", 1)[1]
    assert results["elsewhere"].status == "changed-domain"
    assert results["elsewhere"].final_url == f"http://localhost:{port}/live"
    assert results["gone"].status == "dead" and results["gone"].http_status == 404
    assert results["gone"].source_ids == ("missing",)
    assert results["no-head"].status == "ok"
    assert ("GET", "/no-head", USER_AGENT) in SEEN
    assert all(agent == USER_AGENT for _, _, agent in SEEN)
    assert "github.com" in USER_AGENT


def test_cli_reports_and_exits_1(server: str, tmp_path: Path) -> None:
    descriptor = _package(tmp_path, server)
    result = CliRunner().invoke(main, ["check-sources", "--descriptor", str(descriptor)])
    assert result.exit_code == 1
    assert "dead 404:" in result.output and "[missing]" in result.output
    assert "moved" in result.output and "changed-domain" in result.output
    result = CliRunner().invoke(
        main, ["check-sources", "--descriptor", str(descriptor), "--json", "--timeout", "5"]
    )
    assert result.exit_code == 1
    assert {r["status"] for r in json.loads(result.output)} == {
        "ok", "moved", "changed-domain", "dead"
    }  # fmt: skip


def test_connection_refused_is_dead(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    results = check_sources(_package(tmp_path, f"http://127.0.0.1:{port}"), 2, 2)
    assert {r.status for r in results} == {"dead"}
    assert all(r.error for r in results)


def test_all_ok_exits_0(server: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.csv").write_text(f"id,title,url\na,A,{server}/live\n", encoding="utf-8")
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(
        json.dumps({"resources": [{"name": "sources", "path": "data/sources.csv"}]}),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check-sources", "--descriptor", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 URLs: 1 ok" in result.output
