"""``cd-members``: the cities of a network or programme, grouped by list date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import Membership
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.freeze import freeze
from city_diplomacy.sphinxext.skip import SKIP_MEMBERS, skippable

#: Rows from which a member list gets a skip link (each row holds two or more links).
SKIP_FROM = 10

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Members(CdDirective):
    """One table per list date (``as_of``), and one for dated joins and withdrawals.

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
            box += members_table(cd, rows, dated=as_of is None)
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


def members_table(cd: Context, rows: list[Membership], *, dated: bool) -> nodes.table:
    show_dates = dated or any(m.since or m.until for m in rows)
    show_notes = any(cd.text(m, "note") for m in rows)
    headers = ["都市", "国・地域", "役割"]
    if show_dates:
        headers += ["加盟時期", "脱退時期"]
    if show_notes:
        headers.append("注記")
    headers.append("出典")
    body: list[list[Cell]] = []
    for membership in rows:
        city = cd.package.cities.get(membership.city)
        cells: list[Cell] = [
            cd.city_link(membership.city),
            country_name(city.country, cd.lang) if city else "",
            cd.enum("memberships.role", membership.role),
        ]
        if show_dates:
            cells += [cd.date(membership.since), cd.date(membership.until)]
        if show_notes:
            cells.append(cd.text(membership, "note"))
        cells.append(cd.source_link(membership.source))
        body.append(cells)
    return cd.table(headers, body, "cd-members-table")


def setup_members(app: Sphinx) -> None:
    app.add_directive("cd-members", Members)
