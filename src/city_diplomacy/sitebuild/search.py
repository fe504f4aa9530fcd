"""Offline search: run Pagefind (extended build, with Japanese segmentation) on a site tree."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed on a tree; the message carries its output."""


@functools.cache
def pagefind_executable() -> list[str]:
    """The extended Pagefind binary itself (``python -m pagefind`` only finds and starts it,
    which costs a third of a second per run); that wrapper if the binary is not found."""
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except (ImportError, OSError):
        return [sys.executable, "-m", "pagefind"]


def pagefind_command(tree: Path) -> list[str]:
    """The Pagefind invocation for one language tree (writes ``<tree>/pagefind/``)."""
    # --keep-index-url: result links name index.html files explicitly, so they also work
    # where no server maps a directory to its index.html.
    return [
        *pagefind_executable(),
        "--site", str(tree),
        "--keep-index-url",
        # Sphinx's "¶" permalinks would otherwise end every result title.
        "--exclude-selectors", ".headerlink",
        "--quiet",
    ]  # fmt: skip


def start_index(tree: Path) -> subprocess.Popen[bytes]:
    """Start Pagefind on one tree; :func:`finish_index` waits for it."""
    return subprocess.Popen(
        pagefind_command(tree), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def finish_index(tree: Path, process: subprocess.Popen[bytes]) -> str | None:
    """Wait for a Pagefind run; what went wrong, or None."""
    output, _ = process.communicate()
    if process.returncode != 0:
        text = output.decode("utf-8", "replace").strip()
        return f"pagefind failed on {tree} (exit {process.returncode}): {text}"
    if not (tree / "pagefind" / "pagefind-ui.js").is_file():
        return f"pagefind wrote no search UI into {tree / 'pagefind'}"
    return None


def index_trees(trees: Sequence[Path]) -> None:
    """Index every tree, concurrently; raise :class:`SearchIndexError` if any run fails."""
    running = [(tree, start_index(tree)) for tree in trees]
    failures = [failure for tree, process in running if (failure := finish_index(tree, process))]
    if failures:
        raise SearchIndexError("\n".join(failures))
