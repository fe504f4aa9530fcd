"""The descriptor as published: each resource with its ``bytes`` and ``hash``.

The data package zip and the unpacked package under ``downloads/<version>/datapackage/``
carry these bytes; the pages that link to them show their size and SHA-256.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from city_diplomacy.data.package import Package

#: The folder of the unpacked data package under ``downloads/<version>/``.
PUBLISHED_DIR = "datapackage"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def published_descriptor(package: Package) -> dict[str, Any]:
    """The descriptor with ``bytes`` and ``hash`` (``sha256:…``, Data Package 2.0) per resource."""
    descriptor: dict[str, Any] = copy.deepcopy(dict(package.descriptor))
    for resource in descriptor.get("resources", []):
        data = (package.root / resource["path"]).read_bytes()
        resource["bytes"] = len(data)
        resource["hash"] = f"sha256:{sha256_hex(data)}"
    return descriptor


def descriptor_bytes(descriptor: Mapping[str, Any]) -> bytes:
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def published_files(package: Package) -> dict[str, bytes]:
    """Path (relative to the package) to bytes: the published descriptor, then each data file."""
    files = {"datapackage.json": descriptor_bytes(published_descriptor(package))}
    for resource in package.descriptor.get("resources", []):
        files[str(resource["path"])] = (package.root / resource["path"]).read_bytes()
    return files
