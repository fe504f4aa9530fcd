"""Sphinx extension for the site chrome: per-language title, language switcher, hreflang.

Registered in ``docs/conf.py``. It takes the language list (``locales/languages.toml``) from
the build context (:mod:`.context`; without one, no switcher and a warning),
replaces ``html_title`` by the built language's title, and gives every page's template
``cd_languages`` (one entry per offered language with the relative URL of the same page in that
language's tree) and ``cd_description``. The URLs are relative, so the switcher works from
``file://`` as well as over HTTP; they assume the layout ``<root>/<lang>/<version>/``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _ as sphinx_gettext
from sphinx.util import logging

from city_diplomacy import __version__
from city_diplomacy._version import LATEST as DEFAULT_VERSION
from city_diplomacy.sphinxext.config import app_settings
from city_diplomacy.sphinxext.context import LanguageEntry

logger = logging.getLogger(__name__)


def _languages(app: Sphinx) -> list[LanguageEntry]:
    context = app_settings(app).context
    return list(context.get("languages", [])) if context else []


def _set_title(app: Sphinx, config: Config) -> None:
    """Use the title of the language being built (conf.py holds the source language's)."""
    context = app_settings(app).context
    if context is None:
        logger.warning(
            "no language switcher: no build context (city_diplomacy_context); "
            "`city-diplomacy build` computes it",
            type="city_diplomacy",
            subtype="context",
        )
    elif context.get("languages_error"):
        logger.warning(
            str(context.get("languages_error")), type="city_diplomacy", subtype="languages"
        )
    site = context.get("site") if context else None
    if site and site["base_url"] and not config.html_baseurl:
        # the tree's own address; the site build points each page's canonical link at
        # the same page in the stable release once every tree is in place
        version = app_settings(app).config.version
        config.html_baseurl = f"{site['base_url']}{config.language}/{version}/"
    by_code = {lang["code"]: lang for lang in _languages(app)}
    language = by_code.get(config.language or "")
    if language is not None:
        config.html_title = language["title"]
        config.project = language["title"]


def page_url(pagename: str, target: str, code: str, version: str) -> str:
    """Relative URL from page ``pagename`` to ``target`` in the tree of ``code``/``version``.

    ``target`` is the page's file name relative to its tree (``networks/g-nets.html``).
    """
    to_site_root = "../" * (pagename.count("/") + 2)
    return f"{to_site_root}{code}/{version}/{target}"


def version_context(
    pagename: str, target: str, language: LanguageEntry, version: str
) -> dict[str, Any]:
    """What the version switcher block needs (``versions.js`` fills the menu by script).

    ``notice`` is the static old-version notice split around the link to the newest version
    (``latest`` is always the newest, so the link never goes stale); empty on ``latest``.
    """
    to_site_root = "../" * (pagename.count("/") + 2)
    notice: list[str] = []
    if version != DEFAULT_VERSION:
        before, _, after = language["old_version_notice"].partition("{newest}")
        notice = [before.replace("{version}", version), after.replace("{version}", version)]
    return {
        "label": language["versions_label"],
        "page": target,
        "to_root": to_site_root,
        "index": f"{to_site_root}index.html",
        "script": f"{to_site_root}versions.js",
        "newest": page_url(pagename, target, language["code"], DEFAULT_VERSION),
        "newest_label": language["newest_label"],
        "notice": notice,
    }


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    config = app.config
    settings = app_settings(app).config
    version = settings.version
    target = app.builder.get_target_uri(pagename)
    offered = set(settings.offered)
    entries = []
    for language in _languages(app):
        code = language["code"]
        if offered and code not in offered and code != config.language:
            continue
        entries.append(
            {
                "code": code,
                "name": language["name"],
                "href": page_url(pagename, target, code, version),
                "current": code == config.language,
            }
        )
        if code == config.language:
            context["cd_description"] = language["description"]
            context["cd_switcher_label"] = language["switcher_label"]
            context["cd_versions"] = version_context(pagename, target, language, version)
            # the release feed of this language (sitebuild/feed.py writes <lang>/feed.xml)
            to_site_root = "../" * (pagename.count("/") + 2)
            context["cd_feed"] = {
                "href": f"{to_site_root}{code}/feed.xml",
                "title": f"{language['title']} (Atom)",
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
    """Register the event handlers (the config values are :mod:`.config`'s)."""
    app.setup_extension("city_diplomacy.sphinxext.config")
    # Priority below the default (500) so the title is set before themes read it.
    app.connect("config-inited", _set_title, priority=400)
    app.connect("html-page-context", _page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
