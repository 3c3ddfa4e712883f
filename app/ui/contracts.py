"""What pages, dialogs and feature modules need from the windows that host them.

They depend on these small Protocols, never on ``MainWindow`` or ``TrainingEditor``
themselves, so the windows can import their pages without an import cycle
(``tests/test_architecture.py`` fails on a new cycle). The concrete windows satisfy
them structurally; nothing here imports a window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QComboBox, QMenu, QStatusBar

    from app.services.installation import Installation, Profile
    from app.services.trainings import TrainingInfo
    from app.ui.worker import Worker


class InstallationHost(Protocol):
    """Whatever carries the open installation (a window, or a stand-in before it exists)."""

    @property
    def installation(self) -> Installation: ...


class WindowHost(Protocol):
    """The main window as its feature modules, dialogs and editors see it."""

    @property
    def installation(self) -> Installation: ...

    @property
    def worker(self) -> Worker: ...

    @property
    def profile(self) -> Profile: ...

    @property
    def profile_loaded(self) -> SignalInstance: ...  # emits the Profile once it is known or changed

    def menu(self, name: str) -> QMenu: ...

    def add_training_action(self, action: QAction) -> None: ...

    def training_actions(self) -> list[QAction]: ...

    def current_training_id(self) -> str | None: ...

    def show_error(self, exc: BaseException) -> None: ...

    def show_saved_file(
        self, path: Any, message: str, *, can_open: bool = True, can_print: bool = False
    ) -> None: ...

    def refresh(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class DetailsHost(Protocol):
    """The details page of an editor, as far as the other pages read it."""

    @property
    def status_box(self) -> QComboBox: ...


class EditorHost(Protocol):
    """A training editor as its participants, attendance and summary pages see it."""

    @property
    def installation(self) -> Installation: ...

    @property
    def worker(self) -> Worker: ...

    @property
    def window_(self) -> WindowHost: ...

    @property
    def training_id(self) -> str | None: ...

    @property
    def info(self) -> TrainingInfo | None: ...

    @property
    def dirty(self) -> bool: ...

    @property
    def details(self) -> DetailsHost: ...

    @property
    def saved(self) -> SignalInstance: ...  # emits the training id after a save

    def load(self) -> None: ...


def as_widget(host: object) -> QWidget:
    """A host as the parent widget of a dialog (every real host is a window)."""
    if not isinstance(host, QWidget):
        raise TypeError(f"{type(host).__name__} is not a widget")
    return host
