"""Page-weight budgets, read from ``site-budget.json`` at the repository root."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

#: The budget file shipped with the repository.
DEFAULT_BUDGET = Path(__file__).resolve().parents[3] / "site-budget.json"


class BudgetError(ValueError):
    """The budget file is missing or malformed."""


@dataclass(frozen=True)
class Override:
    """A larger page budget for pages whose path matches ``pattern`` (fnmatch)."""

    pattern: str
    max_page_bytes: int
    reason: str


@dataclass(frozen=True)
class Budget:
    """Limits in bytes on a page's first load."""

    max_page_bytes: int
    max_html_bytes: int
    max_asset_bytes: int
    overrides: tuple[Override, ...] = field(default=())

    def page_limit(self, page: str) -> int:
        """The first-load limit for ``page`` (a path relative to the site root)."""
        for override in self.overrides:
            if fnmatch(page, override.pattern):
                return override.max_page_bytes
        return self.max_page_bytes


def default_budget() -> Path:
    """``site-budget.json`` in the current folder if there is one, else the package's own."""
    local = Path.cwd() / "site-budget.json"
    return local if local.is_file() else DEFAULT_BUDGET


def _int(data: dict[str, object], key: str, where: Path) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise BudgetError(f"{where}: {key!r} must be a positive integer (bytes), got {value!r}")
    return value


def load_budget(path: Path | None = None) -> Budget:
    """Read a budget file; raise :class:`BudgetError` naming the file and the field."""
    path = path or default_budget()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BudgetError(f"{path}: budget file not found") from exc
    except ValueError as exc:
        raise BudgetError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BudgetError(f"{path}: expected a JSON object")
    overrides = []
    for i, item in enumerate(data.get("overrides", [])):
        if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
            raise BudgetError(f"{path}: overrides[{i}] needs a 'pattern' string")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason:
            raise BudgetError(f"{path}: overrides[{i}] needs a 'reason'")
        overrides.append(Override(item["pattern"], _int(item, "max_page_bytes", path), reason))
    return Budget(
        max_page_bytes=_int(data, "max_page_bytes", path),
        max_html_bytes=_int(data, "max_html_bytes", path),
        max_asset_bytes=_int(data, "max_asset_bytes", path),
        overrides=tuple(overrides),
    )
