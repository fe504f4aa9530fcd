"""The data package zip: descriptor with sizes and hashes, the CSVs, a README and the licence."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import DESCRIPTOR_NAME
from city_diplomacy.data.package import Package
from city_diplomacy.data.published import descriptor_bytes, published_descriptor
from city_diplomacy.release.citation import citation_text
from city_diplomacy.release.formats.archive import deterministic_zip
from city_diplomacy.release.formats.fieldsdoc import FIELDS_NAME, csv_bytes, fields_markdown
from city_diplomacy.release.formats.tables import Table

#: The licence text of the data, shipped in the repository.
LICENCE_FILE = Path("LICENSES") / "CC-BY-4.0.txt"


def _licence_names(descriptor: Mapping[str, Any]) -> str:
    licences = descriptor.get("licenses", [])
    return ", ".join(str(lic.get("title") or lic.get("name")) for lic in licences) or "see LICENSE"


def readme_text(descriptor: Mapping[str, Any], tables: list[Table]) -> str:
    """A short README for the zip, generated from the descriptor."""
    title = descriptor.get("title", descriptor.get("name", ""))
    version = descriptor.get("version", "")
    lines = [
        f"# {title}",
        "",
        f"Version {version}. {descriptor.get('description', '')}",
        "",
        "## Files",
        "",
        "- `datapackage.json`: the Frictionless Data Package (v2) descriptor: table schemas,",
        "  field descriptions, keys, licence, and the size and SHA-256 of every CSV.",
    ]
    for table in tables:
        lines.append(
            f"- `{table.path}`: {table.title}, {len(table.rows)} rows. {table.description}"
        )
    lines += [
        "- `derived/participation_flat.csv`: one row per city per event, ready to analyse",
        "  (derived from the tables above; described in `FIELDS.md`).",
        "- `FIELDS.md`: every field of every table, its type and meaning.",
        "- `LICENSE.txt`: the licence text.",
        "",
        "## Licence and attribution",
        "",
        f"Licence: {_licence_names(descriptor)}. Attribute the contributors named in",
        "`datapackage.json` and the sources listed in `data/sources.csv`.",
        "",
        "## How to cite",
        "",
        citation_text(descriptor),
        "",
        "## Checking the files",
        "",
        "Any Frictionless tool checks the CSVs against the schemas and the hashes, e.g.",
        "`frictionless validate datapackage.json`.",
        "",
    ]
    return "\n".join(lines)


def datapackage_zip(
    package: Package,
    tables: list[Table],
    licence_text: bytes,
    when: datetime,
    *,
    derived: list[Table] | None = None,
) -> bytes:
    """The zip: ``datapackage.json`` at the root, the CSVs under their own paths.

    With ``derived`` (the export tables, see :mod:`.derived`), the zip also holds the
    flat participation table as ``derived/participation_flat.csv`` (outside the
    descriptor: the package's CSVs stay the source files) and ``FIELDS.md``, a field
    dictionary of every table generated from the Table Schema.
    """
    descriptor = published_descriptor(package)
    entries: list[tuple[str, bytes]] = [(DESCRIPTOR_NAME, descriptor_bytes(descriptor))]
    for resource in descriptor.get("resources", []):
        entries.append((resource["path"], (package.root / resource["path"]).read_bytes()))
    sources = {t.name for t in tables}
    for table in derived or []:
        if table.name not in sources:
            entries.append((table.path, csv_bytes(table)))
    if derived:
        entries.append((FIELDS_NAME, fields_markdown(descriptor, derived).encode("utf-8")))
    entries.append(("README.md", readme_text(descriptor, tables).encode("utf-8")))
    entries.append(("LICENSE.txt", licence_text))
    return deterministic_zip(entries, when)
