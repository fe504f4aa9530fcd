"""Each recorded release is built in a virtual environment made from its own constraints.

The recorded release here is a small stand-in project whose command line speaks the
stable interface (``build --as-release``, ``release --descriptor``) and writes into its
page the version of ``polib`` it ran with and the environment it ran in. Its constraints
pin an older ``polib`` than this project's, so the page shows which environment built it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from city_diplomacy.release.versioning import Release
from city_diplomacy.sitebuild.envs import STAMP, env_key, install_commands, python_version
from city_diplomacy.sitebuild.project import BuildError
from city_diplomacy.sitebuild.releases import build_release, cached_release
from versions_support import git

#: Older than the polib of requirements/constraints.txt (1.2.0).
OLD_POLIB = "1.1.1"

_PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "stand-in-release"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["polib"]

[tool.setuptools.packages.find]
where = ["src"]
"""

_MAIN = '''\
"""A release's command line, reduced to the interface later commits call."""

import argparse
import json
import sys
from pathlib import Path

import polib

parser = argparse.ArgumentParser(prog="city_diplomacy")
commands = parser.add_subparsers(dest="command", required=True)
build = commands.add_parser("build")
build.add_argument("--project", required=True)
build.add_argument("--out", required=True)
build.add_argument("--as-release", required=True)
release = commands.add_parser("release")
release.add_argument("--descriptor", required=True)
release.add_argument("--site-dir", required=True)
args = parser.parse_args()
if args.command == "build":
    for code in ("ja", "en"):
        page = Path(args.out) / code / args.as_release / "index.html"
        page.parent.mkdir(parents=True)
        ran = {"polib": polib.__version__, "prefix": sys.prefix, "code": __file__}
        page.write_text(json.dumps(ran), encoding="utf-8")
else:
    version = json.loads(Path(args.descriptor).read_text(encoding="utf-8"))["version"]
    downloads = Path(args.site_dir) / "downloads" / version
    downloads.mkdir(parents=True)
    (downloads / "SHA256SUMS").write_text("", encoding="utf-8")
'''


@dataclass(frozen=True)
class StandIn:
    """A repository whose one commit is a release pinning ``polib==OLD_POLIB``."""

    root: Path
    release: Release
    envs: Path


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_stand_in(root: Path, polib_pin: str) -> Release:
    """Commit the stand-in project (constraints pinning ``polib_pin``) as release 0.1.0."""
    _write(root, "pyproject.toml", _PYPROJECT)
    _write(root, "requirements/constraints.txt", f"polib=={polib_pin}\n")
    _write(root, "src/city_diplomacy/__init__.py", "")
    _write(root, "src/city_diplomacy/__main__.py", _MAIN)
    _write(root, "datapackage/datapackage.json", json.dumps({"version": "0.1.0"}))
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Release 0.1.0")
    return Release("0.1.0", git(root, "rev-parse", "HEAD"), "2026-01-01")


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandIn]:
    """The stand-in repository, built once (the environment is shared by this module)."""
    base = tmp_path_factory.mktemp("envs")
    root = base / "repo"
    root.mkdir()
    release = make_stand_in(root, OLD_POLIB)
    yield StandIn(root, release, base / "envs")


def _ran(target: Path, code: str = "en") -> dict[str, str]:
    page = target / code / "0.1.0" / "index.html"
    data: dict[str, str] = json.loads(page.read_text(encoding="utf-8"))
    return data


def _only_env(envs: Path) -> Path:
    found = [p for p in envs.iterdir() if p.is_dir()]
    assert len(found) == 1, found
    return found[0]


def test_release_is_built_by_its_own_pinned_dependencies(stand_in: StandIn, tmp_path: Path) -> None:
    target = build_release(stand_in.root, stand_in.release, tmp_path / "built", stand_in.envs)
    env = _only_env(stand_in.envs)
    ran = _ran(target)
    assert ran["polib"] == OLD_POLIB  # not this project's polib 1.2.0
    assert Path(ran["prefix"]).resolve() == env.resolve()
    # its own code (from its temporary worktree), not an installed copy
    assert "worktree" in Path(ran["code"]).parts
    assert (target / "downloads" / "0.1.0" / "SHA256SUMS").is_file()
    constraints = b"polib==" + OLD_POLIB.encode() + b"\n"
    assert env.name == env_key(constraints, python_version(sys.executable))
    stamp = json.loads((env / STAMP).read_text(encoding="utf-8"))
    assert stamp["constraints_sha256"] == hashlib.sha256(constraints).hexdigest()
    assert git(stand_in.root, "worktree", "list", "--porcelain").count("worktree ") == 1


def test_second_build_reuses_the_environment(stand_in: StandIn, tmp_path: Path) -> None:
    first = build_release(stand_in.root, stand_in.release, tmp_path / "first", stand_in.envs)
    env = _only_env(stand_in.envs)
    stamp = (env / STAMP).stat().st_mtime_ns
    installed = {p.name: p.stat().st_mtime_ns for p in env.glob("lib/python*/site-packages/*")}
    sentinel = env / "sentinel"
    sentinel.write_text("made by the test", encoding="utf-8")
    second = build_release(stand_in.root, stand_in.release, tmp_path / "second", stand_in.envs)
    assert _ran(second) == {**_ran(first), "code": _ran(second)["code"]}
    assert _only_env(stand_in.envs) == env
    assert (env / STAMP).stat().st_mtime_ns == stamp
    assert sentinel.is_file()  # not made again
    again = {p.name: p.stat().st_mtime_ns for p in env.glob("lib/python*/site-packages/*")}
    assert again == installed  # nothing installed or reinstalled
    sentinel.unlink()


def test_cached_release_is_not_built_again(stand_in: StandIn, tmp_path: Path) -> None:
    cache = tmp_path / "versions"
    target = cached_release(stand_in.root, stand_in.release, cache, stand_in.envs)
    page = target / "en" / "0.1.0" / "index.html"
    page.write_text("kept", encoding="utf-8")
    assert cached_release(stand_in.root, stand_in.release, cache, stand_in.envs) == target
    assert page.read_text(encoding="utf-8") == "kept"


def test_environment_without_stamp_is_made_again(stand_in: StandIn, tmp_path: Path) -> None:
    build_release(stand_in.root, stand_in.release, tmp_path / "first", stand_in.envs)
    env = _only_env(stand_in.envs)
    (env / STAMP).unlink()  # as after an interrupted creation
    (env / "sentinel").write_text("left from the broken one", encoding="utf-8")
    target = build_release(stand_in.root, stand_in.release, tmp_path / "second", stand_in.envs)
    assert _ran(target)["polib"] == OLD_POLIB
    assert (env / STAMP).is_file() and not (env / "sentinel").exists()


def test_unresolvable_constraints_fail_naming_the_release(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    release = make_stand_in(root, "0.0.0.0.1")  # no such polib
    envs = tmp_path / "envs"
    with pytest.raises(BuildError) as raised:
        build_release(root, release, tmp_path / "built", envs)
    text = "\n".join(raised.value.problems)
    assert f"release 0.1.0 ({release.commit[:12]}): environment: pip install" in text
    assert "polib" in text
    assert not envs.exists() or list(envs.iterdir()) == []
    assert not (tmp_path / "built").exists()
    assert git(root, "worktree", "list", "--porcelain").count("worktree ") == 1


def test_a_lock_with_hashes_is_installed_hash_checked(tmp_path: Path) -> None:
    lock = tmp_path / "requirements" / "constraints.txt"
    lock.parent.mkdir()
    plain = install_commands(lock, tmp_path, b"polib==1.2.0\n")
    assert [command for command, _what in plain] == [
        ["install", "--quiet", "--disable-pip-version-check", "-c", str(lock), str(tmp_path)]
    ]
    hashed = install_commands(lock, tmp_path, b"polib==1.2.0 \\\n    --hash=sha256:00\n")
    commands = [command for command, _what in hashed]
    assert commands[0][-3:] == ["--require-hashes", "-r", str(lock)]
    assert commands[1][-3:] == ["--no-deps", "--no-build-isolation", str(tmp_path)]
