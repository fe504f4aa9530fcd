"""The tools the test suite runs, checked once when the session starts.

A missing tool fails the whole session at once with one line naming it and how to
install it; no test skips because a tool is missing. ``scripts/ensure-tools`` (run by
``make test``) installs the system packages, ``make tools`` also the npm checkers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from city_diplomacy.sitecheck.browser import CHROMIUM
from city_diplomacy.sitecheck.checkers import CheckerMissingError, axe_min_js, vnu_jar

#: Command the suite runs -> the Debian package that provides it.
COMMANDS = {
    "git": "git",
    "msgfmt": "gettext",
    "msgmerge": "gettext",
    "java": "default-jre-headless",
    "sqlite3": "sqlite3",
    "sha256sum": "coreutils",
    "fc-list": "fontconfig",
}


def _has_japanese_font() -> bool:
    result = subprocess.run(
        ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


def missing_tools() -> list[str]:
    """What is missing, each as ``<tool> (<how to get it>)``; empty on a ready machine."""
    missing = [
        f"{command} (Debian package {package})"
        for command, package in COMMANDS.items()
        if shutil.which(command) is None
    ]
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    if shutil.which("fc-list") is not None and not _has_japanese_font():
        missing.append("a Japanese font (Debian package fonts-noto-cjk)")
    for locate in (vnu_jar, axe_min_js):
        try:
            locate()
        except CheckerMissingError as exc:
            missing.append(str(exc))
    return missing


def missing_tools_message(missing: list[str]) -> str:
    """One line: what is missing and the command that installs it."""
    return (
        f"missing tools: {'; '.join(missing)}. "
        "Run `make tools` (as root it apt-get installs them), or see scripts/ensure-tools"
    )
