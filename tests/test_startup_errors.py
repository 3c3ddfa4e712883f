"""Start-up problems get a plain sentence and a way out, never a traceback.

``run()`` is driven for real: the dialogs it opens are answered by a timer that
clicks their buttons, as a user would.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from app.services.backups import backup_now, list_backups
from app.ui import session as session_module
from app.ui.app import StartupProblemDialog, install_excepthook, run
from app.ui.backup_ui import RestoreDialog
from tests.dialogs import current_guard
from tests.helpers import connect_database

pytestmark = pytest.mark.gui

Step = Callable[[QWidget], bool]  # handles the widget; True when done with this step


@pytest.fixture(autouse=True)
def _keep_excepthook() -> Iterator[None]:
    saved = sys.excepthook
    yield
    sys.excepthook = saved


class Answerer:
    """Answers modal dialogs (and closes the main window) in order, through the test's guard."""

    def __init__(self, steps: list[Step]) -> None:
        self.guard = current_guard()
        for step in steps:
            self.guard.expect_window(step, getattr(step, "__name__", "a start-up dialog"))

    @property
    def steps(self) -> list[tuple[str, Step]]:
        return self.guard.steps


def click(name: str, expect_text: str = "", record: list[str] | None = None) -> Step:
    def step(widget: QWidget) -> bool:
        if not isinstance(widget, StartupProblemDialog):
            return False
        assert expect_text in widget.text() + widget.informativeText()
        if record is not None:
            record.append(f"{widget.text()} | " + ",".join(b.text() for b in widget.buttons()))
        button = getattr(widget, name)
        assert button is not None, f"no {name} offered"
        button.click()
        return True

    return step


def accept_restore_dialog(widget: QWidget) -> bool:
    if not isinstance(widget, RestoreDialog):
        return False
    assert widget.chosen_file() is not None
    widget.accept()
    return True


def close_main_window(widget: QWidget) -> bool:
    if not isinstance(widget, QMainWindow) or widget.isModal():
        return isinstance(widget, QWidget) and _dismiss_other(widget)
    widget.close()
    return True


def _dismiss_other(widget: QWidget) -> bool:
    """A first-run welcome or similar dialog from the main window: close it and go on."""
    if hasattr(widget, "reject"):
        widget.reject()  # type: ignore[attr-defined]
    return False


def _garbage(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"This is a holiday photo, not a database. " * 200)


def _trainings(database: Path) -> int:
    conn = connect_database(database)
    try:
        return conn.execute("SELECT count(*) FROM trainings WHERE deleted = 0").fetchone()[0]
    finally:
        conn.close()


def test_damaged_database_without_backups_explains_and_quits(qtbot, home: Path) -> None:  # type: ignore[no-untyped-def]
    _garbage(home / "muster.sqlite3")
    record: list[str] = []
    answers = Answerer([click("quit_button", "not a Muster database", record)])
    assert run(str(home)) == 1
    assert not answers.steps
    assert "Restore a backup" not in record[0]  # nothing to restore from: not offered
    assert "Open another folder" in record[0]
    log = (home / "logs" / "muster.log").read_text(encoding="utf-8")
    assert "start-up problem" in log and "Traceback" not in log


def test_damaged_database_is_replaced_by_a_chosen_backup(qtbot, demo_installation) -> None:  # type: ignore[no-untyped-def]
    paths = demo_installation.paths
    backup_now(demo_installation)
    demo_installation.close()
    for sidecar in ("-wal", "-shm"):
        Path(f"{paths.database}{sidecar}").unlink(missing_ok=True)
    _garbage(paths.database)
    answers = Answerer(
        [click("restore_button", "damaged"), accept_restore_dialog, close_main_window]
    )
    assert run(str(paths.home)) == 0
    assert not answers.steps
    assert _trainings(paths.database) == 3
    kept = [b for b in list_backups(paths) if b.reason == "before-restore"]
    assert kept and kept[0].path.read_bytes().startswith(b"This is a holiday photo")


def test_missing_database_with_backups_offers_restore_or_a_fresh_start(
    qtbot, demo_installation
) -> None:  # type: ignore[no-untyped-def]
    paths = demo_installation.paths
    backup_now(demo_installation)
    demo_installation.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    record: list[str] = []
    answers = Answerer([click("empty_button", "missing", record), close_main_window])
    assert run(str(paths.home)) == 0
    assert not answers.steps
    assert "Restore a backup" in record[0]
    assert _trainings(paths.database) == 0


def test_database_from_a_newer_version_says_so(qtbot, installation) -> None:  # type: ignore[no-untyped-def]
    paths = installation.paths
    installation.close()
    conn = connect_database(paths.database)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.close()
    answers = Answerer([click("quit_button", "newer version of Muster")])
    assert run(str(paths.home)) == 1
    assert not answers.steps


def test_unusable_data_folder_offers_another_folder(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    not_a_folder = tmp_path / "muster-data"
    not_a_folder.write_text("a file where the data folder should be")
    record: list[str] = []
    answers = Answerer([click("quit_button", "is a file, not a folder", record)])
    assert run(str(not_a_folder)) == 1
    assert not answers.steps
    assert "Open another folder" in record[0]


def test_locked_database_is_explained(qtbot, installation) -> None:  # type: ignore[no-untyped-def]
    """Another program holds an exclusive lock: 'busy' / 'locked', not a traceback."""
    paths = installation.paths
    installation.close()
    holder = connect_database(paths.database)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answers = Answerer([click("quit_button", "another program")])
        assert run(str(paths.home)) == 1
        assert not answers.steps
    finally:
        holder.rollback()
        holder.close()


def test_uncaught_exception_shows_crash_dialog_with_copy_details(qtbot, paths) -> None:  # type: ignore[no-untyped-def]
    paths.ensure()
    install_excepthook(paths)
    copied: list[str] = []

    def answer(widget: QWidget) -> bool:
        from app.ui.errors import CrashDialog

        if not isinstance(widget, CrashDialog):
            return False
        widget.copy_button.click()
        copied.append(QGuiApplication.clipboard().text())
        widget.reject()
        return True

    answers = Answerer([answer])
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert not answers.steps
    assert "a bug in a slot" in copied[0] and "Traceback" in copied[0]
    log = (paths.logs / "muster.log").read_text(encoding="utf-8")
    # The log says where and what kind of bug, never its message (it may quote a name).
    assert "builtins.RuntimeError" in log and "test_startup_errors.py" in log
    assert "a bug in a slot" not in log


def test_restore_from_the_running_app_reopens_on_the_restored_data(
    qtbot, demo_installation
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.backup_ui import restore_and_reopen
    from app.ui.main_window import MainWindow

    paths = demo_installation.paths
    snapshot = backup_now(demo_installation)
    conn = connect_database(paths.database)
    conn.execute("UPDATE trainings SET deleted = 1")
    conn.commit()
    conn.close()
    window = MainWindow(demo_installation)  # closed and deleted by the restore itself
    window.show()
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    new_window = restore_and_reopen(window, snapshot)
    assert new_window is not window
    qtbot.addWidget(new_window)
    assert _trainings(paths.database) == 3
    qtbot.waitUntil(lambda: not new_window.worker.busy, timeout=10_000)
    assert new_window.installation is not demo_installation
    new_window.installation.close()
    assert session_module.current_session() is None


def test_restore_from_the_menu_checks_the_backup_then_asks(qtbot, demo_installation) -> None:  # type: ignore[no-untyped-def]
    """File > Restore: the chosen backup is checked with the data key, then the user is asked."""
    from app.ui.backup_ui import choose_and_restore
    from app.ui.main_window import MainWindow

    paths = demo_installation.paths
    backup_now(demo_installation)
    conn = connect_database(paths.database)
    conn.execute("UPDATE trainings SET deleted = 1")
    conn.commit()
    conn.close()
    window = MainWindow(demo_installation)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    seen: list[str] = []
    current_guard().expect(accept_restore_dialog)
    current_guard().expect("Cancel", seen=seen)
    choose_and_restore(window)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert seen[0] == "Restore a backup"
    assert "It holds 3 trainings" in seen[1]  # what the check read in the backup
    assert _trainings(paths.database) == 0  # cancelled: nothing restored


def test_dialogs_look_right(qtbot, demo_installation, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.backups import backup_before
    from app.ui.app import StartupProblem

    backup_now(demo_installation)
    backup_before(demo_installation, "import")
    dialog = RestoreDialog(demo_installation.paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.restore_button.isEnabled()
    dialog.grab().save(str(artifacts / "backup-restore-dialog.png"))
    problem = StartupProblem(
        "This file is not a Muster database, or it is damaged.",
        "database",
        "You can restore a backup, or open another data folder.",
    )
    box = StartupProblemDialog(problem, has_backups=True)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.restore_button is not None and box.empty_button is None
    box.grab().save(str(artifacts / "startup-problem-dialog.png"))
