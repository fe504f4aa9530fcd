"""Tables that become label/value cards on narrow screens (``static/cities.css``).

Each cell carries its column's label (``data-label``), which the style sheet shows in
front of the value once the rows stack; rows may carry ids (anchors).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import Cell, Context, _cell_nodes
from city_diplomacy.sphinxext.labelcatalog import translate

#: Class of the tables the style sheet stacks on narrow screens.
CARDS = "cd-cards"


def card_table(
    cd: Context,
    headers: Sequence[str],
    rows: Sequence[tuple[nodes.row | None, Sequence[Cell]]],
    *classes: str,
) -> nodes.table:
    """A table with label headers; each row is ``(row node or None, cells)``."""
    table = nodes.table(classes=["cd-table", CARDS, *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=20)
    head = nodes.thead()
    group += head
    header_row = nodes.row()
    head += header_row
    for header in headers:
        header_row += nodes.entry("", cd.label(header))
    labels = [translate(cd.env, header) or header for header in headers]
    body = nodes.tbody()
    group += body
    for row_node, cells in rows:
        row = row_node if row_node is not None else nodes.row()
        for label, cell in zip(labels, cells, strict=True):
            row += cdn.cd_cell("", *_cell_nodes(cell), label=label)
        body += row
    return table
