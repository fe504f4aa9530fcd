"""Where the npm-installed checkers live: ``node_modules/`` of the checkout.

``package.json`` and ``package-lock.json`` pin the Nu Html Checker (``vnu-jar``) and
``axe-core``; ``make tools`` installs them with ``npm ci``. Set ``CITY_DIPLOMACY_NODE_MODULES``
to use another ``node_modules`` directory.
"""

from __future__ import annotations

import os
from pathlib import Path

#: ``node_modules/`` next to ``src/`` (an editable install runs from the checkout).
DEFAULT_NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
INSTALL_HINT = "run `make tools` (npm ci --ignore-scripts) in the checkout"


class CheckerMissingError(RuntimeError):
    """A checker cannot run because a tool or an npm package is not installed."""


def node_modules() -> Path:
    """The ``node_modules`` directory the checkers are read from."""
    override = os.environ.get("CITY_DIPLOMACY_NODE_MODULES")
    return Path(override) if override else DEFAULT_NODE_MODULES


def checker_file(package: str, relative: str) -> Path:
    """A file of an npm package, or :class:`CheckerMissingError` naming how to install it."""
    path = node_modules() / package / relative
    if not path.is_file():
        raise CheckerMissingError(f"{package} is not installed ({path} missing): {INSTALL_HINT}")
    return path


def vnu_jar() -> Path:
    """The Nu Html Checker jar of the npm package ``vnu-jar``."""
    return checker_file("vnu-jar", "build/dist/vnu.jar")


def axe_min_js() -> Path:
    """axe-core's browser bundle of the npm package ``axe-core``."""
    return checker_file("axe-core", "axe.min.js")
