"""Build a package in a temporary folder: the minimal valid fixture plus one defect."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BAD = FIXTURES / "bad"
DEFECTS = sorted(p.name for p in BAD.iterdir() if p.is_dir())


def make_package(tmp_path: Path, defect: str | None = None) -> Path:
    """Copy the valid package, overlay the defect's files; return the descriptor path."""
    root = tmp_path / (defect or "valid")
    shutil.copytree(VALID, root)
    if defect is not None:
        shutil.copytree(BAD / defect, root, dirs_exist_ok=True)
    return root / "datapackage.json"
