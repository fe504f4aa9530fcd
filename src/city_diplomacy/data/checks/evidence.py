"""Rules that keep counts, hosts, outcomes and provenance honest across tables.

* An event's ``participant_count`` may differ from the number of distinct cities named
  for it in ``participations`` only when ``count_note_ja``/``count_note_en`` say why.
* The host city of an event that was held has a participation row with role ``host``.
* Every id in an ``other_sources`` cell is a source, cited once.
* Reader text (notes, summaries, count notes) names no source id: sources belong in
  ``source``/``other_sources``, where pages can link them.
* An outcome has summaries exactly when its content was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem

#: Reader-text columns by stem (``<stem>_ja``/``<stem>_en``) that must not cite source ids.
READER_STEMS = ("note", "summary", "count_note", "description")


def check(tables: list[Table]) -> list[Problem]:
    by_name = {t.name: t for t in tables}
    sources = _source_ids(by_name.get("sources"))
    events, participations = by_name.get("events"), by_name.get("participations")
    problems: list[Problem] = []
    if events is not None and participations is not None:
        named = _named_cities(participations)
        problems += _counts(events, named)
        problems += _hosts(events, participations)
    if sources is not None:
        pattern = _id_pattern(sources)
        for table in tables:
            if "other_sources" in table.field_names:
                problems += _other_sources(table, sources)
            if pattern is not None:
                problems += _ids_in_reader_text(table, pattern)
    outcomes = by_name.get("outcomes")
    if outcomes is not None and "content_found" in outcomes.field_names:
        problems += _summaries(outcomes)
    return problems


def _source_ids(table: Table | None) -> set[str] | None:
    if table is None:
        return None
    return {v for row in table.key_rows if (v := table.value(row, "id")) is not None}


def _named_cities(participations: Table) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for row in participations.key_rows:
        event, city = participations.value(row, "event"), participations.value(row, "city")
        if event is not None and city is not None:
            named.setdefault(event, set()).add(city)
    return named


def _counts(events: Table, named: dict[str, set[str]]) -> Iterator[Problem]:
    if "participant_count" not in events.field_names:
        return
    for row in events.rows:
        cell, event = events.value(row, "participant_count"), events.value(row, "id")
        if cell is None or event is None or not cell.isdigit():
            continue
        count, found = int(cell), len(named.get(event, ()))
        explained = events.value(row, "count_note_en") or events.value(row, "count_note_ja")
        if count != found and not explained:
            yield Problem(
                events.file,
                row.line,
                "participant_count",
                f"participant_count is {count} but participations name {found} distinct "
                f"cities for {event!r}; say why in count_note_ja and count_note_en (e.g. the "
                "source names only some of them) or fix the count",
                cell,
                "participant-count",
            )


def _hosts(events: Table, participations: Table) -> Iterator[Problem]:
    hosts = {
        (participations.value(row, "event"), participations.value(row, "city"))
        for row in participations.key_rows
        if participations.value(row, "role") == "host"
    }
    for row in events.rows:
        event, host = events.value(row, "id"), events.value(row, "host_city")
        status = events.value(row, "status") or "held"
        if event is None or host is None or status != "held" or (event, host) in hosts:
            continue
        yield Problem(
            events.file,
            row.line,
            "host_city",
            f"host city {host!r} of {event!r} has no participation row with role 'host'; "
            "add one (citing the event's source, with the event's mode)",
            host,
            "host-participation",
        )


def _other_sources(table: Table, sources: set[str]) -> Iterator[Problem]:
    for row in table.rows:
        cell = table.value(row, "other_sources")
        if cell is None:
            continue
        ids = cell.split(" ")
        for source in ids:
            if source not in sources:
                yield Problem(
                    table.file,
                    row.line,
                    "other_sources",
                    f"unknown source id {source!r} in other_sources (add it to the sources "
                    "table or remove it; separate ids with single spaces)",
                    source,
                    "references",
                )
        repeated = sorted({s for s in ids if ids.count(s) > 1})
        if repeated or table.value(row, "source") in ids:
            shown = ", ".join(repeated) or str(table.value(row, "source"))
            yield Problem(
                table.file,
                row.line,
                "other_sources",
                f"{shown} is cited twice (in other_sources or also as source); cite it once",
                cell,
                "references",
            )


def _id_pattern(sources: set[str]) -> re.Pattern[str] | None:
    if not sources:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(sources, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9-])(?:{alternatives})(?![A-Za-z0-9-])")


def _ids_in_reader_text(table: Table, pattern: re.Pattern[str]) -> Iterator[Problem]:
    if table.name == "sources":
        return
    columns = [
        f"{stem}_{lang}"
        for stem in READER_STEMS
        for lang in ("ja", "en")
        if f"{stem}_{lang}" in table.field_names
    ]
    for row in table.rows:
        for column in columns:
            cell = table.value(row, column)
            match = pattern.search(cell) if cell else None
            if match is not None:
                yield Problem(
                    table.file,
                    row.line,
                    column,
                    f"reader text cites the source id {match.group()!r}; put the id in "
                    "other_sources (pages link it) and say in words what the source says",
                    match.group(),
                    "reader-text",
                )


def _summaries(outcomes: Table) -> Iterator[Problem]:
    for row in outcomes.rows:
        found = outcomes.value(row, "content_found")
        for column in ("summary_ja", "summary_en"):
            if column not in outcomes.field_names:
                continue
            summary = outcomes.value(row, column)
            if found == "false" and summary is not None:
                message = f"content_found is false, so {column} must be empty"
            elif found == "true" and summary is None:
                message = f"content_found is true but {column} is empty; summarise the content"
            else:
                continue
            yield Problem(outcomes.file, row.line, column, message, summary, "outcome-summary")
