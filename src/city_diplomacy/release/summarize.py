"""Fill the release-summary cache in a process of its own.

``python -m city_diplomacy.release.summarize DESCRIPTOR CACHE_DIR VERSION`` is what
:func:`city_diplomacy.release.export.summary_process` starts while the site build does
other work, for the package exported as ``VERSION`` (a development version unless the
tree is a recorded release). It reports nothing: a failure shows on the downloads page,
with its location.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from city_diplomacy.data.load import load
from city_diplomacy.release.export import release_summary, with_version


def main(argv: list[str]) -> int:
    descriptor, cache_dir, version = argv
    with contextlib.suppress(Exception):
        release_summary(with_version(load(descriptor), version), Path(cache_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
