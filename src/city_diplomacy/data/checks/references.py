"""Foreign keys, checked on the rows already read (with their physical lines).

Frictionless would check them too, but it re-opens every referenced table for every
table that points at it, which is most of its running time; here each referenced
table's keys are collected once into a set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def foreign_keys(table: Table) -> list[Mapping[str, Any]]:
    keys = table.schema.get("foreignKeys")
    return [k for k in keys if isinstance(k, Mapping)] if isinstance(keys, list) else []


def check_key_fields(tables: list[Table], descriptor_file: str) -> list[Problem]:
    """Keys must name fields the schemas declare (frictionless only says "not valid")."""
    by_name = {table.name: table for table in tables}
    problems = []
    for table in tables:
        declared = set(table.field_names)
        keys: list[tuple[str, object, set[str]]] = [
            ("primaryKey", table.schema.get("primaryKey"), declared)
        ]
        for index, key in enumerate(foreign_keys(table)):
            keys.append((f"foreignKeys[{index}].fields", key.get("fields"), declared))
            reference = key.get("reference")
            if isinstance(reference, Mapping):
                target = by_name.get(str(reference.get("resource") or table.name))
                if target is not None:
                    where = f"foreignKeys[{index}].reference.fields"
                    keys.append((where, reference.get("fields"), set(target.field_names)))
        for where, value, names in keys:
            for name in _names(value):
                if name not in names:
                    problems.append(
                        Problem(
                            descriptor_file,
                            None,
                            f"{table.where}.schema.{where}",
                            f"{name!r} is not a field of that table (use one of its field names)",
                            name,
                            "references",
                        )
                    )
    return problems


def check(tables: list[Table], descriptor_file: str) -> list[Problem]:
    by_name = {table.name: table for table in tables}
    cache: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}
    problems: list[Problem] = []
    for table in tables:
        for index, key in enumerate(foreign_keys(table)):
            reference = key.get("reference")
            if not isinstance(reference, Mapping):
                continue
            fields, targets = _names(key.get("fields")), _names(reference.get("fields"))
            target_name = reference.get("resource") or table.name
            target = by_name.get(str(target_name))
            if target is None:
                problems.append(
                    Problem(
                        descriptor_file,
                        None,
                        f"{table.where}.schema.foreignKeys[{index}]",
                        f"refers to a resource {target_name!r} that the package does not "
                        "have (fix reference.resource)",
                        str(target_name),
                        "references",
                    )
                )
                continue
            if not fields or len(fields) != len(targets):
                continue  # the profile check reports a malformed key
            slot = (target.name, tuple(targets))
            if slot not in cache:
                cache[slot] = _keys(target, targets)
            problems += _dangling(table, fields, target.name, targets, cache[slot])
    return problems


def _keys(table: Table, fields: list[str]) -> set[tuple[str, ...]]:
    keys = set()
    for row in table.key_rows:
        values = tuple(table.value(row, f) for f in fields)
        if None not in values:
            keys.add(tuple(str(v) for v in values))
    return keys


def _dangling(
    table: Table, fields: list[str], target: str, targets: list[str], known: set[tuple[str, ...]]
) -> Iterator[Problem]:
    for row in table.rows:
        values = tuple(table.value(row, f) for f in fields)
        if None in values or tuple(str(v) for v in values) in known:
            continue
        shown = ",".join(str(v) for v in values)
        if target == "sources" and fields == ["source"]:
            yield Problem(
                table.file,
                row.line,
                "source",
                f"unknown source id {shown!r} (add it to the sources table or cite "
                "an existing source)",
                shown,
                "references",
            )
            continue
        yield Problem(
            table.file,
            row.line,
            ",".join(fields),
            f"{shown!r} is not an {','.join(targets)} in {target} "
            f"(add that row to {target} or fix the reference)",
            shown,
            "references",
        )
