"""The editor's rules of ``validate``: numbers across languages, repeats, scripts, series."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from city_diplomacy.data.checks.numbers import numbers
from city_diplomacy.data.checks.scripts import unquoted_japanese
from city_diplomacy.data.validate import validate
from validate_helpers import make_package

# The fixtures of these rules carry exactly one defect: nothing else may be reported.
ONE_PROBLEM = {
    "numbers-differ": (3, "title_en", "bilingual-numbers", "2019 only in title_en"),
    "duplicate-name": (3, "name_en", "unique", "'Tokyo' is also the name of the row at line 2"),
    "duplicate-ordinal": (3, "ordinal", "unique", "already has a plenary numbered 2"),
    "duplicate-participation": (3, "mode", "unique", "never not-stated or hybrid"),
    "duplicate-source-url": (3, "url", "unique", "which reading of the page this is"),
    "japanese-in-english": (3, "title_en", "language-script", "'研修' outside quotation"),
    "english-in-japanese": (3, "title_ja", "language-script", "reads as a sentence"),
    "ordinals-out-of-order": (3, "date", "series", "before no. 1 (2005-10, line 2)"),
    "source-title-untranslated": (3, "title_en", "translation", "translate the ja title"),
    "source-title-in-own-language": (3, "title_ja", "translation", "must be empty"),
    "count-differs-without-note": (3, "participant_count", "participant-count", "name 1 distinct"),
    "host-without-participation": (3, "host_city", "host-participation", "role 'host'"),
    "unknown-other-source": (3, "other_sources", "references", "'nowhere-page'"),
    "source-id-in-note": (3, "note_en", "reader-text", "'tmg-multilateral-ja'"),
}


@pytest.mark.parametrize("defect", sorted(ONE_PROBLEM))
def test_rule_fixture_has_exactly_its_one_problem(tmp_path: Path, defect: str) -> None:
    line, field, check, words = ONE_PROBLEM[defect]
    (problem,) = validate(make_package(tmp_path, defect)).errors
    assert (problem.line, problem.field, problem.check) == (line, field, check)
    assert words in problem.message


@pytest.mark.parametrize(
    ("ja", "en"),
    [
        ("２０２３年５月に開催", "Held in May 2023"),
        ("2023年5月3日", "3 May 2023"),
        ("平成17年", "Heisei 17 (2005)"),
        ("13時〜14時", "1:00–2:00 pm"),
        ("3万5千人", "35,000 people"),
        ("三つの都市", "three cities"),
        ("第2回総会", "Second plenary"),
        ("出典 tmg-u20-en-2018 による", "According to tmg-u20-en-2018"),
        ("準備局", "Bureau of Tokyo 2020 Olympic and Paralympic Games Preparation"),
        ("第三者(GKToday)による", "From a third party (GKToday)"),
    ],
)
def test_numbers_are_read_alike_in_both_languages(ja: str, en: str) -> None:
    ids = re.compile(r"tmg-u20-en-2018")
    assert numbers(ja, "ja", ids) - {0, 1} == numbers(en, "en", ids) - {0, 1}


def test_numbers_that_differ_are_seen() -> None:
    assert numbers("2023年5月", "ja") != numbers("June 2023", "en")
    assert numbers("30都市", "ja") != numbers("31 cities", "en")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tokyo Metropolis (東京都)", None),
        ("the page calls it 「ヒルトン東京ほか」", None),
        ('called "東京" there', None),
        ("Sources write 'サンパウロ'", None),
        ("Sources write サンパウロ.", "サンパウロ"),
        ("TMG's page (see 東京) and 大阪", "大阪"),
        ("São Paulo — ＳＰ", None),  # full-width Latin is not Japanese script
    ],
)
def test_japanese_in_english_only_as_a_quote(text: str, found: str | None) -> None:
    assert unquoted_japanese(text) == found
