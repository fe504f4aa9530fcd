"""``scripts/ensure-tools``: silent on a ready machine, apt-get as root, else one line.

A missing tool is simulated with a PATH of symlinks that leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools_support import missing_tools, missing_tools_message

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "ensure-tools"
#: What the script runs or looks for, besides the tool left out.
PRESENT = ["git", "msgfmt", "msgmerge", "java", "sqlite3", "node", "npm", "fc-list", "ln"]
FAKE_APT = """#!/bin/sh
echo "$DEBIAN_FRONTEND $*" >> "{log}"
if [ "$1" = install ]; then ln -s "{true}" "{bin}/chromium"; fi
"""


def fake_path(tmp_path: Path, with_apt: bool) -> Path:
    """A bin directory with every tool but ``chromium``; a logging apt-get if asked."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in PRESENT:
        found = shutil.which(name)
        assert found, f"{name} must be installed for this test"
        (bin_dir / name).symlink_to(found)
    # The interpreter itself, not a wrapper (pyenv's shims need bash and more on PATH).
    (bin_dir / "python3").symlink_to(Path(sys.executable).resolve())
    if with_apt:
        apt = bin_dir / "apt-get"
        log, true = tmp_path / "apt.log", shutil.which("true")
        apt.write_text(FAKE_APT.format(log=log, true=true, bin=bin_dir), encoding="utf-8")
        apt.chmod(0o755)
    return bin_dir


def run(path: Path | str, **env: str) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    assert bash
    return subprocess.run(
        [bash, str(SCRIPT)],
        env={"PATH": str(path), "HOME": os.environ.get("HOME", "/"), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_ready_machine_is_a_silent_no_op() -> None:
    result = run(os.environ["PATH"])
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_missing_tool_without_apt_stops_with_one_line(tmp_path: Path) -> None:
    result = run(fake_path(tmp_path, with_apt=False))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.rstrip().endswith(
        "apt-get update && apt-get install -y --no-install-recommends chromium"
    )


def test_no_install_mode_reports_even_with_apt(tmp_path: Path) -> None:
    result = run(fake_path(tmp_path, with_apt=True), ENSURE_TOOLS_NO_INSTALL="1")
    assert result.returncode == 1
    assert "install -y --no-install-recommends chromium" in result.stderr
    assert not (tmp_path / "apt.log").exists()


def test_root_installs_only_what_is_missing_non_interactively(tmp_path: Path) -> None:
    result = run(fake_path(tmp_path, with_apt=True))
    if os.geteuid() != 0:  # not root: the one-line message, apt-get never called
        assert result.returncode == 1
        assert "chromium" in result.stderr
        assert not (tmp_path / "apt.log").exists()
        return
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls == [
        "noninteractive update -qq",
        "noninteractive install -y -qq --no-install-recommends chromium",
    ]


def test_session_check_names_the_missing_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    assert missing_tools() == []
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("CITY_DIPLOMACY_NODE_MODULES", "/nonexistent")
    missing = missing_tools()
    assert "java (Debian package default-jre-headless)" in missing
    assert any(m.startswith("vnu-jar is not installed") for m in missing)
    message = missing_tools_message(missing)
    assert "\n" not in message
    assert "make tools" in message
