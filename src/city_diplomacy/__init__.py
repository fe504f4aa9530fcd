"""Open data and documentation of Tokyo's multilateral city diplomacy."""

from city_diplomacy._version import __version__
from city_diplomacy.data.dates import PartialDate
from city_diplomacy.data.load import load
from city_diplomacy.data.package import Package

__all__ = ["Package", "PartialDate", "__version__", "load"]
