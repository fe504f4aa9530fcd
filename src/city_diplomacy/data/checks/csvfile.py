"""Strict CSV reading: the byte- and quote-level defects that frictionless 5.x lets through.

A small RFC 4180 tokenizer reads each file once and keeps the physical line of every
record, so every problem (and every later check) can name the line a person must edit.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from city_diplomacy.data.problems import Problem

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quote: str = '"'
    double_quote: bool = True


@dataclass(frozen=True)
class Record:
    """One CSV record: its first and last physical line and its cells."""

    line: int
    end_line: int
    cells: tuple[str, ...]
    malformed: bool = False


@dataclass
class ParsedCsv:
    """What the strict reader found: the header, the records and the lines it distrusts."""

    header: tuple[str, ...] = ()
    records: list[Record] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)
    # Physical first line of each record as Python's csv module (and so frictionless)
    # counts records: index 0 is the header (frictionless row 1).
    csv_record_lines: list[int] = field(default_factory=list)
    header_ok: bool = True
    decoded: bool = True
    #: The physical lines (without line endings), to salvage keys from malformed records.
    lines: list[str] = field(default_factory=list)
    delimiter: str = ","


def read_csv(raw: bytes, file: str, dialect: Dialect) -> tuple[ParsedCsv, list[Problem]]:
    """Check bytes, line endings and quoting; return the records and the problems."""
    problems: list[Problem] = []
    parsed = ParsedCsv()
    if raw.startswith(BOM):
        problems.append(
            Problem(
                file,
                1,
                None,
                "starts with a byte-order mark (save as UTF-8 without BOM)",
                "EF BB BF",
                "csv-bom",
            )
        )
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        parsed.decoded = False
        text = raw.decode("utf-8", errors="surrogateescape")
        problems.extend(_undecodable(text, file, parsed))
    if not text:
        problems.append(
            Problem(
                file, 1, None, "is empty (it needs at least the header line)", None, "csv-structure"
            )
        )
        return parsed, problems
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    problems.extend(_line_endings(lines, file))
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    parsed.lines, parsed.delimiter = lines, dialect.delimiter
    parsed.records, structure = _tokenize(lines, file, dialect)
    problems.extend(structure)
    parsed.csv_record_lines = _csv_module_lines(text, dialect)
    if parsed.records:
        parsed.header = parsed.records[0].cells
    problems.extend(_records(parsed, file))
    return parsed, problems


def _undecodable(text: str, file: str, parsed: ParsedCsv) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = [ch for ch in line if "\udc80" <= ch <= "\udcff"]
        if bad:
            parsed.bad_lines.add(number)
            shown = " ".join(f"{ord(ch) - 0xDC00:02X}" for ch in bad[:8])
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    f"contains bytes that are not UTF-8 ({shown}); save the file as UTF-8",
                    shown,
                    "csv-encoding",
                )
            )
    return problems


def _line_endings(lines: list[str], file: str) -> list[Problem]:
    problems = []
    crlf = [n for n, line in enumerate(lines, start=1) if line.endswith("\r")]
    if crlf:
        problems.append(
            Problem(
                file,
                crlf[0],
                None,
                f"CRLF line ending ({len(crlf)} of {len(lines)} lines); "
                "save with LF ('\\n') line endings as the dialect declares",
                "CRLF",
                "csv-line-ending",
            )
        )
    for number, line in enumerate(lines, start=1):
        if "\r" in line.rstrip("\r"):
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    "stray carriage return inside the line (remove it)",
                    "\\r",
                    "csv-line-ending",
                )
            )
    return problems


def _tokenize(lines: list[str], file: str, dialect: Dialect) -> tuple[list[Record], list[Problem]]:
    """RFC 4180 with the declared dialect; a quote may only open or close a whole cell."""
    records: list[Record] = []
    problems: list[Problem] = []
    delim, quote = dialect.delimiter, dialect.quote
    index = 0
    while index < len(lines):
        start = index + 1
        line = lines[index]
        if quote not in line:
            records.append(Record(start, start, tuple(line.split(delim))))
            index += 1
            continue
        cells: list[str] = []
        cell: list[str] = []
        found: list[Problem] = []
        opened = 0  # column where the current quoted cell opened
        state = "start"  # start | plain | quoted | after-quote
        while True:
            for column, char in enumerate(line, start=1):
                if state == "start":
                    if char == quote:
                        state, opened = "quoted", column
                    elif char == delim:
                        cells.append("")
                    else:
                        cell.append(char)
                        state = "plain"
                elif state == "plain":
                    if char == delim:
                        cells.append("".join(cell))
                        cell, state = [], "start"
                    else:
                        if char == quote:
                            found.append(
                                _quote(
                                    file,
                                    index + 1,
                                    line,
                                    "stray quote at column "
                                    f"{column} inside an unquoted cell (quote the "
                                    "whole cell and double the inner quote)",
                                )
                            )
                        cell.append(char)
                elif state == "quoted":
                    if char == quote:
                        state = "after-quote"
                    else:
                        cell.append(char)
                elif char == quote and dialect.double_quote:  # after-quote: "" is a quote
                    cell.append(char)
                    state = "quoted"
                elif char == delim:
                    cells.append("".join(cell))
                    cell, state = [], "start"
                else:
                    found.append(
                        _quote(
                            file,
                            index + 1,
                            line,
                            "text after a closing quote at "
                            f"column {column} (double any quote inside a quoted "
                            "cell)",
                        )
                    )
                    cell.append(char)
                    state = "plain"
            if state != "quoted" or index + 1 >= len(lines):
                break
            cell.append("\n")
            index += 1
            line = lines[index]
        cells.append("".join(cell))
        width = len(records[0].cells) if records else len(cells)
        # A quote opened on this line that swallowed the line breaks after it is
        # reported where it opened, not as the confusing results further down.
        runs_on = index + 1 > start and (bool(found) or len(cells) != width)
        if state == "quoted" or runs_on:
            fix = (
                "is never closed (close it or remove the stray quote)"
                if state == "quoted"
                else f"runs on to line {index + 1} (close it on this line or remove the "
                "stray quote)"
            )
            message = f"unbalanced quote: the quoted cell opened at column {opened} {fix}"
            found = [_quote(file, start, lines[start - 1], message)]
        problems.extend(found)
        records.append(Record(start, index + 1, tuple(cells), bool(found)))
        index += 1
    return records, problems


def _quote(file: str, line: int, text: str, message: str) -> Problem:
    return Problem(file, line, None, message, text.strip()[:80], "csv-quote")


def _csv_module_lines(text: str, dialect: Dialect) -> list[int]:
    """First physical line of each record as Python's csv module splits the text."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect.delimiter,
        quotechar=dialect.quote,
        doublequote=dialect.double_quote,
    )
    starts: list[int] = []
    previous = 0
    try:
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
    except csv.Error:
        pass  # the strict reader has already reported the defect
    return starts


def _records(parsed: ParsedCsv, file: str) -> list[Problem]:
    problems: list[Problem] = []
    width = len(parsed.header)
    for record in parsed.records:
        where = f"lines {record.line}-{record.end_line}" if record.end_line > record.line else None
        if record.cells == ("",):
            parsed.bad_lines.add(record.line)
            problems.append(
                Problem(file, record.line, None, "blank line (remove it)", None, "csv-structure")
            )
            continue
        if len(record.cells) != width and not record.malformed:
            parsed.bad_lines.update(range(record.line, record.end_line + 1))
            span = f" (the record spans {where}: a stray quote?)" if where else ""
            problems.append(
                Problem(
                    file,
                    record.line,
                    None,
                    f"has {len(record.cells)} cells but the header has {width}{span}; "
                    "fix the delimiters or quotes",
                    _joined(record.cells),
                    "csv-structure",
                )
            )
            continue
        if record.malformed:
            parsed.bad_lines.update(range(record.line, record.end_line + 1))
            continue
        if record.line in parsed.bad_lines:
            continue  # undecodable bytes, already reported
        for name, cell in zip(parsed.header, record.cells, strict=True):
            if cell != cell.strip():
                problems.append(
                    Problem(
                        file,
                        record.line,
                        name or None,
                        f"{_clip(cell)} has leading or trailing spaces (remove them)",
                        cell,
                        "csv-whitespace",
                    )
                )
            if not cell.isascii() and not unicodedata.is_normalized("NFC", cell):
                problems.append(
                    Problem(
                        file,
                        record.line,
                        name or None,
                        f"{_clip(cell)} is not in Unicode NFC (normalise it to NFC)",
                        cell,
                        "csv-unicode",
                    )
                )
    return problems


def _joined(cells: tuple[str, ...], limit: int = 80) -> str:
    text = ",".join(cells).replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip(cell: str, limit: int = 60) -> str:
    """The cell quoted for a message; a long note is cut in the middle, keeping both ends."""
    if len(cell) <= limit:
        return repr(cell)
    half = limit // 2
    return repr(cell[:half]) + "…" + repr(cell[-half:])
