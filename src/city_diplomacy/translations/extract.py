"""Extract message templates from the Japanese sources with Sphinx's gettext builder."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

from city_diplomacy.translations.errors import I18nError


def _relocate(occurrence: tuple[str, str], outdir: Path, root: Path) -> tuple[str, str]:
    """Make a ``#:`` location relative to the repository root, whatever the build dir was.

    Sphinx writes locations relative to the builder's output root, for every page.
    """
    path, line = occurrence
    absolute = (outdir / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix(), line
    except ValueError:
        return path, line


def _reason(stderr: str) -> str:
    """The lines of sphinx-build's output that say what went wrong, not its boilerplate."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    wanted = [line for line in lines if "Error" in line or "ERROR" in line or "error:" in line]
    wanted = [line for line in wanted if not line.startswith(("Please", "To report"))]
    return "\n".join(wanted[-3:] or lines[-5:])


def extract(root: Path, docs: Path | None = None) -> dict[str, polib.POFile]:
    """Templates keyed by page, built from ``root/docs`` in a temporary directory.

    Prose and the text directives render (nodes with source info) both end up here.
    Nothing is written inside ``root``.
    """
    root = Path(root)
    docs = Path(docs) if docs else root / "docs"
    if not (docs / "conf.py").is_file():
        raise I18nError(f"{docs}: no conf.py, cannot extract messages")
    with tempfile.TemporaryDirectory(prefix="cd-gettext-") as tmp:
        outdir = Path(tmp) / "pot"
        cmd = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E"]
        cmd += ["-d", str(Path(tmp) / "doctrees"), str(docs), str(outdir)]
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            raise I18nError(f"{docs}: message extraction failed: {_reason(proc.stderr)}")
        templates: dict[str, polib.POFile] = {}
        for pot in sorted(outdir.rglob("*.pot")):
            page = pot.relative_to(outdir).with_suffix("").as_posix()
            catalog = polib.pofile(str(pot), wrapwidth=0)
            for entry in catalog:
                entry.occurrences = [_relocate(o, outdir, root) for o in entry.occurrences]
            templates[page] = catalog
        return templates
