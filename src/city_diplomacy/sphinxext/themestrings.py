"""Sphinx extension: the theme's own strings in the page's language.

Furo writes some English into every page that no catalog reaches: accessible names
written straight into its templates (``aria-label="Toggle site navigation sidebar"``), the
icons' ``<title>``, the sidebar's "Toggle navigation of …", and its footer. The chrome
catalogs translate them (:data:`city_diplomacy.translations.chrome.THEME`); the build
context hands this extension each language's strings by Furo's text. Here:

* a Jinja preprocessor turns the literal strings of Furo's templates into ``_()`` calls
  (only in Furo's own files, only the strings listed), so the template's translator sees
  them like the strings Furo already passes through ``_()`` and ``{% trans %}``;
* the template translator answers from the chrome catalog first, then from Sphinx's own
  catalog of the language (which has "Next", "Search", … in many languages), then with
  the source language's text: never English by accident. What it answers from the chrome
  catalog is HTML-escaped (a catalog cannot inject markup);
* after Furo has built the sidebar, the "Toggle navigation of …" names are replaced, and
  ``cd_theme_text``, ``cd_made_with`` and ``cd_copyright`` give the footer
  (``docs/_templates/page.html``, which calls no ``_()`` itself: Sphinx's gettext builder
  would otherwise extract the template's strings into a ``sphinx.pot`` of its own).

Registered in ``docs/conf.py``.
"""

from __future__ import annotations

import gettext
import re
import weakref
from html import escape
from pathlib import Path
from typing import Any

import furo
from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup
from sphinx.application import Sphinx

from city_diplomacy.sphinxext.config import app_settings

_FURO = Path(furo.__file__).resolve().parent
_SUBNAV = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')
_SPHINX = '<a href="https://www.sphinx-doc.org/">Sphinx</a>'
_FURO_LINK = '<a href="https://github.com/pradyunsg/furo">Furo</a>'
_LICENCE = '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'


#: strings Furo shows as text (not in attributes): a fallback to the source language gets
#: an element with that language's ``lang``
_VISIBLE = frozenset({"Skip to content", "Back to top", "Next", "Previous", "Home", "On this page"})


def _strings(app: Sphinx) -> tuple[dict[str, str], dict[str, str], str]:
    """This language's theme strings, the source language's, and the source's code."""
    context = app_settings(app).context
    languages = list(context.get("languages", [])) if context else []
    if not languages:
        return {}, {}, ""
    source = dict(languages[0].get("theme", {}))
    own = next((lang for lang in languages if lang["code"] == app.config.language), None)
    return (dict(own.get("theme", {})) if own else {}), source, languages[0]["code"]


class ThemeTranslations(gettext.NullTranslations):
    """The template translator: chrome catalog, then Sphinx's catalog, then source text."""

    def __init__(
        self,
        own: dict[str, str],
        source: dict[str, str],
        sphinx: gettext.NullTranslations,
        source_lang: str = "ja",
    ) -> None:
        super().__init__()
        self._own = own
        self._source = source
        self._sphinx = sphinx
        self.source_lang = source_lang

    def falls_back(self, message: str) -> bool:
        """Whether ``message`` shows the source language's text (no translation found)."""
        if message not in self._source or self._own.get(message):
            return False
        return self._sphinx.gettext(message) == message and self._own != self._source

    def text(self, message: str) -> str:
        """Plain text (not escaped) of one theme string, by Furo's text."""
        if self._own.get(message):
            return self._own[message]
        if message in self._source:
            found = self._sphinx.gettext(message)
            return found if found != message else self._source[message]
        return message

    def html(self, message: str) -> Markup:
        """Escaped text of one theme string, in an element with the source language's
        ``lang`` where it falls back to that language."""
        text = escape(self.text(message), quote=True)
        if self.falls_back(message):
            return Markup(f'<span lang="{escape(self.source_lang)}">{text}</span>')
        return Markup(text)

    def gettext(self, message: str) -> str:
        if message in _VISIBLE:
            return self.html(message)
        if message in self._source:
            return Markup(escape(self.text(message), quote=True))
        return self._sphinx.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._sphinx.ngettext(msgid1, msgid2, n)


#: each Sphinx application's translator, set at ``builder-inited``
_INSTALLED: weakref.WeakKeyDictionary[Sphinx, ThemeTranslations] = weakref.WeakKeyDictionary()


def literal_calls(source: str, strings: dict[str, str]) -> str:
    """Furo template ``source`` with each listed literal string made a ``_()`` call.

    Two places hold literal text: ``aria-label="…"`` attributes and SVG ``<title>…</title>``.
    """
    for message in strings:
        if "{" in message or '"' in message or "'" in message:
            continue
        call = "{{ _('" + message + "') }}"
        source = source.replace(f'aria-label="{message}"', f'aria-label="{call}"')
        source = source.replace(f"<title>{message}</title>", f"<title>{call}</title>")
    return source


def _preprocessor(strings: dict[str, str]) -> type[Extension]:
    class FuroLiterals(Extension):
        def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
            if filename and Path(filename).resolve().is_relative_to(_FURO):
                return literal_calls(source, strings)
            return source

    return FuroLiterals


def _install(app: Sphinx) -> None:
    own, source, source_lang = _strings(app)
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if not source or not isinstance(environment, Environment):
        return
    translations = ThemeTranslations(own, source, app.translator, source_lang)
    environment.add_extension(_preprocessor(source))
    environment.install_gettext_translations(translations, newstyle=False)  # type: ignore[attr-defined]
    _INSTALLED[app] = translations


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    translations = _INSTALLED.get(app)
    if translations is None:
        return
    label = escape(translations.text("Toggle navigation of {title}"), quote=True)
    tree = context.get("furo_navigation_tree")
    if isinstance(tree, str):
        context["furo_navigation_tree"] = _SUBNAV.sub(
            lambda match: f'aria-label="{label.replace("{title}", match.group(1))}"', tree
        )
    context["cd_theme_text"] = {
        message: translations.gettext(message) for message in ("Next", "Previous", "Home")
    }
    made = translations.html("Made with {sphinx} and {furo}")
    context["cd_made_with"] = Markup(
        made.replace("{sphinx}", _SPHINX).replace("{furo}", _FURO_LINK)
    )
    year = str(app.config.copyright).split(",", 1)[0].strip()
    notice = translations.html("© {year} contributors; text under {licence}")
    notice = notice.replace("{year}", escape(year)).replace("{licence}", _LICENCE)
    context["cd_copyright"] = Markup(notice)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _install)
    # Furo computes its navigation tree at the default priority (500); run after it.
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
