"""``python -m app``: the command line, or the desktop app when no command is given."""

from __future__ import annotations

import sys


def run_gui(home: str | None = None) -> int:
    """Open the desktop app on the chosen data home."""
    from app.ui.app import run

    return run(home)


def gui_main() -> None:
    sys.exit(run_gui())


if __name__ == "__main__":
    from app.cli import main

    sys.exit(main())
