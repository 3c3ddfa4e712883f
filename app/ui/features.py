"""Feature modules that add their actions to the main window.

Each module named here has ``install(window: WindowHost) -> None``, which adds
actions with ``window.menu(name)`` / ``window.add_training_action(action)``.
Modules import their heavy libraries (pyHanko, ReportLab, openpyxl) only when an
action runs, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.contracts import WindowHost

FEATURE_MODULES: tuple[str, ...] = (
    "app.ui.backup_ui",
    "app.ui.settings_dialog",
    "app.ui.documents_ui",
    "app.ui.sync_ui",
    "app.ui.people_io_ui",
    "app.ui.unlock",
    "app.ui.retention_ui",  # issue 19
    "app.ui.certificates_ui",
)


def install_features(window: WindowHost) -> None:
    for name in FEATURE_MODULES:
        importlib.import_module(name).install(window)
