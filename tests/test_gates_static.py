"""The non-browser gates, on hand-made sites that each break one gate."""

from __future__ import annotations

import base64
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy import sitecheck
from city_diplomacy.cli import main
from city_diplomacy.sitecheck.budget import BudgetError, load_budget
from city_diplomacy.sitecheck.kinds import page_kind

SITES = Path(__file__).parent / "fixtures" / "site"
BROKEN = sorted(p.name for p in SITES.iterdir() if p.name != "good")
#: Defects only a browser sees: a request a script makes, a colour scheme.
BROWSER_ONLY = {"dark-low-contrast", "external-fetch"}


@pytest.fixture(scope="module")
def budget() -> sitecheck.Budget:
    """The repository's own budget, so the tests prove what CI enforces."""
    return load_budget()


@pytest.fixture
def oversized(tmp_path: Path, budget: sitecheck.Budget) -> Path:
    """The oversized-asset site with a script that compresses to more than the asset budget."""
    site = tmp_path / "oversized-asset"
    shutil.copytree(SITES / "oversized-asset", site)
    noise = base64.b64encode(random.Random(0).randbytes(budget.max_asset_bytes * 2)).decode()
    (site / "_static" / "huge.js").write_text(f"/* {noise} */\n")
    return site


def test_good_site_passes_every_static_gate(budget: sitecheck.Budget) -> None:
    results = sitecheck.run_static_gates(SITES / "good", budget)
    assert set(results) == {"html", "links", "origins", "weight"}
    assert results == {name: [] for name in results}


def test_invalid_tag_fails_html_gate() -> None:
    findings = sitecheck.check_html(SITES / "invalid-tag")
    assert findings
    assert all(f.gate == "html" and f.page == "index.html" for f in findings)
    assert any("frobnicate" in f.message for f in findings)
    assert findings[0].line == 12


def test_html_gate_reports_missing_java(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(sitecheck.JavaMissingError, match="needs Java"):
        sitecheck.check_html(SITES / "good")


def test_broken_anchor_fails_links_gate() -> None:
    findings = sitecheck.check_links(SITES / "broken-anchor")
    assert [(f.page, f.line) for f in findings] == [("index.html", 12)]
    assert "no id 'city-nowhere' in other.html" in findings[0].message


def test_links_gate_finds_missing_page_and_escape(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "good", site)
    page = site / "ja" / "latest" / "cities.html"
    text = page.read_text(encoding="utf-8")
    extra = '<a href="gone.html">x</a><a href="../../../outside.html">y</a></main>'
    page.write_text(text.replace("</main>", extra), encoding="utf-8")
    messages = [f.message for f in sitecheck.check_links(site)]
    assert len(messages) == 2
    assert "no such file ja/latest/gone.html" in messages[0]
    assert "leaves the site" in messages[1]


def test_links_gate_follows_links_across_languages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "good", site)
    (site / "ja" / "latest" / "cities.html").unlink()
    pages = {f.page for f in sitecheck.check_links(site)}
    assert pages == {"ja/latest/index.html", "en/latest/index.html"}


def test_external_script_fails_origins_gate() -> None:
    findings = sitecheck.check_origins(SITES / "external-script")
    assert len(findings) == 1
    assert "https://cdn.example.com/tracker.js" in findings[0].message


def test_origins_gate_reads_stylesheets(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "good", site)
    with (site / "_static" / "site.css").open("a", encoding="utf-8") as css:
        css.write('@font-face { font-family: X; src: url("https://fonts.example.org/x.woff2"); }\n')
    findings = sitecheck.check_origins(site)
    assert [f.page for f in findings] == ["_static/site.css"]


def test_oversized_asset_fails_weight_gate(oversized: Path, budget: sitecheck.Budget) -> None:
    findings = sitecheck.check_weight(oversized, budget)
    assert [f.message.split(" is ")[0] for f in findings] == ["asset _static/huge.js"]
    assert findings[0].page == "index.html"


def test_weight_counts_css_closure_and_skips_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "good", site)
    (site / "_static" / "font.woff2").write_bytes(b"\0" * 1000)
    with (site / "_static" / "site.css").open("a", encoding="utf-8") as css:
        css.write('@font-face { font-family: X; src: url("font.woff2"); }\n')
    weights = {w.page.path: w for w in sitecheck.page_weights(site)}
    home = weights["ja/latest/index.html"]
    assert [a.path for a in home.assets] == [
        "_static/font.woff2",
        "_static/map.svg",
        "_static/site.css",
    ]
    font = home.assets[0]
    assert (font.size, font.gzip_size < 100) == (1000, True)
    # A link to another page is a navigation, not part of this page's load.
    assert home.files() == {"ja/latest/index.html", *(a.path for a in home.assets)}
    assert home.transfer_bytes < home.total_bytes
    assert sitecheck.heaviest(list(weights.values()), 1) == [home]


def test_html_over_its_cap_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text('{"max_page_bytes": 100000, "max_html_bytes": 390, "max_asset_bytes": 9000}')
    findings = sitecheck.check_weight(SITES / "good", load_budget(path))
    assert {f.page for f in findings} == {"index.html", "ja/latest/index.html"}
    assert all("HTML" in f.message for f in findings)


def test_budget_override_applies_by_pattern(tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text(
        '{"max_page_bytes": 10, "max_html_bytes": 10000, "max_asset_bytes": 10000,'
        ' "overrides": [{"pattern": "*/cities.html", "max_page_bytes": 100000,'
        ' "reason": "the map"}]}'
    )
    budget = load_budget(path)
    pages = {f.page for f in sitecheck.check_weight(SITES / "good", budget)}
    assert pages == {"index.html", "ja/latest/index.html", "en/latest/index.html"}


def test_bad_budget_names_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text('{"max_page_bytes": "big", "max_html_bytes": 1, "max_asset_bytes": 1}')
    with pytest.raises(BudgetError, match=r"budget\.json: 'max_page_bytes' must be"):
        load_budget(path)


@pytest.mark.parametrize("name", BROKEN)
def test_check_site_command_exits_1_on_each_broken_site(
    name: str, oversized: Path, budget: sitecheck.Budget
) -> None:
    site = oversized if name == "oversized-asset" else SITES / name
    result = CliRunner().invoke(main, ["check-site", str(site)])
    if name in BROWSER_ONLY:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1, result.output
        assert "finding(s)" in result.output


def test_check_site_command_passes_good_site_and_lists_heaviest() -> None:
    result = CliRunner().invoke(main, ["check-site", str(SITES / "good"), "--heaviest", "2"])
    assert result.exit_code == 0, result.output
    assert "Heaviest first loads of 4 pages:" in result.output
    assert "ja/latest/index.html" in result.output.splitlines()[1]
    for gate in ("html", "links", "origins", "weight"):
        assert f"{gate}: ok" in result.output


def test_check_site_command_usage_errors() -> None:
    result = CliRunner().invoke(main, ["check-site", "/nonexistent/site"])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["check-site", str(SITES / "good"), "--gate", "nope"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("index.html", "index"),
        ("404.html", "404"),
        ("ja/latest/index.html", "ja/latest/index"),
        ("en/latest/cities.html", "en/latest/cities"),
        ("ja/latest/networks/index.html", "ja/latest/networks/index"),
        ("ja/latest/networks/g-nets.html", "ja/latest/networks/*"),
        ("ja/1.0/programmes/apaf.html", "ja/1.0/programmes/*"),
    ],
)
def test_page_kind(page: str, kind: str) -> None:
    assert page_kind(page) == kind


def test_check_site_command_has_help() -> None:
    result = CliRunner().invoke(main, ["check-site", "--help"])
    assert result.exit_code == 0
    assert "Exits 1 on" in result.output
    assert "--budget" in result.output
