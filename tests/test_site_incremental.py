"""Incremental builds: the per-language Sphinx cache rereads only what changed, stays strict."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from site_support import copy_project

pytestmark = pytest.mark.slow


def _doctree_mtimes(project: Path) -> dict[str, int]:
    doctrees = project / "build" / ".cache" / "latest" / "ja" / "doctrees"
    return {
        p.relative_to(doctrees).with_suffix("").as_posix(): p.stat().st_mtime_ns
        for p in doctrees.rglob("*.doctree")
    }


def _snapshot(tree: Path) -> dict[str, str]:
    return {
        p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tree.rglob("*"))
        if p.is_file()
    }


def test_rebuild_rereads_only_the_edited_page_and_stays_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    page = project / "docs" / "about.md"
    original = page.read_text(encoding="utf-8")

    def build() -> tuple[int, str]:
        result = CliRunner().invoke(
            main, ["build", "--project", str(project), "--out", str(out), "--lang", "ja"]
        )
        return result.exit_code, result.output

    code, output = build()
    assert code == 0, output
    before = _doctree_mtimes(project)
    assert "about" in before and len(before) > 20

    page.write_text(original + "\n増分ビルドの確認用の段落。\n", encoding="utf-8")
    code, output = build()
    assert code == 0, output
    after = _doctree_mtimes(project)
    assert [name for name in before if after[name] != before[name]] == ["about"]
    assert "増分ビルドの確認用の段落。" in (out / "ja" / "latest" / "about.html").read_text(
        encoding="utf-8"
    )
    good = _snapshot(out)

    page.write_text(original + "\n```{cd-factbox} no-such-network\n```\n", encoding="utf-8")
    for _ in range(2):  # the second run must not reuse what the failed run cached
        code, output = build()
        assert code == 1, output
        assert "about.md" in output
        assert _snapshot(out) == good

    page.write_text(original, encoding="utf-8")
    code, output = build()
    assert code == 0, output
    assert "増分ビルドの確認用の段落。" not in (out / "ja" / "latest" / "about.html").read_text(
        encoding="utf-8"
    )
    assert (out / "ja" / "latest" / "pagefind" / "pagefind-ui.js").is_file()
