"""Open data and documentation of Tokyo's multilateral city diplomacy."""

from city_diplomacy._version import __version__
from city_diplomacy.data.dataset import Package, load
from city_diplomacy.data.dates import PartialDate

__all__ = ["Package", "PartialDate", "__version__", "load"]
