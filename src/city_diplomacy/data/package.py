"""The loaded data package: its records by table, and the relations between them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

from city_diplomacy.data.dates import PartialDate
from city_diplomacy.data.records import (
    RECORD_TYPES,
    City,
    Event,
    Membership,
    Network,
    Outcome,
    Participation,
    Programme,
    Record,
    Source,
    Theme,
)

_R = TypeVar("_R")


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
    outcomes: Mapping[str, Outcome] = field(default_factory=lambda: MappingProxyType({}))
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

    def held_events_of(self, organisation: str | None = None) -> list[Event]:
        """Like :meth:`events_of`, without planned, cancelled or uncertain events."""
        return [e for e in self.events_of(organisation) if e.held]

    def last_activity(self, organisation: str, with_programmes: bool = False) -> Event | None:
        """The latest held event of a network or programme (None when there is none).

        Computed from the events, never stored. A programme without events of its own
        falls back to its network's latest event; ``with_programmes`` makes a network's
        answer include the events of the programmes that belong to it.
        """
        ids = [organisation]
        if with_programmes:
            ids += [p.id for p in self.programmes.values() if p.network == organisation]
        events = [e for i in ids for e in self.held_events_of(i)]
        if not events:
            programme = self.programmes.get(organisation)
            if programme is not None and programme.network and not with_programmes:
                return self.last_activity(programme.network)
            return None
        return max(events, key=lambda e: (e.date_end or e.date, e.date, e.id))

    def outcomes_of(self, event: str) -> list[Outcome]:
        """The documents an event produced, by id."""
        return sorted(self._outcomes_by_event.get(event, ()), key=lambda o: o.id)

    def participant_cities(self, event: str) -> list[str]:
        """The distinct cities named at an event (a city with several roles counts once)."""
        return sorted({p.city for p in self._participations_by_event.get(event, ())})

    @cached_property
    def _outcomes_by_event(self) -> dict[str, list[Outcome]]:
        return _group(self.outcomes.values(), lambda o: [o.event])

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
            ids.update(own.other_source_ids)
            if own.status_source:
                ids.add(own.status_source)
        events = self.events_of(organisation)
        for event in events:
            ids.add(event.source)
            ids.update(event.other_source_ids)
            for outcome in self.outcomes_of(event.id):
                ids.add(outcome.source)
                ids.update(outcome.other_source_ids)
            for participation in self.participants(event.id):
                ids.add(participation.source)
                ids.update(participation.other_source_ids)
        for membership in self.members_of(organisation):
            ids.add(membership.source)
            ids.update(membership.other_source_ids)
        return sorted((self.sources[i] for i in ids if i in self.sources), key=lambda s: s.id)

    def all_records(self) -> Iterator[tuple[str, Record]]:
        """Every record with the name of its table."""
        for name in RECORD_TYPES:
            table: Mapping[str, Record] | tuple[Record, ...] = getattr(self, name)
            for record in table.values() if isinstance(table, Mapping) else table:
                yield name, record

    @classmethod
    def from_tables(
        cls,
        descriptor: Mapping[str, Any],
        root: Path,
        tables: Mapping[str, Sequence[Record]],
        data_files: tuple[Path, ...] = (),
    ) -> Package:
        """A package of the records of each table (a table with ids is keyed by them)."""

        def keyed(name: str) -> Any:
            return MappingProxyType({cast(Any, r).id: r for r in tables.get(name, ())})

        return cls(
            descriptor=MappingProxyType(dict(descriptor)),
            root=root,
            sources=keyed("sources"),
            themes=keyed("themes"),
            networks=keyed("networks"),
            programmes=keyed("programmes"),
            cities=keyed("cities"),
            events=keyed("events"),
            memberships=keyed("memberships"),
            participations=cast(
                "tuple[Participation, ...]", tuple(tables.get("participations", ()))
            ),
            outcomes=keyed("outcomes"),
            data_files=data_files,
        )


def _group(rows: Iterable[_R], keys: Callable[[_R], Iterable[str | None]]) -> dict[str, list[_R]]:
    """Rows by each of their keys, in their original order."""
    groups: dict[str, list[_R]] = {}
    for row in rows:
        for key in keys(row):
            if key:
                groups.setdefault(key, []).append(row)
    return groups
