"""Offline copies of the site: one language's built HTML tree as a reproducible zip.

The zip holds the tree under one folder (``site-ja/index.html`` …) so it unpacks
tidily. Entries are sorted, every timestamp is fixed and permissions are normalised,
so the same tree always gives the same bytes. ``pagefind/`` is left out: Pagefind
needs HTTP, and opened from ``file://`` the search page falls back to Sphinx's own
index, which the tree carries.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Folders and files of a built tree that an offline copy leaves out.
EXCLUDED = frozenset({"pagefind", ".buildinfo", ".doctrees"})
#: The timestamp of every entry (the earliest a zip can hold).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class OfflineError(Exception):
    """The tree to pack is missing or is not a built site."""


@dataclass(frozen=True)
class OfflineArchive:
    """What :func:`make_offline_zip` wrote."""

    path: Path
    size: int
    sha256: str
    entries: int


def tree_files(tree: Path, exclude: Iterable[str] = EXCLUDED) -> list[Path]:
    """Files of ``tree`` to pack, relative and sorted (POSIX order of their paths)."""
    skipped = set(exclude)
    found = []
    for path in Path(tree).rglob("*"):
        relative = path.relative_to(tree)
        if relative.parts[0] in skipped or not path.is_file():
            continue
        found.append(relative)
    return sorted(found, key=lambda p: p.as_posix())


def make_offline_zip(
    tree: Path,
    dest: Path,
    *,
    folder: str | None = None,
    exclude: Iterable[str] = EXCLUDED,
) -> OfflineArchive:
    """Zip the built tree ``tree`` (``<site>/<lang>/<version>``) into ``dest``.

    ``folder`` names the top folder inside the zip (default: ``dest``'s stem, e.g.
    ``site-ja``). The file is written next to ``dest`` and renamed into place, so a
    failure leaves any previous copy intact. Raises :class:`OfflineError` if ``tree``
    has no ``index.html``.
    """
    tree, dest = Path(tree), Path(dest)
    if not (tree / "index.html").is_file():
        raise OfflineError(f"{tree}: no index.html; build the site first")
    top = (folder if folder is not None else dest.stem).strip("/")
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(handle)
    files = tree_files(tree, exclude)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for relative in files:
                name = f"{top}/{relative.as_posix()}" if top else relative.as_posix()
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, so the permissions above are read back
                archive.writestr(info, (tree / relative).read_bytes(), compresslevel=9)
        os.chmod(temp, 0o644)
        os.replace(temp, dest)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    data = dest.read_bytes()
    return OfflineArchive(dest, len(data), hashlib.sha256(data).hexdigest(), len(files))
