"""Lighthouse (mobile, default throttling) on one page of each kind, both languages.

    python benchmarks/lighthouse.py [--kinds index,network,...] [--no-base-url-run]

Builds ``latest`` of the checkout twice into temporary folders, without a base URL and with
the base URL the site is then served at, serves each as a static host would (gzip for text,
``404.html`` for missing paths), and runs Lighthouse 12.2.3 (npm, pinned with its lock in
``benchmarks/lighthouse/``; installed there with ``npm ci`` on first use) in Debian's
Chromium. Prints the four category scores and LCP/CLS per page. Targets: accessibility,
best practices and SEO (with a base URL) 100; performance at least 95. Not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from _common import copy_project, machine
from city_diplomacy.sitebuild.build import build_site

HERE = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: One page of each kind (its path inside a language tree).
KINDS = {
    "index": "index.html",
    "network": "networks/g-nets.html",
    "programme": "programmes/infectious-disease.html",
    "timeline": "timeline.html",
    "cities": "cities.html",
    "city": "cities/tokyo.html",
    "downloads": "data/downloads.html",
    "search": "search.html",
}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".geojson")


class StaticHost(SimpleHTTPRequestHandler):
    """Like a static host: gzip for text files, the site's 404 page for missing paths."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            return self._send(body, "text/html; charset=utf-8")
        self.send_response(200)
        return self._send(path.read_bytes(), self.guess_type(str(path)), path.suffix in TEXT)

    def _send(self, body: bytes, kind: str, text: bool = True) -> Any:

        if text and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def lighthouse_bin() -> Path:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True
        )
    return binary


def audit(url: str, out: Path) -> dict[str, Any]:
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking"
    subprocess.run(
        [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )  # fmt: skip
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    failed = [
        key
        for c in CATEGORIES[1:]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and (audits[(key := ref["id"])].get("score") or 0) < 1
    ]
    return {
        **scores,
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "failed": failed,
    }


def run(project: Path, kinds: list[str], with_base: bool, work: Path) -> list[dict[str, Any]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = work / ("with-base" if with_base else "no-base")
    build_site(project, out=out, base_url=base if with_base else "")
    handler = functools.partial(StaticHost, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        for lang in ("ja", "en"):
            for kind in kinds:
                url = f"{base}{lang}/latest/{KINDS[kind]}"
                if not (out / lang / "latest" / KINDS[kind]).is_file():
                    print(f"  skipped {url}: no such page in this build", file=sys.stderr)
                    continue
                summary = summarize(audit(url, work / "report.json"))
                rows.append({"lang": lang, "kind": kind, "base_url": with_base, **summary})
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    finally:
        server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated page kinds")
    parser.add_argument("--no-base-url-run", action="store_true", help="skip the run without")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    print(f"# {machine()}; Lighthouse 12.2.3, mobile, default throttling", flush=True)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        project = copy_project(work / "project")
        rows = run(project, kinds, True, work)
        if not args.no_base_url_run:
            rows += run(project, kinds, False, work)
        shutil.rmtree(project, ignore_errors=True)
    print()
    print("| lang | page | base URL | perf | a11y | best pr. | SEO | LCP ms | CLS | failing |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['lang']} | {r['kind']} | {'yes' if r['base_url'] else 'no'} | "
            f"{r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
            f"{r['lcp_ms']} | {r['cls']} | {', '.join(r['failed']) or '—'} |"
        )


if __name__ == "__main__":
    main()
