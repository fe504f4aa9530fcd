"""The XLSX workbook: an about sheet, one sheet per table and a sheet describing every field."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from city_diplomacy.release.formats.archive import renormalize_zip
from city_diplomacy.release.formats.tables import Field, Table, Value

FIELDS_SHEET = "fields"
ABOUT_SHEET = "about"
FIELD_COLUMNS = (
    "table",
    "field",
    "type",
    "required",
    "primary_key",
    "constraints",
    "description",
)
_BOLD = Font(bold=True)


def other_constraints(field: Field) -> str:
    """Constraints other than ``required``, as compact JSON (empty if none)."""
    rest = {k: v for k, v in sorted(field.constraints.items()) if k != "required"}
    return json.dumps(rest, ensure_ascii=False) if rest else ""


def _append(sheet: Worksheet, values: list[Value]) -> None:
    # Cells are made here, not looked up after ``append``: finding the last row of a
    # sheet scans all its cells, which made writing a sheet quadratic in its rows.
    cells: list[Cell | Value] = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            # A text cell starting with "=" would become a formula: keep it text.
            cell = Cell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)


def _header(sheet: Worksheet, names: list[str], widths: list[int]) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = _BOLD
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _width(field: Field) -> int:
    return 12 if field.type in ("integer", "number", "boolean") else 24


def workbook(descriptor: Mapping[str, Any], tables: list[Table], when: datetime) -> Workbook:
    """Build the workbook (not yet saved)."""
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = ABOUT_SHEET
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    licences = ", ".join(str(lic.get("name")) for lic in descriptor.get("licenses", []))
    for key, value in (
        ("title", descriptor.get("title", "")),
        ("name", descriptor.get("name", "")),
        ("version", descriptor.get("version", "")),
        ("created", descriptor.get("created", "")),
        ("licence", licences),
        ("description", descriptor.get("description", "")),
        ("sheets", f"one per table; '{FIELDS_SHEET}' describes every column"),
    ):
        _append(about, [key, str(value)])
        about.cell(row=about.max_row, column=1).font = _BOLD
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        _header(sheet, [f.name for f in table.fields], [_width(f) for f in table.fields])
        for row in table.rows:
            _append(sheet, [row[f.name] for f in table.fields])
    fields = book.create_sheet(FIELDS_SHEET)
    _header(fields, list(FIELD_COLUMNS), [16, 20, 10, 10, 12, 40, 80])
    for table in tables:
        for field in table.fields:
            _append(
                fields,
                [
                    table.name,
                    field.name,
                    field.type,
                    field.required,
                    field.name in table.primary_key,
                    other_constraints(field),
                    field.description,
                ],
            )
    naive = when.replace(tzinfo=None)
    book.properties.creator = ", ".join(
        str(c.get("title", "")) for c in descriptor.get("contributors", [])
    )
    book.properties.title = str(descriptor.get("title", ""))
    book.properties.created = naive
    book.properties.modified = naive
    return book


def xlsx_bytes(descriptor: Mapping[str, Any], tables: list[Table], when: datetime) -> bytes:
    """The workbook's bytes, identical for identical input.

    ``openpyxl.Workbook.save`` stamps the wall clock into docProps, so the writer is
    driven directly; the zip is then rewritten with fixed entry dates.
    """
    book = workbook(descriptor, tables, when)
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return renormalize_zip(buffer.getvalue(), when)
