"""Sphinx extension for the site chrome: per-language title, language switcher, hreflang.

Registered in ``docs/conf.py``. It reads the language list (``locales/languages.toml``),
replaces ``html_title`` by the built language's title, and gives every page's template
``cd_languages`` (one entry per offered language with the relative URL of the same page in that
language's tree) and ``cd_description``. The URLs are relative, so the switcher works from
``file://`` as well as over HTTP; they assume the layout ``<root>/<lang>/<version>/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _ as sphinx_gettext

from city_diplomacy import __version__
from city_diplomacy._version import LATEST as DEFAULT_VERSION
from city_diplomacy.translations.registry import Language, load_languages


def _languages(config: Config) -> list[Language]:
    return load_languages(Path(config.city_diplomacy_languages))


def _set_title(app: Sphinx, config: Config) -> None:
    """Use the title of the language being built (conf.py holds the source language's)."""
    by_code = {lang.code: lang for lang in _languages(config)}
    language = by_code.get(config.language or "")
    if language is not None:
        config.html_title = language.title
        config.project = language.title


def page_url(pagename: str, target: str, code: str, version: str) -> str:
    """Relative URL from page ``pagename`` to ``target`` in the tree of ``code``/``version``.

    ``target`` is the page's file name relative to its tree (``networks/g-nets.html``).
    """
    to_site_root = "../" * (pagename.count("/") + 2)
    return f"{to_site_root}{code}/{version}/{target}"


def version_context(pagename: str, target: str, language: Language, version: str) -> dict[str, Any]:
    """What the version switcher block needs (``versions.js`` fills the menu by script).

    ``notice`` is the static old-version notice split around the link to the newest version
    (``latest`` is always the newest, so the link never goes stale); empty on ``latest``.
    """
    to_site_root = "../" * (pagename.count("/") + 2)
    notice: list[str] = []
    if version != DEFAULT_VERSION:
        before, _, after = language.old_version_notice.partition("{newest}")
        notice = [before.replace("{version}", version), after.replace("{version}", version)]
    return {
        "label": language.versions_label,
        "page": target,
        "to_root": to_site_root,
        "index": f"{to_site_root}index.html",
        "script": f"{to_site_root}versions.js",
        "newest": page_url(pagename, target, language.code, DEFAULT_VERSION),
        "newest_label": language.newest_label,
        "notice": notice,
    }


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    config = app.config
    version = str(config.city_diplomacy_version)
    target = app.builder.get_target_uri(pagename)
    offered = set(config.city_diplomacy_offered)
    entries = []
    for language in _languages(config):
        if offered and language.code not in offered and language.code != config.language:
            continue
        entries.append(
            {
                "code": language.code,
                "name": language.name,
                "href": page_url(pagename, target, language.code, version),
                "current": language.code == config.language,
            }
        )
        if language.code == config.language:
            context["cd_description"] = language.description
            context["cd_switcher_label"] = language.switcher_label
            context["cd_versions"] = version_context(pagename, target, language, version)
            # the release feed of this language (sitebuild/feed.py writes <lang>/feed.xml)
            to_site_root = "../" * (pagename.count("/") + 2)
            context["cd_feed"] = {
                "href": f"{to_site_root}{language.code}/feed.xml",
                "title": f"{language.title} (Atom)",
            }
    context["cd_languages"] = entries
    # Sphinx's own messages, translated by Sphinx's catalogs. Fetched here rather than with
    # _() in docs/_templates so that the gettext builder finds no template messages (which
    # would need a project catalog of their own).
    context["cd_ui"] = {
        "search": sphinx_gettext("Search"),
        "error": sphinx_gettext("Error"),
        "no_js": sphinx_gettext("Please activate JavaScript to enable the search functionality."),
    }
    context["cd_default_language"] = entries[0]["code"] if entries else None
    context["cd_version"] = version


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the config values and event handlers."""
    app.add_config_value("city_diplomacy_languages", "", "html", str)
    app.add_config_value("city_diplomacy_version", DEFAULT_VERSION, "html", str)
    # Codes the switchers offer (translations below their threshold are built but not
    # offered); empty means every language. The site builder passes it with -D.
    app.add_config_value("city_diplomacy_offered", [], "html", list)
    # Priority below the default (500) so the title is set before themes read it.
    app.connect("config-inited", _set_title, priority=400)
    app.connect("html-page-context", _page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
