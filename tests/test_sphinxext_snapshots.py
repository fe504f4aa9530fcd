"""Snapshots of rendered blocks (pytest-regressions), so a refactor cannot change pages unseen.

A small project on the fixture package (in a git repository with two releases and an
unreleased edit) is built in Japanese and English; the HTML of a members table, the
downloads block, the citation and the changelog, and the downloads page's JSON-LD, are
compared with the files in ``tests/test_sphinxext_snapshots/``. What depends on the
machine or on the export libraries is replaced first: temporary paths, Sphinx's download
folder digests, release-file sizes and SHA-256 digests. After an intended change of the
output, regenerate with ``pytest tests/test_sphinxext_snapshots.py --force-regen`` and
review the diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pytest_regressions.file_regression import FileRegressionFixture

from test_publish_changelog import make_repo
from test_sphinxext import Build, make_project, run_build

PAGES = {
    "index.md": "# トップ\n\n```{toctree}\nmembers\ndownloads\ncite\nchangelog\n```\n",
    "members.md": "# 会員\n\n```{cd-members} anmc21\n```\n",
    "downloads.md": "# ダウンロード\n\n```{cd-downloads}\n```\n",
    "cite.md": "# 引用\n\n```{cd-citation}\n```\n",
    "changelog.md": "# 変更履歴\n\n```{cd-changelog}\n```\n",
}
_SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
_DOWNLOAD_DIR = re.compile(r"_downloads/[0-9a-f]{32}/")
_SIZE = re.compile(r"\d[\d,]* B \(\d+\.\d KiB\)")


def normalize(text: str, root: Path) -> str:
    """``text`` without what varies between machines and library versions."""
    text = text.replace(str(root), "<tmp>")
    text = _DOWNLOAD_DIR.sub("_downloads/<digest>/", text)
    text = _SHA256.sub("<sha256>", text)
    return _SIZE.sub("<size>", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Build, Path]]:
    root = tmp_path_factory.mktemp("snapshots")
    repo = make_repo(root / "repo")
    out: dict[str, tuple[Build, Path]] = {}
    for language in ("ja", "en"):
        # One project (and output folder) per language: a page is read after both builds.
        src = make_project(
            root / f"project-{language}",
            PAGES,
            datapackage=repo.root / "datapackage",
            repository=repo.root,
        )
        result = run_build(src, language=language)
        assert result.warnings == ""
        out[language] = (result, root)
    return out


def block(page: str, selector: str) -> str:
    """The prettified HTML of the page's element matching ``selector``."""
    soup = BeautifulSoup(page, "html.parser")
    found = soup.select(selector)
    assert found, selector
    return "\n".join(node.prettify() for node in found)


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    ("page", "selector"),
    [
        ("members", "div.cd-members"),
        ("downloads", "div.cd-downloads"),
        ("cite", "div.cd-citation"),
        ("changelog", "section.cd-changelog-section"),
    ],
)
def test_rendered_block_matches_its_snapshot(
    built: dict[str, tuple[Build, Path]],
    file_regression: FileRegressionFixture,
    language: str,
    page: str,
    selector: str,
) -> None:
    result, root = built[language]
    html = block(result.page(f"{page}.html"), selector)
    file_regression.check(normalize(html, root), basename=f"{page}-{language}", extension=".html")


def test_dataset_jsonld_matches_its_snapshot(
    built: dict[str, tuple[Build, Path]], file_regression: FileRegressionFixture
) -> None:
    result, root = built["ja"]
    head = BeautifulSoup(result.page("downloads.html"), "html.parser").head
    assert head is not None
    scripts = [json.loads(s.get_text()) for s in head.select('script[type="application/ld+json"]')]
    assert len(scripts) == 1
    for entry in scripts[0]["distribution"]:
        entry["contentSize"] = "<size>" if "contentSize" in entry else None
    text = json.dumps(scripts[0], ensure_ascii=False, indent=2) + "\n"
    file_regression.check(normalize(text, root), basename="downloads-jsonld", extension=".json")
