"""Starting the desktop app: logging, one instance, unlocking and opening the data, the window.

Nothing is read from the data folder before the unlock screen (app/ui/unlock.py)
has the passphrase (``MUSTER_PASSPHRASE``, as for the command line, skips it).

Start-up never shows a traceback. A data folder Muster cannot write to, a full
disk, a database that is locked, read-only, missing or damaged: each gets one plain
sentence and a way out (restore a backup, choose another folder, or quit). Bugs
anywhere later reach ``sys.excepthook``, which logs them and shows the crash
dialog with "Copy details".

Set ``MUSTER_STARTUP_PROBE=1`` to print ``MUSTER_READY <unix time>`` on stdout once
the main window has painted with its trainings list loaded (``=quit`` also quits):
``benchmarks/bench_startup.py`` measures launch-to-usable-window with it.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from app import APP_NAME
from app.errors import ErrorKind, UserError, user_error_from_sqlite
from app.logs import setup_logging
from app.paths import Paths, get_paths
from app.ui.common import localized
from app.ui.session import AppSession, set_current_session

if TYPE_CHECKING:
    from app.services.installation import Installation
    from app.ui.main_window import MainWindow
    from app.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

PROBE_ENV = "MUSTER_STARTUP_PROBE"
GC_RESUME_MS = 1500  # start-up without the cyclic collector ends here (app.gc_pause)


def _tr(text: str) -> str:
    return QApplication.translate("Startup", text)


# --- what went wrong, in plain words -------------------------------------------------------


class StartupProblem(UserError):
    """Muster cannot open its data; ``situation`` decides which ways out to offer.

    (Not ``kind``: that is UserError's ErrorKind, which code reacting to errors reads.)
    """

    def __init__(self, message: str, situation: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.situation = situation  # folder | missing | database | newer | key


def _folder_problem(paths: Paths, exc: OSError) -> StartupProblem:
    if exc.errno == errno.ENOSPC:
        return StartupProblem(
            _tr("The disk is full. Free some space, then open Muster again; nothing was lost."),
            "folder",
        )
    if paths.home.exists() and not paths.home.is_dir():
        return StartupProblem(
            _tr("Muster's data folder {folder} is a file, not a folder.").format(folder=paths.home),
            "folder",
            _tr("Open another folder, or move that file away."),
        )
    return StartupProblem(
        _tr("Muster cannot write to its data folder {folder} ({reason}).").format(
            folder=paths.home, reason=exc.strerror or exc
        ),
        "folder",
        _tr("Choose another folder, or ask for help with the folder's permissions."),
    )


def open_data(paths: Paths, *, allow_new: bool = False, key: bytes | None = None) -> Installation:
    """Open (or create) the installation, or raise a StartupProblem in plain words.

    A missing database while backups exist is suspicious (a deleted or moved
    file), so it is a problem unless ``allow_new``; a brand-new folder is not.
    """
    try:
        paths.ensure()
    except OSError as exc:
        raise _folder_problem(paths, exc) from exc
    if not paths.database.exists() and not allow_new:
        from app.services.backups import list_backups

        if list_backups(paths):
            raise StartupProblem(
                _tr("The database file is missing from {folder}, but backups of it exist.").format(
                    folder=paths.home
                ),
                "missing",
                _tr("Restore the latest backup, or start again with an empty database."),
            )
    from app.services.installation import open_installation

    try:
        return open_installation(paths, key=key)
    except StartupProblem:
        raise
    except UserError as err:
        kind = "newer" if err.kind is ErrorKind.NEWER_VERSION else "database"
        raise StartupProblem(localized(err.message), kind, _database_hint()) from err
    except OSError as exc:
        raise _folder_problem(paths, exc) from exc
    except Exception as exc:
        mapped = user_error_from_sqlite(exc)
        if mapped is None:
            raise
        raise StartupProblem(localized(mapped.message), "database", _database_hint()) from exc


def _database_hint() -> str:
    return _tr("You can restore a backup, or open another data folder.")


class StartupProblemDialog(QMessageBox):
    """The problem in one sentence, and buttons for each way out."""

    def __init__(self, problem: StartupProblem, has_backups: bool) -> None:
        super().__init__(QMessageBox.Icon.Warning, APP_NAME, problem.message)
        self.setObjectName("startupProblem")
        if problem.hint:
            self.setInformativeText(problem.hint)
        self.restore_button = None
        self.empty_button = None
        if has_backups and problem.situation in ("missing", "database", "newer"):
            self.restore_button = self.addButton(
                self.tr("Restore a backup…"), QMessageBox.ButtonRole.AcceptRole
            )
        if problem.situation == "missing":
            self.empty_button = self.addButton(
                self.tr("Start with an empty database"), QMessageBox.ButtonRole.DestructiveRole
            )
        self.folder_button = self.addButton(
            self.tr("Open another folder…"), QMessageBox.ButtonRole.ActionRole
        )
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)


def _choose_backup(paths: Paths, parent: QWidget | None = None) -> Path | None:
    from app.ui.backup_ui import RestoreDialog

    dialog = RestoreDialog(paths, parent)
    return dialog.chosen_file() if dialog.exec() else None


def _restore_at_startup(paths: Paths, key: bytes | None) -> bool:
    """Let the user pick a backup and restore it; True when the database was replaced."""
    from app.services.backups import restore

    file = _choose_backup(paths)
    if file is None:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        restore(paths, file, key)
    except UserError as err:
        QMessageBox.warning(None, APP_NAME, localized(err.message))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    return True


@dataclass(frozen=True)
class Unlocked:
    """How the data key of a folder was unlocked at launch."""

    key: bytes
    passphrase: str | None  # None when the recovery key unlocked it
    mode: str  # unlock | create | upgrade (see app.ui.unlock.UnlockDialog)
    typed: bool  # the user typed it on the unlock screen (not MUSTER_PASSPHRASE)


def unlock_folder(paths: Paths) -> Unlocked | None:
    """The data key, from ``MUSTER_PASSPHRASE`` or the unlock screen; None when the user quits."""
    from app.services.installation import unlock_data
    from app.services.vault import PASSPHRASE_ENV
    from app.ui.unlock import UnlockDialog, run_beside_imports, sentence, unlock_mode

    try:
        paths.ensure()
    except OSError as exc:
        raise _folder_problem(paths, exc) from exc
    mode = unlock_mode(paths)
    given = os.environ.get(PASSPHRASE_ENV, "")
    problem = ""
    if given:
        try:
            key = run_beside_imports(lambda: unlock_data(paths, given))
            return Unlocked(key, given, mode, typed=False)
        except UserError as err:
            if err.field is None:  # the key file, not the passphrase: no screen can help
                raise StartupProblem(localized(err.message), "key") from err
            problem = sentence(None, err)
    dialog = UnlockDialog(paths, mode)
    if problem:
        dialog.show_problem(problem)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
        return None
    return Unlocked(dialog.key, dialog.passphrase, mode, typed=True)


def after_unlock(unlocked: Unlocked, installation: Installation) -> str | None:
    """The recovery key screen for a new or upgraded folder; a new passphrase after recovery.

    Returns the passphrase the session knows from now on.
    """
    from types import SimpleNamespace

    from app.services import vault
    from app.ui.unlock import PassphraseDialog, RecoveryKeyDialog

    passphrase = unlocked.passphrase
    if unlocked.passphrase is None:  # the recovery key opened it: a new passphrase now
        dialog = PassphraseDialog(SimpleNamespace(installation=installation), reset=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            passphrase = dialog.new_edit.text()
    elif unlocked.typed and unlocked.mode in ("create", "upgrade") and installation.key:
        shown = vault.issue_recovery_key(installation.paths, installation.key)
        RecoveryKeyDialog(shown).exec()
    return passphrase


def open_with_way_out(
    paths: Paths, guard_for: Callable[[Paths], bool]
) -> tuple[Paths, Installation, Unlocked] | None:
    """Unlock and open the data, offering a way out of every problem; None when the user quits.

    ``guard_for(paths)`` takes the single-instance lock for a newly chosen folder
    (False when another Muster already has it open).
    """
    allow_new = False
    unlocked: dict[Path, Unlocked] = {}
    while True:
        try:
            if paths.home not in unlocked:
                found = unlock_folder(paths)
                if found is None:
                    return None
                unlocked[paths.home] = found
            done = unlocked[paths.home]
            return paths, open_data(paths, allow_new=allow_new, key=done.key), done
        except StartupProblem as problem:
            log.warning("start-up problem (%s): %s", problem.situation, problem.message)
            from app.services.backups import list_backups

            dialog = StartupProblemDialog(problem, bool(list_backups(paths)))
            dialog.exec()
            clicked = dialog.clickedButton()
            if clicked is not None and clicked is dialog.restore_button:
                _restore_at_startup(paths, unlocked[paths.home].key)
            elif clicked is not None and clicked is dialog.empty_button:
                allow_new = True
            elif clicked is dialog.folder_button:
                folder = QFileDialog.getExistingDirectory(
                    None, _tr("Choose a folder for Muster's data"), str(paths.home.parent)
                )
                if folder:
                    candidate = Paths(Path(folder).resolve())
                    if guard_for(candidate):
                        paths, allow_new = candidate, False
            else:
                return None


# --- crashes -------------------------------------------------------------------------------


def install_excepthook(paths: Paths) -> None:
    """Log every uncaught exception and show the crash dialog instead of dying silently."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from app.logs import log_exception

        log_exception(paths, exc.with_traceback(tb))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            from app.ui.errors import show_error

            show_error(QApplication.activeWindow(), exc)
        finally:
            showing = False

    sys.excepthook = hook


# --- the running app -----------------------------------------------------------------------


class _ReadyProbe(QObject):
    """Prints when the window has painted with its list loaded (start-up benchmark)."""

    def __init__(self, window: MainWindow, quit_after: bool) -> None:
        super().__init__(window)
        self.window = window
        self.quit_after = quit_after
        self.painted = False
        self.done = False
        window.installEventFilter(self)
        window.worker.busy_changed.connect(lambda _busy: self._check())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._check)
        return False

    def _check(self) -> None:
        if self.done or not self.painted or self.window.worker.busy:
            return
        self.done = True
        self.window.repaint()  # the list with its rows, painted now
        print(f"MUSTER_READY {time.time():.6f}", flush=True)
        if self.quit_after:
            QTimer.singleShot(0, QApplication.quit)


def run(home: str | None = None) -> int:
    """Open the desktop app on ``home`` (or the usual data folder); returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    paths = get_paths(home)
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
        setup_logging(paths)
    except OSError as exc:  # carry on: the folder problem is explained just below
        print(f"muster: cannot write logs in {paths.home}: {exc}", file=sys.stderr)
    install_excepthook(paths)
    from app.ui.i18n import apply_language

    apply_language(paths, app)  # before any window: even start-up problems are translated

    from app.ui.single_instance import SingleInstance

    guards: dict[Path, SingleInstance] = {}

    def guard_for(candidate: Paths) -> bool:
        guard = guards.get(candidate.home) or SingleInstance(candidate)
        if guard.acquire():
            guards[candidate.home] = guard
            return True
        if guard.ask_running_instance_to_activate():
            log.info("another Muster has %s open; asked it to come forward", candidate.home)
        else:
            QMessageBox.information(
                None,
                APP_NAME,
                _tr("Muster is already open on the data folder {folder}. "
                    "Switch to its window.").format(folder=candidate.home),
            )  # fmt: skip
        return False

    if not guard_for(paths):
        return 0
    opened = open_with_way_out(paths, guard_for)
    if opened is None:
        _release(guards)
        return 1
    paths, installation, unlocked = opened
    for home_path in [h for h in guards if h != paths.home]:
        guards.pop(home_path).release()
    guard = guards[paths.home]
    session = AppSession(paths, guard, installation)
    set_current_session(session)
    from app.ui import secret

    secret.remember(after_unlock(unlocked, installation))
    guard.activation_requested.connect(session.activate)
    window = session.show_window()
    from app import gc_pause

    QTimer.singleShot(GC_RESUME_MS, gc_pause.resume)  # once the window has painted
    probe = os.environ.get(PROBE_ENV, "")
    if probe:
        _ReadyProbe(window, quit_after=probe == "quit")
    app.setQuitOnLastWindowClosed(False)  # the main window's closing decides
    session.running = True
    try:
        code = app.exec()
    finally:
        session.running = False
        app.setQuitOnLastWindowClosed(True)
        session.installation.close()
        _release(guards)
        set_current_session(None)
        secret.remember(None)
    return int(code)


def _release(guards: dict[Path, SingleInstance]) -> None:
    for guard in guards.values():
        guard.release()
    guards.clear()
