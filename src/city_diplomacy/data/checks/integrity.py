"""``bytes`` and ``hash`` of a resource, when the descriptor states them."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from city_diplomacy.data.problems import Problem

ALGORITHMS = ("md5", "sha1", "sha256", "sha512")


def check(resource: Mapping[str, Any], raw: bytes, file: str) -> list[Problem]:
    """Compare the declared size and hash with the file's bytes."""
    problems = []
    declared_bytes = resource.get("bytes")
    if isinstance(declared_bytes, int) and declared_bytes != len(raw):
        problems.append(
            Problem(
                file,
                None,
                "bytes",
                f"the descriptor says {declared_bytes} bytes but the file has {len(raw)} "
                "(update bytes after editing the file)",
                str(declared_bytes),
                "integrity",
            )
        )
    declared_hash = resource.get("hash")
    if isinstance(declared_hash, str):
        algorithm, _, digest = declared_hash.rpartition(":")
        algorithm = algorithm or "md5"  # Data Package: a bare hash is MD5
        if algorithm not in ALGORITHMS:
            problems.append(
                Problem(
                    file,
                    None,
                    "hash",
                    f"unknown hash algorithm {algorithm!r} (use one of {', '.join(ALGORITHMS)})",
                    declared_hash,
                    "integrity",
                )
            )
        else:
            actual = hashlib.new(algorithm, raw).hexdigest()
            if actual != digest.lower():
                problems.append(
                    Problem(
                        file,
                        None,
                        "hash",
                        f"the descriptor's {algorithm} hash does not match the file "
                        f"({algorithm}:{actual}); update hash after editing the file",
                        declared_hash,
                        "integrity",
                    )
                )
    return problems
