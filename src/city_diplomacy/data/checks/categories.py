"""Table Schema 2.0 ``categories``: frictionless 5.x reads them but never enforces them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem


def allowed(field: Mapping[str, Any]) -> list[str] | None:
    """The category values of a field as strings, or None if it declares none."""
    categories = field.get("categories")
    if not isinstance(categories, list):
        return None
    values = []
    for item in categories:
        value = item.get("value") if isinstance(item, Mapping) else item
        if value is not None:
            values.append(_text(value))
    return values


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _normal(cell: str, kind: object) -> str:
    """Compare integers by value (``07`` is 7), strings as written."""
    if kind == "integer":
        try:
            return str(int(cell))
        except ValueError:
            return cell
    return cell


def check(tables: list[Table]) -> list[Problem]:
    problems = []
    for table in tables:
        for spec in table.fields:
            values = allowed(spec)
            name = spec.get("name")
            if values is None or not isinstance(name, str):
                continue
            kind = spec.get("type")
            permitted = {_normal(v, kind) for v in values}
            for row in table.rows:
                cell = table.value(row, name)
                if cell is not None and _normal(cell, kind) not in permitted:
                    problems.append(
                        Problem(
                            table.file,
                            row.line,
                            name,
                            f"{cell!r} is not one of the field's categories "
                            f"({', '.join(values)}); use one of them",
                            cell,
                            "categories",
                        )
                    )
    return problems
