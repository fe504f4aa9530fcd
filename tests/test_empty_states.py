"""Sentences generated from the data agree with the tables beside them (real builds).

Each state of a network or programme gets its own fixture organisation: members only,
participants only (of its events), both, and none. Tokyo's role in a network shows
wherever Tokyo's involvement is listed: its row on the cities index and its city page.
"""

from __future__ import annotations

import re
import shutil

import pytest

import test_sphinxext as sx

NO_CITIES = "記録された会員・参加都市はありません。"
NO_MEMBERS = "記録された会員都市の一覧はありません。参加都市は行事ごとに示しています。"
#: The fixture's organisations by state: anmc21 has members and event participants,
#: youth-football only participants, training nothing; g20 gets members (and no events)
#: in the copy below.
STATES = {"both": "anmc21", "participants": "youth-football", "none": "training", "members": "g20"}
G20_MEMBER = "g20-tokyo,g20,,tokyo,member,,,2019,src-b,,,,\n"


def members_page(org: str) -> str:
    return f"# {org}\n\n```{{cd-members}} {org}\n```\n\n```{{cd-events}} {org}\n```\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> sx.Build:
    root = tmp_path_factory.mktemp("empty-states")
    data = root / "datapackage"
    shutil.copytree(sx.FIXTURE, data)
    with (data / "data" / "memberships.csv").open("a", encoding="utf-8") as stream:
        stream.write(G20_MEMBER)
    pages = {
        "index.md": "# t\n\n```{toctree}\n" + "\n".join([*STATES, "cities"]) + "\n```\n",
        "cities.md": "# 都市\n\n```{cd-cities}\n```\n",
    }
    pages |= {f"{state}.md": members_page(org) for state, org in STATES.items()}
    result = sx.run_build(sx.make_project(root, pages, datapackage=data))
    assert result.warnings == ""
    return result


def test_both_members_and_participants(site: sx.Build) -> None:
    page = site.page("both.html")
    assert "cd-members-table" in page
    assert NO_CITIES not in page
    assert NO_MEMBERS not in page


def test_members_only(site: sx.Build) -> None:
    page = site.page("members.html")
    assert "cd-members-table" in page
    assert NO_CITIES not in page
    assert NO_MEMBERS not in page


def test_participants_only_does_not_deny_them(site: sx.Build) -> None:
    page = site.page("participants.html")
    assert "cd-members-table" not in page
    assert NO_CITIES not in page
    assert NO_MEMBERS in sx.text_of(page)
    # the events table on the page lists the participating city the sentence points to
    assert "試験サッカー大会" in sx.text_of(page)


def test_none_says_none(site: sx.Build) -> None:
    page = site.page("none.html")
    assert NO_CITIES in sx.text_of(page)
    assert NO_MEMBERS not in page


def test_tokyo_row_shows_tokyo_roles(site: sx.Build) -> None:
    page = site.page("cities.html")
    row = re.search(r'<tr[^>]*id="city-tokyo".*?</tr>', page, re.S)
    assert row is not None
    text = sx.text_of(row.group(0))
    # the fixture's networks with a Tokyo role, each followed by that role
    assert "TN21（創設メンバー）" in text
    assert "TG（創設メンバー）" in text
    # another city's row carries no role in parentheses
    seoul = re.search(r'<tr[^>]*id="city-seoul".*?</tr>', page, re.S)
    assert seoul is not None
    assert "（" not in sx.text_of(seoul.group(0))


def test_tokyo_page_lists_its_roles(site: sx.Build) -> None:
    page = site.page("cities/tokyo.html")
    part = page[page.index('id="city-tokyo-role"') :]
    text = sx.text_of(part)
    for expected in ("試験ネットワーク21", "試験グループ", "創設メンバー"):
        assert expected in text
