"""Readable partial dates in every language: ours for ja/en, CLDR's for the others."""

from __future__ import annotations

import pytest

from city_diplomacy.data.dates import PartialDate


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2001-10-19", "ja", "2001年10月19日"),
        ("2001-10", "en", "October 2001"),
        ("2001-10-19", "en", "19 October 2001"),
        ("2001-10-19", "fr", "19 octobre 2001"),
        ("2001-10", "fr", "octobre 2001"),
        ("2001", "fr", "2001"),
        ("2001-10", "de", "Oktober 2001"),
        ("2001-10-19", "ko", "2001년 10월 19일"),
    ],
)
def test_format(text: str, language: str, expected: str) -> None:
    assert PartialDate.parse(text).format(language) == expected


def test_a_language_cldr_does_not_know_gets_the_source_form_not_english() -> None:
    assert PartialDate.parse("2001-10").format("xx") == "2001年10月"
