"""The one atomic directory swap (``city_diplomacy._atomic``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from city_diplomacy._atomic import swap_directory


def _tree(path: Path, text: str) -> Path:
    (path / "sub").mkdir(parents=True)
    (path / "sub" / "page.html").write_text(text, encoding="utf-8")
    return path


def test_swap_replaces_existing_directory_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = _tree(tmp_path / "site", "old")
    (target / "only-old.txt").write_text("x", encoding="utf-8")
    staging = _tree(tmp_path / ".site-new", "new")
    swap_directory(staging, target)
    assert (target / "sub" / "page.html").read_text(encoding="utf-8") == "new"
    assert not (target / "only-old.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_creates_missing_target(tmp_path: Path) -> None:
    staging = _tree(tmp_path / ".new", "new")
    swap_directory(staging, tmp_path / "site")
    assert (tmp_path / "site" / "sub" / "page.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()


def test_failed_swap_keeps_the_old_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _tree(tmp_path / "site", "old")
    staging = _tree(tmp_path / ".site-new", "new")
    real_replace = os.replace

    def refuse_staging(src: str | Path, dst: str | Path) -> None:
        if Path(src) == staging:
            raise OSError("disk trouble")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_staging)
    with pytest.raises(OSError, match="disk trouble"):
        swap_directory(staging, target)
    assert (target / "sub" / "page.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-new", "site"]


def test_swap_refuses_a_missing_staging_directory(tmp_path: Path) -> None:
    target = _tree(tmp_path / "site", "old")
    with pytest.raises(NotADirectoryError):
        swap_directory(tmp_path / "nothing", target)
    assert (target / "sub" / "page.html").read_text(encoding="utf-8") == "old"
