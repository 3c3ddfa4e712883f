"""Opening the desktop app, shared by ``python -m app``, the ``muster-gui`` script and the
command line (``muster`` with no command opens the window)."""

from __future__ import annotations

import importlib
import sys

# Qt-free modules the start-up needs anyway (opening the database, the data key, the logs,
# the feature modules' own imports), loaded before PySide6 for the reason given in
# run_gui. Leaving one out only costs time; a module no longer needed should go.
BEFORE_QT = (
    "app.logs",
    "app.db.server",  # the database's address (open_installation)
    "app.services.figures",  # the report figures' write hook (Database)
    "app.services.audit.retention",  # Tools ▸ Retention (app.ui.retention_ui)
    "cryptography.exceptions",
    "cryptography.hazmat.primitives.ciphers.aead",  # unwrapping the data key
    "concurrent.futures.thread",
    "getpass",
    "xml.etree.ElementTree",
)


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
        if not data_key.exists():
            return  # a new or plaintext folder: the unlock creates or upgrades it
    except OSError:
        return  # the start-up explains an unreadable folder
    derive_ahead(data_key, passphrase)


def run_gui(home: str | None = None) -> int:
    """Open the desktop app on the chosen data home.

    The Qt-free core (SQLAlchemy, the models, ``BEFORE_QT``) is imported before PySide6
    on purpose: once PySide6 is loaded, shiboken inspects the source of every module
    imported after it (its ``__feature__`` hook), which costs ~0.15 s for
    SQLAlchemy alone. Measured by ``benchmarks/bench_startup.py``.
    """
    import gc

    # Start-up makes the objects of some 500 modules and of the window, and no garbage:
    # the cyclic collector waits until the window is up (app.ui.app.run resumes it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        unlock_ahead(home)
        import app.services.installation
        import app.services.trainings  # noqa: F401

        for name in BEFORE_QT:
            importlib.import_module(name)
        from app.ui.app import run

        return run(home)
    finally:
        if collecting:
            gc.enable()


def gui_main() -> None:
    sys.exit(run_gui())
