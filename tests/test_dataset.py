"""The read path: load() gives typed, related records."""

from __future__ import annotations

import pytest

from city_diplomacy import PartialDate, load
from city_diplomacy.data.dates import PartialDateError, format_in_year, format_range


def test_load_shipped_package() -> None:
    package = load()
    assert "tokyo" in package.cities
    assert package.cities["tokyo"].country == "JP"
    anmc = package.networks["anmc21"]
    assert anmc.status == "suspended"


def test_members_as_of_date_excludes_withdrawn() -> None:
    package = load()
    before = {m.city for m in package.members_of("anmc21", PartialDate.parse("2003"))}
    after = {m.city for m in package.members_of("anmc21", PartialDate.parse("2006-01"))}
    assert "beijing" in before
    assert "beijing" not in after
    assert "tokyo" in after


@pytest.mark.parametrize(
    ("text", "precision", "en", "ja"),
    [
        ("2001", "year", "2001", "2001年"),
        ("2001-10", "month", "October 2001", "2001年10月"),
        ("2005-08-30", "day", "30 August 2005", "2005年8月30日"),
    ],
)
def test_partial_date_keeps_precision(text: str, precision: str, en: str, ja: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.isoformat() == text
    assert date.format("en") == en
    assert date.format("ja") == ja


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "23-01-01", "2023-1-1", ""])
def test_partial_date_rejects_impossible(text: str) -> None:
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("start", "end", "ja", "en", "ja_in_year", "en_in_year"),
    [
        (
            "2004-11-21",
            "2004-11-24",
            "2004年11月21日〜24日",
            "21–24 November 2004",
            "11月21日〜24日",
            "21–24 November",
        ),
        (
            "2016-04-29",
            "2016-05-05",
            "2016年4月29日〜5月5日",
            "29 April – 5 May 2016",
            "4月29日〜5月5日",
            "29 April – 5 May",
        ),
        (
            "2018-12-30",
            "2019-01-02",
            "2018年12月30日〜2019年1月2日",
            "30 December 2018 – 2 January 2019",
            "2018年12月30日〜2019年1月2日",
            "30 December 2018 – 2 January 2019",
        ),
        ("2019-08", None, "2019年8月", "August 2019", "8月", "August"),
        ("2016", None, "2016年", "2016", "2016年", "2016"),
        (
            "2010-10",
            "2010-11-05",
            "2010年10月〜2010年11月5日",
            "October 2010 – 5 November 2010",
            "10月〜11月5日",
            "October – 5 November",
        ),
    ],
)
def test_compact_ranges(
    start: str, end: str | None, ja: str, en: str, ja_in_year: str, en_in_year: str
) -> None:
    first = PartialDate.parse(start)
    last = PartialDate.parse(end) if end else None
    assert format_range(first, last, "ja", compact=True) == ja
    assert format_range(first, last, "en", compact=True) == en
    assert format_in_year(first, last, "ja") == ja_in_year
    assert format_in_year(first, last, "en") == en_in_year
    # the full form is unchanged
    if last is not None and last != first:
        assert format_range(first, last, "ja") == f"{first.format('ja')}〜{last.format('ja')}"


def test_partial_dates_sort_coarse_first() -> None:
    dates = [PartialDate.parse(t) for t in ("2001-10-19", "2001", "2001-10")]
    assert [d.isoformat() for d in sorted(dates)] == ["2001", "2001-10", "2001-10-19"]


def test_members_as_of_uses_latest_list_on_or_before_date() -> None:
    package = load()
    lists = sorted(d for d in package.member_lists("u20") if d is not None)
    assert len(lists) >= 2
    first, second = lists[0], lists[1]
    at_first = package.members_of("u20", first)
    assert at_first
    assert {m.as_of for m in at_first if m.as_of is not None} == {first}
    at_second = package.members_of("u20", second)
    assert {m.as_of for m in at_second if m.as_of is not None} == {second}
    before_any = package.members_of("u20", PartialDate.parse("2017"))
    assert all(m.as_of is None for m in before_any)


def test_relation_indexes_agree_with_a_scan_of_the_tables() -> None:
    package = load()
    memberships = list(package.memberships.values())
    for city in package.cities:
        assert {m.id for m in package.memberships_of_city(city)} == {
            m.id for m in memberships if m.city == city
        }
        assert package.participations_of_city(city) == sorted(
            (p for p in package.participations if p.city == city),
            key=lambda p: (package.events[p.event].date, p.event),
        )
    for event in package.events:
        assert set(package.participants(event)) == {
            p for p in package.participations if p.event == event
        }
    for organisation in [*package.networks, *package.programmes]:
        assert {m.id for m in package.members_of(organisation)} == {
            m.id for m in memberships if m.organisation == organisation
        }
        assert package.events_of(organisation) == sorted(
            (e for e in package.events.values() if organisation in (e.network, e.programme)),
            key=lambda e: (e.date, e.id),
        )
    assert len(package.events_of()) == len(package.events)
