"""``validate`` warns about sources nothing cites and cities that take part in nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.data.validate import validate
from validate_helpers import make_package


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _unhash(descriptor: Path) -> dict[str, Any]:
    """The descriptor without the files' hashes and sizes (the tests edit the files)."""
    spec: dict[str, Any] = json.loads(descriptor.read_text(encoding="utf-8"))
    for resource in spec["resources"]:
        resource.pop("hash", None)
        resource.pop("bytes", None)
    descriptor.write_text(json.dumps(spec, ensure_ascii=False, indent=2), encoding="utf-8")
    return spec


def _warnings(descriptor: Path) -> list[tuple[str, int | None, str | None]]:
    report = validate(descriptor)
    assert report.valid, report.problems
    return [
        (Path(p.file).name, p.line, p.value)
        for p in report.problems
        if (p.severity, p.check) == ("warning", "orphans")
    ]


def test_fixture_has_no_loose_ends(tmp_path: Path) -> None:
    assert _warnings(make_package(tmp_path)) == []


def test_uncited_source_and_idle_city_are_warnings(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    _unhash(descriptor)
    data = descriptor.parent / "data"
    _append(data / "sources.csv", "lonely-page,Lonely,https://example.org/lonely")
    _append(data / "cities.csv", "seoul,ソウル,Seoul,KR,1835848,37.566,126.9784,geonames")
    assert _warnings(descriptor) == [("cities.csv", 4, "seoul"), ("sources.csv", 4, "lonely-page")]
    result = CliRunner().invoke(main, ["validate", str(descriptor)])
    assert result.exit_code == 0, result.output
    assert f"{data}/sources.csv:4: id: source 'lonely-page' is cited by no row" in result.output
    assert result.output.rstrip().endswith("rows, 2 warnings)")
    github = CliRunner().invoke(main, ["validate", "--format", "github", str(descriptor)])
    assert github.exit_code == 0
    assert (
        f"::warning file={data}/cities.csv,line=4,title=orphans::id: city 'seoul'" in github.output
    )


def test_a_list_column_cites_its_sources(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    data = descriptor.parent / "data"
    _append(data / "sources.csv", "listed-page,Listed,https://example.org/listed")
    spec = _unhash(descriptor)
    events = next(r for r in spec["resources"] if r["name"] == "events")
    events["schema"]["fields"] += [{"name": "other_sources", "type": "string"}]
    descriptor.write_text(json.dumps(spec, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = (data / "events.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",other_sources"]
    rows += [lines[1] + ",geonames listed-page"]
    rows += [line + "," for line in lines[2:]]
    (data / "events.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert _warnings(descriptor) == []
