"""Gate: the Nu Html Checker (vnu.jar of the npm package ``vnu-jar``) reports no error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from city_diplomacy.sitecheck.checkers import CheckerMissingError, vnu_jar
from city_diplomacy.sitecheck.findings import Finding
from city_diplomacy.sitecheck.pages import html_pages, relpath

GATE = "html"


class JavaMissingError(CheckerMissingError):
    """The checker cannot run: no ``java`` or no ``vnu.jar``."""


def vnu_command() -> list[str]:
    """``java -jar vnu.jar`` with the jar pinned in ``package-lock.json``."""
    java = shutil.which("java")
    if java is None:
        raise JavaMissingError(
            "the HTML gate needs Java: install a JRE (Debian: apt-get install "
            "default-jre-headless; `make tools` does this) so that `java` is on PATH"
        )
    try:
        jar = vnu_jar()
    except CheckerMissingError as exc:
        raise JavaMissingError(f"the HTML gate needs vnu.jar: {exc}") from exc
    # A larger thread stack: vnu overflows the default on deeply nested pages.
    return [java, "-Xss4m", "-jar", str(jar)]


def check_html(site_dir: Path) -> list[Finding]:
    """Validate every page in one JVM start; errors (not warnings) become findings."""
    site_dir = site_dir.resolve()
    pages = html_pages(site_dir)
    if not pages:
        return []
    cmd = [*vnu_command(), "--errors-only", "--exit-zero-always", "--format", "json"]
    # Many files in one call: one JVM start is most of the cost.
    result = subprocess.run(
        [*cmd, *(str(p) for p in pages)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        detail = (result.stderr or result.stdout).strip()[:500]
        raise JavaMissingError(f"the HTML checker did not run: {detail}") from exc
    findings = []
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        url = message.get("url", "")
        page = Path(unquote(urlsplit(url).path)) if url else site_dir
        where = relpath(site_dir, page) if page.is_relative_to(site_dir) else str(page)
        findings.append(Finding(GATE, where, message.get("message", ""), message.get("lastLine")))
    return sorted(findings)
