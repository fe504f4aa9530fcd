"""TEMPORARY stub so the site pipeline can build before the real extension lands.

The extension helper's package replaces this file (take theirs on merge).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import __version__


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the config value conf.py sets; no directives yet."""
    app.add_config_value("city_diplomacy_datapackage", "", "env", str)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
