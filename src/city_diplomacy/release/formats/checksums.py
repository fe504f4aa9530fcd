"""``SHA256SUMS``: one ``<hex>  <name>`` line per file, as ``sha256sum`` writes and checks."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


def sha256sums(files: Mapping[str, bytes]) -> bytes:
    """The checksum file for ``files`` (name to bytes), sorted by name."""
    lines = [f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def parse_sha256sums(text: str) -> dict[str, str]:
    """Name to hex digest, from a ``SHA256SUMS`` text."""
    result: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split("  ", 1)
            result[name] = digest
    return result
