"""Opening the desktop app, shared by ``python -m app``, the ``muster-gui`` script and the
command line (``muster`` with no command opens the window)."""

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
    """The ``muster-gui`` script: start-up without the cyclic collector (app.gc_pause)."""
    from app import gc_pause

    gc_pause.pause()
    sys.exit(run_gui())
