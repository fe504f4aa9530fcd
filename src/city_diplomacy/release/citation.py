"""Citation and discovery metadata generated from ``datapackage.json``.

``CITATION.cff`` (Citation File Format 1.2) and ``.zenodo.json`` at the repository
root are generated files: ``city-diplomacy citation --write`` writes them and
``--check`` (and the test suite) fails when they no longer match the descriptor.
``dataset_jsonld`` gives the schema.org ``Dataset`` for the downloads page.
Everything comes from the descriptor, except the code repository's address, which
is read from ``pyproject.toml`` (``[project.urls]``).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from city_diplomacy.data.package import Package
from city_diplomacy.release.formats.formats import FORMATS
from city_diplomacy.release.versioning import file_version

CFF_FILE = "CITATION.cff"
ZENODO_FILE = ".zenodo.json"
CFF_MESSAGE = "If you use this dataset, please cite it using the metadata from this file."
_GENERATED = (
    "Generated from datapackage/datapackage.json by `city-diplomacy citation --write`; "
    "do not edit by hand."
)

#: SPDX identifiers (Data Package licence names) to Zenodo licence ids.
_ZENODO_LICENCES = {"CC-BY-4.0": "cc-by-4.0", "CC0-1.0": "cc-zero", "ODbL-1.0": "odbl-1.0"}


@dataclass(frozen=True)
class Creator:
    """A person (given and family names) or an organisation (name only)."""

    name: str
    given_names: str = ""
    family_names: str = ""
    organisation: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.family_names)


def creators(descriptor: Mapping[str, Any]) -> list[Creator]:
    """Contributors with the role ``creator`` (or ``author``); all of them if none has it."""
    contributors = list(descriptor.get("contributors", []))
    chosen = [
        c for c in contributors if {"creator", "author"} & set(c.get("roles", [c.get("role")]))
    ] or contributors
    return [
        Creator(
            name=str(c.get("title", "")),
            given_names=str(c.get("givenName", "")),
            family_names=str(c.get("familyName", "")),
            organisation=str(c.get("organization", "")),
        )
        for c in chosen
    ]


def release_date(descriptor: Mapping[str, Any]) -> str:
    """``YYYY-MM-DD`` of the package's ``created``."""
    created = str(descriptor.get("created", ""))
    if len(created) < 10:
        raise ValueError('datapackage.json has no "created" date to release under')
    return created[:10]


def licence_id(descriptor: Mapping[str, Any]) -> str:
    licences = descriptor.get("licenses", [])
    if not licences or not licences[0].get("name"):
        raise ValueError("datapackage.json names no licence")
    return str(licences[0]["name"])


def licence_url(descriptor: Mapping[str, Any]) -> str:
    licences = descriptor.get("licenses", [])
    return str(licences[0].get("path", "")) if licences else ""


def repository_url(repo_root: Path) -> str:
    """The code repository's address from ``pyproject.toml`` (empty if none)."""
    pyproject = Path(repo_root) / "pyproject.toml"
    if not pyproject.is_file():
        return ""
    urls = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("urls", {})
    return str(urls.get("Repository") or urls.get("Homepage") or "")


def _yaml_str(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def _yaml_list(key: str, items: Iterable[str]) -> list[str]:
    return [f"{key}:", *(f"  - {_yaml_str(item)}" for item in items)]


def citation_cff(descriptor: Mapping[str, Any], repository: str = "") -> str:
    """The text of ``CITATION.cff`` (CFF 1.2.0, type dataset)."""
    lines = [
        f"# {_GENERATED}",
        "cff-version: 1.2.0",
        f"message: {_yaml_str(CFF_MESSAGE)}",
        "type: dataset",
        f"title: {_yaml_str(str(descriptor.get('title', '')))}",
        f"abstract: {_yaml_str(str(descriptor.get('description', '')))}",
        f"version: {_yaml_str(str(descriptor.get('version', '')))}",
        f"date-released: {_yaml_str(release_date(descriptor))}",
        "authors:",
    ]
    for creator in creators(descriptor):
        if creator.is_person:
            lines.append(f"  - family-names: {_yaml_str(creator.family_names)}")
            if creator.given_names:
                lines.append(f"    given-names: {_yaml_str(creator.given_names)}")
            if creator.organisation:
                lines.append(f"    affiliation: {_yaml_str(creator.organisation)}")
        else:
            lines.append(f"  - name: {_yaml_str(creator.name)}")
    lines.append(f"license: {licence_id(descriptor)}")
    lines += _yaml_list("keywords", [str(k) for k in descriptor.get("keywords", [])])
    if repository:
        lines.append(f"repository-code: {_yaml_str(repository)}")
    homepage = str(descriptor.get("homepage", ""))
    if homepage or repository:
        lines.append(f"url: {_yaml_str(homepage or repository)}")
    return "\n".join(lines) + "\n"


def zenodo_metadata(descriptor: Mapping[str, Any], repository: str = "") -> dict[str, Any]:
    """The ``.zenodo.json`` deposit metadata."""
    creator_list: list[dict[str, str]] = []
    for creator in creators(descriptor):
        entry = {
            "name": f"{creator.family_names}, {creator.given_names}".strip(", ")
            if creator.is_person
            else creator.name
        }
        if creator.organisation:
            entry["affiliation"] = creator.organisation
        creator_list.append(entry)
    spdx = licence_id(descriptor)
    metadata: dict[str, Any] = {
        "upload_type": "dataset",
        "title": str(descriptor.get("title", "")),
        "description": str(descriptor.get("description", "")),
        "creators": creator_list,
        "license": _ZENODO_LICENCES.get(spdx, spdx.lower()),
        "access_right": "open",
        "keywords": [str(k) for k in descriptor.get("keywords", [])],
        "version": str(descriptor.get("version", "")),
        "publication_date": release_date(descriptor),
    }
    if repository:
        metadata["related_identifiers"] = [
            {"identifier": repository, "relation": "isSupplementTo", "scheme": "url"}
        ]
    return metadata


def zenodo_json(descriptor: Mapping[str, Any], repository: str = "") -> str:
    return json.dumps(zenodo_metadata(descriptor, repository), indent=2, ensure_ascii=False) + "\n"


def citation_text(descriptor: Mapping[str, Any]) -> str:
    """A plain reference: ``Creators (Year). Title (Version x) [Data set]. URL``."""
    names = "; ".join(
        f"{c.family_names}, {c.given_names}".strip(", ") if c.is_person else c.name
        for c in creators(descriptor)
    )
    text = (
        f"{names} ({release_date(descriptor)[:4]}). {descriptor.get('title', '')} "
        f"(Version {descriptor.get('version', '')}) [Data set]."
    )
    homepage = str(descriptor.get("homepage", ""))
    return f"{text} {homepage}" if homepage else text


def expected_files(descriptor: Mapping[str, Any], repo_root: Path) -> dict[str, str]:
    """File name (at the repository root) to the text it must have."""
    repository = repository_url(repo_root)
    return {
        CFF_FILE: citation_cff(descriptor, repository),
        ZENODO_FILE: zenodo_json(descriptor, repository),
    }


def out_of_sync(descriptor: Mapping[str, Any], repo_root: Path) -> list[str]:
    """The citation files that are missing or differ from what the descriptor gives."""
    stale = []
    for name, text in expected_files(descriptor, repo_root).items():
        path = Path(repo_root) / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_files(descriptor: Mapping[str, Any], repo_root: Path) -> list[Path]:
    """Write the citation files; return the ones whose content changed."""
    changed = []
    for name, text in expected_files(descriptor, repo_root).items():
        path = Path(repo_root) / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def temporal_coverage(package: Package) -> str:
    """``first/last`` event date (ISO 8601 interval, partial dates kept); empty if no events."""
    dates = [e.date for e in package.events.values()]
    dates += [e.date_end for e in package.events.values() if e.date_end is not None]
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def spatial_coverage(package: Package) -> dict[str, Any] | None:
    """A schema.org ``Place`` with the bounding box of the cities' coordinates."""
    located = [c for c in package.cities.values() if c.latitude is not None]
    if not located:
        return None
    lats = [c.latitude for c in located if c.latitude is not None]
    lons = [c.longitude for c in located if c.longitude is not None]
    countries = {c.country for c in package.cities.values() if c.country}
    return {
        "@type": "Place",
        "name": f"{len(package.cities)} cities in {len(countries)} countries and regions",
        "geo": {
            "@type": "GeoShape",
            "box": f"{min(lats)} {min(lons)} {max(lats)} {max(lons)}",
        },
    }


def dataset_jsonld(package: Package, download_prefix: str | None = None) -> dict[str, Any]:
    """The schema.org ``Dataset`` of this version, for a ``<script type="application/ld+json">``.

    ``contentUrl`` of each download is ``download_prefix`` + file name; by default
    ``downloads/<version>/``, relative to the site root.
    """
    descriptor = package.descriptor
    name = str(descriptor.get("name", "dataset"))
    version = package.version
    prefix = f"downloads/{file_version(version)}/" if download_prefix is None else download_prefix
    tables = [str(r["name"]) for r in descriptor.get("resources", []) if "schema" in r]
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": str(descriptor.get("title", name)),
        "alternateName": name,
        "description": str(descriptor.get("description", "")),
        "version": version,
        "datePublished": release_date(descriptor),
        "license": licence_url(descriptor) or licence_id(descriptor),
        "isAccessibleForFree": True,
        "inLanguage": ["ja", "en"],
        "creator": [
            {"@type": "Person", "givenName": c.given_names, "familyName": c.family_names}
            if c.is_person
            else {"@type": "Organization", "name": c.name}
            for c in creators(descriptor)
        ],
        "keywords": [str(k) for k in descriptor.get("keywords", [])],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f"{fmt.label}: {table}" if table else fmt.label,
                "encodingFormat": fmt.media_type,
                "contentUrl": prefix + fmt.filename(name, file_version(version), table),
            }
            for fmt in FORMATS
            for table in (tables if fmt.per_table else [""])
        ],
    }
    if descriptor.get("homepage"):
        data["url"] = str(descriptor["homepage"])
    coverage = temporal_coverage(package)
    if coverage:
        data["temporalCoverage"] = coverage
    place = spatial_coverage(package)
    if place is not None:
        data["spatialCoverage"] = place
    return data


def _bibtex_value(text: str) -> str:
    # Braces keep BibTeX from changing case; special characters are escaped.
    for char in "\\{}":
        text = text.replace(char, "\\" + char)
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return "{" + text + "}"


def bibtex(descriptor: Mapping[str, Any], repository: str = "") -> str:
    """A BibTeX ``@misc`` entry for this version of the dataset."""
    name = str(descriptor.get("name", "dataset"))
    version = str(descriptor.get("version", ""))
    authors = " and ".join(
        f"{c.family_names}, {c.given_names}".strip(", ") if c.is_person else "{" + c.name + "}"
        for c in creators(descriptor)
    )
    fields = [
        ("author", "{" + authors + "}"),
        ("title", _bibtex_value(str(descriptor.get("title", "")))),
        ("year", "{" + release_date(descriptor)[:4] + "}"),
        ("version", _bibtex_value(version)),
        ("note", "{Data set}"),
    ]
    url = str(descriptor.get("homepage", "")) or repository
    if url:
        fields.append(("url", "{" + url + "}"))
    key = f"{name}-{version}".replace(".", "_")
    body = ",\n".join(f"  {field:<8}= {value}" for field, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"
