"""Run frictionless once on the whole package and translate its errors into problems."""

from __future__ import annotations

import copy
import multiprocessing
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.DOTALL)
_POSITION = re.compile(r"(?:the )?row at position (\d+)")
_FOREIGN = re.compile(
    r'for "(.*?)": values "(.*?)" not found in the lookup table "(.*?)" as "(.*?)"'
)

#: Frictionless error types that our own checks report better (with the physical line):
#: cell counts and blank rows (csv-structure), bytes (csv-encoding), the header, a missing
#: file (resource), and bytes/hash (integrity).
COVERED = frozenset(
    {
        "blank-row",
        "extra-cell",
        "missing-cell",
        "encoding-error",
        "incorrect-label",
        "missing-label",
        "extra-label",
        "blank-label",
        "duplicate-label",
        "scheme-error",
        "byte-count",
        "hash-count",
    }
)


class Found(NamedTuple):
    """One frictionless error as plain data (it crosses a process boundary)."""

    task: str | None  # resource name; None for a package-level error
    type: str
    row_number: int | None
    field_name: str | None
    cell: str | None
    note: str
    message: str


def collect(descriptor: Mapping[str, Any], root: Path) -> list[Found]:
    """Validate with frictionless: types, constraints, unique and primary keys.

    Foreign keys are left out of the copy frictionless sees: :mod:`.references` checks
    them on the rows already read, without frictionless re-opening each referenced table.
    """
    from frictionless import FrictionlessException, Package

    try:
        package = Package(_without_foreign_keys(descriptor), basepath=str(root))
        report = package.validate()
    except FrictionlessException as error:
        return [Found(None, error.error.type, None, None, None, "", error.error.message)]
    found = [Found(None, e.type, None, None, None, "", e.message) for e in report.errors]
    for task in report.tasks:
        for item in task.errors:
            cell = getattr(item, "cell", None)
            found.append(
                Found(
                    task.name,
                    item.type,
                    getattr(item, "row_number", None),
                    getattr(item, "field_name", None) or None,
                    None if cell is None else str(cell),
                    getattr(item, "note", "") or "",
                    item.message,
                )
            )
    return found


class Pending:
    """Frictionless validation started in a forked child, to overlap with our checks.

    Only where forking is safe (a POSIX process with no other threads, such as the
    CLI); otherwise, or if the child fails, the work is done in-process on ``result()``.
    """

    def __init__(self, descriptor: Mapping[str, Any], root: Path) -> None:
        self._descriptor, self._root = descriptor, root
        self._child: Any = None
        self._receive: Any = None
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._child = context.Process(target=_child, args=(send, descriptor, root))
            self._child.daemon = True
            self._child.start()
            send.close()

    def result(self) -> list[Found]:
        if self._child is not None:
            try:
                found: list[Found] | None = self._receive.recv()
            except EOFError:
                found = None  # the child died; do the work here
            self._receive.close()
            self._child.join()
            if found is not None:
                return found
        return collect(self._descriptor, self._root)


def _child(send: Any, descriptor: Mapping[str, Any], root: Path) -> None:
    try:
        send.send(collect(descriptor, root))
    except Exception:  # reported by the parent's in-process retry, with its traceback
        send.send(None)
    finally:
        send.close()


def translate(found: list[Found], descriptor_file: str, tables: list[Table]) -> list[Problem]:
    """Problems from frictionless errors, at physical lines, minus what is noise."""
    by_name = {table.name: table for table in tables}
    problems = []
    for error in found:
        table = by_name.get(error.task) if error.task is not None else None
        file = table.file if table else descriptor_file
        problem = _translate(error, file, table)
        if problem is not None:
            problems.append(problem)
    # One message per cell: a duplicate single-field key is both primary-key and unique-error.
    first = {(p.file, p.line, p.field): p for p in reversed(problems)}
    return [p for p in problems if first[(p.file, p.line, p.field)] is p]


def _without_foreign_keys(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    copied = copy.deepcopy(dict(descriptor))
    for resource in (
        copied.get("resources", []) if isinstance(copied.get("resources"), list) else []
    ):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, dict):
            schema.pop("foreignKeys", None)
    return copied


def _translate(error: Found, file: str, table: Table | None) -> Problem | None:
    if error.type in COVERED:
        return None
    if error.task is None:
        return Problem(
            file, None, None, f"frictionless: {error.message}", None, f"frictionless/{error.type}"
        )
    line = _line(table, error.row_number)
    if table is not None and line is not None and line in table.parsed.bad_lines:
        return None  # a malformed row: its cells are shifted, the strict reader said why
    name = error.field_name
    note = _POSITION.sub(lambda m: f"line {_line(table, int(m.group(1)))}", error.note)
    message = _message(error.type, note, error.cell, error.message)
    if error.type == "primary-key" and table is not None:
        key = table.schema.get("primaryKey")
        name = ",".join(key) if isinstance(key, list) else (key if isinstance(key, str) else None)
    if error.type == "foreign-key" and (match := _FOREIGN.search(note)):
        name = match.group(1)
    return Problem(file, line, name, message, error.cell, f"frictionless/{error.type}")


def _line(table: Table | None, row_number: int | None) -> int | None:
    if row_number is None:
        return None
    if table is None:
        return row_number
    starts = table.parsed.csv_record_lines
    return starts[row_number - 1] if 0 < row_number <= len(starts) else row_number


def _message(kind: str, note: str, cell: object, fallback: str) -> str:
    shown = repr(cell) if isinstance(cell, str) else str(cell)
    if kind == "constraint-error" and (match := _CONSTRAINT.match(note)):
        constraint, limit = match.groups()
        return {
            "required": "is empty but required (fill it in)",
            "enum": f"{shown} is not one of the allowed values {limit} (use one of them)",
            "maximum": f"{shown} is above the maximum {limit} (fix the value)",
            "minimum": f"{shown} is below the minimum {limit} (fix the value)",
            "pattern": f"{shown} does not match the pattern {limit} (fix the value)",
            "minLength": f"{shown} is shorter than {limit} characters (fill it in)",
            "maxLength": f"{shown} is longer than {limit} characters (shorten it)",
            "unique": f"{shown} is already used in another row (make it unique)",
        }.get(constraint, f"{shown} breaks the constraint {constraint} = {limit}")
    if kind == "type-error":
        return f"{shown} is not a valid value: {note} (fix the value)"
    if kind == "primary-key" and note.startswith("the same as"):
        return f"duplicate primary key: {note} (make the key unique)"
    if kind == "primary-key":
        return f"empty primary key: {note} (fill it in)"
    if kind == "unique-error":
        return f"{shown} is not unique: {note} (make it unique)"
    if kind == "foreign-key" and (match := _FOREIGN.search(note)):
        fields, values, resource, target = match.groups()
        return (
            f"{fields} = {values!r} not found in {resource}.{target} "
            f"(add that row to {resource} or fix the reference)"
        )
    return f"{fallback} ({kind})"
