"""Generate a synthetic data package N times larger than the real one (never committed).

The tables that grow with the world (cities, events, memberships, participations, outcomes)
get N-1 extra copies of every row with suffixed ids (``tokyo-syn2``); foreign keys into
those tables follow the suffix, keys into the fixed tables (networks, programmes, themes,
sources, whose ids the pages name) stay, so every page still builds and shows N times
more members, events and cities. Copies of numbered meetings lose their number, which
the original keeps (``validate`` allows one meeting per number in a series).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

GROWING = ("cities", "events", "memberships", "participations", "outcomes")
LABELS = ("name_ja", "name_en", "title_ja", "title_en")


def _resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {resource["name"]: resource for resource in descriptor["resources"]}


def _suffixed_fields(resource: dict[str, Any]) -> list[str]:
    """Fields whose value is an id of a growing table (its own key or a foreign key)."""
    schema = resource["schema"]
    fields = []
    key = schema.get("primaryKey", [])
    if resource["name"] in GROWING and len(key) == 1:
        fields.extend(key)
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or resource["name"]
        if target in GROWING:
            fields.extend(fk["fields"])
    return fields


def generate(source_dir: Path, dest_dir: Path, factor: int = 10) -> Path:
    """Copy the package in ``source_dir`` to ``dest_dir``, ``factor`` times larger."""
    shutil.copytree(source_dir, dest_dir)
    descriptor_path = dest_dir / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for name, resource in _resources(descriptor).items():
        if name not in GROWING:
            continue
        path = dest_dir / resource["path"]
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        suffixed = _suffixed_fields(resource)
        grown = list(rows)
        for copy in range(2, factor + 1):
            for row in rows:
                new = dict(row)
                for field in suffixed:
                    if new.get(field):
                        new[field] = f"{new[field]}-syn{copy}"
                for field in LABELS:
                    if new.get(field):
                        new[field] = f"{new[field]} ({copy})"
                if new.get("ordinal"):
                    new["ordinal"] = ""  # a series numbers each meeting once (validate)
                grown.append(new)
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(grown)
    return descriptor_path


def row_counts(descriptor_path: Path) -> dict[str, int]:
    """Data rows per table of a package."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    counts = {}
    for name, resource in _resources(descriptor).items():
        with (descriptor_path.parent / resource["path"]).open(encoding="utf-8") as stream:
            counts[name] = sum(1 for _ in csv.reader(stream)) - 1
    return counts
