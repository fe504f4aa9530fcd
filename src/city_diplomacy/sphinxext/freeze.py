"""The big data blocks, written to HTML as soon as a directive makes them.

The city list, the timeline and the member and event tables grow with the data: on a
dataset ten times larger they hold hundreds of thousands of nodes, and every one of
Sphinx's transforms walks them all, while none of those transforms has anything to do
in them. So, for HTML builders, :func:`freeze` finishes such a block at once:

1. fills the ``{name}`` placeholders of its labels (what :class:`.nodes.FillPlaceholders`
   does later for the rest of the page), and marks labels that have no translation in a
   translated build ``lang="ja"`` (what :mod:`.i18n_notice` does for the rest), and
   Japanese runs in other text too (what :mod:`.lang_runs` does for the rest);
2. runs the theme's and extensions' post-transforms on it (furo's table wrapper, for
   instance; Sphinx's own concern node kinds these blocks never hold);
3. writes it with the builder's own HTML translator, so the markup is exactly what the
   page would have had, and puts that in the page as one ``raw`` node.

Links to other pages cannot be written yet (they are relative to the page being
written): they are left as ``cd-ref:<target>`` and :func:`resolve_frozen_links` fills
them in on ``doctree-resolved``. The gettext builder and every non-HTML builder get the
nodes as before, so the catalogs still receive every label.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.utils import new_document
from sphinx.transforms import SphinxTransformer
from sphinx.writers.html import HTMLWriter

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.data import BuildLocal
from city_diplomacy.sphinxext.lang_runs import mark_runs

if TYPE_CHECKING:
    from docutils.transforms import Transform
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.docutils import SphinxDirective

_ATTRIBUTE = "city_diplomacy_freeze"
_LINK = re.compile(r'<a class="reference internal" href="cd-ref:([^"]+)">(.*?)</a>', re.DOTALL)
PLACEHOLDER = "cd-ref:"


class cd_untranslated(nodes.Invisible, nodes.Element):  # type: ignore[misc]
    """Says that a frozen block holds untranslated labels (``translated=False``).

    :mod:`.i18n_notice` counts it like any untranslated node and puts its notice on the
    page; writers skip it.
    """


class _Writer(BuildLocal):
    """The builder of this build, when frozen blocks are wanted; never pickled."""

    def __init__(
        self,
        builder: Builder | None = None,
        source_language: bool = True,
        post_transforms: Sequence[type[Transform]] = (),
        settings: Values | None = None,
    ) -> None:
        self.builder = builder
        self.source_language = source_language
        self.post_transforms = list(post_transforms)
        self.settings = settings


def start(app: Sphinx) -> None:
    """On ``builder-inited``: freeze for HTML builders (not gettext) when enabled."""
    from city_diplomacy.sphinxext._i18n_root import source_code
    from city_diplomacy.sphinxext.config import get_config

    enabled = (
        get_config(app.env).freeze
        and app.builder.format == "html"
        and app.builder.name != "gettext"
    )
    source = source_code(app.env)
    # The settings the builder gives each page when it writes it (the reader's settings
    # lack the writer's options, such as the heading levels).
    settings = get_default_settings(HTMLWriter)
    for key, value in app.env.settings.items():
        setattr(settings, key, value)
    settings.compact_lists = bool(app.config.html_compact_lists)
    writer = _Writer(
        app.builder if enabled else None,
        app.config.language in (None, source),
        # Sphinx's own post-transforms work on node kinds a data block never holds
        # (cross-references, images, code, signatures); a theme's or extension's may
        # change what the block holds (furo wraps tables), so those run.
        [t for t in app.registry.get_post_transforms() if not t.__module__.startswith("sphinx.")],
        settings,
    )
    setattr(app.env, _ATTRIBUTE, writer)


def _section_level(directive: SphinxDirective) -> int:
    """How many sections enclose the directive (docutils and MyST both keep it in memo)."""
    return int(getattr(directive.state.memo, "section_level", 0))


def freeze(directive: SphinxDirective, content: Sequence[nodes.Node]) -> list[nodes.Node]:
    """``content`` as one raw HTML node (HTML builders), or unchanged (others)."""
    writer = getattr(directive.env, _ATTRIBUTE, None)
    if not isinstance(writer, _Writer) or writer.builder is None or not content:
        return list(content)
    document = directive.state.document
    holder = new_document(document["source"], writer.settings)
    holder.extend(content)
    fallback = False
    labels: list[nodes.inline] = []
    for node in list(holder.findall(nodes.Element)):  # one pass: these blocks are big
        if node.get("cd_values"):
            cdn.fill_label(node)
        if isinstance(node, cdn.cd_ref):
            node["refuri"] = PLACEHOLDER + node["target"]
            continue
        if node.get("translatable") and not writer.source_language:
            node["classes"].append("language-ja")  # the writer turns it into lang="ja"
            fallback = True
        if isinstance(node, nodes.inline) and "translatable" in node:
            labels.append(node)
    # Sphinx's RemoveTranslatableInline: a label's inline gives its text to its wrapper
    # (here with the language mark it may have had)
    for inline in labels:
        wrapper = inline.parent
        wrapper.remove(inline)
        wrapper += inline.children
        if "language-ja" in inline["classes"]:
            wrapper["classes"].append("language-ja")
    if not writer.source_language:
        mark_runs(holder)  # what lang_runs does for the rest of the page
    transformer = SphinxTransformer(holder)
    transformer.set_environment(directive.env)
    transformer.add_transforms(writer.post_transforms)
    transformer.apply_transforms()

    for numbers in ("secnumbers", "fignumbers"):
        # set per page when the builder writes; blocks have no numbered sections or figures
        if not hasattr(writer.builder, numbers):
            setattr(writer.builder, numbers, {})
    translator: Any = writer.builder.create_translator(holder, writer.builder)
    translator.section_level = _section_level(directive)
    for node in holder.children:
        node.walkabout(translator)
    raw = nodes.raw("", "".join(translator.body), format="html", cd_links=True)
    return [raw, cd_untranslated(translated=False)] if fallback else [raw]


def resolve_frozen_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the addresses of the links in frozen blocks, relative to ``docname``."""
    links = cdn.TargetLinks(app, docname)

    def link(match: re.Match[str]) -> str:
        uri = links.uri(match.group(1))
        if uri is None:
            return match.group(2)  # no target: the text alone, as for any cd_ref
        return f'<a class="reference internal" href="{html.escape(uri)}">{match.group(2)}</a>'

    for raw in list(doctree.findall(nodes.raw)):
        if raw.get("cd_links"):
            raw.replace_self(nodes.raw("", _LINK.sub(link, raw.astext()), format="html"))


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_freeze(app: Sphinx) -> None:
    app.setup_extension("city_diplomacy.sphinxext.config")
    app.add_node(cd_untranslated, html=(_skip, None), text=(_skip, None))
    app.connect("builder-inited", start)
