"""What changed in the data between two versions, row by row and field by field.

Each side is a published version (looked up in ``releases.json``), a git revision,
or a path to a ``datapackage.json`` (or its folder). Rows are matched by the primary
key of their table; values are compared as typed by the schema, with empty cells
as None, so a new empty column changes no row.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from city_diplomacy.data.load import resolve_descriptor
from city_diplomacy.release.formats.tables import Table, Value, tables_at
from city_diplomacy.release.versioning import DESCRIPTOR_PATH, GitError, git, git_bytes, release_of

Key = tuple[Value, ...]


class DiffError(Exception):
    """A side of the diff could not be found or read."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Value
    new: Value


@dataclass(frozen=True)
class RowChange:
    key: Key
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TableDiff:
    """Differences in one table (present on both sides, or on one)."""

    name: str
    primary_key: tuple[str, ...]
    added: tuple[Key, ...] = ()
    removed: tuple[Key, ...] = ()
    changed: tuple[RowChange, ...] = ()
    fields_added: tuple[str, ...] = ()
    fields_removed: tuple[str, ...] = ()
    status: str = "both"  # "both", "added" (only in NEW) or "removed" (only in OLD)
    #: The source ids each added, removed or changed row cites (both sides for a change).
    cited: tuple[tuple[Key, tuple[str, ...]], ...] = ()

    def sources_of(self, key: Key) -> tuple[str, ...]:
        return next((ids for k, ids in self.cited if k == key), ())

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.changed
            or self.fields_added
            or self.fields_removed
            or self.status != "both"
        )


@dataclass(frozen=True)
class Side:
    """One side of a diff: what the user named and what it resolved to."""

    label: str
    version: str
    commit: str = ""


@dataclass(frozen=True)
class DataDiff:
    """The difference between two data packages."""

    old: Side
    new: Side
    tables: tuple[TableDiff, ...] = field(default=())
    #: URL of each source id (NEW's sources table, then OLD's), to link the citations.
    source_urls: tuple[tuple[str, str], ...] = ()

    @property
    def has_changes(self) -> bool:
        return any(t.has_changes for t in self.tables)

    def table(self, name: str) -> TableDiff:
        return next(t for t in self.tables if t.name == name)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` (keys are lists; one-field keys are plain values)."""

        def key(value: Key) -> Any:
            return value[0] if len(value) == 1 else list(value)

        return {
            "old": vars(self.old),
            "new": vars(self.new),
            "changed": self.has_changes,
            "tables": {
                t.name: {
                    "status": t.status,
                    "primary_key": list(t.primary_key),
                    "fields_added": list(t.fields_added),
                    "fields_removed": list(t.fields_removed),
                    "added": [key(k) for k in t.added],
                    "removed": [key(k) for k in t.removed],
                    "changed": [
                        {
                            "key": key(c.key),
                            "fields": {f.field: {"old": f.old, "new": f.new} for f in c.changes},
                        }
                        for c in t.changed
                    ],
                }
                for t in self.tables
            },
        }


def _sort_key(key: Key) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in key)


def _source_fields(table: Table) -> tuple[tuple[str, bool], ...]:
    """(field, holds a list) for each column that cites sources."""
    keyed = {f for k in table.foreign_keys if k.resource == "sources" for f in k.fields}
    names = [f.name for f in table.fields]
    if table.name != "sources" and "source" in names:
        keyed.add("source")
    return tuple((n, n not in keyed) for n in names if n in keyed or n.endswith("_sources"))


def _cites(table: Table | None, row: Mapping[str, Value] | None) -> list[str]:
    if table is None or row is None:
        return []
    found: list[str] = []
    for name, is_list in _source_fields(table):
        value = row.get(name)
        if value is not None:
            found += (
                str(value).replace(",", " ").replace(";", " ").split() if is_list else [str(value)]
            )
    return found


def diff_table(old: Table | None, new: Table | None) -> TableDiff:
    """Compare one table; either side may be missing."""
    base = new or old
    assert base is not None
    primary = base.primary_key
    old_rows = {old.key_of(r): r for r in old.rows} if old else {}
    new_rows = {new.key_of(r): r for r in new.rows} if new else {}
    old_fields = [f.name for f in old.fields] if old else []
    new_fields = [f.name for f in new.fields] if new else []
    names = old_fields + [n for n in new_fields if n not in old_fields]
    changed = []
    for key in sorted(old_rows.keys() & new_rows.keys(), key=_sort_key):
        before, after = old_rows[key], new_rows[key]
        changes = tuple(
            FieldChange(name, before.get(name), after.get(name))
            for name in names
            if before.get(name) != after.get(name)
        )
        if changes:
            changed.append(RowChange(key, changes))
    status = "both" if old and new else ("added" if new else "removed")
    added = tuple(sorted(new_rows.keys() - old_rows.keys(), key=_sort_key))
    removed = tuple(sorted(old_rows.keys() - new_rows.keys(), key=_sort_key))
    cited = tuple(
        (key, tuple(dict.fromkeys(_cites(new, new_rows.get(key)) + _cites(old, old_rows.get(key)))))
        for key in (*added, *removed, *(c.key for c in changed))
    )
    return TableDiff(
        name=base.name,
        primary_key=primary,
        added=added,
        removed=removed,
        changed=tuple(changed),
        fields_added=tuple(n for n in new_fields if n not in old_fields) if old and new else (),
        fields_removed=tuple(n for n in old_fields if n not in new_fields) if old and new else (),
        status=status,
        cited=cited,
    )


def diff_tables(old: list[Table], new: list[Table], old_side: Side, new_side: Side) -> DataDiff:
    """Compare two lists of tables (NEW's order, then tables only in OLD)."""
    old_by_name = {t.name: t for t in old}
    new_by_name = {t.name: t for t in new}
    names = [t.name for t in new] + [t.name for t in old if t.name not in new_by_name]
    tables = tuple(diff_table(old_by_name.get(n), new_by_name.get(n)) for n in names)
    urls: dict[str, str] = {}
    for side in (old_by_name, new_by_name):  # NEW last: its URL wins
        if (sources := side.get("sources")) is not None:
            urls |= {
                str(r["id"]): str(r["url"]) for r in sources.rows if r.get("id") and r.get("url")
            }
    return DataDiff(old_side, new_side, tables, tuple(sorted(urls.items())))


@dataclass(frozen=True)
class Snapshot:
    """A package read from disk or from git: descriptor, typed tables, where it came from."""

    side: Side
    tables: list[Table]


def _read_descriptor_file(path: Path) -> tuple[dict[str, Any], Path]:
    descriptor_path = resolve_descriptor(path)
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DiffError(f"{descriptor_path}: cannot read the descriptor ({error})") from error
    return descriptor, descriptor_path.parent


def snapshot_of_path(path: Path, label: str | None = None) -> Snapshot:
    descriptor, root = _read_descriptor_file(path)
    side = Side(label or str(path), str(descriptor.get("version", "")))
    return Snapshot(side, _tables(descriptor, root, str(path)))


def _tables(descriptor: Mapping[str, Any], root: Path, where: str) -> list[Table]:
    try:
        return tables_at(descriptor, root)
    except (OSError, KeyError, ValueError) as error:
        raise DiffError(f"{where}: cannot read the tables ({error})") from error


def resolve_commit(repo_root: Path, name: str) -> tuple[str, str]:
    """(commit, how it was found) for a recorded version or a git revision."""
    release = release_of(repo_root, name)
    if release is not None:
        return release.commit, f"release {name}"
    try:
        return git(repo_root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"), name
    except GitError as error:
        raise DiffError(
            f"{name!r} is neither a recorded release, a git revision, nor a datapackage.json"
        ) from error


def snapshot_of_commit(repo_root: Path, name: str) -> Snapshot:
    """Read the package as committed at a version or revision (``git show``, no checkout)."""
    commit, how = resolve_commit(repo_root, name)
    folder = PurePosixPath(DESCRIPTOR_PATH).parent
    try:
        descriptor = json.loads(git_bytes(repo_root, "show", f"{commit}:{DESCRIPTOR_PATH}"))
    except GitError as error:
        raise DiffError(f"{how}: no {DESCRIPTOR_PATH} at {commit[:12]}") from error
    with tempfile.TemporaryDirectory(prefix="cd-diff-") as temp:
        root = Path(temp)
        for resource in descriptor.get("resources", []):
            relative = PurePosixPath(resource["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise DiffError(f"{how}: resource path {relative} leaves the package")
            try:
                data = git_bytes(repo_root, "show", f"{commit}:{folder / relative}")
            except GitError as error:
                raise DiffError(f"{how}: no {folder / relative} at {commit[:12]}") from error
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        tables = _tables(descriptor, root, f"{how} ({commit[:12]})")
    return Snapshot(Side(how, str(descriptor.get("version", "")), commit), tables)


def snapshot(repo_root: Path, name: str) -> Snapshot:
    """A side named by the user: an existing path wins, then a version, then a revision."""
    path = Path(name)
    if resolve_descriptor(path).is_file():
        return snapshot_of_path(path, name)
    return snapshot_of_commit(repo_root, name)


def diff(repo_root: Path, old: str, new: str) -> DataDiff:
    """Compare the packages named ``old`` and ``new`` (versions, revisions or paths)."""
    before, after = snapshot(repo_root, old), snapshot(repo_root, new)
    return diff_tables(before.tables, after.tables, before.side, after.side)


def _show(value: Value) -> str:
    if value is None:
        return "(empty)"
    return json.dumps(value, ensure_ascii=False)


def _show_key(key: Key) -> str:
    return ", ".join("" if v is None else str(v) for v in key)


def format_text(result: DataDiff) -> str:
    """Human-readable report of a DataDiff."""

    def side(s: Side) -> str:
        parts = [s.label]
        if s.version:
            parts.append(f"version {s.version}")
        if s.commit:
            parts.append(s.commit[:12])
        return parts[0] + (f" ({', '.join(parts[1:])})" if parts[1:] else "")

    lines = [f"--- {side(result.old)}", f"+++ {side(result.new)}"]
    if not result.has_changes:
        lines.append("No changes in the data.")
        return "\n".join(lines) + "\n"
    for table in result.tables:
        if not table.has_changes:
            continue
        head = (
            f"{table.name}: {len(table.added)} added, {len(table.removed)} removed, "
            f"{len(table.changed)} changed"
        )
        if table.status != "both":
            head += f" (table {table.status})"
        lines.append(head)
        if table.fields_added:
            lines.append(f"  columns added: {', '.join(table.fields_added)}")
        if table.fields_removed:
            lines.append(f"  columns removed: {', '.join(table.fields_removed)}")
        lines += [f"  + {_show_key(k)}" for k in table.added]
        lines += [f"  - {_show_key(k)}" for k in table.removed]
        for change in table.changed:
            lines.append(f"  ~ {_show_key(change.key)}")
            lines += [f"      {c.field}: {_show(c.old)} -> {_show(c.new)}" for c in change.changes]
    return "\n".join(lines) + "\n"
