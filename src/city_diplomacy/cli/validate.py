"""``city-diplomacy validate``: print the report of :func:`city_diplomacy.data.validate.validate`.

Exit codes: 0 valid, 1 invalid input (including a descriptor that cannot be read),
2 wrong usage (click's usage errors).
"""

from __future__ import annotations

from pathlib import Path

import click

from city_diplomacy.data.load import resolve_descriptor
from city_diplomacy.data.problems import format_problem
from city_diplomacy.data.validate import validate


def _display(path: Path) -> Path:
    """Show paths under the current folder relative to it, as a person would type them."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@click.command("validate")
@click.argument("descriptor", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate_command(descriptor: Path | None, as_json: bool) -> None:
    """Validate the data package DESCRIPTOR, a file or its folder (default: the shipped one).

    Runs frictionless and the checks it skips (the Data Package 2.0 profile, strict
    CSV, categories, references, GeoNames, ISO codes, dates, bilingual names, hashes).
    Exit status: 0 valid, 1 invalid, 2 wrong usage.
    """
    report = validate(descriptor if descriptor is not None else _display(resolve_descriptor()))
    if as_json:
        click.echo(report.to_json())
    else:
        for problem in report.problems:
            click.echo(format_problem(problem))
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
