"""Invariants a reader and an analyst rely on, checked on the shipped data package."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from city_diplomacy import PartialDate, load
from city_diplomacy.data.package import Package

#: Reader-text fields: what pages show as prose.
READER_FIELDS = ("note_ja", "note_en", "summary_ja", "summary_en", "count_note_ja", "count_note_en")


@pytest.fixture(scope="module")
def package() -> Package:
    return load()


def test_every_count_that_differs_from_the_named_cities_is_explained(package: Package) -> None:
    differing = []
    for event in package.events.values():
        named = len(package.participant_cities(event.id))
        if event.participant_count is not None and event.participant_count != named:
            differing.append(event.id)
            assert event.count_note_ja and event.count_note_en, event.id
        else:
            assert not (event.count_note_ja or event.count_note_en), event.id
    # the cases the reviewers found are among them
    assert {"u20-summit-02", "gnets-som-02", "crisis-conference-2024", "tgps-2021"} <= set(
        differing
    )


def test_every_host_of_an_event_held_is_a_participant(package: Package) -> None:
    for event in package.events.values():
        if event.host_city is None or not event.held:
            continue
        roles = {p.role for p in package.participants(event.id) if p.city == event.host_city}
        assert "host" in roles, event.id


def test_event_status_is_explicit_and_a_planned_event_is_not_held(package: Package) -> None:
    assert Counter(e.status for e in package.events.values())["planned"] >= 1
    planned = package.events["gnets-summit-2026"]
    assert planned.status == "planned"
    assert planned not in package.held_events_of("g-nets")
    assert planned.id not in {p.event for p in package.participations_of_city("tokyo")}


def test_u20_status_keeps_tmgs_word_with_its_basis(package: Package) -> None:
    u20 = package.networks["u20"]
    assert (u20.status, u20.status_source) == ("active", "tmg-multilateral-ja")
    last = package.last_activity("u20")
    assert last is not None and last.id == "u20-summit-06"
    assert (last.date_end or last.date) <= PartialDate.parse("2023-07-08")


def test_a_programme_without_events_has_no_last_activity_unless_its_network_has(
    package: Package,
) -> None:
    assert package.last_activity("urban-development") is None
    welcome = package.last_activity("welcome-asia")
    assert welcome is not None and welcome.programme == "welcome-asia"


def test_reader_text_names_no_source_id(package: Package) -> None:
    ids = sorted(package.sources, key=len, reverse=True)
    pattern = re.compile(rf"(?<![A-Za-z0-9-])(?:{'|'.join(map(re.escape, ids))})(?![A-Za-z0-9-])")
    for table, record in package.all_records():
        if table == "sources":
            continue
        for name in READER_FIELDS:
            text = getattr(record, name, "")
            assert not pattern.search(text), (table, record, name)


def test_every_source_is_cited_in_a_column(package: Package) -> None:
    cited: set[str] = set()
    for _, record in package.all_records():
        for name in ("source", "status_source"):
            if value := getattr(record, name, None):
                cited.add(value)
        cited.update(getattr(record, "other_source_ids", ()))
    assert cited == set(package.sources)


def test_no_long_note_repeats_across_the_rows_of_an_event(package: Package) -> None:
    for event in package.events:
        notes = Counter(p.note_en for p in package.participants(event) if len(p.note_en) >= 60)
        assert all(count < 5 for count in notes.values()), (event, notes.most_common(1))


def test_outcomes_are_named_distinctly_and_summarised_when_found(package: Package) -> None:
    outcomes = list(package.outcomes.values())
    for lang in ("ja", "en"):
        names = [getattr(o, f"name_{lang}") for o in outcomes]
        assert len(names) == len(set(names)), Counter(names).most_common(2)
    for outcome in outcomes:
        assert outcome.event in package.events
        summaries = (outcome.summary_ja, outcome.summary_en)
        assert all(summaries) if outcome.content_found else not any(summaries), outcome.id
    tokyo = [o.name_en for o in outcomes if o.name_en.startswith("Tokyo Declaration")]
    assert len(tokyo) >= 4


def test_every_declaration_or_communique_in_the_events_has_an_outcome(package: Package) -> None:
    adopted = re.compile(
        r"Adopted the [^.;]*Declaration|Produced a Tokyo Declaration|signed the communiqué"
        r"|communiqué (released|on the 17th)|Joint declaration",
        re.IGNORECASE,
    )
    found = [e for e in package.events.values() if adopted.search(f"{e.title_en} {e.note_en}")]
    assert len(found) >= 15
    for event in found:
        assert package.outcomes_of(event.id), event.id
