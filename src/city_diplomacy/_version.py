"""The one version number of the data and the docs, read from ``datapackage.json``.

``datapackage/datapackage.json`` ("version") is the only place that holds it:
setuptools reads it through this module (``[tool.setuptools.dynamic]`` in
``pyproject.toml``), the CLI and the site read it here, and ``CITATION.cff`` and
``.zenodo.json`` are generated from it (``city-diplomacy citation --write``).

This module is loaded on its own by setuptools at build time, so it imports only
the standard library.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

#: The descriptor of the checkout this module lives in.
DESCRIPTOR = Path(__file__).resolve().parents[2] / "datapackage" / "datapackage.json"

#: The label of the working tree's version on the site (``<lang>/latest/``,
#: ``downloads/latest/``): always the newest. Every module uses this one constant.
LATEST = "latest"

#: Name of the distribution in ``pyproject.toml``.
DISTRIBUTION = "tokyo-city-diplomacy"


def read_version(descriptor: Path = DESCRIPTOR) -> str:
    """The ``version`` of a ``datapackage.json``; raises if it has none."""
    with descriptor.open(encoding="utf-8") as handle:
        version = json.load(handle).get("version")
    if not isinstance(version, str) or not version:
        raise ValueError(f'{descriptor}: no "version" string')
    return version


def _current() -> str:
    # A checkout (editable install, or setuptools building the sdist/wheel) reads
    # the descriptor; an installed wheel without the checkout falls back to its
    # own metadata, which setuptools wrote from the same descriptor.
    if DESCRIPTOR.is_file():
        return read_version(DESCRIPTOR)
    return metadata.version(DISTRIBUTION)


__version__ = _current()
