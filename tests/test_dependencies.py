"""pyproject.toml declares exactly what the code uses, both ways.

Runtime dependencies against the imports of ``src/``; dev dependencies against the
imports of ``tests/`` and ``benchmarks/``. Import names map to distributions through
``importlib.metadata.packages_distributions()``. A dependency that is used but never
imported (a Sphinx theme named in conf.py, a command the Makefile runs) is listed in
:data:`USED_WITHOUT_IMPORT` with the file and text that prove the use.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterable
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Declared, used, not imported: distribution -> (file, text showing the use).
USED_WITHOUT_IMPORT: dict[str, tuple[str, str]] = {
    "myst-parser": ("docs/conf.py", '"myst_parser"'),  # Sphinx extension loaded by name
    "furo": ("docs/conf.py", 'html_theme = "furo"'),  # Sphinx theme loaded by name
    "sphinx-intl": ("docs/translators.md", "sphinx-intl update"),  # translators' command
    "pagefind": ("pyproject.toml", '"pagefind[extended]'),  # binary via pagefind_bin_extended
    "ruff": ("Makefile", "$(BIN)/ruff check"),
    "mypy": ("Makefile", "$(BIN)/mypy"),
    "pip-tools": ("Makefile", "$(BIN)/pip-compile"),
    # The downloads page's pandas recipe, run by tests/test_export_columnar.py.
    "pandas": ("docs/data/downloads.md", "import pandas as pd"),
    # `city-diplomacy explore` runs `python -m datasette` (the [explore] extra).
    "datasette": ("src/city_diplomacy/cli/explore.py", '"-m", "datasette"'),
}
#: Import names whose distribution comes through a declared one's extra.
PROVIDED_BY = {"pagefind_bin_extended": "pagefind"}
#: Third-party imports allowed in src/ from a dev dependency: module -> the one src file.
DEV_ONLY_IN_SRC = {
    # The browser gates run in the test suite only; `check-site` runs the static ones.
    "playwright": "src/city_diplomacy/sitecheck/browser.py",
}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[set[str], set[str]]:
    """(runtime, dev) distribution names from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: Iterable[str]) -> set[str]:
        found = (re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r) for r in requirements)
        return {normalize(m.group(0)) for m in found if m}

    return names(project["dependencies"]), names(project["optional-dependencies"]["dev"])


def imports(path: Path) -> set[str]:
    """Top-level module names a file imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def third_party(folders: Iterable[str]) -> dict[str, set[str]]:
    """Third-party import name -> the files (relative) that import it."""
    local = {"city_diplomacy"}
    files = [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]
    local |= {p.stem for p in files}
    found: dict[str, set[str]] = {}
    for path in files:
        for name in imports(path) - local - set(sys.stdlib_module_names) - {"__future__"}:
            found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


def distributions(modules: Iterable[str]) -> dict[str, str]:
    """Import name -> the (normalized) distribution providing it."""
    index = packages_distributions()
    mapping = {}
    for module in modules:
        if module in PROVIDED_BY:
            mapping[module] = PROVIDED_BY[module]
        else:
            assert module in index, f"{module} is imported but no installed distribution has it"
            mapping[module] = normalize(index[module][0])
    return mapping


SRC = third_party(["src"])
DEV = third_party(["tests", "benchmarks"])


def test_src_imports_are_runtime_dependencies() -> None:
    runtime, _ = declared()
    undeclared = {
        module: dist
        for module, dist in distributions(SRC).items()
        if dist not in runtime and module not in DEV_ONLY_IN_SRC
    }
    assert undeclared == {}, "imported by src/ but not in [project] dependencies"


def imported_modules(path: Path) -> set[str]:
    """Full dotted names a file imports, ``from a import b`` counted as ``a`` and ``a.b``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("module", sorted(DEV_ONLY_IN_SRC))
def test_dev_only_imports_stay_in_their_module(module: str) -> None:
    _, dev = declared()
    assert distributions([module])[module] in dev
    assert SRC[module] == {DEV_ONLY_IN_SRC[module]}
    owner = DEV_ONLY_IN_SRC[module].removeprefix("src/").removesuffix(".py").replace("/", ".")
    importers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "src").rglob("*.py")
        if owner in imported_modules(p)
    ]
    assert importers == [], f"src/ imports {owner}, which needs a dev dependency"


def test_test_and_benchmark_imports_are_declared() -> None:
    runtime, dev = declared()
    undeclared = {
        module: dist for module, dist in distributions(DEV).items() if dist not in runtime | dev
    }
    assert undeclared == {}, "imported by tests/ or benchmarks/ but not declared"


def test_every_runtime_dependency_is_used() -> None:
    runtime, _ = declared()
    used = set(distributions(SRC).values()) | set(USED_WITHOUT_IMPORT)
    assert runtime - used == set(), "declared in [project] dependencies, never used by src/"


def test_every_dev_dependency_is_used() -> None:
    runtime, dev = declared()
    used = set(distributions(DEV).values()) | set(distributions(SRC).values())
    assert dev - runtime - used - set(USED_WITHOUT_IMPORT) == set(), "dev dependency unused"


@pytest.mark.parametrize("dist", sorted(USED_WITHOUT_IMPORT))
def test_uses_without_import_are_real(dist: str) -> None:
    runtime, dev = declared()
    assert dist in runtime | dev, f"{dist} is allow-listed but not declared"
    path, evidence = USED_WITHOUT_IMPORT[dist]
    assert evidence in (ROOT / path).read_text(encoding="utf-8"), f"{path} no longer uses {dist}"


def test_dependencies_are_pinned_in_the_lock() -> None:
    runtime, dev = declared()
    lock = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    pinned = {normalize(m) for m in re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock, re.M)}
    assert runtime | dev <= pinned
