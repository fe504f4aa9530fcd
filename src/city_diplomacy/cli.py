"""Command-line interface: parses arguments, calls the library, prints, sets exit codes.

Exit codes: 0 success, 1 the input is invalid (bad data, bad catalog), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .dataset import default_descriptor
from .validate import Problem, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="city-diplomacy")
def main() -> None:
    """Data and documentation of Tokyo's multilateral city diplomacy."""


def _display(path: Path) -> Path:
    """Show paths under the current folder relative to it, as a person would type them."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _format(problem: Problem) -> str:
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    text = f"{where}: {problem.field}: " if problem.field else f"{where}: "
    text += problem.message
    if (
        problem.value
        and problem.value not in problem.message
        and repr(problem.value) not in problem.message
    ):
        text += f"; found {problem.value!r}"
    return text


@main.command("validate")
@click.argument("descriptor", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate_command(descriptor: Path | None, as_json: bool) -> None:
    """Validate the data package DESCRIPTOR (default: datapackage/datapackage.json).

    Runs frictionless and the checks it skips (the Data Package 2.0 profile, strict
    CSV, categories, references, GeoNames, ISO codes, dates, bilingual names, hashes).
    Exit status: 0 valid, 1 invalid, 2 wrong usage.
    """
    report = validate(descriptor if descriptor is not None else _display(default_descriptor()))
    if as_json:
        click.echo(report.to_json())
    else:
        for problem in report.problems:
            click.echo(_format(problem))
        if report.valid:
            click.echo(
                f"{report.descriptor}: valid ({len(report.files)} files, {report.rows} rows)"
            )
        else:
            files = len({p.file for p in report.problems})
            noun = "problem" if len(report.problems) == 1 else "problems"
            click.echo(
                f"{report.descriptor}: invalid, {len(report.problems)} {noun} in {files} "
                f"file{'s' if files != 1 else ''}"
            )
    if not report.valid:
        raise SystemExit(1)
