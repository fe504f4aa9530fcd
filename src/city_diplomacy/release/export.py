"""Release artifacts: the dataset in every download format, with checksums.

``write_release`` validates the package first (nothing is exported from data that did
not validate), builds every file in memory, then swaps them into
``<site>/downloads/<version>/`` in one step; nothing else under the site is touched
and a failed run leaves the previous files in place. Every timestamp the formats
embed is the package's ``created`` date, so two runs give byte-identical files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from city_diplomacy._atomic import swap_directory
from city_diplomacy.data.load import load, package_files, resolve_descriptor
from city_diplomacy.data.package import Package
from city_diplomacy.data.published import published_descriptor
from city_diplomacy.release.formats.archive import release_timestamp
from city_diplomacy.release.formats.checksums import parse_sha256sums, sha256sums
from city_diplomacy.release.formats.datapackage_zip import datapackage_zip
from city_diplomacy.release.formats.derived import export_tables
from city_diplomacy.release.formats.duckdb import duckdb_sql
from city_diplomacy.release.formats.formats import CHECKSUMS, FORMATS, Format
from city_diplomacy.release.formats.geojson import city_features
from city_diplomacy.release.formats.jsondump import json_bytes
from city_diplomacy.release.formats.sqlite import sqlite_bytes
from city_diplomacy.release.formats.tables import tables_of
from city_diplomacy.release.versioning import (
    GitError,
    Version,
    VersionError,
    file_version,
    git,
    tree_version,
)

#: Where downloads go under the built site.
DOWNLOADS = "downloads"


class ExportError(Exception):
    """The package cannot be exported (it did not validate, or a file is missing)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Artifact:
    """One file of a release."""

    format: str
    filename: str
    path: Path
    size: int
    sha256: str
    media_type: str


@dataclass(frozen=True)
class ReleaseReport:
    """What ``write_release`` wrote."""

    version: str
    directory: Path
    artifacts: tuple[Artifact, ...]
    row_counts: Mapping[str, int]
    cities_without_coordinates: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "directory": str(self.directory),
            "artifacts": [
                {
                    "format": a.format,
                    "filename": a.filename,
                    "size": a.size,
                    "sha256": a.sha256,
                    "media_type": a.media_type,
                }
                for a in self.artifacts
            ],
            "row_counts": dict(self.row_counts),
            "cities_without_coordinates": list(self.cities_without_coordinates),
        }


def _frictionless_problems(descriptor: Path) -> list[str]:
    import frictionless

    report = frictionless.validate(str(descriptor))
    problems = [f"{descriptor.name}: {error.message}" for error in report.errors]
    for task in report.tasks:
        problems += [f"{task.name}: {error.message}" for error in task.errors]
    return problems


def _describe(problem: Any) -> str:
    """``file:line: field: message; found 'value'`` for a validator's problem object."""
    file, message = getattr(problem, "file", None), getattr(problem, "message", None)
    if file is None or message is None:
        return str(problem)
    line, field = getattr(problem, "line", None), getattr(problem, "field", None)
    value = getattr(problem, "value", None)
    where = file if line is None else f"{file}:{line}"
    text = f"{where}: {field}: {message}" if field else f"{where}: {message}"
    if value and str(value) not in str(message):
        text += f"; found {value!r}"
    return text


def validation_problems(descriptor: Path) -> list[str]:
    """Problems found by the project's validator, else by frictionless alone.

    ``city_diplomacy.data.validate.validate`` adds the checks frictionless skips; where a
    checkout predates it, frictionless is the gate.
    """
    try:
        module: Any = importlib.import_module("city_diplomacy.data.validate")
    except ModuleNotFoundError:
        module = None
    validate = getattr(module, "validate", None)
    if validate is None:
        return _frictionless_problems(descriptor)
    report = validate(descriptor)
    problems = [
        _describe(p)
        for p in getattr(report, "problems", None) or []
        if getattr(p, "severity", "error") == "error"
    ]
    if not getattr(report, "valid", not problems) and not problems:
        problems = [f"{descriptor}: invalid (see `city-diplomacy validate`)"]
    return problems


def licence_text(package: Package) -> bytes:
    """The licence text of the package's first licence, from ``LICENSES/<name>.txt``.

    Looked up in the package's repository, then in this checkout (an older
    version's worktree may predate the file).
    """
    licences = package.descriptor.get("licenses", [])
    name = str(licences[0].get("name", "")) if licences else ""
    if not name:
        raise ExportError(f"{package.root / 'datapackage.json'}: no licence to ship")
    candidates = [
        package.root.parent / "LICENSES" / f"{name}.txt",
        Path(__file__).resolve().parents[3] / "LICENSES" / f"{name}.txt",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_bytes()
    raise ExportError(f"licence text LICENSES/{name}.txt not found")


@dataclass(frozen=True)
class Bundle:
    """The files of a release in memory (name to bytes) and what the export left out."""

    files: dict[str, bytes]
    formats: dict[str, Format]
    row_counts: dict[str, int]
    cities_without_coordinates: tuple[str, ...]


def artifact_files(package: Package) -> Bundle:
    """Every download file of ``package``, built in memory."""
    # imported here: openpyxl takes a tenth of a second to import, which every command
    # (and every site build) would pay
    from city_diplomacy.release.formats.parquet import parquet_table_bytes
    from city_diplomacy.release.formats.xlsx import xlsx_bytes

    name = str(package.descriptor.get("name", "dataset"))
    version = file_version(package.version)
    when = release_timestamp(package.descriptor)
    tables = tables_of(package)
    derived = export_tables(package, tables)
    descriptor = published_descriptor(package)
    geo = city_features(package)
    contents = {
        "datapackage": datapackage_zip(
            package, tables, licence_text(package), when, derived=derived
        ),
        "xlsx": xlsx_bytes(descriptor, derived, when),
        "sqlite": sqlite_bytes(derived),
        "json": json_bytes(descriptor, derived),
        "geojson": geo.to_bytes(),
        "duckdb": duckdb_sql(derived),
    }
    per_table = {"parquet": {table.name: parquet_table_bytes(table) for table in derived}}
    formats: dict[str, Format] = {}
    files: dict[str, bytes] = {}
    for fmt in FORMATS:
        if fmt.per_table:
            for table, data in per_table[fmt.key].items():
                formats[fmt.filename(name, version, table)] = fmt
                files[fmt.filename(name, version, table)] = data
        else:
            formats[fmt.filename(name, version)] = fmt
            files[fmt.filename(name, version)] = contents[fmt.key]
    files[CHECKSUMS] = sha256sums(files)
    counts = {table.name: len(table.rows) for table in tables}
    return Bundle(files, formats, counts, geo.without_coordinates)


@dataclass(frozen=True)
class FileSummary:
    """What a page says of one release file: its name, format label, size and digest."""

    filename: str
    label: str
    size: int
    sha256: str


CHECKSUMS_LABEL = "SHA-256 checksums (sha256sum -c)"


def summarize(bundle: Bundle) -> list[FileSummary]:
    """The release files in their order, without their bytes."""
    return [
        FileSummary(
            filename,
            fmt.label if (fmt := bundle.formats.get(filename)) else CHECKSUMS_LABEL,
            len(data),
            hashlib.sha256(data).hexdigest(),
        )
        for filename, data in bundle.files.items()
    ]


def _input_digest(data_files: Sequence[Path], version: str = "") -> str:
    """A digest of everything the release bytes depend on: data, version and export code."""
    digest = hashlib.sha256(f"version\0{version}".encode())
    code = Path(__file__).resolve().parent
    inputs = [*data_files, code / "export.py", *sorted((code / "formats").glob("*.py"))]
    for path in inputs:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _summary_file(cache_dir: Path, data_files: Sequence[Path], version: str) -> Path:
    return cache_dir / f"release-summary-{_input_digest(data_files, version)}.json"


def has_release_summary(descriptor: Path, cache_dir: Path, version: str) -> bool:
    """Whether ``cache_dir`` holds the summary of the package at ``descriptor`` as it is now,
    exported as ``version``."""
    try:
        return _summary_file(cache_dir, package_files(descriptor), version).is_file()
    except (OSError, ValueError):
        return False


def release_summary(package: Package, cache_dir: Path | None = None) -> list[FileSummary]:
    """:func:`summarize` of :func:`artifact_files`, kept in ``cache_dir`` when given.

    Both languages' builds list the same release files; the site builder fills the cache
    once before they start, so neither builds the files again.
    """
    cache = None
    if cache_dir is not None:
        cache = _summary_file(cache_dir, package.data_files, package.version)
        try:
            rows = json.loads(cache.read_text(encoding="utf-8"))
            return [FileSummary(**row) for row in rows]
        except (OSError, ValueError, TypeError):
            pass
    summary = summarize(artifact_files(package))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for stale in cache.parent.glob("release-summary-*.json"):
            stale.unlink(missing_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps([asdict(row) for row in summary]), encoding="utf-8")
        os.replace(temporary, cache)
    return summary


def summary_process(descriptor: Path, cache_dir: Path, version: str) -> subprocess.Popen[bytes]:
    """Start filling :func:`release_summary`'s cache in another process (it takes seconds
    on a big dataset, and the site builder has other work meanwhile). Its failures are
    not reported here: the downloads page reports them, with their location."""
    module = "city_diplomacy.release.summarize"
    return subprocess.Popen(
        [sys.executable, "-m", module, str(descriptor), str(cache_dir), version],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def with_version(package: Package, version: str) -> Package:
    """``package`` as exported under ``version`` (its descriptor's ``version`` replaced)."""
    if package.version == version:
        return package
    return dataclasses.replace(package, descriptor={**package.descriptor, "version": version})


def repository_of(descriptor: Path) -> Path:
    """The git checkout holding ``descriptor`` (else the folder above the package's)."""
    folder = Path(descriptor).resolve().parent
    try:
        return Path(git(folder, "rev-parse", "--show-toplevel"))
    except GitError:
        return folder.parent


def export_version(descriptor: Path, declared: str, as_release: str | None = None) -> str:
    """The version the downloads of ``descriptor`` carry (see
    :func:`city_diplomacy.release.versioning.tree_version`)."""
    return tree_version(repository_of(descriptor), declared, as_release)


def write_release(
    descriptor: Path | None = None,
    site_dir: Path = Path("build/site"),
    as_release: str | None = None,
) -> ReleaseReport:
    """Validate, export, write ``<site_dir>/downloads/<version>/``; ExportError if invalid.

    ``<version>`` is the descriptor's only for a recorded release (``as_release``, or a
    checkout of the commit ``releases.json`` records for it); any other tree is exported
    as a development version (``1.0.1-dev+g<commit>``, files ``…-1.0.1-dev.zip``).
    """
    path = resolve_descriptor(descriptor)
    if not path.is_file():
        raise ExportError(f"{path}: no such data package descriptor")
    problems = validation_problems(path)
    if problems:
        raise ExportError(f"{path}: the data package is invalid; nothing exported", tuple(problems))
    package = load(path)
    try:
        Version.parse(package.version)
        package = with_version(package, export_version(path, package.version, as_release))
    except VersionError as error:
        raise ExportError(f'{path}: "version": {error}') from error
    try:
        bundle = artifact_files(package)
    except ValueError as error:
        raise ExportError(f"{path}: {error}") from error
    downloads = Path(site_dir) / DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)
    folder = file_version(package.version)
    target = downloads / folder
    staging = Path(tempfile.mkdtemp(prefix=f".{folder}.", dir=downloads))
    try:
        for filename, data in bundle.files.items():
            (staging / filename).write_bytes(data)
        staging.chmod(0o755)
        swap_directory(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    artifacts = tuple(
        Artifact(
            format=fmt.key if fmt else "checksums",
            filename=filename,
            path=target / filename,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            media_type=fmt.media_type if fmt else "text/plain",
        )
        for filename, data in bundle.files.items()
        for fmt in [bundle.formats.get(filename)]
    )
    return ReleaseReport(
        package.version, target, artifacts, bundle.row_counts, bundle.cities_without_coordinates
    )


def read_release(directory: Path) -> list[Artifact]:
    """The artifacts of an existing ``downloads/<version>/`` folder, from its ``SHA256SUMS``.

    For pages that list the downloads; raises ExportError if a file is missing or its
    checksum does not match.
    """
    sums_path = Path(directory) / CHECKSUMS
    if not sums_path.is_file():
        raise ExportError(f"{sums_path}: not found; run `city-diplomacy release`")
    artifacts = []
    for filename, digest in parse_sha256sums(sums_path.read_text(encoding="utf-8")).items():
        path = Path(directory) / filename
        if not path.is_file():
            raise ExportError(f"{sums_path}: lists {filename}, which is missing")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ExportError(f"{path}: checksum differs from {CHECKSUMS}")
        fmt = next((f for f in FORMATS if filename.endswith(f.suffix)), None)
        artifacts.append(
            Artifact(
                format=fmt.key if fmt else "",
                filename=filename,
                path=path,
                size=len(data),
                sha256=digest,
                media_type=fmt.media_type if fmt else "application/octet-stream",
            )
        )
    return artifacts


__all__ = [
    "Artifact",
    "Bundle",
    "ExportError",
    "ReleaseReport",
    "artifact_files",
    "export_version",
    "read_release",
    "validation_problems",
    "with_version",
    "write_release",
]
