"""Member lists show each city once and each shared note once (pure rules and real builds).

A city with several rows in one list (co-proposer, founding member and secretariat of
ANMC21; one city in two undated lists of Welcome Asia) gets one row with its roles, dates
and sources combined. A note on every row is shown once above the table; a long note on
some rows is shown once, numbered, and those rows point to it.
"""

from __future__ import annotations

import re
import shutil

import pytest

import test_sphinxext as sx
from city_diplomacy import load
from city_diplomacy.sphinxext.members import by_city
from city_diplomacy.sphinxext.sharednotes import lift_shared, weight

LONG_A = "共同提案都市の一つ。台湾総統府は、四都市の合同会議でネットワークが提案されたとする。"
LONG_B = (
    "第1回総会で設立した11都市にバンコクを加えた12都市の一つ。月は第2回総会のデリー宣言による。"
)
SHORT = "一覧による。"
SOURCE_NOTE = "2都市の一覧による。"

MEMBERSHIPS = f"""\
id,network,programme,city,role,since,until,as_of,source,other_sources,note_ja,note_en,research_note
a-tokyo-cp,anmc21,,tokyo,co-proposer,,,,src-b,,{LONG_A},,
a-tokyo-f,anmc21,,tokyo,founding-member,2001-10,,,src-a,,{LONG_B},,
a-tokyo-s,anmc21,,tokyo,secretariat,,,,src-a,,事務局を務めた。,,
a-beijing,anmc21,,beijing,founding-member,2001-10,2005-08-30,,src-a,,{LONG_B},,
a-taipei,anmc21,,taipei,founding-member,2001-10,,,src-a,,{SHORT}台北だけの事情。{LONG_B},,
a-seoul-cp,anmc21,,seoul,co-proposer,,,,src-b,,{LONG_A},,
a-seoul-f,anmc21,,seoul,founding-member,2001-10,,,src-a,,{SHORT},,
u-tokyo,u20,,tokyo,member,,,2018-10,src-b,,{SOURCE_NOTE},,
u-seoul,u20,,seoul,member,,,2018-10,src-b,,東京の姉妹友好都市。{SOURCE_NOTE},,
"""


def test_a_note_on_every_row_is_common_however_short() -> None:
    lifted = lift_shared([["List of 2."], ["Sister city. List of 2."], ["List of 2."]])
    assert lifted.common == ("List of 2.",)
    assert lifted.numbered == ()
    assert [r.own for r in lifted.rows] == [(), ("Sister city.",), ()]


def test_long_notes_of_some_rows_are_numbered_short_ones_stay() -> None:
    long = "One of eight cities named in a third-party article that shows no date."
    assert weight(long) >= 60 > weight("Sister city.")
    lifted = lift_shared(
        [[long, "Sister city."], ["Own words. " + long], ["Sister city."], [""], []]
    )
    assert lifted.common == ()
    assert lifted.numbered == (long,)
    assert [(r.own, r.refs) for r in lifted.rows] == [
        (("Sister city.",), (1,)),
        (("Own words.",), (1,)),
        (("Sister city.",), ()),
        ((), ()),
        ((), ()),
    ]


def test_wide_characters_weigh_double() -> None:
    assert weight("東京") == 4
    assert weight(LONG_B) >= 60 > weight(SHORT)


def test_a_note_is_split_only_after_a_sentence() -> None:
    long = "x" * 70
    lifted = lift_shared([[long], ["prefix" + long], [long]])
    assert lifted.common == ()  # "prefix…" does not end a sentence before the shared part
    assert lifted.numbered == (long,)
    assert lifted.rows[1].own == ("prefix" + long,)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> sx.Build:
    root = tmp_path_factory.mktemp("members-shared")
    data = root / "datapackage"
    shutil.copytree(sx.FIXTURE, data)
    (data / "data" / "memberships.csv").write_text(MEMBERSHIPS, encoding="utf-8")
    pages = {
        "index.md": "# t\n\n```{toctree}\nanmc21\nu20\n```\n",
        "anmc21.md": "# a\n\n```{cd-members} anmc21\n```\n",
        "u20.md": "# u\n\n```{cd-members} u20\n```\n",
    }
    result = sx.run_build(sx.make_project(root, pages, datapackage=data))
    assert result.warnings == ""
    return result


def rows_of(page: str) -> list[str]:
    table = page.split("cd-members-table", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[^>]*>.*?</tr>", table.split("<tbody", 1)[1], re.S)


def row_of(rows: list[str], city: str) -> str:
    (row,) = [r for r in rows if f"cities/{city}" in r]
    return row


def test_each_city_once_with_its_roles_dates_and_sources(site: sx.Build) -> None:
    rows = rows_of(site.page("anmc21.html"))
    assert len(rows) == 4  # tokyo, beijing, taipei, seoul: 7 rows in the data
    tokyo = sx.text_of(row_of(rows, "tokyo"))
    assert "共同提案者、創設会員、事務局" in tokyo
    assert "2001年10月" in tokyo
    assert "src-b、src-a" in tokyo
    assert "事務局を務めた。" in tokyo
    beijing = sx.text_of(row_of(rows, "beijing"))
    assert "2005年8月30日" in beijing


def test_long_shared_notes_once_with_pointers(site: sx.Build) -> None:
    page = site.page("anmc21.html")
    text = sx.text_of(page)
    assert text.count(LONG_B) == 1 and text.count(LONG_A) == 1
    notes = dict(re.findall(r'<p[^>]*id="([^"]+)"[^>]*>\s*注(\d)：', page))
    assert sorted(notes.values()) == ["1", "2"], notes
    target = {number: anchor for anchor, number in notes.items()}
    assert LONG_B in sx.text_of(page.split(f'id="{target["1"]}"', 1)[1].split("</p>", 1)[0])
    rows = rows_of(page)
    for city, numbers in {"tokyo": "12", "seoul": "2", "beijing": "1", "taipei": "1"}.items():
        row = row_of(rows, city)
        pointed = re.findall(r'href="#([^"]+)"', row)
        assert pointed == [target[n] for n in numbers], (city, pointed)
    taipei = sx.text_of(row_of(rows, "taipei"))
    assert f"{SHORT}台北だけの事情。" in taipei  # the row's own sentence stays
    # a short note of two rows stays in them
    assert SHORT in sx.text_of(row_of(rows, "seoul"))


def test_note_on_every_row_is_shown_once_above_the_table(site: sx.Build) -> None:
    page = site.page("u20.html")
    text = sx.text_of(page)
    assert text.count(SOURCE_NOTE) == 1
    assert f"すべての行に共通の注記：{SOURCE_NOTE}" in text
    rows = rows_of(page)
    assert "東京の姉妹友好都市。" in sx.text_of(row_of(rows, "seoul"))
    assert "東京の姉妹友好都市" not in sx.text_of(row_of(rows, "tokyo"))


def test_the_shipped_lists_repeat_no_city_and_no_long_note() -> None:
    """The shipped data: no city twice in a list, no long note repeated in the rows."""
    package = load()
    for organisation in ("anmc21", "welcome-asia", "u20"):
        for rows in package.member_lists(organisation).values():
            cities = by_city(rows, lambda m: m.note_en)
            assert len(cities) == len({m.city for m in rows})
            lifted = lift_shared([c.notes for c in cities])
            shown = [n for r in lifted.rows for n in r.own]
            long_repeats = {n for n in shown if shown.count(n) > 1 and weight(n) >= 60}
            assert not long_repeats, (organisation, long_repeats)
