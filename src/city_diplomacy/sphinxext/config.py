"""Extension configuration: declared once, read through :func:`get_config`."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from city_diplomacy._version import LATEST

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class CityDiplomacyConfig:
    """Settings of the extension, each a ``city_diplomacy_<name>`` value in ``conf.py``."""

    datapackage: str = field(
        default="", metadata={"help": "Path of the data package descriptor (datapackage.json)."}
    )
    land: str = field(
        default="",
        metadata={
            "help": "GeoJSON land outlines for cd-map; empty: static/land.geojson or "
            "static/land.json of the extension if present, else a graticule only."
        },
    )
    version_label: str = field(
        default=LATEST,
        metadata={
            "help": "Name of this version's folder under <site>/downloads/ (and in the "
            "site's /<lang>/<version>/ paths); the versions builder sets it with -D."
        },
    )
    cache: str = field(
        default="",
        metadata={
            "help": "Folder where the site builder keeps what both languages' builds share "
            "(the release files' sizes and digests); empty: computed in each build."
        },
    )
    repository: str = field(
        default="",
        metadata={
            "help": "Repository root holding CHANGELOG.md, releases.json, CITATION.cff "
            "and the git history; empty: the folder above the data package's folder."
        },
    )


PREFIX = "city_diplomacy_"


def setup_config(app: Sphinx) -> None:
    """Declare every config value of :class:`CityDiplomacyConfig` with its default."""
    for item in fields(CityDiplomacyConfig):
        app.add_config_value(
            PREFIX + item.name,
            item.default,
            "env",
            types=frozenset({str}),
            description=item.metadata.get("help", ""),
        )


def get_config(env: BuildEnvironment) -> CityDiplomacyConfig:
    """The extension's settings for this build."""
    values = {
        item.name: getattr(env.config, PREFIX + item.name) for item in fields(CityDiplomacyConfig)
    }
    return CityDiplomacyConfig(**values)


def _resolve_paths(app: Sphinx, config: Any) -> None:
    """Make relative paths in the settings absolute, taken from the conf.py folder."""
    for name in ("datapackage", "land", "repository"):
        key = PREFIX + name
        raw = getattr(config, key)
        if raw and not Path(raw).is_absolute():
            setattr(config, key, str((Path(app.confdir) / raw).resolve()))


def setup_config_hooks(app: Sphinx) -> None:
    setup_config(app)
    app.connect("config-inited", _resolve_paths, priority=100)
