"""Notes that many rows of one table share, lifted out to be shown once.

A member list often carries the same long note on every row ("List of 27 cities as of
October 2018; …"), sometimes after a sentence of the row's own ("Tokyo sister/friendship
city (marked on the list). List of 27 cities …"). :func:`lift_shared` finds such notes:
a note shared by every row is shown once above the table; a long one shared by some rows
is shown once with a number that those rows point to. Short notes shared by some rows
stay in their rows, where they read better than a pointer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: How long (in :func:`weight`) a shared note must be to be lifted out of its rows.
MIN_WEIGHT = 60
#: What may end the row's own sentence before a shared note (or a shared note before
#: the row's own text).
_SENTENCE_END = (".", "。", ";", "；", "!", "?", ")", "）", "」")


def weight(text: str) -> int:
    """Length with each wide (CJK) character counted twice, so languages compare."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


@dataclass(frozen=True)
class RowNotes:
    """What one row still shows: its own notes and the numbers of the shared ones."""

    own: tuple[str, ...]
    refs: tuple[int, ...]


@dataclass(frozen=True)
class Lifted:
    """Notes for every row (``common``), numbered shared notes (1 = ``numbered[0]``), rows."""

    common: tuple[str, ...]
    numbered: tuple[str, ...]
    rows: tuple[RowNotes, ...]


def _split(note: str, candidates: Sequence[str]) -> list[str]:
    """``note`` as its own part and a candidate it ends or starts with (longest first)."""
    for shared in candidates:
        if shared == note:
            continue
        if note.endswith(shared):
            head = note[: -len(shared)].rstrip()
            if head and head.endswith(_SENTENCE_END):
                return [*_split(head, candidates), shared]
        if note.startswith(shared) and shared.endswith(_SENTENCE_END):
            tail = note[len(shared) :].lstrip()
            if tail:
                return [shared, *_split(tail, candidates)]
    return [note]


def _joined(parts: Sequence[str]) -> str:
    """Parts of one note put back together (no space after a wide full stop)."""
    text = ""
    for part in parts:
        if text:
            text += "" if weight(text[-1]) == 2 else " "
        text += part
    return text


def lift_shared(notes: Sequence[Sequence[str]], *, min_weight: int = MIN_WEIGHT) -> Lifted:
    """Split each row's notes into its own and shared ones (see the module docstring).

    ``notes`` holds each row's notes (empty strings are ignored). A note counts as shared
    when two or more rows have it, whole or as the end (or start) of a longer note after
    a sentence of its own (another row's whole note). It is lifted out when every row has
    it, or when it is at least ``min_weight`` long; what a note keeps is shown as written.
    """
    rows = [[n.strip() for n in row if n.strip()] for row in notes]
    candidates = sorted({n for row in rows for n in row}, key=len, reverse=True)
    split = [[_split(n, candidates) for n in row] for row in rows]
    counts = Counter(p for row in split for p in {p for parts in row for p in parts})
    order = dict.fromkeys(p for row in split for parts in row for p in parts)
    common = tuple(p for p in order if counts[p] >= 2 and counts[p] == len(rows))
    numbered = tuple(
        p for p in order if counts[p] >= 2 and p not in common and weight(p) >= min_weight
    )
    shared = {*common, *numbered}
    return Lifted(
        common,
        numbered,
        tuple(
            RowNotes(
                tuple(
                    dict.fromkeys(
                        kept
                        for parts in row
                        if (kept := _joined([p for p in parts if p not in shared]))
                    )
                ),
                tuple(
                    sorted({numbered.index(p) + 1 for parts in row for p in parts if p in numbered})
                ),
            )
            for row in split
        ),
    )
