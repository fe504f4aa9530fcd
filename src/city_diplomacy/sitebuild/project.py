"""What a site build works on and gives back: the project's paths, the result, the errors.

Every path a build uses is derived here from two explicit values, the project root and
the cache folder, never from the current directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import PROJECT_DESCRIPTOR
from city_diplomacy.translations.registry import REGISTRY

#: Where a build writes, relative to the project root, unless told otherwise.
DEFAULT_OUT = Path("build") / "site"
DEFAULT_CACHE = Path("build") / ".cache"


class BuildError(Exception):
    """The site could not be built; ``problems`` are lines naming file, line and cause."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class UnknownLanguageError(ValueError):
    """A requested language is not in ``locales/languages.toml``."""


@dataclass(frozen=True)
class Project:
    """A project checkout (the repository root or a copy of it) and its build cache.

    ``cache_dir`` defaults to ``<root>/build/.cache``.
    """

    root: Path
    cache_dir: Path | None = None

    @classmethod
    def at(cls, root: Path, cache_dir: Path | None = None) -> Project:
        """The project at ``root`` with absolute paths."""
        return cls(Path(root).resolve(), Path(cache_dir).resolve() if cache_dir else None)

    @property
    def docs(self) -> Path:
        """The Sphinx source directory (Japanese pages and conf.py)."""
        return self.root / "docs"

    @property
    def languages_file(self) -> Path:
        """The single list of site languages."""
        return self.root / REGISTRY

    @property
    def datapackage(self) -> Path:
        """The data package descriptor."""
        return self.root / PROJECT_DESCRIPTOR

    @property
    def default_out(self) -> Path:
        """Where the site goes unless the caller names a folder."""
        return self.root / DEFAULT_OUT

    @property
    def cache(self) -> Path:
        """The build cache: Sphinx caches, checks passed, built releases, environments."""
        return self.cache_dir or self.root / DEFAULT_CACHE

    @property
    def versions_cache(self) -> Path:
        """Built releases, one folder per commit."""
        return self.cache / "versions"

    @property
    def envs_cache(self) -> Path:
        """Virtual environments of recorded releases, one per dependency set."""
        return self.cache / "envs"


@dataclass
class BuildResult:
    """What a successful build produced."""

    out: Path
    built: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
