"""``cd-members``: the cities of a network or programme, grouped by list date."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy import PartialDate
from city_diplomacy.data.records import Membership
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.freeze import freeze
from city_diplomacy.sphinxext.sharednotes import lift_shared
from city_diplomacy.sphinxext.skip import SKIP_MEMBERS, skippable

_T = TypeVar("_T")

#: Rows from which a member list gets a skip link (each row holds two or more links).
SKIP_FROM = 10

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Members(CdDirective):
    """One table per list date (``as_of``), and one for dated joins and withdrawals.

    Each table shows a city once, with all its roles, dates and sources of that list;
    a long note that several rows share is shown once above the table (see
    :mod:`.sharednotes`).

    ``:as-of: YYYY[-MM[-DD]]`` shows only the list of that date (or, with ``history``,
    only the dated joins and withdrawals).
    """

    required_arguments = 1
    option_spec = {  # noqa: RUF012 - docutils API
        "class": directives.class_option,
        "as-of": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        record = cd.organisation(self.arguments[0])
        if record is None:
            return []
        box = self.container("cd-members", *self.options.get("class", []))
        groups = cd.package.member_lists(record.id)
        if not groups:
            box += cd.label(empty_state(cd, record.id))
            return [box]
        ordered = sorted(groups, key=lambda d: (d is not None, d))
        if "as-of" in self.options:
            wanted = self.options["as-of"].strip()
            ordered = [
                d for d in ordered if (d.isoformat() if d is not None else "history") == wanted
            ]
            if not ordered:
                cd.warn(
                    f"{record.id} has no member list dated {wanted!r} (lists: "
                    + ", ".join(d.isoformat() if d else "history" for d in groups)
                    + ")",
                    "unknown-id",
                )
                return []
        count = 0
        for as_of in ordered:
            rows = groups[as_of]
            count += len(rows)
            cities = str(len({m.city for m in rows}))
            if as_of is None:
                caption = cd.label("加盟・脱退の記録（{count}都市）", count=cities)
            else:
                caption = cd.label("{date}時点（{count}都市）", date=cd.date(as_of), count=cities)
            caption["classes"].append("cd-caption")
            box += caption
            serial = self.env.new_serialno("cd-member-notes")
            box += members_table(
                cd, rows, dated=as_of is None, anchor=f"cd-member-note-{record.id}-{serial}"
            )
        if count < SKIP_FROM:
            return freeze(self, [box])
        anchor = f"cd-after-members-{record.id}-{self.env.new_serialno('cd-members')}"
        return freeze(self, skippable(cd, SKIP_MEMBERS, anchor, [box]))


#: What the members box says when the organisation has no member list, by whether
#: its events list participating cities (the events table on the same page shows them).
NO_MEMBERS = "記録された会員都市の一覧はありません。参加都市は行事ごとに示しています。"
NO_CITIES = "記録された会員・参加都市はありません。"


def empty_state(cd: Context, organisation: str) -> str:
    """The sentence for an organisation without member lists, true for the page's tables."""
    package = cd.package
    if any(package.participants(event.id) for event in package.events_of(organisation)):
        return NO_MEMBERS
    return NO_CITIES


@dataclass(frozen=True)
class CityRow:
    """One city's rows of a member list, combined: each role, date and source once."""

    city: str
    roles: tuple[str, ...]
    since: tuple[PartialDate, ...]
    until: tuple[PartialDate, ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]


def by_city(rows: Sequence[Membership], note: Callable[[Membership], str]) -> list[CityRow]:
    """The rows grouped by city (in order of first appearance), values kept once each."""
    grouped: dict[str, list[Membership]] = {}
    for membership in rows:
        grouped.setdefault(membership.city, []).append(membership)

    def once(values: Iterable[_T | None]) -> tuple[_T, ...]:
        return tuple(dict.fromkeys(v for v in values if v))

    return [
        CityRow(
            city,
            once(m.role for m in group),
            once(m.since for m in group),
            once(m.until for m in group),
            once(note(m) for m in group),
            once(m.source for m in group),
        )
        for city, group in grouped.items()
    ]


def members_table(
    cd: Context, rows: list[Membership], *, dated: bool, anchor: str = "cd-member-note"
) -> list[nodes.Node]:
    """The shared notes (each once) and the table of one member list, one row per city.

    ``anchor`` prefixes the ids of the numbered shared notes (unique on the page).
    """
    cities = by_city(rows, lambda m: cd.text(m, "note"))
    lifted = lift_shared([c.notes for c in cities])
    show_dates = dated or any(c.since or c.until for c in cities)
    show_notes = any(r.own or r.refs for r in lifted.rows)
    headers = ["都市", "国・地域", "役割"]
    if show_dates:
        headers += ["加盟時期", "脱退時期"]
    if show_notes:
        headers.append("注記")
    headers.append("出典")
    out: list[nodes.Node] = []
    for text in lifted.common:
        out.append(cd.label("すべての行に共通の注記：{note}", note=text))
    targets = [f"{anchor}-{n}" for n in range(1, len(lifted.numbered) + 1)]
    for number, (text, target) in enumerate(zip(lifted.numbered, targets, strict=True), 1):
        paragraph = cd.label("注{number}：{note}", number=str(number), note=text)
        paragraph["ids"].append(target)
        out.append(paragraph)
    for paragraph in out:
        paragraph["classes"].append("cd-shared-note")
    body: list[list[Cell]] = []
    for row, notes in zip(cities, lifted.rows, strict=True):
        city = cd.package.cities.get(row.city)
        cells: list[Cell] = [
            cd.city_link(row.city),
            country_name(city.country, cd.lang) if city else "",
            cd.enum("memberships.role", row.roles[0])
            if len(row.roles) == 1
            else cd.joined([cd.enum_inline("memberships.role", role) for role in row.roles]),
        ]
        if show_dates:
            cells += [
                cd.punctuation.list_separator.join(cd.date(d) for d in row.since),
                cd.punctuation.list_separator.join(cd.date(d) for d in row.until),
            ]
        if show_notes:
            pointers = [
                nodes.reference(
                    "",
                    "",
                    cd.label_inline("注{number}", number=str(n)),
                    internal=True,
                    refid=targets[n - 1],
                )
                for n in notes.refs
            ]
            parts: list[nodes.Node | str] = [*notes.own, *pointers]
            cells.append([item for part in parts for item in (" ", part)][1:])
        sources = [cd.source_link(source) for source in row.sources]
        cells.append(sources[0] if len(sources) == 1 else cd.joined(sources))
        body.append(cells)
    out.append(cd.table(headers, body, "cd-members-table"))
    return out


def setup_members(app: Sphinx) -> None:
    app.add_directive("cd-members", Members)
