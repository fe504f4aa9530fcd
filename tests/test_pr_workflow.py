"""The pull-request workflow runs the checks the editors' guide promises, in that form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "pull-request.yml"


def _steps() -> list[dict[str, Any]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "pull_request" in data[True]  # YAML 1.1 reads the key `on` as True
    (job,) = data["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_workflow_runs_the_checks_with_annotations_and_a_summary() -> None:
    runs = [" ".join(str(s.get("run", "")).split()) for s in _steps()]
    assert "make test" in runs
    assert ".venv/bin/city-diplomacy validate --format github" in runs
    assert ".venv/bin/city-diplomacy i18n check --format github" in runs
    assert any(
        "city-diplomacy diff" in r and "--format markdown" in r and '>> "$GITHUB_STEP_SUMMARY"' in r
        for r in runs
    )
    assert "make site" in runs


def test_workflow_uploads_the_site_and_reports_even_after_a_failure() -> None:
    steps = _steps()
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/site"
    after_tests = steps[[s.get("run") for s in steps].index("make test") + 1 :]
    assert after_tests and all(s.get("if") == "${{ !cancelled() }}" for s in after_tests)
