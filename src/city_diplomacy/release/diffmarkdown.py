"""A data diff as a Markdown document, for a reviewer (the pull request's job summary).

One section per changed table: a table of rows added, removed and changed, each with
the sources it cites (linked to their URLs), and for a changed row each field's old
and new value. Every value from the data is escaped (HTML entities, no raw ``|``), so
a cell can neither break the table nor inject markup.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from city_diplomacy.release.diff import DataDiff, Key, Side, TableDiff
from city_diplomacy.release.formats.tables import Value


def _text(value: str) -> str:
    """Escape text for a Markdown table cell (GitHub-flavoured)."""
    escaped = value
    for char in "\\`*_[]#~":
        escaped = escaped.replace(char, f"\\{char}")
    escaped = html.escape(escaped, quote=False).replace("|", "&#124;")
    return " ".join(escaped.split())


def _value(value: Value) -> str:
    return "(empty)" if value is None else _text(json.dumps(value, ensure_ascii=False))


def _key(key: Key) -> str:
    return _text(", ".join("" if v is None else str(v) for v in key))


def _side(side: Side) -> str:
    parts = [p for p in (f"version {side.version}" if side.version else "", side.commit[:12]) if p]
    return _text(side.label) + (f" ({', '.join(parts)})" if parts else "")


def _sources(table: TableDiff, key: Key, urls: dict[str, str]) -> str:
    links = []
    for source in table.sources_of(key):
        url = urls.get(source)
        label = _text(source)
        links.append(f"[{label}]({quote(url, safe=':/?&=#%~+,;@!$')})" if url else label)
    return ", ".join(links) or "(none)"


def _section(table: TableDiff, urls: dict[str, str]) -> list[str]:
    head = (
        f"## {_text(table.name)}: {len(table.added)} added, {len(table.removed)} removed, "
        f"{len(table.changed)} changed"
    )
    if table.status != "both":
        head += f" (table {table.status})"
    lines = [head, ""]
    if table.fields_added:
        lines += [f"Columns added: {', '.join(map(_text, table.fields_added))}", ""]
    if table.fields_removed:
        lines += [f"Columns removed: {', '.join(map(_text, table.fields_removed))}", ""]
    rows = [("added", k, "") for k in table.added] + [("removed", k, "") for k in table.removed]
    rows += [
        (
            "changed",
            c.key,
            "<br>".join(f"{_text(f.field)}: {_value(f.old)} → {_value(f.new)}" for f in c.changes),
        )
        for c in table.changed
    ]
    if rows:
        key_name = _text(", ".join(table.primary_key)) or "row"
        lines += [f"| change | {key_name} | sources | fields |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {kind} | {_key(key)} | {_sources(table, key, urls)} | {fields} |"
            for kind, key, fields in rows
        ]
        lines.append("")
    return lines


def format_markdown(result: DataDiff) -> str:
    """The diff as Markdown: a title, the two sides, then one section per changed table."""
    lines = [
        "# Data changes",
        "",
        f"From {_side(result.old)} to {_side(result.new)}.",
        "",
    ]
    if not result.has_changes:
        return "\n".join([*lines, "No changes in the data.", ""])
    urls = dict(result.source_urls)
    for table in result.tables:
        if table.has_changes:
            lines += _section(table, urls)
    return "\n".join(lines)
