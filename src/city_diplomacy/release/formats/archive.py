"""Reproducible bytes: one fixed timestamp per release and zip files without wall-clock dates."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

#: The earliest date a zip entry can carry.
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def release_timestamp(descriptor: Mapping[str, Any]) -> datetime:
    """The one timestamp every artifact embeds: the package's ``created``.

    Falls back to ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), then
    to 1980-01-01, never to the clock.
    """
    created = descriptor.get("created")
    if isinstance(created, str) and created:
        when = datetime.fromisoformat(created.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(when.astimezone(UTC), ZIP_EPOCH)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return max(datetime.fromtimestamp(int(epoch), tz=UTC), ZIP_EPOCH)
    return ZIP_EPOCH


def deterministic_zip(entries: Iterable[tuple[str, bytes]], when: datetime) -> bytes:
    """A deflated zip of ``entries`` in the given order, every entry dated ``when``.

    Attributes are fixed too (Unix, mode 0644), so the bytes depend only on the
    entries, the date and the zlib in use.
    """
    stamp = when.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def renormalize_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip (an XLSX written by a library) with fixed dates, keeping entry order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return deterministic_zip(entries, when)
