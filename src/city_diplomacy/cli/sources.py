"""``city-diplomacy check-sources``: request every source URL, report dead and moved links."""

from __future__ import annotations

import json
from pathlib import Path

import click

from city_diplomacy.data.load import resolve_descriptor
from city_diplomacy.data.sourcelinks import DEAD, OK, SourcesError, check_sources


@click.command("check-sources")
@click.option(
    "--descriptor",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="datapackage.json to use (default: ./datapackage/datapackage.json).",
)
@click.option("--json", "as_json", is_flag=True, help="Print every result as JSON.")
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
    help="Seconds to wait for each request.",
)  # fmt: skip
@click.option(
    "--concurrency", type=click.IntRange(min=1, max=32), default=8, show_default=True,
    help="Requests at a time (at most 4 to one host).",
)  # fmt: skip
def check_sources_command(
    descriptor: Path | None, as_json: bool, timeout: float, concurrency: int
) -> None:
    """Request every URL of the sources table and report dead, moved and
    changed-domain links with the ids of the sources citing them.

    Needs the network. Exit 1 if any link is dead (4xx, 5xx or no answer).
    """
    path = resolve_descriptor(descriptor)
    if path.is_dir():
        path = path / "datapackage.json"
    try:
        results = check_sources(path, timeout, concurrency)
    except SourcesError as error:
        raise click.ClickException(str(error)) from error
    dead = [r for r in results if r.status == DEAD]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        for result in results:
            if result.status == OK:
                continue
            ids = ", ".join(result.source_ids)
            detail = result.final_url or result.error or ""
            code = f" {result.http_status}" if result.http_status else ""
            click.echo(f"{result.status}{code}: {result.url} -> {detail} [{ids}]")
        counts = {
            s: sum(r.status == s for r in results) for s in dict.fromkeys(r.status for r in results)
        }
        click.echo(f"{len(results)} URLs: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if dead:
        raise SystemExit(1)
