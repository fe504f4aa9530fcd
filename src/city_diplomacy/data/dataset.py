"""Former home of the read path, kept so older imports keep working.

Import from :mod:`city_diplomacy.data.records` (record types),
:mod:`city_diplomacy.data.load` (``load`` and reading files) and
:mod:`city_diplomacy.data.package` (``Package``) instead.
"""

from __future__ import annotations

from city_diplomacy.data.load import (
    SHIPPED_DESCRIPTOR,
    load,
    package_files,
    read_descriptor,
    read_rows,
    resolve_descriptor,
    resource_paths,
)
from city_diplomacy.data.package import Package
from city_diplomacy.data.records import (
    City,
    Event,
    Membership,
    Network,
    Participation,
    Programme,
    Record,
    Source,
    Theme,
)

__all__ = [
    "SHIPPED_DESCRIPTOR",
    "City",
    "Event",
    "Membership",
    "Network",
    "Package",
    "Participation",
    "Programme",
    "Record",
    "Source",
    "Theme",
    "load",
    "package_files",
    "read_descriptor",
    "read_rows",
    "resolve_descriptor",
    "resource_paths",
]

#: Old names of :data:`SHIPPED_DESCRIPTOR` and :func:`resolve_descriptor`.
DEFAULT_DESCRIPTOR = SHIPPED_DESCRIPTOR
default_descriptor = resolve_descriptor
