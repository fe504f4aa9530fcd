"""Country names from pycountry, in Japanese through its own gettext catalog."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

#: Labels that must not come from the ISO short name.
OVERRIDES = {"TW": {"ja": "台湾", "en": "Taiwan"}}


@lru_cache(maxsize=4)
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, language: str) -> str:
    """The common name of an ISO 3166-1 alpha-2 country in ``ja`` or ``en``; '' if unknown."""
    if not code:
        return ""
    override = OVERRIDES.get(code.upper())
    if override is not None:
        return override.get(language, override["en"])
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    return _catalog(language).gettext(name)
