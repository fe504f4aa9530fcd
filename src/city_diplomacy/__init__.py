"""Open data and documentation of Tokyo's multilateral city diplomacy."""

from ._version import __version__
from .dataset import Package, load
from .dates import PartialDate

__all__ = ["Package", "PartialDate", "__version__", "load"]
