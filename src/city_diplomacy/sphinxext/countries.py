"""Country names for pages: see :mod:`city_diplomacy.data.countries` (the exports use them too)."""

from __future__ import annotations

from city_diplomacy.data.countries import OVERRIDES, country_name

__all__ = ["OVERRIDES", "country_name"]
