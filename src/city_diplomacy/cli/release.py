"""Release commands: ``release``, ``diff`` and ``citation`` (registered on the main group)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from city_diplomacy.data.load import read_descriptor, resolve_descriptor
from city_diplomacy.release import citation as citation_lib
from city_diplomacy.release.diff import DiffError, diff, format_text
from city_diplomacy.release.diffmarkdown import format_markdown
from city_diplomacy.release.export import ExportError, write_release
from city_diplomacy.release.versioning import GitError, VersionError, git, record_release


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def _repo_root(start: Path) -> Path:
    try:
        return Path(git(start, "rev-parse", "--show-toplevel"))
    except GitError as error:
        raise click.UsageError(f"{start}: not inside a git repository ({error})") from error


descriptor_option = click.option(
    "--descriptor",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="datapackage.json (or its folder) to use (default: the shipped datapackage/).",
)


@click.command()
@descriptor_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build/site"),
    show_default=True,
    help="Built site; files go to <site-dir>/downloads/<version>/.",
)
@click.option(
    "--record",
    "record",
    metavar="VERSION",
    default=None,
    help="Record HEAD as the commit of VERSION in releases.json (builds nothing).",
)
@click.option(
    "--as-release",
    "as_release",
    metavar="VERSION",
    default=None,
    help="Export this tree as the recorded release VERSION (how later commits build it). "
    "Without it, only a checkout of the commit releases.json records gets a release "
    "number; any other tree is a development version (1.0.1-dev+g<commit>).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def release(
    descriptor: Path | None,
    site_dir: Path,
    record: str | None,
    as_release: str | None,
    as_json: bool,
) -> None:
    """Write the dataset downloads of this version, or record a published version.

    Validates the data first; writes the data package zip, XLSX, SQLite, JSON,
    GeoJSON, a Parquet file per table, a DuckDB SQL script
    and SHA256SUMS to <site-dir>/downloads/<version>/, byte-identical on
    every run of the same commit. <version> is the release number only for a
    recorded release; otherwise a development version such as 1.0.1-dev (the
    files inside say 1.0.1-dev+g<commit>). Exit 1 if the data is invalid.
    """
    if record is not None:
        root = _repo_root(Path.cwd())
        try:
            recorded = record_release(root, record)
        except (VersionError, GitError) as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Recorded {recorded.version}: commit {recorded.commit} ({recorded.date})")
        click.echo("Commit releases.json to publish the record.")
        return
    try:
        report = write_release(descriptor, site_dir, as_release=as_release)
    except ExportError as error:
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"Release {report.version} -> {report.directory}")
    for artifact in report.artifacts:
        click.echo(f"  {artifact.filename:<52} {_human(artifact.size):>10}  {artifact.sha256}")
    rows = ", ".join(f"{name} {count}" for name, count in report.row_counts.items())
    click.echo(f"Rows: {rows}")
    missing = report.cities_without_coordinates
    if missing:
        click.echo(
            f"GeoJSON: {len(missing)} cities without coordinates left out: {', '.join(missing)}"
        )
    else:
        click.echo("GeoJSON: every city has coordinates.")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print the difference as JSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "markdown")),
    default=None,
    help="text (default), json, or markdown: a report for reviewers with the cited sources.",
)
def diff_command(old: str, new: str, as_json: bool, fmt: str | None) -> None:
    """Show what changed in the data from OLD to NEW.

    OLD and NEW are published versions (from releases.json), git revisions (a
    commit, HEAD, a branch) or paths to a datapackage.json. Rows are matched by
    primary key; changed rows list each field's old and new value.
    """
    try:
        root = Path(git(Path.cwd(), "rev-parse", "--show-toplevel"))
    except GitError:
        root = Path.cwd()  # paths still work; versions and revisions will not resolve
    try:
        result = diff(root, old, new)
    except (DiffError, VersionError) as error:
        raise click.ClickException(str(error)) from error
    if as_json or fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(format_markdown(result), nl=False)
    else:
        click.echo(format_text(result), nl=False)


@click.command("citation")
@descriptor_option
@click.option("--write", "mode", flag_value="write", help="Write CITATION.cff and .zenodo.json.")
@click.option("--check", "mode", flag_value="check", help="Exit 1 if they are out of date.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "cff", "zenodo", "jsonld"]),
    default="text",
    show_default=True,
    help="What to print when neither --write nor --check is given.",
)
def citation(descriptor: Path | None, mode: str | None, fmt: str) -> None:
    """Citation metadata generated from datapackage.json.

    Without options, prints how to cite this version. --write regenerates
    CITATION.cff and .zenodo.json at the repository root; --check fails (exit 1)
    when they no longer match the descriptor.
    """
    path = resolve_descriptor(descriptor)
    if not path.is_file():
        raise click.UsageError(f"{path}: no such descriptor")
    data = read_descriptor(path)
    root = path.resolve().parent.parent
    try:
        if mode == "write":
            changed = citation_lib.write_files(data, root)
            names = ", ".join(p.name for p in changed) or "nothing (already up to date)"
            click.echo(f"Wrote {names}")
        elif mode == "check":
            stale = citation_lib.out_of_sync(data, root)
            if stale:
                raise click.ClickException(
                    f"{', '.join(stale)} out of date with {path}: "
                    "run `city-diplomacy citation --write`"
                )
            click.echo("CITATION.cff and .zenodo.json match datapackage.json.")
        elif fmt == "cff":
            click.echo(citation_lib.citation_cff(data, citation_lib.repository_url(root)), nl=False)
        elif fmt == "zenodo":
            click.echo(citation_lib.zenodo_json(data, citation_lib.repository_url(root)), nl=False)
        elif fmt == "jsonld":
            from city_diplomacy.data.load import load

            document = citation_lib.dataset_jsonld(load(path))
            click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            click.echo(citation_lib.citation_text(data))
    except ValueError as error:
        raise click.ClickException(f"{path}: {error}") from error


COMMANDS = (release, diff_command, citation)
