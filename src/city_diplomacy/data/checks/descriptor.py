"""Checks on ``datapackage.json`` itself: readable JSON, the Data Package 2.0 profile,
and keys that frictionless 5.x silently accepts in the wrong place."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from city_diplomacy.data.problems import Problem

#: Where the official profiles live; ``$ref``s to these URLs resolve to the packaged copies.
PROFILE_BASE = "https://datapackage.org/profiles/2.0/"
PROFILE_NAMES = ("datapackage", "dataresource", "tableschema", "tabledialect")

#: Table Schema keys that belong inside ``schema``, never beside it.
SCHEMA_ONLY_KEYS = ("primaryKey", "foreignKeys", "fields", "missingValues", "uniqueKeys")


class DescriptorError(Exception):
    """The descriptor cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read(path: Path, file: str) -> dict[str, Any]:
    """Parse the descriptor or raise DescriptorError naming the file and JSON position."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DescriptorError(
            Problem(
                file,
                None,
                None,
                "file not found (give the path of a datapackage.json)",
                None,
                "descriptor",
            )
        ) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DescriptorError(
            Problem(
                file,
                line,
                None,
                f"not UTF-8 (byte {error.object[error.start]:#04x} at "
                f"offset {error.start}); save the file as UTF-8",
                None,
                "descriptor",
            )
        ) from None
    except OSError as error:
        raise DescriptorError(
            Problem(file, None, None, f"cannot be read: {error.strerror}", None, "descriptor")
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        lines = text.splitlines()
        snippet = lines[error.lineno - 1].strip()[:80] if error.lineno <= len(lines) else None
        raise DescriptorError(
            Problem(
                file,
                error.lineno,
                None,
                f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno} "
                "(fix the syntax)",
                snippet,
                "descriptor",
            )
        ) from None
    if not isinstance(data, dict):
        raise DescriptorError(
            Problem(
                file,
                1,
                None,
                f"must be a JSON object, not {type(data).__name__}",
                None,
                "descriptor",
            )
        )
    return data


@cache
def _profile(name: str) -> dict[str, Any]:
    text = (
        resources.files("city_diplomacy.data")
        .joinpath("profiles", f"{name}.json")
        .read_text(encoding="utf-8")
    )
    profile: dict[str, Any] = json.loads(text)
    return profile


@cache
def profile_registry() -> Any:
    """The four official profiles under their 2.0 URLs, so ``$ref``s resolve locally.

    The registry has no retriever: a ``$ref`` to anything else fails instead of going online.
    """
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry: Registry[Any] = Registry().with_resources(
        (f"{PROFILE_BASE}{name}.json", Resource.from_contents(_profile(name), DRAFT7))
        for name in PROFILE_NAMES
    )
    return registry


@cache
def _validator() -> Any:
    """A Draft 7 validator for the Data Package 2.0 profile."""
    from jsonschema import Draft7Validator

    return Draft7Validator(_profile("datapackage"), registry=profile_registry())


def json_path(parts: Iterator[object] | Any) -> str:
    """``resources[2].schema.fields[0]`` from a jsonschema error path."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _short(value: object, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _explain(error: Any) -> Any:
    """The most useful error under an ``anyOf``/``oneOf`` (e.g. a field's type variants).

    Prefer the branch whose ``type`` matched (the field's own type), so a string field
    with bad ``categories`` is not told "'string' is not one of ['number']".
    """
    from jsonschema.exceptions import best_match

    if not error.context:
        return error
    branches: dict[int, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    own_type = [
        errors
        for errors in branches.values()
        if not any(tuple(e.relative_path) == ("type",) for e in errors)
    ]
    if not own_type and isinstance(error.instance, Mapping) and "type" in error.instance:
        allowed = sorted(
            {v for e in error.context if e.validator == "enum" for v in e.validator_value}
        )
        if allowed:  # no branch has this type: name the types there are
            return SimpleNamespace(
                message=f"{error.instance['type']!r} is not a field type of Table Schema "
                f"2.0 (use one of {', '.join(allowed)})",
                absolute_path=[*error.absolute_path, "type"],
                instance=error.instance["type"],
            )
    candidates = own_type[0] if len(own_type) == 1 else error.context
    return _explain(best_match(candidates))


def check_profile(data: Mapping[str, Any], file: str) -> list[Problem]:
    """Validate against the official Data Package 2.0 JSON Schema (packaged copy)."""
    problems = []
    for error in _validator().iter_errors(data):
        detail = _explain(error)
        where = json_path(detail.absolute_path)
        problems.append(
            Problem(
                file,
                None,
                where,
                f"breaks the Data Package 2.0 profile: {detail.message}",
                _short(detail.instance),
                "profile",
            )
        )
    return problems


def check_part(data: Mapping[str, Any], profile: str, file: str, where: str) -> list[Problem]:
    """Validate a schema or dialect kept in its own file (``tableschema``/``tabledialect``)."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(
        {"$ref": f"{PROFILE_BASE}{profile}.json"}, registry=profile_registry()
    )
    problems = []
    for error in validator.iter_errors(data):
        detail = _explain(error)
        problems.append(
            Problem(
                file,
                None,
                json_path(detail.absolute_path),
                f"breaks the Data Package 2.0 {profile} profile ({where}): {detail.message}",
                _short(detail.instance),
                "profile",
            )
        )
    return problems


def check_placement(data: Mapping[str, Any], file: str) -> list[Problem]:
    """Table Schema keys put beside ``schema`` (frictionless 5.x ignores them there)."""
    problems = []
    places: list[tuple[str, Any]] = [("", data)]
    places += [(f"resources[{i}].", r) for i, r in enumerate(_list(data.get("resources")))]
    for prefix, holder in places:
        if not isinstance(holder, Mapping):
            continue
        inside = f"{prefix}schema" if prefix else "resources[].schema"
        for key in SCHEMA_ONLY_KEYS:
            if key in holder:
                problems.append(
                    Problem(
                        file,
                        None,
                        f"{prefix}{key}",
                        f"{key} is outside the table schema and is ignored there "
                        f"(move it into {inside})",
                        _short(holder[key]),
                        "placement",
                    )
                )
    return problems


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
