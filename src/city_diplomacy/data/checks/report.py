"""The report that validation returns: a sorted list of problems, printable by the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from city_diplomacy.data.problems import ERROR, Problem


@dataclass(frozen=True)
class Report:
    """Result of :func:`city_diplomacy.data.validate.validate`; empty ``problems`` means valid."""

    descriptor: str
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()
    rows: int = 0

    @classmethod
    def build(
        cls,
        descriptor: str,
        problems: Iterable[Problem],
        files: Iterable[str] = (),
        rows: int = 0,
    ) -> Report:
        """Sort (stably) and drop exact duplicates."""
        unique = list(dict.fromkeys(problems))
        return cls(descriptor, tuple(sorted(unique, key=Problem.sort_key)), tuple(files), rows)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the package invalid (warnings only ask for a look)."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        return {
            "descriptor": self.descriptor,
            "valid": self.valid,
            "files": list(self.files),
            "rows": self.rows,
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
