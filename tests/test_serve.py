"""The local server answers like a static host: files, and the site's 404 page."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from city_diplomacy.sitebuild.serve import serve


def _get(url: str, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_missing_path_gets_the_site_404_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    with serve(tmp_path) as url:
        assert _get(f"{url}/index.html") == (200, b"<p>home</p>")
        assert _get(f"{url}/en/latest/gone.html") == (404, b"<p>not here</p>")
        assert _get(f"{url}/gone.html", "HEAD") == (404, b"")


def test_without_a_404_page_the_plain_error_stays(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    with serve(tmp_path) as url:
        status, body = _get(f"{url}/gone.html")
    assert status == 404 and b"File not found" in body
