"""Extension configuration: declared once, validated once, read through :func:`get_settings`.

Every ``city_diplomacy_<name>`` value of ``conf.py`` (or ``-D``) is a field of
:class:`CityDiplomacyConfig`, with its default, type, rebuild scope and help. At
``config-inited`` the values are checked and relative paths made absolute (from the
``conf.py`` folder); the build context they name (:mod:`.context`) is read then too. The
result, a :class:`Settings`, is kept on the application and on the environment (never
pickled), so every directive reads the same settings without reparsing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from city_diplomacy._version import LATEST
from city_diplomacy.sphinxext.context import BuildContext, ContextError, read_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).resolve().parent / "static"
PREFIX = "city_diplomacy_"
_PATHS = ("datapackage", "land", "context")
_ATTRIBUTE = "city_diplomacy_settings"


def _help(text: str, rebuild: str = "env", types: tuple[type, ...] = (str,)) -> dict[str, Any]:
    return {"help": text, "rebuild": rebuild, "types": frozenset(types)}


@dataclass(frozen=True)
class CityDiplomacyConfig:
    """Settings of the extension, each a ``city_diplomacy_<name>`` value in ``conf.py``."""

    datapackage: str = field(
        default="", metadata=_help("Path of the data package descriptor (datapackage.json).")
    )
    land: str = field(
        default="",
        metadata=_help(
            "GeoJSON land outlines for cd-map; empty: static/land.geojson or "
            "static/land.json of the extension if present, else a graticule only."
        ),
    )
    version_label: str = field(
        default=LATEST,
        metadata=_help(
            "Name of this version's folder under <site>/downloads/ (and in the "
            "site's /<lang>/<version>/ paths); the versions builder sets it with -D."
        ),
    )
    context: str = field(
        default="",
        metadata=_help(
            "Build context written by the site build (city_diplomacy.sitebuild.context): "
            "release files, citation, changelog diffs, languages, translation status. "
            "Empty: those parts are left out, with a warning where a page needs them."
        ),
    )
    version: str = field(
        default="latest",
        metadata=_help("Version folder of this tree in the language switcher's links.", "html"),
    )
    offered: tuple[str, ...] = field(
        default=(),
        metadata=_help(
            "Language codes the switchers offer (translations below their threshold are "
            "built but not offered); empty: every language. The site build sets it with -D.",
            "html",
            (list, tuple),
        ),
    )
    freeze: bool = field(
        default=True,
        metadata=_help(
            "Render each data block once per build and reuse it (see sphinxext.freeze).",
            "env",
            (bool,),
        ),
    )


@dataclass(frozen=True)
class Settings:
    """The checked configuration and the build context (None: no context given)."""

    config: CityDiplomacyConfig
    context: BuildContext | None


def setup_config(app: Sphinx) -> None:
    """Declare every config value of :class:`CityDiplomacyConfig` with its default."""
    for item in fields(CityDiplomacyConfig):
        app.add_config_value(
            PREFIX + item.name,
            list(item.default) if isinstance(item.default, tuple) else item.default,
            item.metadata["rebuild"],
            types=item.metadata["types"],
            description=item.metadata["help"],
        )


def _read_config(config: Config) -> CityDiplomacyConfig:
    values: dict[str, Any] = {}
    for item in fields(CityDiplomacyConfig):
        raw = getattr(config, PREFIX + item.name)
        if item.name == "offered":
            if isinstance(raw, str):  # -D city_diplomacy_offered=ja,en on an old Sphinx
                raw = [part for part in raw.split(",") if part]
            if not isinstance(raw, list | tuple) or not all(isinstance(c, str) for c in raw):
                msg = f"{PREFIX}offered must be a list of language codes, not {raw!r}"
                raise ConfigError(msg)
            values[item.name] = tuple(raw)
        elif item.name == "freeze":
            values[item.name] = bool(raw)
        else:
            if not isinstance(raw, str):
                msg = f"{PREFIX}{item.name} must be a string, not {type(raw).__name__}"
                raise ConfigError(msg)
            values[item.name] = raw
    return CityDiplomacyConfig(**values)


def _load(config: Config) -> Settings:
    settings = _read_config(config)
    context = None
    if settings.context:
        try:
            context = read_context(Path(settings.context))
        except ContextError as error:
            raise ConfigError(str(error)) from error
    return Settings(settings, context)


def _validate(app: Sphinx, config: Config) -> None:
    """Make relative paths absolute (from the conf.py folder), check, read the context."""
    for name in _PATHS:
        key = PREFIX + name
        raw = getattr(config, key)
        if isinstance(raw, str) and raw and not Path(raw).is_absolute():
            setattr(config, key, str((Path(app.confdir) / raw).resolve()))
    if not str(config.city_diplomacy_version_label).strip():
        msg = f"{PREFIX}version_label must not be empty"
        raise ConfigError(msg)
    setattr(app, _ATTRIBUTE, _load(config))


def app_settings(app: Sphinx) -> Settings:
    """The settings checked at ``config-inited`` (read again if a process lacks them)."""
    found = getattr(app, _ATTRIBUTE, None)
    if not isinstance(found, Settings):
        found = _load(app.config)
        setattr(app, _ATTRIBUTE, found)
    return found


class _SettingsHolder:
    """Settings on the environment, never pickled with it (a later build reads its own)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = None


def _to_env(app: Sphinx) -> None:
    setattr(app.env, _ATTRIBUTE, _SettingsHolder(app_settings(app)))


def get_settings(env: BuildEnvironment) -> Settings:
    """The settings of this build, for a directive or a transform."""
    holder = getattr(env, _ATTRIBUTE, None)
    if not isinstance(holder, _SettingsHolder) or holder.settings is None:
        holder = _SettingsHolder(_load(env.config))
        setattr(env, _ATTRIBUTE, holder)
    assert holder.settings is not None
    return holder.settings


def get_config(env: BuildEnvironment) -> CityDiplomacyConfig:
    """The extension's settings for this build."""
    return get_settings(env).config


def get_context(env: BuildEnvironment) -> BuildContext | None:
    """The build context, None without one; a page reading it depends on its file."""
    settings = get_settings(env)
    if settings.context is not None and env.docname:
        env.note_dependency(settings.config.context)
    return settings.context


def setup(app: Sphinx) -> dict[str, Any]:
    """Declare the values and the hooks (the extension and the theme both load this once)."""
    setup_config(app)
    app.connect("config-inited", _validate, priority=100)
    app.connect("builder-inited", _to_env)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def setup_config_hooks(app: Sphinx) -> None:
    app.setup_extension("city_diplomacy.sphinxext.config")
