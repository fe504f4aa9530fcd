"""The layer rule of src/city_diplomacy, checked by walking every module's imports (ast).

data <- release, translations <- sphinxext <- sitebuild, sitecheck <- cli: a package may
import those below it, never those above (imports inside functions included). The Sphinx
extension renders; what it shows about releases or translations reaches it as data (the
build context), so it imports neither.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "city_diplomacy"

#: For each layer, the layers it must not import.
FORBIDDEN: dict[str, frozenset[str]] = {
    "data": frozenset({"release", "translations", "sphinxext", "sitebuild", "sitecheck", "cli"}),
    "release": frozenset({"sphinxext", "sitebuild", "sitecheck", "cli"}),
    "translations": frozenset({"sphinxext", "sitebuild", "sitecheck", "cli"}),
    "sphinxext": frozenset({"release", "translations", "sitebuild", "sitecheck", "cli"}),
    "sitebuild": frozenset({"cli"}),
    "sitecheck": frozenset({"cli"}),
}


def _layer(module: str) -> str | None:
    """``release`` for ``city_diplomacy.release.diff``; None outside the package."""
    parts = module.split(".")
    return parts[1] if parts[0] == "city_diplomacy" and len(parts) > 1 else None


def _module_name(path: Path, root: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every module name imported anywhere in ``tree`` (relative imports resolved)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name
            for alias in node.names:  # from city_diplomacy import release
                yield node.lineno, f"{name}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in {"import_module", "setup_extension"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            # importlib.import_module("city_diplomacy.x"), app.setup_extension("...")
            yield node.lineno, node.args[0].value


def violations(root: Path) -> list[str]:
    """``file:line: <layer> imports <module>`` for every import against the layer rule."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        layer = _layer(module)
        if layer not in FORBIDDEN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        seen: set[tuple[int, str]] = set()
        for line, name in _imports(tree, module, path.name == "__init__.py"):
            target = _layer(name)
            if target in FORBIDDEN[layer] and (line, target) not in seen:
                seen.add((line, target))
                where = path.relative_to(root.parent).as_posix()
                found.append(f"{where}:{line}: {layer} imports {name}")
    return found


def test_no_module_imports_a_layer_above_it() -> None:
    assert violations(PACKAGE) == []


def _plant(root: Path, files: dict[str, str]) -> Path:
    package = root / "city_diplomacy"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"sphinxext/__init__.py": "", "sphinxext/cite.py": "import os\n\n\ndef f():\n"
             "    from city_diplomacy.release.citation import bibtex\n    return bibtex\n"},
            ["city_diplomacy/sphinxext/cite.py:5: sphinxext imports city_diplomacy.release"
             ".citation"],
        ),
        (
            {"sphinxext/__init__.py": "from ..translations import stats\n"},
            ["city_diplomacy/sphinxext/__init__.py:1: sphinxext imports city_diplomacy"
             ".translations"],
        ),
        (
            {"data/x.py": "from city_diplomacy import sitebuild\n"},
            ["city_diplomacy/data/x.py:1: data imports city_diplomacy.sitebuild"],
        ),
        (
            {"sitecheck/run.py": "import importlib\n"
             "importlib.import_module('city_diplomacy.cli')\n"},
            ["city_diplomacy/sitecheck/run.py:2: sitecheck imports city_diplomacy.cli"],
        ),
        (
            {"release/diff.py": "from city_diplomacy.data import load\n",
             "sitebuild/build.py": "from city_diplomacy.sphinxext import context\n"},
            [],
        ),
    ],
)  # fmt: skip
def test_the_checker_catches_a_planted_violation(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    assert violations(_plant(tmp_path, files)) == expected
