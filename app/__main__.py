"""``python -m app``: the command line, or the desktop app when no command is given."""

from __future__ import annotations

import sys


def run_gui(home: str | None = None) -> int:
    """Open the desktop app on the chosen data home.

    The Qt-free core (SQLAlchemy and the models) is imported before PySide6 on
    purpose: once PySide6 is loaded, shiboken inspects the source of every module
    imported after it (its ``__feature__`` hook), which costs ~0.15 s for
    SQLAlchemy alone. Measured by ``benchmarks/bench_startup.py``.
    """
    import app.services.installation
    import app.services.trainings  # noqa: F401
    from app.ui.app import run

    return run(home)


def gui_main() -> None:
    sys.exit(run_gui())


if __name__ == "__main__":
    from app.cli import main

    sys.exit(main())
