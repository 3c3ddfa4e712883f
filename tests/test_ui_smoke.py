"""The main window opens on a real database, lists the trainings, and closes cleanly."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow


def test_main_window_lists_demo_trainings_and_closes(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_installation
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    qtmodeltester.check(window.model)
    titles = {window.model.index(r, 1).data() for r in range(3)}
    assert any("déradicalisation" in t for t in titles)
    window.close()
    # Work queued by late callbacks after closing is dropped, not crashed on.
    assert window.worker.run(lambda: 1).cancelled()
