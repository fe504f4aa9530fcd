"""``city-diplomacy validate``: print the report of :func:`city_diplomacy.data.validate.validate`.

Exit codes: 0 valid (warnings allowed), 1 invalid input (including a descriptor that
cannot be read), 2 wrong usage (click's usage errors).
"""

from __future__ import annotations

from pathlib import Path

import click

from city_diplomacy.data.checks.report import Report
from city_diplomacy.data.load import resolve_descriptor
from city_diplomacy.data.problems import format_github, format_problem
from city_diplomacy.data.validate import validate

FORMATS = ("text", "json", "github")


def display_path(path: Path) -> Path:
    """Show paths under the current folder relative to it, as a person would type them."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _relative(file: str) -> str:
    """A problem's file as GitHub wants it in an annotation: relative to the checkout."""
    return display_path(Path(file).resolve()).as_posix() if Path(file).is_absolute() else file


def print_report(report: Report, fmt: str) -> None:
    """Print ``report`` as text, JSON or GitHub annotations (shared with ``add``)."""
    if fmt == "json":
        click.echo(report.to_json())
        return
    for problem in report.problems:
        if fmt == "github":
            click.echo(format_github(problem, file=_relative(problem.file), title="validate"))
        else:
            click.echo(format_problem(problem))
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    tail = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    if report.valid:
        click.echo(
            f"{report.descriptor}: valid ({len(report.files)} files, {report.rows} rows{tail})"
        )
    else:
        files = len({p.file for p in report.errors})
        noun = "problem" if errors == 1 else "problems"
        click.echo(
            f"{report.descriptor}: invalid, {errors} {noun} in {files} "
            f"file{'s' if files != 1 else ''}{tail}"
        )


@click.command("validate")
@click.argument("descriptor", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="text (default), json, or github: GitHub Actions annotations (::error file=...).",
)
def validate_command(descriptor: Path | None, as_json: bool, fmt: str | None) -> None:
    """Validate the data package DESCRIPTOR, a file or its folder (default: the shipped one).

    Runs frictionless and the checks it skips (the Data Package 2.0 profile, strict
    CSV, categories, references, GeoNames, ISO codes, dates, bilingual names, hashes)
    and warns about sources nothing cites and cities that take part in nothing.
    Exit status: 0 valid, 1 invalid, 2 wrong usage (warnings alone exit 0).
    """
    report = validate(descriptor if descriptor is not None else display_path(resolve_descriptor()))
    print_report(report, "json" if as_json else fmt or "text")
    if not report.valid:
        raise SystemExit(1)
