"""``i18n check``: every problem of the catalogs, each with its file and line."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import polib

from city_diplomacy.data.problems import ERROR, WARNING, Problem, Severity
from city_diplomacy.translations.acronyms import acronym_problems
from city_diplomacy.translations.catalogs import catalog_dir, catalog_paths
from city_diplomacy.translations.errors import UsageError
from city_diplomacy.translations.glossary import Term, load_glossary, missing_terms
from city_diplomacy.translations.markup import compare
from city_diplomacy.translations.registry import Language, nplurals, target_languages

MSGFMT_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.+)$")
SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
FUZZY = (
    "fuzzy: the source changed, so this translation is not used (the paragraph shows in "
    "Japanese); fix: compare with the previous source (#| msgid), correct the msgstr, then "
    "remove the `#, fuzzy` line once reviewed"
)
SYNTAX_FIX = 'write each line of a msgstr as one "…" string, with \\" for a quote inside'
UNTRANSLATED = "untranslated (shown in Japanese); fix: write the msgstr"
#: The data tables, relative to the repository root (their ``_<lang>`` cells are checked too).
DATA_DIR = Path("datapackage") / "data"
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def _problem(path: Path, line: int, severity: Severity, code: str, message: str) -> Problem:
    """A catalog problem: no field (the line says where), ``code`` names the check."""
    return Problem(str(path), line, None, message, check=code, severity=severity)


def _msgfmt(path: Path) -> list[Problem]:
    """Syntax errors as GNU msgfmt sees them (polib accepts e.g. an unterminated string)."""
    exe = shutil.which("msgfmt")
    if exe is None:
        return []
    proc = subprocess.run(
        [exe, "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    found = []
    for line in proc.stderr.splitlines():
        match = MSGFMT_LINE.match(line)
        if match is None or match.group("file") != str(path):
            continue
        message = match.group("message").strip()
        if message.startswith(("warning:", "...")) or "duplicate message" in message:
            continue  # duplicates are reported by _entry_problems with both lines
        message += f"; fix: {SYNTAX_FIX}"
        found.append(_problem(path, int(match.group("line")), ERROR, "syntax", message))
    return found


def _parse(path: Path) -> tuple[polib.POFile | None, list[Problem]]:
    try:
        return polib.pofile(str(path), wrapwidth=0), []
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [_problem(path, line, ERROR, "syntax", f"not valid UTF-8: {exc.reason}")]
    except (OSError, ValueError) as exc:
        match = SYNTAX_LINE.search(str(exc))
        line = int(match.group(1)) if match else 1
        detail = str(exc).split(":", 1)[-1].strip() if ":" in str(exc) else ""
        message = (
            "catalog syntax error" + (f": {detail}" if detail else "") + f"; fix: {SYNTAX_FIX}"
        )
        return None, [_problem(path, line, ERROR, "syntax", message)]


def _header_problems(path: Path, po: polib.POFile, language: Language) -> list[Problem]:
    meta = po.metadata
    found = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()

    def line_of(key: str) -> int:
        """Line of header field ``key`` (or of the header's ``msgid ""``)."""
        header = next((i for i, t in enumerate(lines, 1) if t.startswith('msgid ""')), 1)
        if key == "#,":
            return next((i for i, t in enumerate(lines, 1) if t.startswith("#,")), header)
        for i, text in enumerate(lines, 1):
            if key and text.startswith(f'"{key}:'):
                return i
        return header

    def err(code: str, message: str, key: str = "") -> None:
        if "fix:" not in message and "remove" not in message:
            message += "; fix: run `city-diplomacy i18n update`, which rewrites the header"
        found.append(_problem(path, line_of(key), ERROR, code, message))

    if po.metadata_is_fuzzy:
        err(
            "header",
            "the header is marked fuzzy; fix: remove the '#, fuzzy' line above the header",
            "#,",
        )
    content_type = meta.get("Content-Type", "")
    if "charset=utf-8" not in content_type.replace(" ", "").lower():
        wrong = f"Content-Type must be 'text/plain; charset=UTF-8', not {content_type!r}"
        err("header", wrong, "Content-Type")
    if meta.get("Language") != language.code:
        wrong = f"Language is {meta.get('Language')!r}, expected {language.code!r}"
        err("header", wrong, "Language")
    forms = meta.get("Plural-Forms")
    if not forms:
        err("plural-forms", f"Plural-Forms header missing (expected {language.plural_forms!r})")
        return found
    match = PLURAL_FORMS.match(forms)
    if not match:
        err(
            "plural-forms",
            f"Plural-Forms {forms!r} is not 'nplurals=N; plural=EXPR;'",
            "Plural-Forms",
        )
        return found
    try:
        gettext.c2py(match.group(2))
    except (ValueError, SyntaxError, RecursionError):
        err(
            "plural-forms", f"Plural-Forms expression {match.group(2)!r} is invalid", "Plural-Forms"
        )
    if int(match.group(1)) != nplurals(language.plural_forms):
        wrong = f"Plural-Forms {forms!r} differs from {language.plural_forms!r}"
        err("plural-forms", wrong, "Plural-Forms")
    return found


def _msgstr_lines(path: Path, po: polib.POFile) -> dict[int, int]:
    """Line of the first ``msgstr`` of each entry, keyed by the entry's start line."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    result = {}
    for entry in po:
        start = entry.linenum or 1
        for i in range(start - 1, len(lines)):
            if lines[i].lstrip("#~ ").startswith("msgstr"):
                result[start] = i + 1
                break
        else:
            result[start] = start
    return result


def _entry_problems(
    path: Path, po: polib.POFile, language: Language, terms: list[Term]
) -> list[Problem]:
    found = []
    lines = _msgstr_lines(path, po)
    expected = nplurals(po.metadata.get("Plural-Forms", "")) or nplurals(language.plural_forms)
    first: dict[tuple[str | None, str], int] = {}
    for entry in po:
        if entry.obsolete:
            continue
        start = entry.linenum or 1
        line = lines.get(start, start)

        def add(severity: Severity, code: str, message: str, at: int = line) -> None:
            found.append(_problem(path, at, severity, code, message))

        key = (entry.msgctxt, entry.msgid)
        if key in first:
            message = (
                f"duplicate message {entry.msgid[:40]!r} (first at line {first[key]}); "
                "fix: delete one of the two entries, keeping the better translation"
            )
            add(ERROR, "duplicate", message, start)
        first.setdefault(key, start)
        pairs: list[tuple[str, str]] = []
        if entry.msgid_plural:
            keys = sorted(entry.msgstr_plural)
            if expected is not None and keys != list(range(expected)):
                add(
                    ERROR,
                    "plural-forms",
                    f"has msgstr{keys} but nplurals={expected}; "
                    f"fix: write msgstr[0] to msgstr[{(expected or 1) - 1}], one per plural form",
                )
            for n, text in entry.msgstr_plural.items():
                pairs.append((entry.msgid if n == 0 else entry.msgid_plural, text))
        else:
            pairs.append((entry.msgid, entry.msgstr))
        if entry.fuzzy:
            add(WARNING, "fuzzy", FUZZY, start)
        elif not entry.translated():
            add(WARNING, "untranslated", UNTRANSLATED, start)
        # A fuzzy entry is not used by the build, so its markup cannot break a page: the
        # same findings are warnings there, to be fixed while reviewing it.
        broken = WARNING if entry.fuzzy else ERROR
        note = " (in a fuzzy entry, which the build does not use yet)" if entry.fuzzy else ""
        for msgid, msgstr in pairs:
            if not msgstr:
                continue
            missing, added, html = compare(msgid, msgstr)
            if html:
                add(
                    broken,
                    "html",
                    f"raw HTML not in the source text{note}: {', '.join(html)}; "
                    "fix: remove it (write plain text; the msgid has no such HTML)",
                )
            if missing:
                listed = ", ".join(missing)
                add(
                    broken,
                    "markup",
                    f"markup missing from msgstr{note}: {listed}; "
                    f"fix: copy the markup unchanged from the msgid: {listed}",
                )
            if added:
                listed = ", ".join(added)
                add(
                    broken,
                    "markup",
                    f"markup not in msgid{note}: {listed}; "
                    "fix: remove it or change it back to the msgid's markup",
                )
            if not entry.fuzzy:
                for term in missing_terms(terms, language.code, msgid, msgstr):
                    agreed = " or ".join(repr(t) for t in term.accepted(language.code))
                    add(
                        WARNING,
                        "glossary",
                        f"{term.ja!r} should be translated as {agreed}; "
                        f"fix: use {agreed} (agreed in locales/glossary.json)",
                    )
    return found


def check_catalog(path: Path, language: Language, terms: list[Term]) -> list[Problem]:
    """Problems of one catalog of ``language``."""
    syntax = _msgfmt(path)
    po, problems = _parse(path)
    if syntax or po is None:
        return syntax or problems
    return _header_problems(path, po, language) + _entry_problems(path, po, language, terms)


def check(
    root: Path, lang: str | None = None, page: str | None = None, *, acronyms: bool = True
) -> list[Problem]:
    """Problems of every catalog of every target language (or only ``lang``, ``page``).

    ``page`` is a docname (``networks/g-nets``, ``_chrome``); an unknown one is a
    :class:`UsageError`. Without ``page`` and with ``acronyms``, unexplained acronyms in
    the language's catalogs and in its cells of the data tables (``DATA_DIR``) are
    reported too (a content rule, which the site build leaves to ``i18n check``).
    """
    terms = load_glossary(root)
    problems = []
    for language in target_languages(root, lang):
        paths = catalog_paths(root, language.code)
        if page is not None:
            if page.removesuffix(".po") not in paths:
                raise UsageError(
                    f"no catalog for page {page!r} in {language.code} "
                    f"(pages are named like 'index' or 'networks/g-nets')"
                )
            paths = {page: paths[page.removesuffix(".po")]}
        for path in paths.values():
            problems += check_catalog(path, language, terms)
        if page is None and acronyms:
            data = Path(root) / DATA_DIR
            problems += acronym_problems(
                root, language.code, catalog_dir(root, language.code), data
            )
    return problems
