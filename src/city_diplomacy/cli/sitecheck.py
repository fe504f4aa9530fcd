"""``city-diplomacy check-site``: print the findings of the non-browser quality gates.

Exit codes: 0 no finding, 1 findings (or a gate that cannot run), 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from city_diplomacy import sitecheck


@click.command("check-site")
@click.argument(
    "site_dir",
    required=False,
    default="build/site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--budget",
    "budget_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Page-weight budget file (default: site-budget.json of the checkout).",
)
@click.option(
    "--gate",
    "gates",
    multiple=True,
    type=click.Choice(list(sitecheck.STATIC_GATES)),
    help="Run only this gate (repeatable; default: every non-browser gate).",
)
@click.option("--heaviest", default=5, show_default=True, help="How many heaviest pages to list.")
def check_site(
    site_dir: Path, budget_path: Path | None, gates: tuple[str, ...], heaviest: int
) -> None:
    """Run the non-browser quality gates on a built site (default: build/site).

    Gates: valid HTML (Nu Html Checker, needs Java), internal links and anchors, no
    resource from another origin, page weight within the budget. Exits 1 on findings.
    """
    try:
        budget = sitecheck.load_budget(budget_path)
        results = sitecheck.run_static_gates(site_dir, budget, list(gates) or None)
    except (sitecheck.BudgetError, sitecheck.JavaMissingError) as exc:
        raise click.ClickException(str(exc)) from exc
    pages = len(sitecheck.html_pages(site_dir))
    if "weight" in results and heaviest > 0:
        click.echo(f"Heaviest first loads of {pages} pages:")
        for weight in sitecheck.heaviest(sitecheck.page_weights(site_dir), heaviest):
            limit = budget.page_limit(weight.page.path)
            click.echo(
                f"  {weight.transfer_bytes:>9,} B gzipped ({weight.total_bytes:>9,} B stored), "
                f"budget {limit:,}  {weight.page.path}"
            )
    total = 0
    for gate, findings in results.items():
        total += len(findings)
        status = "ok" if not findings else f"{len(findings)} finding(s)"
        click.echo(f"{gate}: {status}")
        for finding in findings:
            click.echo(f"  {finding}")
    if total:
        click.echo(f"{total} finding(s) on {site_dir}", err=True)
        raise SystemExit(1)
