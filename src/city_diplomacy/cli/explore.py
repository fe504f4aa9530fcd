"""``city-diplomacy explore``: the SQLite release in Datasette, on this machine only."""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from city_diplomacy.data.load import load, resolve_descriptor


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.command("explore")
@click.option(
    "--descriptor",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="datapackage.json to use (default: ./datapackage/datapackage.json).",
)
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
    help="Language of the label columns (name_ja or name_en …).",
)  # fmt: skip
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)  # fmt: skip
def explore_command(descriptor: Path | None, lang: str, port: int) -> None:
    """Browse the data in Datasette at http://127.0.0.1:PORT/ (Ctrl-C stops).

    Builds the SQLite release in a temporary folder with metadata from the data
    package (titles, column descriptions, units, labels, facets, licence, source).
    Needs the optional extra: pip install 'tokyo-city-diplomacy[explore]'.
    """
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException(
            "Datasette is not installed: pip install 'tokyo-city-diplomacy[explore]'"
        )
    from city_diplomacy.release.explore import prepare

    path = resolve_descriptor(descriptor)
    try:
        package = load(path)
    except (OSError, ValueError, KeyError) as error:
        raise click.ClickException(f"{path}: {error}") from error
    with tempfile.TemporaryDirectory(prefix="cd-explore-") as folder:
        database, meta = prepare(package, Path(folder), lang)
        command = [
            sys.executable, "-m", "datasette", "serve", "-i", str(database),
            "--metadata", str(meta), "--host", "127.0.0.1", "--port", str(port),
            "--setting", "default_facet_size", "50",
        ]  # fmt: skip
        click.echo(f"Datasette on http://127.0.0.1:{port}/ (Ctrl-C stops)")
        child = subprocess.Popen(command)
        # SIGTERM stops Datasette too (Ctrl-C reaches both through the terminal)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            code = child.wait()
        except KeyboardInterrupt:
            child.terminate()
            child.wait()
            code = 0
    if code:
        raise SystemExit(code)
