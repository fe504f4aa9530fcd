"""The acronym check: explained by expansion on the page, or by the glossary; real catalogs."""

from __future__ import annotations

from pathlib import Path

import polib

from city_diplomacy.translations.acronyms import (
    catalog_units,
    data_units,
    expanded,
    glossary_text,
    unexplained,
)


def write_po(path: Path, messages: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in messages.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalog.save(str(path))


def test_expansion_either_way() -> None:
    assert expanded("CPTA", "the Council for Promotion of Tourism in Asia (CPTA) met")
    assert expanded("VNA", "VNA (Vietnam News Agency) reports")
    assert not expanded("VNA", "a VNA report")
    assert not expanded("NBC", "NBC terrorism (a topic)")


def test_catalogs_and_data_rows(tmp_path: Path) -> None:
    catalogs = tmp_path / "locales" / "en" / "LC_MESSAGES"
    write_po(
        catalogs / "a.po", {"一": "Asian Network of Major Cities 21 (ANMC21).", "二": "ANMC21 met."}
    )
    write_po(
        catalogs / "b.po", {"三": "The TMG and the CPTA met; see `SQL` and https://x.org/ABC."}
    )
    write_po(catalogs / "glossary.po", {"都庁": "Tokyo Metropolitan Government (TMG)"})
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.csv").write_text(
        "id,title_ja,title_en,note_en\ne1,x,FY2013 meeting,\ne2,x,VNA (Vietnam News Agency),\n",
        encoding="utf-8",
    )
    units = [*catalog_units(catalogs), *data_units(data)]
    found = unexplained(units, glossary_text(catalogs / "glossary.po"))
    assert {(f.acronym, f.where) for f in found} == {("CPTA", "b.po"), ("FY2013", "events.csv:2")}
