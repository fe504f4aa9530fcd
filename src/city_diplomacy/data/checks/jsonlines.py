"""Line numbers of the properties in a JSON text, so a descriptor problem names its line."""

from __future__ import annotations

import json
from bisect import bisect_right

from city_diplomacy.data.checks.descriptor import json_path

_WHITESPACE = " \t\n\r"


def property_lines(text: str) -> dict[str, int]:
    """Map ``resources[2].schema.primaryKey``-style paths to the line where each starts.

    ``text`` must be valid JSON (it is parsed with :mod:`json` first); an object member
    is located at its key, an array item at its first character.
    """
    breaks = [i for i, char in enumerate(text) if char == "\n"]
    lines: dict[str, int] = {}

    def line_of(offset: int) -> int:
        return bisect_right(breaks, offset - 1) + 1

    def string(pos: int) -> tuple[str, int]:
        """The string starting at the quote at ``pos``, and the offset after it."""
        end = pos + 1
        while text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        decoded: str = json.loads(text[pos : end + 1])
        return decoded, end + 1

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in _WHITESPACE:
            pos += 1
        return pos

    def value(pos: int, path: tuple[str | int, ...]) -> int:
        pos = skip(pos)
        char = text[pos]
        if char == "{":
            pos = skip(pos + 1)
            while text[pos] != "}":
                key, after = string(pos)
                lines.setdefault(json_path((*path, key)), line_of(pos))
                pos = value(skip(after) + 1, (*path, key))  # past the ':'
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            return pos + 1
        if char == "[":
            pos, index = skip(pos + 1), 0
            while text[pos] != "]":
                lines.setdefault(json_path((*path, index)), line_of(pos))
                pos = skip(value(pos, (*path, index)))
                if text[pos] == ",":
                    pos = skip(pos + 1)
                index += 1
            return pos + 1
        if char == '"':
            return string(pos)[1]
        while pos < len(text) and text[pos] not in ",]}" + _WHITESPACE:
            pos += 1
        return pos

    value(0, ())
    return lines
