"""Virtual environments in which recorded releases are built, each with its own dependencies.

A release is built by the code of its commit, and that code expects the libraries it was
written against (Sphinx, MyST, Babel … at the versions of that commit's
``requirements/constraints.txt``). So each release gets a virtual environment made from
its own constraints: ``python -m venv``, then ``pip install -c <constraints> <worktree>``
(non-editable: the worktree is temporary; the builder's pip installs into the environment
through ``pip --python``), or, for a lock with hashes, ``pip install --require-hashes -r
<lock>`` and the project without dependencies. Environments are cached under
``build/.cache/envs/<key>/``, the key being the SHA-256 of the constraints file and the
Python version, so releases that pin the same versions share one; a stamp file written
last marks an environment complete, and one without it (a failed or interrupted
creation) is made again. The release's own ``src/`` goes first on ``PYTHONPATH`` when it
is built, so a shared environment always runs that release's code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The files that pin a commit's dependencies, first found wins (relative to its root).
CONSTRAINT_FILES = ("requirements/constraints.txt",)
#: Written last into a complete environment.
STAMP = "city-diplomacy-env.json"


class EnvError(RuntimeError):
    """An environment could not be made; the message says which step failed and why."""


@dataclass(frozen=True)
class ReleaseEnv:
    """A virtual environment for building releases."""

    path: Path

    @property
    def python(self) -> Path:
        """Its interpreter."""
        return self.path / "bin" / "python"

    @property
    def stamp(self) -> Path:
        """Present only once the environment is complete."""
        return self.path / STAMP

    def ready(self) -> bool:
        """Whether the environment was made completely (and may be reused)."""
        return self.stamp.is_file() and self.python.exists()

    def environ(self, tree: Path) -> dict[str, str]:
        """Variables for running the code of the release checked out at ``tree`` here."""
        env = {**os.environ, "PYTHONPATH": str(tree / "src"), "VIRTUAL_ENV": str(self.path)}
        env["PATH"] = os.pathsep.join([str(self.path / "bin"), env.get("PATH", "")])
        env.pop("PYTHONHOME", None)
        return env


def constraints_file(tree: Path) -> Path:
    """The file pinning the dependencies of the checkout ``tree`` (EnvError if none)."""
    for name in CONSTRAINT_FILES:
        if (tree / name).is_file():
            return tree / name
    names = " or ".join(CONSTRAINT_FILES)
    raise EnvError(f"no {names} in that commit: its dependencies are unknown")


def python_version(python: str) -> str:
    """The full version of the interpreter ``python`` (``3.11.7``)."""
    if Path(python) == Path(sys.executable):
        return ".".join(str(part) for part in sys.version_info[:3])
    result = subprocess.run([python, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.split()[-1]  # "Python 3.11.7"


def env_key(constraints: bytes, version: str) -> str:
    """The cache key of an environment: SHA-256 of the constraints and the Python version."""
    return hashlib.sha256(constraints + b"\0python " + version.encode()).hexdigest()


def install_commands(constraints: Path, tree: Path, data: bytes) -> list[tuple[list[str], str]]:
    """The pip commands (after ``pip``) that install the checkout ``tree`` as it pins.

    A lock with hashes (``pip-compile --generate-hashes``, as ``make venv`` uses it) is
    installed hash-checked, then the project without dependencies (pip cannot hash a
    folder); plain pins are constraints of one ``pip install`` of the project.
    """
    name = constraints.relative_to(tree).as_posix()
    quiet = ["install", "--quiet", "--disable-pip-version-check"]
    if b"--hash=" in data:
        return [
            ([*quiet, "--require-hashes", "-r", str(constraints)], f"pip install -r {name}"),
            ([*quiet, "--no-deps", "--no-build-isolation", str(tree)], "pip install (project)"),
        ]
    return [([*quiet, "-c", str(constraints), str(tree)], f"pip install -c {name}")]


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()][-15:]
        raise EnvError("\n".join([f"{what} failed (exit {result.returncode}):", *lines]))


def release_env(tree: Path, cache: Path, python: str = sys.executable) -> ReleaseEnv:
    """The environment for the release checked out at ``tree``: reused, or made now.

    ``python`` (which must have pip) makes the environment (on its base interpreter, when
    it runs in a virtual environment itself) and installs into it. Raises
    :class:`EnvError` and leaves no partial environment.
    """
    constraints = constraints_file(tree)
    data = constraints.read_bytes()
    version = python_version(python)
    env = ReleaseEnv(Path(cache).resolve() / env_key(data, version))
    if env.ready():
        return env
    shutil.rmtree(env.path, ignore_errors=True)
    env.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # No pip inside (ensurepip costs more than the rest): the pip of ``python``
        # installs into the environment through --python.
        _run([python, "-m", "venv", "--without-pip", str(env.path)], "python -m venv")
        for command, what in install_commands(constraints, tree, data):
            _run([python, "-m", "pip", "--python", str(env.python), *command], what)
        stamp = {
            "python": version,
            "constraints_sha256": hashlib.sha256(data).hexdigest(),
        }
        env.stamp.write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(env.path, ignore_errors=True)
        raise
    return env
