"""A throwaway git repository holding a tiny data package, for release and diff tests."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

TINY_DESCRIPTOR: dict[str, Any] = {
    "name": "tiny",
    "title": "Tiny package",
    "version": "0.1.0",
    "created": "2024-05-01T00:00:00Z",
    "licenses": [{"name": "CC-BY-4.0"}],
    "resources": [
        {
            "name": "cities",
            "path": "data/cities.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string"},
                    {"name": "name_en", "type": "string"},
                    {"name": "population", "type": "integer"},
                    {"name": "latitude", "type": "number"},
                ],
                "primaryKey": ["id"],
                "missingValues": [""],
            },
        },
        {
            "name": "memberships",
            "path": "data/memberships.csv",
            "schema": {
                "fields": [
                    {"name": "network", "type": "string"},
                    {"name": "city", "type": "string"},
                    {"name": "role", "type": "string"},
                ],
                "primaryKey": ["network", "city"],
                "missingValues": [""],
            },
        },
    ],
}


class Repo:
    """A git repository in a temporary folder, committing with fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ticks = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        env = {
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_AUTHOR_DATE": f"2024-05-0{1 + self.ticks}T08:30:00+09:00",
            "GIT_COMMITTER_DATE": f"2024-05-0{1 + self.ticks}T08:30:00+09:00",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(self.root),
            "PATH": "/usr/bin:/bin",
        }
        result = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        return result.stdout.strip()

    def write_package(
        self,
        cities: list[dict[str, str]],
        memberships: list[dict[str, str]],
        version: str = "0.1.0",
        descriptor: dict[str, Any] | None = None,
    ) -> None:
        data = json.loads(json.dumps(descriptor or TINY_DESCRIPTOR))
        data["version"] = version
        folder = self.root / "datapackage"
        (folder / "data").mkdir(parents=True, exist_ok=True)
        (folder / "datapackage.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        for resource, rows in (("cities", cities), ("memberships", memberships)):
            spec = next(r for r in data["resources"] if r["name"] == resource)
            names = [f["name"] for f in spec["schema"]["fields"]]
            with (folder / spec["path"]).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, names, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "--quiet", "-m", message)
        self.ticks += 1
        return self.git("rev-parse", "HEAD")


CITIES_V1 = [
    {"id": "tokyo", "name_en": "Tokyo", "population": "14000000", "latitude": "35.6895"},
    {"id": "beijing", "name_en": "Beijing", "population": "", "latitude": "39.9075"},
    {"id": "seoul", "name_en": "Seoul", "population": "9700000", "latitude": "37.566"},
]
MEMBERSHIPS_V1 = [
    {"network": "anmc21", "city": "tokyo", "role": "founding-member"},
    {"network": "anmc21", "city": "beijing", "role": "founding-member"},
    {"network": "g-nets", "city": "tokyo", "role": "member"},
]
CITIES_V2 = [
    {"id": "tokyo", "name_en": "Tokyo", "population": "14100000", "latitude": "35.6895"},
    {"id": "seoul", "name_en": "Seoul", "population": "9700000", "latitude": "37.566"},
    {"id": "manila", "name_en": "Manila", "population": "", "latitude": "14.6042"},
]
MEMBERSHIPS_V2 = [
    {"network": "anmc21", "city": "tokyo", "role": "founding-member"},
    {"network": "g-nets", "city": "tokyo", "role": "founder"},
    {"network": "g-nets", "city": "manila", "role": "member"},
]
