"""One document per city, ``cities/<id>``, made from the data rather than from files.

Sphinx reads documents from files in the source folder, and the docs folder holds no
file per city: the cities come from ``cities.csv``. So, on ``builder-inited``, the
project (Sphinx's list of documents) learns to add ``cities/<id>`` for every city row
whenever it scans the source folder, each read from one template file of this package
(:data:`TEMPLATE`: ``orphan`` metadata and a ``cd-city`` directive, which takes the
city id from the document name; reStructuredText, whose parser costs less per page than
MyST's, and there are as many pages as cities). Everything else is Sphinx's own machinery:

* a changed city row rebuilds the pages: the directive notes the data files as
  dependencies (:func:`.data.get_package`), and an added or removed row adds or removes
  a document at the next scan;
* ``orphan`` keeps the pages out of the navigation without a toctree warning; the
  sitemap and the language switchers list them like any page (same path in every
  language);
* ``nosearch`` keeps them out of Sphinx's own search index (``searchindex.js``, the
  search page's fallback when opened from ``file://``): stemming every word of every
  city page was the biggest single cost of a city page (about a sixth of a build on the
  ten-times dataset), and the cities index, which is indexed, names every city. Pagefind
  (the search over HTTP) indexes the built HTML and so still finds each city page;
* the gettext builder gets no city documents: the cities index puts their labels into
  its own catalog (:mod:`.cities`), and :mod:`.labelcatalog` translates a city page's
  labels from there, so translators see one catalog instead of one per city.

A real file ``cities/<id>.md`` in the docs, should one be written, wins over the
generated page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.project import Project

from city_diplomacy.sphinxext.data import BuildLocal, get_package

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The source every city page is read from.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "city.rst"
#: Folder (docname prefix) of the city pages.
FOLDER = "cities"
#: The page whose catalog holds the city pages' labels.
INDEX_DOCNAME = "cities"
_NAVIGATION = "city_diplomacy_city_navigation"


def city_docname(city_id: str) -> str:
    return f"{FOLDER}/{city_id}"


class CityProject(Project):
    """Sphinx's project, plus a document per city (``city_docs``) read from the template."""

    city_docs: frozenset[str] = frozenset()

    def discover(
        self, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)
    ) -> set[str]:
        found = super().discover(exclude_paths, include_paths)
        for docname in sorted(self.city_docs - found):
            found.add(docname)
            self._docname_to_path[docname] = TEMPLATE
        return found


def is_city_page(env: Any, docname: str) -> bool:
    """Whether ``docname`` is a generated city page of this build."""
    project = getattr(env, "project", None)
    return isinstance(project, CityProject) and docname in project.city_docs


def add_city_documents(app: Sphinx) -> None:
    """On ``builder-inited``: let the project add a page per city when it scans."""
    if not app.config.city_diplomacy_city_pages or app.builder.name == "gettext":
        return
    package = get_package(app.env, note=False)
    project = app.project
    project.__class__ = CityProject
    assert isinstance(project, CityProject)
    project.city_docs = frozenset(city_docname(ident) for ident in package.cities)


class _Navigation(BuildLocal):
    """The navigation every city page shares, computed for the first one; never pickled."""

    def __init__(self) -> None:
        self.trees: dict[tuple[tuple[str, Any], ...], Any] = {}


def share_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``, before the theme: city pages reuse one navigation tree.

    The city pages are orphans in one folder, so the site navigation (which marks no
    current entry for them, and whose links are relative to the same folder) is the same
    on each; the theme would otherwise resolve the whole toctree again for every city.
    """
    toctree = context.get("toctree")
    if toctree is None or not is_city_page(app.env, pagename):
        return
    shared = getattr(app.env, _NAVIGATION, None)
    if not isinstance(shared, _Navigation):
        shared = _Navigation()
        setattr(app.env, _NAVIGATION, shared)
    trees = shared.trees

    def cached(**kwargs: Any) -> Any:
        key = tuple(sorted(kwargs.items()))
        if key not in trees:
            trees[key] = toctree(**kwargs)
        return trees[key]

    context["toctree"] = cached


def setup_city_documents(app: Sphinx) -> None:
    app.add_config_value("city_diplomacy_city_pages", True, "env", bool)
    app.connect("builder-inited", add_city_documents)
    app.connect("html-page-context", share_navigation, priority=400)  # furo's runs at 500
