"""Labels translated when a directive makes them, from the page's own catalog.

Sphinx's ``Locale`` transform translates a paragraph by parsing its ``msgstr`` as a
small document of its own. That is right for prose and far too slow for labels, which
the list pages repeat thousands of times (each city's "country", "kind" …) and which
``i18n check`` keeps free of markup. So a directive looks its labels up itself, in the
same ``.mo`` files and the same text domain as ``Locale``, and puts the translation in
as plain text (escaped like any other text). What this lookup does not find stays
translatable, and ``Locale`` marks it untranslated as before.

The gettext builder is left alone: it must see every label as a translatable node to
extract it into the catalogs.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils.utils.smartquotes import smartyPants
from sphinx.util.i18n import docname_to_domain

from city_diplomacy.sphinxext.citydocs import INDEX_DOCNAME, is_city_page
from city_diplomacy.sphinxext.data import BuildLocal

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ATTRIBUTE = "city_diplomacy_labels"


class LabelCatalog(BuildLocal):
    """Each text domain's messages, loaded once per build; never pickled with the env."""

    def __init__(
        self, dirs: list[Path] | None = None, language: str | None = None, smart: bool = False
    ) -> None:
        self._dirs = dirs or []
        self._language = language
        self._smart = smart
        self._domains: dict[str, dict[str, str]] = {}

    def messages(self, domain: str) -> dict[str, str]:
        """The domain's messages, the first locale directory winning (as in ``Locale``)."""
        found = self._domains.get(domain)
        if found is None:
            found = {}
            if self._language:
                for directory in reversed(self._dirs):
                    try:
                        catalog = gettext.translation(
                            domain, localedir=directory, languages=[self._language]
                        )
                    except OSError:
                        continue
                    found |= getattr(catalog, "_catalog", {})
            if self._smart and self._language:
                # what SmartQuotes would have done to the label after Locale
                found = {
                    key: smartyPants(value, "qDe", self._language)
                    if isinstance(value, str)
                    else value
                    for key, value in found.items()
                }
            self._domains[domain] = found
        return found


def start(app: Sphinx) -> None:
    """On ``builder-inited``: a fresh lookup for translated HTML builds, none otherwise."""
    config = app.config
    enabled = app.builder.name != "gettext" and bool(config.language)
    dirs = [Path(app.srcdir) / directory for directory in config.locale_dirs] if enabled else []
    excludes = config.smartquotes_excludes
    smart = (
        bool(config.smartquotes)
        and config.language not in excludes.get("languages", [])
        and app.builder.name not in excludes.get("builders", [])
    )
    labels = LabelCatalog(dirs, config.language if enabled else None, smart)
    setattr(app.env, _ATTRIBUTE, labels)


def translate(env: Any, text: str) -> str | None:
    """The translation of a label on the current page, or None to leave it to ``Locale``.

    ``text`` itself comes back when the catalog's entry equals the source.
    """
    catalog = getattr(env, _ATTRIBUTE, None)
    if not isinstance(catalog, LabelCatalog):
        return None
    docname = env.docname
    if is_city_page(env, docname):
        docname = INDEX_DOCNAME  # one catalog for every city page: the cities index's
    domain = docname_to_domain(docname, env.config.gettext_compact)
    msgstr = catalog.messages(domain).get(text, "")
    return msgstr if msgstr.strip() else None


def setup_label_catalog(app: Sphinx) -> None:
    app.connect("builder-inited", start)
