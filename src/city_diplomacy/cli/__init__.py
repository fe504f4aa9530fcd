"""Command-line interface: parses arguments, calls the library, prints, sets exit codes.

Exit codes: 0 success, 1 the input is invalid (bad data, bad catalog), 2 usage error.
"""

from __future__ import annotations

import click

from city_diplomacy import __version__
from city_diplomacy.cli.editing import add, lookup
from city_diplomacy.cli.explore import explore_command
from city_diplomacy.cli.i18n import i18n
from city_diplomacy.cli.release import COMMANDS as RELEASE_COMMANDS
from city_diplomacy.cli.site import build_command, serve_command
from city_diplomacy.cli.sitecheck import check_site
from city_diplomacy.cli.sources import check_sources_command
from city_diplomacy.cli.validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="city-diplomacy")
def main() -> None:
    """Data and documentation of Tokyo's multilateral city diplomacy."""


main.add_command(validate_command)
main.add_command(build_command)
main.add_command(serve_command)
main.add_command(i18n)
main.add_command(check_site)
main.add_command(check_sources_command)
main.add_command(explore_command)
main.add_command(lookup)
main.add_command(add)
for _command in RELEASE_COMMANDS:
    main.add_command(_command)
