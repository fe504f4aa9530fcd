"""The report that validation returns: a sorted list of problems, printable by the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package, located as precisely as the check can.

    ``line`` is the physical line in ``file`` (a CSV header is line 1), or None for a
    problem with a whole file or a descriptor property (then ``field`` names the
    property, e.g. ``resources[2].schema.primaryKey``).
    """

    file: str
    line: int | None
    field: str | None
    message: str
    value: str | None
    check: str

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.field or "", self.check, self.message)


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
    def valid(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, object]:
        return {
            "descriptor": self.descriptor,
            "valid": self.valid,
            "files": list(self.files),
            "rows": self.rows,
            "problems": [asdict(p) for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
