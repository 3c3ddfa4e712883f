"""Entry point of the packaged program: the ``muster`` command line, or the app.

The same as ``python -m app``; before the window opens, the system check says in
plain words (and with the ``apt-get install`` line) why Qt could not start here,
instead of Qt's own abort.
"""

from __future__ import annotations

import os
import sys


def restore_library_path() -> None:
    """Give the programs Muster starts the system's own libraries.

    PyInstaller's bootloader points ``LD_LIBRARY_PATH`` at the bundled libraries
    (the loader read it when this process started, so changing it now changes nothing
    here); ``xdg-open``, which opens the data folder and PDFs, must not load them.
    """
    if not (getattr(sys, "frozen", False) and sys.platform.startswith("linux")):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original


def main() -> int:
    restore_library_path()
    from app import gc_pause

    gc_pause.pause()  # a process of its own: start-up without the cyclic collector
    from app.system_check import main as check

    if check(sys.argv[1:]) != 0:
        return 1
    from app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
