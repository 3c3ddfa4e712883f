"""The Per-diem and Evidence tabs of a training, in English and French, through qtbot."""

# ruff: noqa: F811  (the ``window`` fixture comes from test_ui_main)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.audit import evidence
from app.services.audit.perdiem_compute import compute_perdiem
from app.ui import i18n
from app.ui.main_window import MainWindow
from tests.test_evidence_and_consent import tiny_png
from tests.test_ui_main import idle, window  # noqa: F401
from tests.test_ui_training_pages import open_demo


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    i18n.install_language(request.param, qapp)
    yield request.param
    i18n.install_language("en", qapp)
    QLocale.setDefault(before)


def test_perdiem_tab_saves_rates_and_shows_amounts(
    qtbot: QtBot, lang: str, window: MainWindow, artifacts: Path
) -> None:
    editor = open_demo(qtbot, window, "MONUSCO", "perdiem")
    page = editor.perdiem
    qtbot.waitUntil(lambda: page.categories.count() > 0, timeout=5000)
    police = next(i for i in range(page.categories.count())
                  if page.categories.item(i).data(Qt.ItemDataRole.UserRole) == "police")  # fmt: skip
    page.categories.item(police).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.rates.item(0, 3).setText("45,5")
    page.add_rate("transport_person", "", "CDF", "10000")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    sheet = compute_perdiem(window.installation, editor.training_id)
    assert sheet.payable and set(sheet.totals) == {"CDF", "USD"}
    shown = page.totals.text()
    assert ("45.50" in page.people.item(0, 3).text() or "45,50" in page.people.item(0, 3).text()
            or page.people.item(0, 3).text() == "–")  # fmt: skip
    assert str(len(sheet.payable)) in shown
    # A bad amount is refused on the page, and nothing is saved.
    page.rates.item(0, 3).setText("-3")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert page.message.text() and compute_perdiem(window.installation,
                                                   editor.training_id).totals == sheet.totals  # fmt: skip
    page.rates.item(0, 3).setText("45.5")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    editor.grab().save(str(artifacts / f"audit-perdiem-{lang}.png"))


def test_evidence_tab_attaches_and_shows_thumbnails(
    qtbot: QtBot, lang: str, window: MainWindow, artifacts: Path, tmp_path: Path
) -> None:
    editor = open_demo(qtbot, window, "MONUSCO", "evidence")
    page = editor.evidence
    qtbot.waitUntil(lambda: page.session_box.count() > 1, timeout=5000)
    photos = []
    for colour in ((200, 40, 40), (40, 140, 60)):
        path = tmp_path / f"atelier-{colour[0]}.png"
        path.write_bytes(tiny_png(colour))
        photos.append(path)
    big = tmp_path / "scan.tif"
    with big.open("wb") as handle:
        handle.truncate(evidence.MAX_FILE_BYTES + 1)
    page.session_box.setCurrentIndex(1)
    page.attach([*photos, big])
    idle(qtbot, window)
    qtbot.waitUntil(lambda: page.list.count() == 2, timeout=5000)
    assert "scan.tif" in page.message.text()
    thumbs = [page.list.item(i).icon().pixmap(64).toImage() for i in range(2)]
    centres = {thumb.pixelColor(thumb.width() // 2, thumb.height() // 2).getRgb()[:3]
               for thumb in thumbs}  # fmt: skip
    assert centres == {(200, 40, 40), (40, 140, 60)}  # the photos themselves, not a file icon
    assert "20" in page.message.text() and (lang == "en") == ("at most" in page.message.text())
    files = evidence.list_evidence(window.installation, editor.training_id)
    assert {f.file_name for f in files} == {p.name for p in photos}
    assert all(f.session_id == page.session_box.itemData(1) for f in files)
    editor.grab().save(str(artifacts / f"audit-evidence-{lang}.png"))
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: page.list.count() == 1, timeout=5000)


def test_consent_and_profile_dialog_records_answers(
    qtbot: QtBot, lang: str, window: MainWindow, artifacts: Path, dialog_guard
) -> None:
    from datetime import date

    from app.services.audit.consent import get_consents, unnamed_in_training
    from app.services.audit.profile import get_profile
    from app.ui.consent_dialog import ConsentDialog

    editor = open_demo(qtbot, window, "MONUSCO", "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    page.table.selectRow(0)
    person_id = page.selected_person_ids()[0]

    def fill(dialog) -> bool:  # type: ignore[no-untyped-def]
        if not isinstance(dialog, ConsentDialog) or not dialog.loaded:
            return False
        named = dialog.states["named_in_reports"]
        named.setCurrentIndex(named.findData("withdrawn"))
        photos = dialog.states["photos"]
        photos.setCurrentIndex(photos.findData("given"))
        dialog.age_band.setCurrentIndex(dialog.age_band.findData("25_34"))
        dialog.wg["walking"].setCurrentIndex(dialog.wg["walking"].findData("a_lot"))
        dialog.resize(dialog.sizeHint())
        dialog.grab().save(str(artifacts / f"audit-consent-{lang}.png"))
        dialog.save()
        return True

    dialog_guard.expect(fill, "the consent dialog")
    dialog = page.open_consent()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    idle(qtbot, window)
    answers = get_consents(window.installation, person_id)
    assert answers["named_in_reports"].state == "withdrawn"
    assert answers["named_in_reports"].withdrawn_on == date.today()
    assert answers["photos"].state == "given"
    assert person_id in unnamed_in_training(window.installation, editor.training_id)
    info = get_profile(window.installation, person_id)
    assert info.age_band == "25_34" and info.answers["walking"] == "a_lot"


def test_retention_dialog_anonymises_and_keeps_figures(
    qtbot: QtBot, lang: str, window: MainWindow, artifacts: Path
) -> None:
    from dataclasses import asdict

    from app.services.reports import ReportFilter, build_report
    from app.ui.retention_ui import RetentionDialog
    from tests.dialogs import answer_next_dialog

    inst = window.installation
    before = asdict(build_report(inst, ReportFilter()))
    action = window.findChild(type(window.list_action), "retentionAction")
    assert action is not None and action in window.menu("tools").actions()
    dialog = RetentionDialog(window)  # shown modeless here; the menu opens it window-modal
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded >= 1, timeout=5000)
    dialog.mission.setCurrentIndex(dialog.mission.findText("MONUSCO"))
    dialog.months.setValue(12)  # the demo's trainings are all older than a year
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=5000)
    idle(qtbot, window)
    count = dialog.table.rowCount()
    names = {dialog.table.item(r, 0).text() for r in range(count)}
    dialog.grab().save(str(artifacts / f"audit-retention-{lang}.png"))
    answer_next_dialog("Anonymise" if lang == "en" else "Anonymiser")
    qtbot.mouseClick(dialog.anonymise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10000)
    idle(qtbot, window)
    assert asdict(build_report(inst, ReportFilter())) == before
    from sqlalchemy import text

    with inst.db.reading() as session:
        left = set(session.scalars(text("SELECT full_name FROM people")).all())
    assert not names & left
    dialog.close()


def test_dashboard_shows_perdiem_totals_and_breaks_down_by_age(
    qtbot: QtBot, lang: str, window: MainWindow, artifacts: Path
) -> None:
    from app.services.audit.perdiem import RateInput, save_settings
    from app.services.audit.profile import save_profile
    from app.services.demo import demo_training_ids
    from app.services.people import list_participants
    from app.ui.hq_dashboard import HqDashboard

    inst = window.installation
    training_id = demo_training_ids()["unsmil-2024-tunis"]
    save_settings(inst, training_id, ["police", "magistrate", "prosecutor"],
                  [RateInput("day", "USD", "40")])  # fmt: skip
    first = list_participants(inst, training_id)[0].person.id
    save_profile(inst, first, "25_34")
    dashboard = HqDashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.loaded >= 1, timeout=10000)
    assert ("Per-diem: " if lang == "en" else "Per diem\u00a0: ") in dashboard.totals.text()
    assert "USD" in dashboard.totals.text()
    before = dashboard.loaded
    dashboard.dimension.setCurrentIndex(dashboard.dimension.findData("age_band"))
    qtbot.waitUntil(lambda: dashboard.loaded > before, timeout=10000)
    groups = [dashboard.breakdown_model.row_values(r)[0]
              for r in range(dashboard.breakdown_model.rowCount())]  # fmt: skip
    assert set(groups) == {"25–34", "Not recorded" if lang == "en" else "Non renseigné"}
    dashboard.grab().save(str(artifacts / f"audit-dashboard-age-{lang}.png"))
    dashboard.close()
