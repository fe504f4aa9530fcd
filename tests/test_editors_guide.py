"""The editors' guide, followed to the letter: its commands run in a copy of the repository.

The guide's worked example is real data (the U20 communiqué of June 2021, with Milan as
the city new to the data). The copy first loses those rows and everything that depends
on them; then every ``bash`` block of the guide runs there, in order, as an editor would
type it. Each row the commands write must equal the row in the shipped data byte for
byte, and the site built from the copy must show the event on the network page, the
timeline, the map data and the cities page.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from site_support import ROOT, copy_project
from versions_support import copy_tree, git

GUIDE = ROOT / "docs" / "contributing" / "editors.md"
DATA = ROOT / "datapackage" / "data"
EVENT = "u20-communique-2021"
#: What the guide adds: table -> the keys of its rows (as in the shipped data).
ADDED: dict[str, set[tuple[str, ...]]] = {
    "sources": {("tmg-u20-en-later",)},
    "cities": {("milan",)},
    "events": {(EVENT,)},
    "participations": {
        (EVENT, "milan", "co-chair", "not-stated"),
        (EVENT, "rome", "co-chair", "not-stated"),
        (EVENT, "tokyo", "signatory", "not-stated"),
    },
    "memberships": {("u20-2021-07-milan",)},
}


def guide_commands() -> list[str]:
    """The shell commands of the guide's ``bash`` blocks, continuation lines joined."""
    text = GUIDE.read_text(encoding="utf-8")
    commands: list[str] = []
    for block in re.findall(r"^```bash\n(.*?)^```", text, flags=re.M | re.S):
        commands += [c for c in block.replace("\\\n", " ").splitlines() if c.strip()]
    return commands


def _resources() -> list[dict[str, Any]]:
    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text("utf-8"))
    resources: list[dict[str, Any]] = descriptor["resources"]
    return resources


def _records(path: Path) -> list[tuple[str, list[str]]]:
    """(the record's text as written, its cells) for every data row of a CSV file."""
    text = path.read_text(encoding="utf-8")
    lines = re.findall(r"[^\n]*\n", text)
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    records, start = [], 1
    for cells in reader:
        end = reader.line_num
        records.append(("".join(lines[start:end]), cells))
        start = end
    return records


def _remove_with_dependants(project: Path) -> None:
    """Drop the guide's rows from the copy, and every row that refers to a dropped row."""
    resources = _resources()
    removed = {name: set(keys) for name, keys in ADDED.items()}
    changed = True
    while changed:
        changed = False
        for resource in resources:
            schema = resource["schema"]
            name = str(resource["name"])
            path = project / "datapackage" / str(resource["path"])
            header = next(csv.reader(io.StringIO(path.read_text("utf-8"))))
            key = [header.index(k) for k in schema["primaryKey"]]
            gone = removed.setdefault(name, set())
            for _, cells in _records(path):
                if tuple(cells[i] for i in key) in gone:
                    continue
                for fk in schema.get("foreignKeys", []):
                    ref = fk["reference"]["resource"]
                    value = cells[header.index(fk["fields"][0])]
                    if (value,) in removed.get(ref, set()):
                        gone.add(tuple(cells[i] for i in key))
                        changed = True
                        break
    for resource in resources:
        schema = resource["schema"]
        path = project / "datapackage" / str(resource["path"])
        text = path.read_text(encoding="utf-8")
        header_line = text.split("\n", 1)[0] + "\n"
        header = next(csv.reader(io.StringIO(header_line)))
        key = [header.index(k) for k in schema["primaryKey"]]
        # An event that keeps its row but loses participations (Milan's, at other
        # meetings) no longer matches its participant_count: the copy drops the count.
        thinned = {k[0] for k in removed.get("participations", set())}
        kept = []
        for record, cells in _records(path):
            if tuple(cells[i] for i in key) in removed[str(resource["name"])]:
                continue
            if resource["name"] == "events" and cells[0] in thinned:
                cells[header.index("participant_count")] = ""
                out = io.StringIO()
                csv.writer(out, lineterminator="\n").writerow(cells)
                record = out.getvalue()
            kept.append(record)
        path.write_text(header_line + "".join(kept), encoding="utf-8")


def _shipped_rows(table: str) -> dict[tuple[str, ...], str]:
    resource = next(r for r in _resources() if r["name"] == table)
    schema = resource["schema"]
    path = ROOT / "datapackage" / str(resource["path"])
    header = next(csv.reader(io.StringIO(path.read_text("utf-8"))))
    key = [header.index(k) for k in schema["primaryKey"]]
    return {tuple(cells[i] for i in key): record for record, cells in _records(path)}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the repository in which the guide's commands have run; and their output."""
    project = tmp_path_factory.mktemp("editors") / "repo"
    copy_tree(project)
    _remove_with_dependants(project)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "before the editor's change")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    outputs = []
    for command in guide_commands():
        result = subprocess.run(
            ["bash", "-c", command], cwd=project, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)
    return project, outputs


def test_guide_has_the_commands_an_editor_needs() -> None:
    commands = guide_commands()
    for verb in (
        "lookup city",
        "add source",
        "add city",
        "add event",
        "add participation",
        "add membership",
        "validate",
        "diff",
    ):
        assert any(c.startswith(f"city-diplomacy {verb}") for c in commands), verb


def test_guide_rows_equal_the_shipped_rows(edited: tuple[Path, list[str]]) -> None:
    project, _ = edited
    for resource in _resources():
        table = str(resource["name"])
        path = project / "datapackage" / str(resource["path"])
        schema = resource["schema"]
        header = next(csv.reader(io.StringIO(path.read_text("utf-8"))))
        key = [header.index(k) for k in schema["primaryKey"]]
        rows = {tuple(cells[i] for i in key): record for record, cells in _records(path)}
        shipped = _shipped_rows(table)
        for wanted in ADDED.get(table, set()):
            assert rows.get(wanted) == shipped[wanted], (table, wanted)


def test_guide_outputs(edited: tuple[Path, list[str]]) -> None:
    _, outputs = edited
    joined = "\n".join(outputs)
    assert "3173435  Milan  IT" in outputs[1]  # the lookup
    assert "added cities milan" in joined
    assert "datapackage/datapackage.json: valid (" in joined
    report = outputs[-1]
    assert report.startswith("# Data changes")
    assert "| added | u20-communique-2021 | [tmg-u20-en-later](https://www." in report


def test_the_event_shows_on_the_site(edited: tuple[Path, list[str]], tmp_path: Path) -> None:
    edited_project, _ = edited
    # What a site build reads, outside git (the repository copy has no release history).
    project = copy_project(tmp_path / "project")
    shutil.copytree(edited_project / "datapackage", project / "datapackage", dirs_exist_ok=True)
    out = tmp_path / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "city_diplomacy",
            "build",
            "--lang",
            "en",
            "--project",
            str(project),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = out / "en" / "latest"
    title = "U20 communiqué released (co-chaired by Rome and Milan)"
    network = (root / "networks" / "u20.html").read_text(encoding="utf-8")
    assert title in network
    assert title in (root / "timeline.html").read_text(encoding="utf-8")
    cities = (root / "cities.html").read_text(encoding="utf-8")
    # The cities page lists Milan and marks it on the map (an SVG point titled Milan).
    assert 'id="city-milan"' in cities
    assert re.search(r'class="cd-map-city"[^>]*>\s*<title>Milan</title>', cities), "map"
    # Milan's own page lists the event.
    assert title in (root / "cities" / "milan.html").read_text(encoding="utf-8")
