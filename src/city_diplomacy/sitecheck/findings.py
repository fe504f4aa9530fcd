"""The one result type every gate returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem on one page (``page`` is the path relative to the site root)."""

    gate: str
    page: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return f"[{self.gate}] {where}: {self.message}"
