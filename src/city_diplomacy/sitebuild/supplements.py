"""What the site adds to a release published before today's exports (see
:mod:`city_diplomacy.release.supplement`): Parquet, the DuckDB script, the JSON API.

A recorded release is built by its own commit and cached as it was published
(:mod:`.releases`); this step never touches that cache. While the site is assembled, a
release whose own files lack Parquet or DuckDB gets them, made from the data package zip
it was published with, in ``downloads/<version>/supplement/`` (with a ``SHA256SUMS`` of
their own), and, when it has no JSON API, ``api/<version>/``. Every file of the release
keeps its bytes, its ``SHA256SUMS`` included. The files are made before the ``latest``
tree is built, so its downloads page can list them with size and SHA-256
(:class:`city_diplomacy.sphinxext.context.SupplementPart`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from city_diplomacy.release.export import CHECKSUMS_LABEL
from city_diplomacy.release.formats.formats import FORMATS
from city_diplomacy.release.jsonapi import write_api_files
from city_diplomacy.release.supplement import (
    SUPPLEMENT,
    SupplementError,
    needs_supplement,
    published_zip,
    read_published_zip,
    supplement_api,
    supplement_files,
)
from city_diplomacy.sitebuild.project import BuildError
from city_diplomacy.sitebuild.releases import API, DOWNLOADS
from city_diplomacy.sphinxext.context import FileEntry, SupplementPart

#: The API's index, linked from the downloads page.
API_INDEX = "index.json"


@dataclass(frozen=True)
class ReleaseSupplement:
    """The files added to one release: ``downloads/<version>/supplement/`` and, when the
    release has no API of its own, ``api/<version>/`` (else ``api`` is empty)."""

    version: str
    files: dict[str, bytes]
    api: dict[str, bytes]


def release_supplement(built: Path, version: str) -> ReleaseSupplement | None:
    """The supplement of the release built into ``built`` (its cache folder), or None when
    its own files already hold every format. Raises :class:`BuildError`."""
    downloads = built / DOWNLOADS / version
    if not needs_supplement(downloads):
        return None
    try:
        package = read_published_zip(published_zip(downloads))
        files = supplement_files(package)
        api = {} if (built / API / version).is_dir() else supplement_api(package)
    except (OSError, SupplementError) as exc:
        raise BuildError([f"release {version}: the files added to it: {exc}"]) from exc
    return ReleaseSupplement(version, files, api)


def _label(filename: str) -> str:
    fmt = next((f for f in FORMATS if filename.endswith(f.suffix)), None)
    return fmt.label if fmt else CHECKSUMS_LABEL


def supplement_parts(supplements: Sequence[ReleaseSupplement]) -> list[SupplementPart]:
    """What the downloads page lists of each supplement (addresses from the site root)."""
    parts: list[SupplementPart] = []
    for supplement in supplements:
        files: list[FileEntry] = [
            {
                "filename": name,
                "label": _label(name),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for name, data in supplement.files.items()
        ]
        parts.append(
            {
                "version": supplement.version,
                "folder": f"{DOWNLOADS}/{supplement.version}/{SUPPLEMENT}/",
                "files": files,
                "api": f"{API}/{supplement.version}/{API_INDEX}" if supplement.api else "",
            }
        )
    return parts


def write_supplement(site: Path, supplement: ReleaseSupplement) -> None:
    """Write the supplement into the assembled ``site`` (never into the release cache)."""
    folder = site / DOWNLOADS / supplement.version / SUPPLEMENT
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in supplement.files.items():
        (folder / name).write_bytes(data)
    if supplement.api:
        write_api_files(supplement.api, site / API / supplement.version)


__all__ = [
    "ReleaseSupplement",
    "release_supplement",
    "supplement_parts",
    "write_supplement",
]
