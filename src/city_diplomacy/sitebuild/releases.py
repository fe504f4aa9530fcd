"""Build one recorded release from its own commit, in its own environment, and cache it.

The commit is checked out with ``git worktree add --detach`` into a temporary folder and
built by that commit's own command line (``python -m city_diplomacy build --as-release``;
releases older than that option go through :mod:`city_diplomacy.sitebuild.legacy_release`,
run by path), together with its dataset downloads (that commit's ``city-diplomacy
release``), all through the interpreter of the release's environment
(:mod:`city_diplomacy.sitebuild.envs`). A recorded release never changes, so its output is
cached under ``build/.cache/versions/<commit>/`` and reused.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from city_diplomacy._atomic import swap_directory
from city_diplomacy.data.load import PROJECT_DESCRIPTOR, LoadError, load
from city_diplomacy.release.jsonapi import write_api
from city_diplomacy.release.versioning import GitError, Release, git
from city_diplomacy.sitebuild.envs import EnvError, release_env
from city_diplomacy.sitebuild.project import BuildError

DOWNLOADS = "downloads"
API = "api"
COMPLETE = ".complete"
#: Run by path for releases whose command line has no ``build --as-release`` (1.0.0).
LEGACY_BUILDER = Path(__file__).with_name("legacy_release.py")


def _run(command: Sequence[str], cwd: Path, env: dict[str, str], what: str) -> None:
    result = subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()][-20:]
        raise BuildError([f"{what}: {line}" for line in lines] or [f"{what}: failed"])


def _has_as_release(python: str, tree: Path, env: dict[str, str], command: str = "build") -> bool:
    """Whether the release's own command line can build it (``<command> --as-release``)."""
    result = subprocess.run(
        [python, "-m", "city_diplomacy", command, "--help"],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.returncode == 0 and "--as-release" in result.stdout


def _keep(out: Path, version: str, kept: Path) -> None:
    """Copy the release's trees and downloads out of its build folder ``out``."""
    kept.mkdir()
    for lang_dir in sorted(p for p in out.iterdir() if p.is_dir()):
        source = lang_dir / version
        if lang_dir.name != DOWNLOADS and source.is_dir():
            shutil.copytree(source, kept / lang_dir.name / version, symlinks=True)
    downloads = out / DOWNLOADS / version
    if downloads.is_dir():
        shutil.copytree(downloads, kept / DOWNLOADS / version)


def _write_api(descriptor: Path, target: Path) -> None:
    """The JSON API of a release's data, written by today's code when today's record types
    read that data. A release older than the API (1.0.0: its ``sources`` table lacks
    columns today's records need) gets none here; the assembled site adds one, made from
    the release's published zip by schema alone (:mod:`.supplements`), outside this
    cache."""
    try:
        package = load(descriptor)
    except LoadError:
        return
    write_api(package, target)


def build_release(
    root: Path, release: Release, target: Path, envs: Path, python: str = sys.executable
) -> Path:
    """Build ``release`` (all languages and its downloads) into ``target`` from its own commit.

    ``target`` ends up holding ``<lang>/<version>/`` trees and ``downloads/<version>/``.
    ``envs`` is the folder of the cached environments; ``python`` makes a missing one.
    The temporary worktree is removed even when the build fails.
    """
    what = f"release {release.version} ({release.commit[:12]})"
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".release-{release.version}-", dir=target.parent))
    tree = work / "worktree"
    out = work / "site"
    try:
        try:
            git(root, "worktree", "add", "--detach", str(tree), release.commit)
        except GitError as exc:
            hint = "the clone lacks that commit (a shallow clone? run `git fetch --unshallow`)"
            raise BuildError([f"{what}: {exc}", f"{what}: {hint}"]) from exc
        try:
            env = release_env(tree, envs, python)
        except EnvError as exc:
            lines = str(exc).splitlines()
            raise BuildError([f"{what}: environment: {line}" for line in lines]) from exc
        variables = env.environ(tree)
        interpreter = str(env.python)
        if _has_as_release(interpreter, tree, variables):
            command = [interpreter, "-m", "city_diplomacy", "build", "--project", str(tree),
                       "--out", str(out), "--as-release", release.version]  # fmt: skip
        else:
            command = [interpreter, str(LEGACY_BUILDER), str(tree), str(out), release.version]
        _run(command, tree, variables, what)
        descriptor = tree / PROJECT_DESCRIPTOR
        export = [interpreter, "-m", "city_diplomacy", "release", "--descriptor",
                  str(descriptor), "--site-dir", str(out)]  # fmt: skip
        # a release's own export names its files after it only when told it is one (its
        # worktree's releases.json does not record it yet); older ones always did
        if _has_as_release(interpreter, tree, variables, "release"):
            export += ["--as-release", release.version]
        _run(export, tree, variables, f"{what} downloads")
        kept = work / "kept"
        _keep(out, release.version, kept)
        _write_api(descriptor, kept / API / release.version)
        (kept / COMPLETE).write_text(release.commit + "\n", encoding="utf-8")
        swap_directory(kept, target)
    finally:
        with contextlib.suppress(GitError):
            git(root, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(GitError):
            git(root, "worktree", "prune")
    return target


def cached_release(
    root: Path, release: Release, cache: Path, envs: Path, python: str = sys.executable
) -> Path:
    """The built output of ``release``, from the cache ``cache/<commit>`` or built now."""
    target = cache / release.commit
    if (target / COMPLETE).is_file():
        return target
    return build_release(root, release, target, envs, python)
