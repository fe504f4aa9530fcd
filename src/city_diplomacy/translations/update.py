"""``i18n update``: merge fresh templates into every language's catalogs, canonically."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

from city_diplomacy.translations import chrome
from city_diplomacy.translations.catalogs import catalog_dir, catalog_paths, render
from city_diplomacy.translations.errors import I18nError
from city_diplomacy.translations.extract import extract
from city_diplomacy.translations.registry import (
    Language,
    nplurals,
    source_language,
    target_languages,
)


@dataclass
class UpdateResult:
    """Catalog files an update creates, changes or removes (paths relative to the root)."""

    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        """True when the update changes anything on disk."""
        return bool(self.created or self.changed or self.removed)


def _msgmerge(existing: Path, template: polib.POFile, tmp: Path) -> polib.POFile:
    """GNU msgmerge with ``--previous``, so fuzzy entries keep the old source text."""
    exe = shutil.which("msgmerge")
    if exe is None:
        raise I18nError("msgmerge not found: install GNU gettext (apt-get install gettext)")
    pot, out = tmp / "template.pot", tmp / "merged.po"
    template.save(str(pot))
    cmd = [exe, "--quiet", "--previous", "--no-wrap", "-o", str(out), str(existing), str(pot)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise I18nError(f"{existing}: msgmerge failed:\n{proc.stderr.strip()}")
    return polib.pofile(str(out), wrapwidth=0)


def _fresh(template: polib.POFile, lang: Language) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    plurals = {i: "" for i in range(nplurals(lang.plural_forms) or 2)}
    for entry in template:
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgid_plural=entry.msgid_plural,
                msgstr_plural=dict(plurals) if entry.msgid_plural else {},
                occurrences=list(entry.occurrences),
                comment=entry.comment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    return po


def plan(
    root: Path,
    langs: list[Language],
    templates: dict[str, polib.POFile],
) -> dict[Path, str | None]:
    """New text of each catalog of ``langs`` (``None``: the page is gone, delete it)."""
    result: dict[Path, str | None] = {}
    with tempfile.TemporaryDirectory(prefix="cd-msgmerge-") as tmp:
        for lang in langs:
            existing = catalog_paths(root, lang.code)
            for page, template in templates.items():
                path = catalog_dir(root, lang.code) / f"{page}.po"
                if path.exists():
                    po = _msgmerge(path, template, Path(tmp))
                else:
                    po = _fresh(template, lang)
                result[path] = render(po, lang, page)
            for page, path in existing.items():
                if page not in templates:
                    result[path] = None
    return result


def update(root: Path, lang: str | None = None, check: bool = False) -> UpdateResult:
    """Regenerate templates and merge them into the catalogs (``check``: write nothing)."""
    root = Path(root)
    langs = target_languages(root, lang)
    templates = extract(root)
    # the site chrome's strings (registry of the source language) are one more catalog
    templates[chrome.CHROME] = chrome.template(source_language(root))
    wanted = plan(root, langs, templates)
    result = UpdateResult()
    for path, text in wanted.items():
        rel = path.relative_to(root)
        if text is None:
            result.removed.append(rel)
            if not check:
                path.unlink()
            continue
        if not path.exists():
            result.created.append(rel)
        elif path.read_text(encoding="utf-8") != text:
            result.changed.append(rel)
        else:
            continue
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return result
