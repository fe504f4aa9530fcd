"""``python -m city_diplomacy``: the CLI, also runnable from another checkout's ``src``."""

from .cli import main

main()
