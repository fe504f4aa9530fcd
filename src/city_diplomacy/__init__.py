"""Open data and documentation of Tokyo's multilateral city diplomacy."""

from .dataset import Package, load
from .dates import PartialDate

__all__ = ["Package", "PartialDate", "__version__", "load"]

__version__ = "1.0.0"
