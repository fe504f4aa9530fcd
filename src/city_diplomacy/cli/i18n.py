"""``city-diplomacy i18n …``: the translators' commands (print and exit codes only here)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from city_diplomacy.data.problems import ERROR, format_github, format_problem
from city_diplomacy.translations import I18nError, UsageError
from city_diplomacy.translations.add import add_language
from city_diplomacy.translations.check import check
from city_diplomacy.translations.stats import stats
from city_diplomacy.translations.update import UpdateResult, update

option_lang = click.option("--lang", "lang", metavar="L", help="Only this language (e.g. en).")


class _Fail(click.ClickException):
    exit_code = 1


def _guard(exc: I18nError) -> click.ClickException:
    if isinstance(exc, UsageError):
        return click.UsageError(str(exc))
    return _Fail(str(exc))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _print_update(result: UpdateResult, verb: str) -> None:
    groups = (("new", result.created), (verb, result.changed), ("removed", result.removed))
    for label, paths in groups:
        for path in paths:
            click.echo(f"{label:>8}  {path.as_posix()}")


@click.group("i18n")
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Repository root (holds docs/ and locales/).",
)
@click.pass_context
def i18n(ctx: click.Context, root: Path) -> None:
    """Translation catalogs: update, statistics, checks, new languages."""
    ctx.obj = root


@i18n.command("update")
@option_lang
@click.option("--check", "dry", is_flag=True, help="Change nothing; exit 1 if an update would.")
@click.pass_obj
def update_cmd(root: Path, lang: str | None, dry: bool) -> None:
    """Extract messages from the Japanese sources and merge them into every catalog."""
    try:
        result = update(root, lang=lang, check=dry)
    except I18nError as exc:
        raise _guard(exc) from exc
    _print_update(result, "outdated" if dry else "updated")
    if dry and result.touched:
        raise _Fail("catalogs are out of date with the sources: run `city-diplomacy i18n update`")
    if not result.touched:
        click.echo("catalogs are up to date")


@i18n.command("stats")
@option_lang
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def stats_cmd(root: Path, lang: str | None, as_json: bool) -> None:
    """Translated / fuzzy / untranslated messages per language and page."""
    try:
        result = stats(root, lang=lang)
    except I18nError as exc:
        raise _guard(exc) from exc
    if as_json:
        click.echo(json.dumps([s.as_dict() for s in result], ensure_ascii=False, indent=2))
        return
    for lang_stats in result:
        rows = [(p.page, p.counts) for p in lang_stats.pages] + [("TOTAL", lang_stats.counts)]
        width = max(len(name) for name, _ in rows)
        click.echo(f"[{lang_stats.language.code}] {lang_stats.language.english_name}")
        click.echo(f"{'page':<{width}} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'%':>6}")
        for name, c in rows:
            click.echo(
                f"{name:<{width}} {c.translated:>10} {c.fuzzy:>6} {c.untranslated:>9}"
                f" {c.percent:>6.1f}"
            )
        if lang_stats.pending_fields:
            code = lang_stats.language.code
            click.echo(
                f"site strings still in the source language: {', '.join(lang_stats.pending_fields)}"
                f" (translate them in locales/{code}/LC_MESSAGES/_chrome.po)"
            )
        click.echo("")


@i18n.command("check")
@option_lang
@click.option("--page", metavar="P", help="Only this page's catalog (e.g. index, networks/g-nets).")
@click.option("--verbose", "-v", is_flag=True, help="List every untranslated entry too.")
@click.option("--strict", is_flag=True, help="Also fail on fuzzy, untranslated and glossary.")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "github")),
    default=None,
    help="text (default), json, or github: GitHub Actions annotations (::error file=...).",
)
@click.pass_obj
def check_cmd(
    root: Path,
    lang: str | None,
    page: str | None,
    verbose: bool,
    strict: bool,
    as_json: bool,
    fmt: str | None,
) -> None:
    """Report catalog problems with file, line and fix; exit 1 on errors.

    By default every error and warning is listed except untranslated entries, which are
    counted per page (--verbose lists them). ``--format github`` prints the same problems
    as GitHub Actions annotations.
    """
    try:
        found = check(root, lang=lang, page=page)
    except I18nError as exc:
        raise _guard(exc) from exc
    problems = [replace(p, file=_rel(Path(p.file), root)) for p in found]
    errors = sum(p.severity == ERROR for p in problems)
    summary = f"{errors} error(s), {len(problems) - errors} warning(s)"
    failed = bool(errors or (strict and problems))
    if as_json or fmt == "json":
        report = {"valid": not failed, "problems": [p.to_dict() for p in problems]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        if failed:
            raise SystemExit(1)
        return
    untranslated: dict[str, int] = {}
    for p in problems:
        if p.check == "untranslated" and not verbose:
            untranslated[p.file] = untranslated.get(p.file, 0) + 1
            continue
        if fmt == "github":
            click.echo(format_github(p, title="i18n check"))
        else:
            click.echo(format_problem(p, severity=True, check=True))
    if untranslated:
        click.echo(f"untranslated entries per catalog ({sum(untranslated.values())} in all):")
        width = max(len(name) for name in untranslated)
        for name, number in sorted(untranslated.items()):
            click.echo(f"  {name:<{width}} {number:>5}")
        click.echo("  (--verbose lists each one; they show in Japanese until translated)")
    if failed:
        raise _Fail(summary)
    click.echo(summary)


@i18n.command("add")
@click.argument("code")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=80.0,
    show_default=True,
    help="Percent of translated messages above which the language shows in the switcher.",
)
@click.pass_obj
def add_cmd(root: Path, code: str, threshold: float) -> None:
    """Register language CODE and create its catalogs (next `make site` builds it)."""
    try:
        result = add_language(root, code, threshold)
    except I18nError as exc:
        raise _guard(exc) from exc
    _print_update(result, "updated")
    click.echo(f"registered {code} in locales/languages.toml; next:")
    for line in next_steps(code):
        click.echo(f"  {line}")


def next_steps(code: str) -> list[str]:
    """What ``i18n add`` tells a translator to do next (the guide's steps 3 and 4)."""
    return [
        f"translate: locales/{code}/LC_MESSAGES/_chrome.po (the site's title, labels, notice),"
        f" then the pages' .po files; rules: locales/{code}/README.md",
        f"check:     .venv/bin/city-diplomacy i18n check --lang {code}",
        f"preview:   make site LANG={code}   then   make serve",
        f"open:      http://127.0.0.1:8000/{code}/latest/",
    ]
