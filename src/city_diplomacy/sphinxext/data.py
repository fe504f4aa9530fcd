"""Access to the data package during a build: one cached load, dependencies noted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError

from city_diplomacy import Package, load
from city_diplomacy.data.load import package_files, resolve_descriptor
from city_diplomacy.sphinxext.config import get_config
from city_diplomacy.sphinxext.language import content_language

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_ATTRIBUTE = "city_diplomacy_cache"

FileKey = tuple[tuple[str, int, int], ...]


class BuildLocal:
    """State a build keeps on the environment, never pickled with it.

    A fresh process (a later build, a parallel reader) starts from ``__init__()``'s
    defaults, so every argument of a subclass's ``__init__`` needs one.
    """

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]


class PackageCache(BuildLocal):
    """The loaded package, reused while the files keep their path, size and mtime.

    It lives on the environment but is never pickled with it: a fresh process reloads.
    """

    def __init__(self) -> None:
        self._key: FileKey | None = None
        self._package: Package | None = None
        self._files: tuple[tuple[str, int, int], list[Path]] | None = None

    def get(self, descriptor: Path) -> Package:
        key = file_key(self.files(descriptor))
        if self._package is None or key != self._key:
            self._package = load(descriptor)
            self._key = key
        return self._package

    def files(self, descriptor: Path) -> list[Path]:
        """The package's files, the descriptor parsed again only when it changed (every
        directive asks, and there is a directive per city page)."""
        head = _stat_key(descriptor)
        if self._files is None or self._files[0] != head:
            self._files = (head, package_files(descriptor))
        return self._files[1]


def _stat_key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def file_key(files: list[Path]) -> FileKey:
    return tuple(_stat_key(path) for path in files)


def descriptor_path(env: BuildEnvironment) -> Path:
    """The descriptor named by ``city_diplomacy_datapackage`` (made absolute at config time)."""
    raw = get_config(env).datapackage
    if not raw:
        msg = "city_diplomacy_datapackage is not set in conf.py"
        raise ExtensionError(msg)
    return resolve_descriptor(raw)


def get_package(env: BuildEnvironment, *, note: bool = True) -> Package:
    """The package of this build; with ``note``, the current document depends on its files."""
    cache = getattr(env, _ATTRIBUTE, None)
    if not isinstance(cache, PackageCache):
        cache = PackageCache()
        setattr(env, _ATTRIBUTE, cache)
    descriptor = descriptor_path(env)
    try:
        package = cache.get(descriptor)
    except (OSError, ValueError, KeyError) as error:
        # a clear stop instead of a traceback; `city-diplomacy validate` names the row
        msg = (
            f"cannot load the data package {descriptor} (city_diplomacy_datapackage): "
            f"{type(error).__name__}: {error}"
        )
        raise ExtensionError(msg) from error
    if note:
        for path in package.data_files:
            env.note_dependency(path)
    return package


def page_language(env: BuildEnvironment) -> str:
    """The language the data is shown in on this build's pages (:mod:`.language`)."""
    return content_language(env.config.language)


def localized(record: object, column: str, language: str) -> str:
    """The ``<column>_<language>`` value of a record (:func:`page_language` picks a
    language the records have columns for)."""
    value = getattr(record, f"{column}_{language}", "")
    return value if isinstance(value, str) else ""
