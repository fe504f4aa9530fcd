"""The repository's own catalogs: up to date with the sources, clean, English complete.

These run the real extraction on docs/ (the whole Japanese site), so they pass only once
the content and its English catalogs are in the repository.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.translations.stats import stats

REPO = Path(__file__).resolve().parents[1]


def test_catalogs_are_up_to_date_with_the_sources() -> None:
    result = CliRunner().invoke(main, ["i18n", "--root", str(REPO), "update", "--check"])
    assert result.exit_code == 0, result.output


def test_english_catalogs_are_clean_and_complete() -> None:
    result = CliRunner().invoke(
        main, ["i18n", "--root", str(REPO), "check", "--lang", "en", "--strict"]
    )
    assert result.exit_code == 0, result.output
    (english,) = stats(REPO, "en")
    assert english.pages, "no English catalogs under locales/en/LC_MESSAGES"
    assert english.counts.percent == 100.0, english.pages_left
