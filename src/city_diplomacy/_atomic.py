"""Swap a freshly built directory into place: the one atomic directory swap of the project.

A leaf utility (standard library only, no import from this package), so every layer may
use it: the site builder swaps in a whole site or a built release, the release exporter
a ``downloads/<version>/`` folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def swap_directory(staging: Path, target: Path) -> None:
    """Put the directory ``staging`` in place of ``target`` (which may not exist yet).

    Both must be on the same file system (``staging`` is best made next to ``target``).
    Only renames touch ``target``: it holds either the old or the new content at every
    moment, and the old copy is deleted last. If the second rename fails, the old copy
    is put back.
    """
    staging, target = Path(staging), Path(target)
    if not staging.is_dir():
        raise NotADirectoryError(f"{staging}: not a directory")
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        shutil.rmtree(retired, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
