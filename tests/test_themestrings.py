"""The theme's (Furo's) strings: where they are, how they are looked up, and escaping."""

from __future__ import annotations

import gettext
from pathlib import Path

import furo
import pytest

from city_diplomacy.sphinxext.themestrings import ThemeTranslations, literal_calls
from city_diplomacy.translations.chrome import THEME, theme_source

FURO = Path(furo.__file__).parent
#: strings of our own footer, not Furo's
OURS = {"Made with {sphinx} and {furo}", "© {year} contributors; text under {licence}"}


def _furo_text() -> str:
    files = [*sorted((FURO / "theme").rglob("*.html")), FURO / "navigation.py"]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize("item", [t for t in THEME if t.theme not in OURS], ids=lambda t: t.key)
def test_every_theme_string_is_still_in_furo(item: object) -> None:
    # a Furo upgrade that rewords a string would leave it English: this fails first
    text = item.theme.replace("{title}", "{")  # type: ignore[attr-defined]
    assert text in _furo_text()


def test_literal_strings_of_furo_templates_become_calls() -> None:
    source = (FURO / "theme" / "furo" / "page.html").read_text(encoding="utf-8")
    icons = (FURO / "theme" / "furo" / "partials" / "icons.html").read_text(encoding="utf-8")
    done = literal_calls(source + icons, theme_source())
    assert 'aria-label="Toggle site navigation sidebar"' not in done
    assert "aria-label=\"{{ _('Toggle site navigation sidebar') }}\"" in done
    assert "<title>{{ _('Light mode') }}</title>" in done
    assert "<title>Light mode</title>" not in done


def _translations(own: dict[str, str], sphinx: dict[str, str]) -> ThemeTranslations:
    class Catalog(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return sphinx.get(message, message)

    return ThemeTranslations(own, theme_source(), Catalog())


def test_lookup_order_catalog_then_sphinx_then_source_never_english() -> None:
    found = _translations({"Skip to content": "Aller au contenu"}, {"Next": "Suivant"})
    assert found.gettext("Skip to content") == "Aller au contenu"
    assert found.gettext("Next") == "Suivant"  # Sphinx's own French
    assert found.text("Back to top") == "ページの先頭へ"  # neither: the source text
    assert found.gettext("Copyright") == "Copyright"  # not a theme string: Sphinx decides


def test_a_catalog_cannot_inject_markup() -> None:
    found = _translations({"Menu": '"><script>alert(1)</script>'}, {})
    assert found.gettext("Menu") == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_fallback_shown_as_text_carries_the_source_language() -> None:
    found = _translations({"Skip to content": "Aller au contenu"}, {})
    assert found.gettext("Back to top") == '<span lang="ja">ページの先頭へ</span>'
    assert found.gettext("Skip to content") == "Aller au contenu"
    # attributes (aria-label, title) get plain text: markup cannot go there
    assert found.gettext("Toggle site navigation sidebar") == "サイトのメニューを開く・閉じる"
    # the source language's own pages need no lang
    source = ThemeTranslations(theme_source(), theme_source(), gettext.NullTranslations())
    assert source.gettext("Back to top") == "ページの先頭へ"
