"""Muster's run-time hook for PySide6, in place of PyInstaller's (packaging/hooks/rthooks.dat).

PyInstaller's own hook imports PySide6.QtCore before the program starts, only to
register a qt.conf that PySide6 wheels already register themselves. That costs every
command-line run the load of Qt and ICU, and it undoes the app's start-up order
(SQLAlchemy before PySide6, see app/launch.py). It also points QT_PLUGIN_PATH at
the bundled plugins, which every program Muster starts would inherit; Qt finds them
anyway through PySide6's qt.conf (prefix: PySide6/Qt). On Windows, the bundled
OpenSSL DLLs next to the program stay findable, as with PyInstaller's hook.
"""

import os
import sys

if sys.platform.startswith("win"):
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
