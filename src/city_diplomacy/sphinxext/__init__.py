"""Sphinx extension: directives and roles that render the data package into pages.

Directives (every one also takes ``:class:``):

=======================  ==========================================================
``cd-overview``          home page at a glance: key figures, the networks Tokyo
                         founded or joined and the programmes with a one-line summary,
                         the dataset version; ``:changelog: <docname>`` links it
``cd-factbox <id>``      network or programme: kind, dates, status, Tokyo's role,
                         parent, site, summary, note, sources (anchor
                         ``network-<id>`` / ``programme-<id>``)
``cd-members <id>``      tables per list date, a city once, a shared note once;
                         ``:as-of: YYYY[-MM[-DD]]|history``
``cd-events <id>``       one line per event: date, title, host; cities, notes and
                         source in a ``<details>``
``cd-programmes``        the programmes in order
``cd-networks``          networks with Tokyo's role, then related bodies
``cd-themes``            networks and programmes by theme
``cd-cities``            a table row per city (anchor ``city-<id>``), linked to its page
``cd-city [<id>]``       a city's page (``cities/<id>``, generated per city row: see
                         :mod:`.citydocs`); the id defaults to the page's name
``cd-map``               SVG map; ``:margin: <degrees>``, ``:world:``
``cd-timeline``          every event by year (``year-<yyyy>``), a line each (anchor
                         ``event-<id>``, ``data-network``), script filter
``cd-chart-events``      SVG bars: events per year, a row per network (and data table)
``cd-chart-regions <id>``  SVG bars: an initiative's cities by continent (and data table)
``cd-datadict``          a section per table (anchor ``table-<name>``)
``cd-downloads``         this version's release files (``downloads/<version>/``), the
                         data files (copied into the build) and offline copies, with
                         size and SHA-256; schema.org ``Dataset`` JSON-LD in the head
``cd-citation``          how to cite this version: text, BibTeX, CITATION.cff, .zenodo.json
``cd-changelog``         CHANGELOG.md sections, each with the data diff of its release
``cd-sources``           every source, row anchor ``source-<id>``
=======================  ==========================================================

Roles: ``cd-name`` (``<id>`` or ``network:|programme:|city:<id>``; a city links to its
page), ``cd-date`` (``<table>.<id>.<field>``), ``cd-count`` (``networks``, ``programmes``,
``cities``, ``events``, ``sources``, ``themes``, ``members:<id>``, ``members:<id>@<date>``).

Every component has its own module and ``setup_*`` function; :func:`setup` wires them.

The extension renders; what pages show about releases, the citation, the changelog's
data diffs, the languages and the translation status comes from the build context the
site build hands over (:mod:`.context`, ``city_diplomacy_context``). Settings:
:mod:`.config`.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from docutils.nodes import document

from city_diplomacy import __version__
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.catalog_only import setup_catalog_only
from city_diplomacy.sphinxext.changelog import setup_changelog
from city_diplomacy.sphinxext.charts import render_charts, setup_charts
from city_diplomacy.sphinxext.cite import setup_citation
from city_diplomacy.sphinxext.cities import setup_cities
from city_diplomacy.sphinxext.citydocs import setup_city_documents
from city_diplomacy.sphinxext.citypage import setup_city_page
from city_diplomacy.sphinxext.config import STATIC_DIR, setup_config_hooks
from city_diplomacy.sphinxext.datadict import setup_datadict
from city_diplomacy.sphinxext.downloads import setup_downloads
from city_diplomacy.sphinxext.events import setup_events
from city_diplomacy.sphinxext.factbox import setup_factbox
from city_diplomacy.sphinxext.freeze import resolve_frozen_links, setup_freeze
from city_diplomacy.sphinxext.i18n_notice import setup as setup_i18n_notice
from city_diplomacy.sphinxext.jsonld import setup_jsonld
from city_diplomacy.sphinxext.labelcatalog import setup_label_catalog
from city_diplomacy.sphinxext.lang_runs import setup_lang_runs
from city_diplomacy.sphinxext.lists import setup_lists
from city_diplomacy.sphinxext.map import render_maps, setup_map
from city_diplomacy.sphinxext.members import setup_members
from city_diplomacy.sphinxext.overview import setup_overview
from city_diplomacy.sphinxext.roles import setup_roles
from city_diplomacy.sphinxext.sources import setup_sources
from city_diplomacy.sphinxext.tags import setup_tags
from city_diplomacy.sphinxext.timeline import render_filters, setup_timeline
from city_diplomacy.sphinxext.translation_status import setup as setup_translation_status

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CSS = "city_diplomacy.css"
EVENTS_CSS = "events.css"
#: The cities index and city pages (tables that stack into cards on narrow screens).
CITIES_CSS = "cities.css"
JS = "city_diplomacy.js"


def _add_static(app: Sphinx, config: Config) -> None:
    """Serve the extension's CSS and JS from the site's own ``_static``."""
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def finish_doctree(app: Sphinx, doctree: document, docname: str) -> None:
    """Builder-dependent output: filter forms, maps, then the links they contain."""
    render_filters(app, doctree, docname)
    render_maps(app, doctree, docname)
    render_charts(app, doctree, docname)
    cdn.resolve_refs(app, doctree, docname)
    resolve_frozen_links(app, doctree, docname)


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        cdn.cd_row,
        html=(cdn.visit_cd_row_html, cdn.depart_cd_row),
        latex=(cdn.visit_cd_row, cdn.depart_cd_row),
        text=(cdn.visit_cd_row, cdn.depart_cd_row),
        man=(cdn.visit_cd_row, cdn.depart_cd_row),
        texinfo=(cdn.visit_cd_row, cdn.depart_cd_row),
    )
    app.add_node(
        cdn.cd_cell,
        html=(cdn.visit_cd_cell_html, cdn.depart_cd_cell),
        latex=(cdn.visit_cd_cell, cdn.depart_cd_cell),
        text=(cdn.visit_cd_cell, cdn.depart_cd_cell),
        man=(cdn.visit_cd_cell, cdn.depart_cd_cell),
        texinfo=(cdn.visit_cd_cell, cdn.depart_cd_cell),
    )
    app.add_node(cdn.cd_ref, html=(cdn.visit_cd_ref_html, cdn.depart_cd_ref_html))
    app.add_transform(cdn.FillPlaceholders)
    app.connect("env-purge-doc", cdn.purge_targets)
    app.connect("env-merge-info", cdn.merge_targets)


#: CPython's default collection thresholds, and the ones a build runs with.
DEFAULT_GC_THRESHOLDS = (700, 10, 10)
BUILD_GC_THRESHOLDS = (50_000, 20, 100)


def tune_garbage_collection() -> None:
    """Collect garbage less often while the pages are built.

    The directives allocate hundreds of thousands of docutils nodes per big page, and
    nodes form cycles (parent and children point at each other). With the default
    thresholds, CPython then keeps running full collections over the whole environment:
    on a dataset ten times larger they took about a third of each language's build.
    Fewer, larger collections cost some 20 MB more memory there. A process that set
    its own thresholds keeps them.
    """
    if gc.get_threshold() == DEFAULT_GC_THRESHOLDS:
        gc.set_threshold(*BUILD_GC_THRESHOLDS)


def setup(app: Sphinx) -> dict[str, Any]:
    tune_garbage_collection()
    setup_config_hooks(app)
    setup_nodes(app)
    setup_tags(app)
    setup_label_catalog(app)
    setup_freeze(app)
    setup_factbox(app)
    setup_members(app)
    setup_events(app)
    setup_lists(app)
    setup_overview(app)
    setup_cities(app)
    setup_city_documents(app)
    setup_city_page(app)
    setup_map(app)
    setup_timeline(app)
    setup_charts(app)
    setup_datadict(app)
    setup_downloads(app)
    setup_jsonld(app)
    setup_citation(app)
    setup_changelog(app)
    setup_catalog_only(app)
    setup_sources(app)
    setup_roles(app)
    setup_i18n_notice(app)
    setup_lang_runs(app)
    setup_translation_status(app)
    app.connect("config-inited", _add_static)
    app.connect("doctree-resolved", finish_doctree)
    app.add_css_file(CSS, priority=900)  # after the theme's own sheets
    app.add_css_file(EVENTS_CSS, priority=900)
    app.add_css_file(CITIES_CSS, priority=901)
    app.add_js_file(JS, loading_method="defer")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
