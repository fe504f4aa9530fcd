"""The build context: what the site build computed for the pages, handed over as one JSON file.

The extension renders; it does not build release files, read git, run catalogs or read the
language registry. The site build (:mod:`city_diplomacy.sitebuild.context`) computes all of
that and writes one JSON file, whose path reaches Sphinx as ``city_diplomacy_context``
(``-D city_diplomacy_context=<path>``). This module declares its shape and reads it.

Every part may be missing (a bare ``sphinx-build docs out``, a test project): the
directives then show what they can and warn once per place (``city_diplomacy.context``),
never computing the part themselves. A part that the build tried and could not compute
carries its ``error``; the directive that shows it warns with that message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

#: Version of the file's shape; a reader refuses another.
SCHEMA = 1

#: A value of a data cell in a diff (as the release layer types them).
Value = str | int | float | bool | None


class FileEntry(TypedDict):
    """One release file: name, format label, size in bytes, SHA-256 (hex)."""

    filename: str
    label: str
    size: int
    sha256: str


class ReleasePart(TypedDict):
    """The release files of this version (``downloads/<version>/``)."""

    files: list[FileEntry]
    error: str


class CitationPart(TypedDict):
    """How to cite this version: text, BibTeX, and the metadata files by name."""

    text: str
    bibtex: str
    files: dict[str, str]
    error: str


class DatasetPart(TypedDict):
    """schema.org ``Dataset``; each ``distribution[].contentUrl`` is a bare file name."""

    jsonld: dict[str, Any]
    error: str


class LanguageEntry(TypedDict):
    """One site language (the first is the source language) with its site strings."""

    code: str
    name: str
    title: str
    description: str
    switcher_label: str
    versions_label: str
    newest_label: str
    old_version_notice: str
    offline_zip: str
    #: the theme's strings by Furo's text; "" where the language has no translation
    #: (the source language's entry holds the source text of every one)
    theme: NotRequired[dict[str, str]]


class FieldChangeEntry(TypedDict):
    field: str
    old: Value
    new: Value


class RowChangeEntry(TypedDict):
    key: list[Value]
    changes: list[FieldChangeEntry]


class TableDiffEntry(TypedDict):
    """The changes of one table (only tables with changes are listed)."""

    name: str
    added: list[list[Value]]
    removed: list[list[Value]]
    changed: list[RowChangeEntry]
    fields_added: list[str]
    fields_removed: list[str]


class DataChanges(TypedDict):
    """What changed in the data for one changelog section.

    ``state``: ``no-releases``, ``no-git``, ``not-recorded``, ``first-release``,
    ``failed`` (``error`` says why), ``unreleased`` (``old``: the newest release) or
    ``release`` (``old`` → ``new``); the last two carry ``tables``.
    """

    state: str
    old: str
    new: str
    error: str
    tables: list[TableDiffEntry]


class SectionEntry(TypedDict):
    """One ``## `` section of ``CHANGELOG.md`` (or a recorded release it lacks)."""

    heading: str
    key: str
    items: list[str]
    changes: DataChanges


class LatestRelease(TypedDict):
    """The newest recorded release: its version (a section ``key``) and date."""

    version: str
    date: str


class ChangelogPart(TypedDict):
    """``latest`` is absent when no release is recorded."""

    found: bool
    sections: list[SectionEntry]
    warnings: list[str]
    latest: NotRequired[LatestRelease]


class TranslationEntry(TypedDict):
    """Progress of one target language, from its catalogs."""

    code: str
    name: str
    percent: float
    translated: int
    total: int
    offered: bool
    pages_left: list[str]


class TranslationsPart(TypedDict):
    """The language registry's source language, fallback notices, and progress."""

    source: str
    notices: dict[str, str]
    languages: list[TranslationEntry]
    error: str


class SitePart(TypedDict):
    """What this tree is and where the site lives.

    ``version``: the dataset version this tree's pages and files carry (a recorded
    release's number, else a development version ``1.0.1-dev+g<commit>``);
    ``released``: whether it is a recorded release; ``stable``: the newest recorded
    release ('' when none); ``base_url``: the absolute URL the site is published at,
    ending in ``/`` ('' when unknown: nothing then points at a made-up host).
    """

    version: str
    released: bool
    stable: str
    base_url: str


class BuildContext(TypedDict):
    """The whole file. Parts the build did not compute are absent."""

    schema: int
    site: NotRequired[SitePart]
    release: NotRequired[ReleasePart]
    citation: NotRequired[CitationPart]
    dataset: NotRequired[DatasetPart]
    languages: NotRequired[list[LanguageEntry]]
    languages_error: NotRequired[str]
    changelog: NotRequired[ChangelogPart]
    translations: NotRequired[TranslationsPart]


class ContextError(ValueError):
    """The context file cannot be read or has another shape."""


def read_context(path: Path) -> BuildContext:
    """The context in ``path``; :class:`ContextError` names the file and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        msg = f"{path}: cannot read the build context (city_diplomacy_context): {error}"
        raise ContextError(msg) from error
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        msg = f"{path}: build context of schema {found!r}, expected {SCHEMA}"
        raise ContextError(msg)
    return cast("BuildContext", data)


def dump_context(context: BuildContext) -> str:
    """The file's text (stable: same context, same bytes)."""
    return json.dumps(context, ensure_ascii=False, indent=1) + "\n"
