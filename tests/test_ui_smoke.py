"""The foundation window opens on a real database and lists the trainings."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow


def test_main_window_lists_demo_trainings(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    demo_installation,
    artifacts: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = MainWindow(demo_installation)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    qtmodeltester.check(window.model)
    titles = {window.model.index(r, 1).data() for r in range(3)}
    assert any("déradicalisation" in t for t in titles)
    window.grab().save(str(artifacts / "foundation-main-window.png"))
    window.close()
