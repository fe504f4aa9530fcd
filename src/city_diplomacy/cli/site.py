"""``city-diplomacy build`` and ``serve``: the site commands (library in sitebuild/).

Exit codes: 0 built, 1 invalid input (data, pages, catalogs; the previous site is kept),
2 wrong usage (such as an unknown language).
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("build")
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="CODE",
    help="Build only this language (repeatable); default: all in locales/languages.toml.",
)
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project root (holds docs/, locales/, datapackage/).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory [default: <project>/build/site].",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Absolute URL the site is published at (for sitemap.xml) "
    "[default: [site] base_url in <project>/site.toml].",
)
@click.option(
    "--as-release",
    "as_release",
    default=None,
    metavar="VERSION",
    help="Build this tree as the recorded release VERSION (pages under <lang>/VERSION/). "
    "This is how later commits build this one; it is a stable interface.",
)
@click.option(
    "--all-versions",
    is_flag=True,
    help="Also build every release recorded in releases.json (each from its own commit, in "
    "a virtual environment with that commit's pinned dependencies, cached in build/.cache/) "
    "and the dataset downloads of every version. A copy without that history (source "
    "archive, shallow clone) builds latest only and notes the releases it skipped.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="With --all-versions: fail (exit 1) when a recorded release cannot be built here "
    "instead of skipping it with a note.",
)
def build_command(
    languages: tuple[str, ...],
    project: Path,
    out: Path | None,
    base_url: str | None,
    all_versions: bool,
    strict: bool,
    as_release: str | None,
) -> None:
    """Validate the data and build the site (all languages, search index, manifest)."""
    from city_diplomacy._version import LATEST
    from city_diplomacy.sitebuild.build import BuildError, UnknownLanguageError, build_site
    from city_diplomacy.sitebuild.sitemeta import SiteConfigError, normalize_base_url
    from city_diplomacy.sitebuild.versions import build_all_versions

    if base_url is not None:
        try:
            base_url = normalize_base_url(base_url)
        except SiteConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url") from exc
    if all_versions and as_release:
        raise click.UsageError("--as-release and --all-versions exclude each other")
    if strict and not all_versions:
        raise click.UsageError("--strict goes with --all-versions")
    try:
        if all_versions:
            result = build_all_versions(
                project, out=out, languages=languages or None, base_url=base_url, strict=strict
            )
        else:
            result = build_site(
                project,
                out=out,
                languages=languages or None,
                base_url=base_url,
                version=as_release or LATEST,
            )
    except UnknownLanguageError as exc:
        raise click.UsageError(str(exc)) from exc
    except BuildError as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        click.echo("build failed; the previous site was left unchanged", err=True)
        raise SystemExit(1) from exc
    pages = sum(
        len(tree["pages"])
        for code in result.built
        for tree in result.manifest["trees"].get(code, {}).values()
    )
    for note in result.notes:
        click.echo(f"note: {note}")
    versions = ", ".join(result.manifest.get("versions", []))
    click.echo(
        f"built {', '.join(result.built)} ({pages} pages; versions {versions}) into {result.out}"
    )


@click.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("build/site"),
    show_default=True,
    help="Directory to serve.",
)
def serve_command(port: int, directory: Path) -> None:
    """Serve the built site on http://127.0.0.1:PORT/ until interrupted."""
    from city_diplomacy.sitebuild.serve import make_server

    server = make_server(directory, port=port)
    host, bound = server.server_address[:2]
    click.echo(f"serving {directory} on http://{host!s}:{bound}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
