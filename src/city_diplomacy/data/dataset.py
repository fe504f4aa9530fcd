"""The single read path: load the data package into typed, read-only records.

Everything else (the Sphinx extension, exports, diffs) reads the data through
:func:`load`, so the site and the downloads cannot disagree about a fact.
``load`` trusts its input: run :func:`city_diplomacy.data.validate.validate` first.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from city_diplomacy.data.dates import PartialDate, parse_optional

_R = TypeVar("_R")

#: The data package shipped in this repository.
DEFAULT_DESCRIPTOR = Path(__file__).resolve().parents[3] / "datapackage" / "datapackage.json"


def default_descriptor() -> Path:
    """The descriptor to use when none is given.

    ``datapackage/datapackage.json`` under the current folder if there is one (a
    checkout, or a worktree of an older version), else the package's own checkout.
    """
    local = Path.cwd() / "datapackage" / "datapackage.json"
    return local if local.is_file() else DEFAULT_DESCRIPTOR


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    title_ja: str
    title_en: str
    url: str
    publisher: str
    publisher_ja: str
    publisher_en: str
    publisher_kind: str
    language: str
    date: PartialDate | None
    date_note: str


@dataclass(frozen=True)
class Theme:
    id: str
    name_ja: str
    name_en: str
    description_ja: str
    description_en: str


@dataclass(frozen=True)
class Network:
    id: str
    kind: str
    name_ja: str
    name_en: str
    abbreviation: str
    theme: str | None
    founded: PartialDate | None
    status: str
    tokyo_role: str
    tokyo_since: PartialDate | None
    parent: str | None
    parent_relation: str | None
    homepage: str
    summary_ja: str
    summary_en: str
    source: str
    note_ja: str
    note_en: str


@dataclass(frozen=True)
class Programme:
    id: str
    position: int
    name_ja: str
    name_en: str
    theme: str
    started: PartialDate | None
    status: str
    network: str | None
    homepage: str
    summary_ja: str
    summary_en: str
    source: str
    note_ja: str
    note_en: str


@dataclass(frozen=True)
class City:
    id: str
    kind: str
    name_ja: str
    name_en: str
    country: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    source: str
    note_ja: str
    note_en: str


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    date: PartialDate
    date_end: PartialDate | None
    network: str | None
    programme: str | None
    ordinal: int | None
    host_city: str | None
    mode: str
    title_ja: str
    title_en: str
    venue_ja: str
    venue_en: str
    participant_count: int | None
    source: str
    note_ja: str
    note_en: str


@dataclass(frozen=True)
class Membership:
    id: str
    network: str | None
    programme: str | None
    city: str
    role: str
    since: PartialDate | None
    until: PartialDate | None
    as_of: PartialDate | None
    source: str
    note_ja: str
    note_en: str

    @property
    def organisation(self) -> str:
        """The id of the network or programme this row belongs to."""
        return self.network or self.programme or ""

    def active_on(self, when: PartialDate) -> bool:
        """Whether the membership held on ``when`` as far as the row's dates tell."""
        if self.since is not None and not self.since.covers_or_precedes(when):
            return False
        return not (
            self.until is not None and self.until.covers_or_precedes(when) and self.until != when
        )


@dataclass(frozen=True)
class Participation:
    event: str
    city: str
    role: str
    mode: str
    source: str
    note_ja: str
    note_en: str


Record = Source | Theme | Network | Programme | City | Event | Membership | Participation


@dataclass(frozen=True)
class Package:
    """The whole data package, with relations resolved by the methods below."""

    descriptor: Mapping[str, Any]
    root: Path
    sources: Mapping[str, Source]
    themes: Mapping[str, Theme]
    networks: Mapping[str, Network]
    programmes: Mapping[str, Programme]
    cities: Mapping[str, City]
    events: Mapping[str, Event]
    memberships: Mapping[str, Membership]
    participations: tuple[Participation, ...]
    data_files: tuple[Path, ...] = field(default=())

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    def members_of(self, organisation: str, as_of: PartialDate | None = None) -> list[Membership]:
        """Membership rows of a network or programme, optionally as they stood on a date.

        On a date, rows with joining/leaving dates count when they held then, and of the
        rows that come from dated lists (``as_of``) only the latest list on or before the
        date counts. Rows with no date at all always count.
        """
        rows = list(self._memberships_by_organisation.get(organisation, ()))
        if as_of is not None:
            listed = [m.as_of for m in rows if m.as_of is not None]
            earlier = [d for d in listed if d.covers_or_precedes(as_of)]
            latest = max(earlier) if earlier else None
            rows = [
                m
                for m in rows
                if (m.as_of is None and m.active_on(as_of))
                or (m.as_of is not None and m.as_of == latest)
            ]
        return sorted(rows, key=lambda m: (self.cities[m.city].name_en, m.id))

    def member_lists(self, organisation: str) -> dict[PartialDate | None, list[Membership]]:
        """Rows grouped by the date of the list they come from (``as_of``; None for dated joins)."""
        groups: dict[PartialDate | None, list[Membership]] = {}
        for membership in self.members_of(organisation):
            groups.setdefault(membership.as_of, []).append(membership)
        return groups

    def memberships_of_city(self, city: str) -> list[Membership]:
        return sorted(self._memberships_by_city.get(city, ()), key=lambda m: (m.organisation, m.id))

    def participations_of_city(self, city: str) -> list[Participation]:
        return sorted(
            self._participations_by_city.get(city, ()),
            key=lambda p: (self.events[p.event].date, p.event),
        )

    def participants(self, event: str) -> list[Participation]:
        return sorted(
            self._participations_by_event.get(event, ()),
            key=lambda p: (self.cities[p.city].name_en, p.role, p.mode),
        )

    def events_of(self, organisation: str | None = None) -> list[Event]:
        """Events in date order, of one network or programme or of all."""
        if organisation is None:
            rows: Iterable[Event] = self.events.values()
        else:
            rows = self._events_by_organisation.get(organisation, ())
        return sorted(rows, key=lambda e: (e.date, e.id))

    # Indexes for the relations above, built once on first use: the pages ask for every
    # city's and every event's rows, which scanning the tables would make quadratic.

    @cached_property
    def _memberships_by_organisation(self) -> dict[str, list[Membership]]:
        return _group(self.memberships.values(), lambda m: [m.organisation])

    @cached_property
    def _memberships_by_city(self) -> dict[str, list[Membership]]:
        return _group(self.memberships.values(), lambda m: [m.city])

    @cached_property
    def _participations_by_city(self) -> dict[str, list[Participation]]:
        return _group(self.participations, lambda p: [p.city])

    @cached_property
    def _participations_by_event(self) -> dict[str, list[Participation]]:
        return _group(self.participations, lambda p: [p.event])

    @cached_property
    def _events_by_organisation(self) -> dict[str, list[Event]]:
        return _group(self.events.values(), lambda e: {e.network, e.programme} - {None, ""})

    def programmes_in_order(self) -> list[Programme]:
        return sorted(self.programmes.values(), key=lambda p: p.position)

    def children_of(self, network: str) -> list[Network]:
        return [n for n in self.networks.values() if n.parent == network]

    def source_of(self, record: Record) -> Source | None:
        """The source a fact row cites (themes have none)."""
        source_id = getattr(record, "source", None)
        return self.sources.get(source_id) if isinstance(source_id, str) else None

    def sources_cited_by(self, organisation: str) -> list[Source]:
        """Every source cited by a network or programme and its events and memberships."""
        ids: set[str] = set()
        own = self.networks.get(organisation) or self.programmes.get(organisation)
        if own is not None:
            ids.add(own.source)
        events = self.events_of(organisation)
        ids.update(e.source for e in events)
        ids.update(m.source for m in self.members_of(organisation))
        for event in events:
            ids.update(p.source for p in self.participants(event.id))
        return sorted((self.sources[i] for i in ids if i in self.sources), key=lambda s: s.id)

    def all_records(self) -> Iterator[tuple[str, Record]]:
        """Every record with the name of its table."""
        for name in (
            "sources",
            "themes",
            "networks",
            "programmes",
            "cities",
            "events",
            "memberships",
        ):
            table: Mapping[str, Record] = getattr(self, name)
            for record in table.values():
                yield name, record
        for participation in self.participations:
            yield "participations", participation


def _group(rows: Iterable[_R], keys: Callable[[_R], Iterable[str | None]]) -> dict[str, list[_R]]:
    """Rows by each of their keys, in their original order."""
    groups: dict[str, list[_R]] = {}
    for row in rows:
        for key in keys(row):
            if key:
                groups.setdefault(key, []).append(row)
    return groups


def _text(row: Mapping[str, str], name: str) -> str:
    return row.get(name, "") or ""


def _opt(row: Mapping[str, str], name: str) -> str | None:
    value = row.get(name, "")
    return value or None


def _int(row: Mapping[str, str], name: str) -> int | None:
    value = row.get(name, "")
    return int(value) if value else None


def _float(row: Mapping[str, str], name: str) -> float | None:
    value = row.get(name, "")
    return float(value) if value else None


def _date(row: Mapping[str, str], name: str) -> PartialDate | None:
    return parse_optional(row.get(name))


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file of the package as a list of dicts (strings as written)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_descriptor(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        descriptor: dict[str, Any] = json.load(handle)
    return descriptor


def resource_paths(descriptor: Mapping[str, Any], root: Path) -> dict[str, Path]:
    """Map each resource name to its file."""
    return {r["name"]: root / r["path"] for r in descriptor.get("resources", [])}


def package_files(descriptor: Path) -> list[Path]:
    """The descriptor and every resource file it names, without loading the package.

    Raises ``OSError`` or ``ValueError`` when the descriptor cannot be read.
    """
    parsed = read_descriptor(descriptor)
    files = [descriptor]
    for resource in parsed.get("resources", []):
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str):
            files.append(descriptor.parent / path)
    return files


def load(path: str | Path | None = None) -> Package:
    """Load the data package at ``path`` (a ``datapackage.json``) into typed records.

    With no path, the repository's own package is loaded.
    """
    descriptor_path = Path(path) if path is not None else default_descriptor()
    if descriptor_path.is_dir():
        descriptor_path = descriptor_path / "datapackage.json"
    descriptor = read_descriptor(descriptor_path)
    root = descriptor_path.parent
    paths = resource_paths(descriptor, root)

    def rows(name: str) -> list[dict[str, str]]:
        return read_rows(paths[name]) if name in paths else []

    sources = {
        r["id"]: Source(
            r["id"],
            r["title"],
            _text(r, "title_ja"),
            _text(r, "title_en"),
            r["url"],
            r["publisher"],
            _text(r, "publisher_ja"),
            _text(r, "publisher_en"),
            r["publisher_kind"],
            r["language"],
            _date(r, "date"),
            _text(r, "date_note"),
        )
        for r in rows("sources")
    }
    themes = {
        r["id"]: Theme(
            r["id"],
            r["name_ja"],
            r["name_en"],
            _text(r, "description_ja"),
            _text(r, "description_en"),
        )
        for r in rows("themes")
    }
    networks = {
        r["id"]: Network(
            r["id"],
            r["kind"],
            r["name_ja"],
            r["name_en"],
            _text(r, "abbreviation"),
            _opt(r, "theme"),
            _date(r, "founded"),
            r["status"],
            r["tokyo_role"],
            _date(r, "tokyo_since"),
            _opt(r, "parent"),
            _opt(r, "parent_relation"),
            _text(r, "homepage"),
            _text(r, "summary_ja"),
            _text(r, "summary_en"),
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("networks")
    }
    programmes = {
        r["id"]: Programme(
            r["id"],
            int(r["position"]),
            r["name_ja"],
            r["name_en"],
            r["theme"],
            _date(r, "started"),
            r["status"],
            _opt(r, "network"),
            _text(r, "homepage"),
            _text(r, "summary_ja"),
            _text(r, "summary_en"),
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("programmes")
    }
    cities = {
        r["id"]: City(
            r["id"],
            r["kind"],
            r["name_ja"],
            r["name_en"],
            r["country"],
            _int(r, "geonames_id"),
            _float(r, "latitude"),
            _float(r, "longitude"),
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("cities")
    }
    events = {
        r["id"]: Event(
            r["id"],
            r["kind"],
            PartialDate.parse(r["date"]),
            _date(r, "date_end"),
            _opt(r, "network"),
            _opt(r, "programme"),
            _int(r, "ordinal"),
            _opt(r, "host_city"),
            r["mode"],
            r["title_ja"],
            r["title_en"],
            _text(r, "venue_ja"),
            _text(r, "venue_en"),
            _int(r, "participant_count"),
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("events")
    }
    memberships = {
        r["id"]: Membership(
            r["id"],
            _opt(r, "network"),
            _opt(r, "programme"),
            r["city"],
            r["role"],
            _date(r, "since"),
            _date(r, "until"),
            _date(r, "as_of"),
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("memberships")
    }
    participations = tuple(
        Participation(
            r["event"],
            r["city"],
            r["role"],
            r["mode"],
            r["source"],
            _text(r, "note_ja"),
            _text(r, "note_en"),
        )
        for r in rows("participations")
    )
    return Package(
        descriptor=MappingProxyType(descriptor),
        root=root,
        sources=MappingProxyType(sources),
        themes=MappingProxyType(themes),
        networks=MappingProxyType(networks),
        programmes=MappingProxyType(programmes),
        cities=MappingProxyType(cities),
        events=MappingProxyType(events),
        memberships=MappingProxyType(memberships),
        participations=participations,
        data_files=(descriptor_path, *paths.values()),
    )
