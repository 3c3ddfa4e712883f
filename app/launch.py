"""Opening the desktop app, shared by ``python -m app``, the ``muster-gui`` script and the
command line (``muster`` with no command opens the window)."""

from __future__ import annotations

import sys


def unlock_ahead(home: str | None) -> None:
    """Start the key derivation for ``MUSTER_PASSPHRASE`` before the app's imports.

    The passphrase given in the environment is what the unlock screen would hand
    over; its Argon2id run (about 0.1 s, the GIL released) then overlaps loading
    PySide6 and the window's modules, and the unlock finds its result ready (see
    ``app.services.vault.keyfile.derive_ahead``). Without one, nothing is read here:
    the unlock screen comes first.
    """
    import os

    from app.paths import get_paths
    from app.services.vault import PASSPHRASE_ENV
    from app.services.vault.keyfile import derive_ahead

    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if not passphrase:
        return
    try:
        data_key = get_paths(home).data_key
    except OSError:
        return  # the start-up explains an unreadable folder
    derive_ahead(data_key, passphrase)  # nothing without a key file: a new or plaintext folder


def run_gui(home: str | None = None) -> int:
    """Open the desktop app on the chosen data home.

    The Qt-free modules the start-up needs (SQLAlchemy, the models, those of
    ``_import_before_qt``) are imported before PySide6 on purpose: once PySide6 is
    loaded, shiboken inspects the source of every module imported after it (its
    ``__feature__`` hook), which costs ~0.15 s for SQLAlchemy alone. Measured by
    ``benchmarks/bench_startup.py``.
    """
    unlock_ahead(home)
    _import_before_qt()
    from app.ui.app import run

    return run(home)


def _import_before_qt() -> None:
    """The Qt-free modules the start-up needs anyway, loaded before PySide6 (see run_gui):
    the unlock's thread and the window's worker, the single-instance lock's user name, the
    translations' catalogue, unwrapping the data key, the database's address, the report
    figures' write hook, the logs, Tools > Retention's service, the trainings list.

    Leaving one out only costs time; one the start-up no longer needs should go.
    """
    import concurrent.futures.thread  # noqa: F401
    import getpass  # noqa: F401
    import xml.etree.ElementTree  # noqa: F401

    import cryptography.exceptions
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401

    import app.db.server
    import app.logs
    import app.services.audit.retention
    import app.services.figures
    import app.services.installation
    import app.services.trainings  # noqa: F401


def gui_main() -> None:
    """The ``muster-gui`` script: start-up without the cyclic collector (app.gc_pause)."""
    from app import gc_pause

    gc_pause.pause()
    sys.exit(run_gui())
