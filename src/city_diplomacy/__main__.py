"""``python -m city_diplomacy``: the CLI, also runnable from another checkout's ``src``."""

from city_diplomacy.cli import main

main()
