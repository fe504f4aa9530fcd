"""Persistent Sphinx caches (doctrees and HTML) per version and language.

Each cache lives in ``<cache>/<version>/<lang>/`` with ``doctrees/``, ``html/`` and a
stamp ``ok.json`` written only after a successful run. A cache is wiped before a run when
its stamp is missing (the last run failed or was interrupted: with ``-W`` a page that
warned once is not reread, so its warning would slip through) or when the fingerprint of
what Sphinx does not track changed (conf.py, templates, static files, the code of this
package, the language list, the data descriptor, Sphinx itself, the run's settings).
Sphinx tracks the rest: changed pages, the data files (``env.note_dependency``) and the
catalogs (it recompiles a ``.mo`` whose ``.po`` is newer).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sphinx

from city_diplomacy.data.load import PROJECT_DESCRIPTOR

STAMP = "ok.json"
# Paths of the project (relative to its root) whose changes Sphinx would not notice.
UNTRACKED = ("docs/conf.py", "docs/_templates", "docs/_static", "locales/languages.toml")
DESCRIPTOR = PROJECT_DESCRIPTOR


@dataclass(frozen=True)
class SphinxCache:
    """The cache of one language of one version."""

    path: Path

    @property
    def doctrees(self) -> Path:
        """Sphinx's pickled environment and doctrees."""
        return self.path / "doctrees"

    @property
    def html(self) -> Path:
        """Sphinx's HTML output (copied into the staged site, never served from here)."""
        return self.path / "html"

    @property
    def stamp(self) -> Path:
        """Fingerprint of the last successful run (absent: wipe before the next run)."""
        return self.path / STAMP


def cache_for(cache_root: Path, version: str, language: str) -> SphinxCache:
    """The cache of ``language`` at ``version`` under ``cache_root``."""
    return SphinxCache(cache_root / version / language)


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )
        elif path.is_file():
            found.append(path)
    return found


def fingerprint(root: Path, settings: Sequence[str]) -> str:
    """A digest of what a cache depends on and Sphinx does not track."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    digest.update(f"{sphinx.__version__}\0{sys.version}\0".encode())
    digest.update("\0".join(settings).encode())
    tracked = [root / name for name in (*UNTRACKED, DESCRIPTOR)]
    for path in _files([*tracked, package]):
        label = path.relative_to(package.parent if path.is_relative_to(package) else root)
        digest.update(f"\0{label.as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_digest(paths: Iterable[Path], *extra: str) -> str:
    """A digest of files (a folder: every file in it), of this package's code and ``extra``."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256("\0".join((sys.version, *extra)).encode())
    for path in _files([*paths, package]):
        digest.update(f"\0{path.as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def check_passed(cache_root: Path, check: str, digest: str) -> bool:
    """Whether ``check`` passed before on inputs with this digest (see :func:`record_pass`)."""
    return (cache_root / "passed" / f"{check}-{digest}").is_file()


def record_pass(cache_root: Path, check: str, digest: str) -> None:
    """Remember that ``check`` passed on these inputs; only passes are remembered, so a
    failing check runs again and prints its messages every time."""
    folder = cache_root / "passed"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{check}-*"):
        old.unlink(missing_ok=True)
    (folder / f"{check}-{digest}").touch()


def prepare(cache: SphinxCache, digest: str) -> bool:
    """Make ``cache`` ready for a run; wipe it unless its stamp matches. True if kept."""
    kept = False
    try:
        kept = json.loads(cache.stamp.read_text(encoding="utf-8")).get("fingerprint") == digest
    except (OSError, ValueError, AttributeError):
        kept = False
    if not kept and cache.path.exists():
        shutil.rmtree(cache.path)
    cache.stamp.unlink(missing_ok=True)  # a run that fails or stops leaves no stamp
    cache.doctrees.mkdir(parents=True, exist_ok=True)
    cache.html.mkdir(parents=True, exist_ok=True)
    return kept


def mark_ok(cache: SphinxCache, digest: str) -> None:
    """Record a successful run: the next run may reuse the cache."""
    cache.stamp.write_text(json.dumps({"fingerprint": digest}) + "\n", encoding="utf-8")


def copy_html(cache: SphinxCache, dest: Path) -> None:
    """Copy the HTML output into ``dest`` (real copies: Sphinx rewrites files in place)."""
    shutil.copytree(cache.html, dest)
