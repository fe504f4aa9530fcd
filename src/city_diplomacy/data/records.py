"""The record types: one frozen dataclass per table of the data package.

Each dataclass mirrors its table's schema field by field (same names; the order does
not matter): :mod:`city_diplomacy.data.load` builds records by field name and refuses a
table whose columns and fields differ. Adding a column to a table means adding one
field here. A field's annotation says how its cell is read: ``str`` as written (empty
stays ``""``), ``X | None`` gives None for an empty cell, ``int``/``float`` convert,
``PartialDate`` parses a YYYY, YYYY-MM or YYYY-MM-DD date, ``bool`` reads ``true``/``false``.

Reader notes (``note_ja``/``note_en``) say what a reader needs; how a value was read
(mirrors, truncations, dates from URL paths) is in ``research_note`` (English, for
editors), and every further source a row relies on is in ``other_sources`` (source ids
separated by spaces; :attr:`other_source_ids` splits them).
"""

from __future__ import annotations

from dataclasses import dataclass

from city_diplomacy.data.dates import PartialDate


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
    status_source: str | None
    status_as_of: PartialDate | None
    tokyo_role: str
    tokyo_since: PartialDate | None
    parent: str | None
    parent_relation: str | None
    homepage: str
    summary_ja: str
    summary_en: str
    source: str
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())


@dataclass(frozen=True)
class Programme:
    id: str
    position: int
    name_ja: str
    name_en: str
    theme: str
    started: PartialDate | None
    status: str
    status_source: str | None
    status_as_of: PartialDate | None
    network: str | None
    homepage: str
    summary_ja: str
    summary_en: str
    source: str
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())


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
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    date: PartialDate
    date_end: PartialDate | None
    status: str
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
    count_note_ja: str
    count_note_en: str
    source: str
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())

    @property
    def held(self) -> bool:
        return self.status == "held"


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
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())

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
    other_sources: str
    note_ja: str
    note_en: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())


@dataclass(frozen=True)
class Outcome:
    """A document an event produced: a declaration, communiqué or joint statement."""

    id: str
    event: str
    kind: str
    name_ja: str
    name_en: str
    content_found: bool
    summary_ja: str
    summary_en: str
    source: str
    other_sources: str
    research_note: str

    @property
    def other_source_ids(self) -> tuple[str, ...]:
        return tuple(self.other_sources.split())


Record = Source | Theme | Network | Programme | City | Event | Membership | Participation | Outcome

#: The record type of each table, in the order :meth:`Package.all_records` yields them.
RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source,
    "themes": Theme,
    "networks": Network,
    "programmes": Programme,
    "cities": City,
    "events": Event,
    "memberships": Membership,
    "participations": Participation,
    "outcomes": Outcome,
}
