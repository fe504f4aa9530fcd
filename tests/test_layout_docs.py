"""The layer picture and the README name exactly the subpackages that exist."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "city_diplomacy"


def _subpackages() -> set[str]:
    return {p.parent.name for p in PACKAGE.glob("*/__init__.py")}


def test_picture_names_every_subpackage() -> None:
    svg = ElementTree.parse(ROOT / "docs" / "contributing" / "layers.svg")
    named = {el.attrib["data-package"] for el in svg.iter() if "data-package" in el.attrib}
    assert named == _subpackages()


def test_readme_lists_every_subpackage() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `src/city_diplomacy/([a-z_]+)/` \|", text, flags=re.M))
    assert listed == _subpackages()


def test_architecture_page_lists_every_subpackage() -> None:
    text = (ROOT / "docs" / "contributing" / "architecture.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+)/` \|", text, flags=re.M))
    assert listed == _subpackages()
