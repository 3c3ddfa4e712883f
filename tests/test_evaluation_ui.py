"""The Evaluation page, late and left-early marks and session times, driven by the keyboard,
in English and French, with screenshots to look at."""

# ruff: noqa: F811  (the ``lang`` and ``window`` fixtures come from test_field_day)

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.services import attendance, identity, trainings
from app.services.evaluation import feedback, scores
from app.services.evaluation.certificates import payload_from_pdf, verify_certificate
from app.services.evaluation.completion import training_completion
from app.services.installation import Profile
from app.ui import certificates_ui
from app.ui.evaluation_page import POST, PRE
from app.ui.main_window import MainWindow
from app.ui.verify_window import VerifyWindow
from tests.test_field_day import lang, window  # noqa: F401
from tests.test_pdf import PASS
from tests.test_ui_main import idle, type_text
from tests.test_ui_training_pages import open_demo


def _type_cell(qtbot: QtBot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    table.setCurrentCell(row, column)
    type_text(table, text[0])  # any key starts editing, the first letter included
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_evaluation_page_rule_scores_feedback_and_certificates(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path, tmp_path: Path
) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "UNSMIL", "evaluation")
    page = editor.evaluation
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    idle(qtbot, window)
    tid = editor.training_id
    done = training_completion(inst, tid)
    expected = f"{done.completed} " + ("sur" if lang == "fr" else "of") + f" {len(done.people)}"
    assert expected in page.completed_label.text()
    assert page.table.rowCount() == len(done.people)
    window.grab().save(str(artifacts / f"ui-evaluation-{lang}.png"))

    # A new maximum-less participant row: type a pre-test and a post-test score.
    row = next(r for r, p in enumerate(done.people)
               if scores.get_scores(inst, tid).pair(p.person_id)[0] is None)  # fmt: skip
    pid = done.people[row].person_id
    _type_cell(qtbot, page.table, row, PRE, "9")
    idle(qtbot, window)
    _type_cell(qtbot, page.table, row, POST, "17")
    qtbot.waitUntil(lambda: scores.get_scores(inst, tid).pair(pid) == (9, 17), timeout=5000)
    idle(qtbot, window)
    codes = [q.code for q in page.view.feedback.questions]
    recommend = POST + 1 + codes.index("recommend")
    _type_cell(qtbot, page.table, row, recommend, "o" if lang == "fr" else "y")
    qtbot.waitUntil(
        lambda: feedback.feedback_grid(inst, tid).answers.get((pid, "recommend")) == (1, ""),
        timeout=5000,
    )
    idle(qtbot, window)
    assert page.table.item(row, recommend).text() == ("oui" if lang == "fr" else "yes")

    # The rule: every required session (none marked: every session).
    page.rule_box.setCurrentIndex(page.rule_box.findData("required"))
    qtbot.waitUntil(lambda: trainings.get_training(inst, tid).completion_rule == "required",
                    timeout=5000)  # fmt: skip
    idle(qtbot, window)
    assert not page.percent_box.isEnabled()

    identity.create_identity(inst, Profile(name="Salem Ali", mission="UNSMIL"), PASS)
    window._muster_signing_key = identity.unlock_private_key(inst, PASS)  # type: ignore[attr-defined]
    out = tmp_path / "certificates.zip"
    action = window.findChild(QAction, "issueCertificatesAction")
    assert action is not None and action in window.menu("training").actions()
    certificates_ui.issue(window, tid, str(out), lang)  # what the action does once a file is chosen
    qtbot.waitUntil(out.exists, timeout=30000)
    idle(qtbot, window, timeout=30000)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert len(names) == training_completion(inst, tid).completed
        (tmp_path / "one.pdf").write_bytes(archive.read(names[0]))
    assert verify_certificate(inst, tmp_path / "one.pdf").ok

    # The Verify window: the certificate PDF, then its code with one letter changed.
    dialog = VerifyWindow(window)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.verified, timeout=20000):
        dialog.verify_file(tmp_path / "one.pdf")
    check = dialog.certificate
    assert check is not None and check.ok and check.statement is not None
    valid = "Certificat valide" if lang == "fr" else "Valid certificate"
    assert dialog.verdict.text().startswith(valid) and check.statement.name in dialog.verdict.text()
    shown = [dialog.details.itemAt(i, dialog.details.ItemRole.FieldRole).widget().text()
             for i in range(dialog.details.rowCount())]  # fmt: skip
    assert check.statement.name in shown and check.statement.hours in shown
    qtbot.wait(100)  # let the layout place the new rows before the screenshot
    dialog.grab().save(str(artifacts / f"ui-verify-certificate-{lang}.png"))
    payload = payload_from_pdf((tmp_path / "one.pdf").read_bytes())
    assert payload is not None
    forged = payload.replace(check.statement.name, check.statement.name[:-1] + "x", 1)
    dialog.code_edit.setText(forged)
    with qtbot.waitSignal(dialog.verified, timeout=20000):
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.certificate is not None and not dialog.certificate.ok
    assert dialog.verdict.text().startswith("Non valide" if lang == "fr" else "Not valid")
    dialog.close()


def test_late_and_left_early_with_minutes_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "UNRCCA", "attendance")
    page = editor.attendance
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    pid, sid = page.model.person_id(0), page.model.session_id(2)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 2))
    qtbot.keyClick(page.table, Qt.Key.Key_L)
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    qtbot.waitUntil(
        lambda: attendance.get_grid(inst, editor.training_id).minutes.get((pid, sid)) == 25,
        timeout=5000,
    )
    assert attendance.get_grid(inst, editor.training_id).marks[(pid, sid)] == "late"
    assert page.model.data(page.model.index(0, 2)) == "✓L 25′"
    page.table.setCurrentIndex(page.model.index(1, 3))
    qtbot.keyClick(page.table, Qt.Key.Key_D)
    pid2, sid2 = page.model.person_id(1), page.model.session_id(3)
    qtbot.waitUntil(
        lambda: (
            attendance.get_grid(inst, editor.training_id).marks.get((pid2, sid2)) == "left_early"
        ),
        timeout=5000,
    )
    idle(qtbot, window)
    late = training_completion(inst, editor.training_id).person(pid)
    assert late is not None and late.hours is not None
    window.grab().save(str(artifacts / f"ui-attendance-late-{lang}.png"))


def test_session_times_typed_in_the_sessions_table(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "MONUSCO", "details")
    table = editor.details.sessions_table
    start, end = table.cellWidget(0, 3), table.cellWidget(0, 4)
    assert isinstance(start, QLineEdit) and start.text() == "08:30"
    start.clear()
    type_text(start, "9h15")
    end.clear()  # type: ignore[union-attr]
    type_text(end, "12.45")  # type: ignore[arg-type]
    window.grab().save(str(artifacts / f"ui-session-times-{lang}.png"))
    saved: list[str] = []
    editor.saved.connect(saved.append)
    editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    first = trainings.get_training(inst, editor.training_id).sessions[0]
    assert (first.start_minute, first.end_minute) == (555, 765)
    idle(qtbot, window)
    end = table.cellWidget(0, 4)  # the table was filled again from what was saved
    assert isinstance(end, QLineEdit) and end.text() == "12:45"
    end.clear()
    type_text(end, "25:00")
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.details_errors()), timeout=5000)
    idle(qtbot, window)
    assert trainings.get_training(inst, editor.training_id).sessions[0].end_minute == 765
    end.clear()
    type_text(end, "12:45")  # corrected: saved, nothing left unsaved
    saved.clear()
    editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    idle(qtbot, window)


def test_mission_feedback_form_reworded_and_extended(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    from tests.dialogs import current_guard

    inst = window.installation
    editor = open_demo(qtbot, window, "MONUSCO", "evaluation")
    page = editor.evaluation
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    idle(qtbot, window)

    def fill(dialog) -> bool:  # type: ignore[no-untyped-def]
        from app.ui.feedback_questions import ENGLISH, FRENCH, FeedbackQuestionsDialog

        if not isinstance(dialog, FeedbackQuestionsDialog):
            return False
        table = dialog.table
        codes = [table.item(r, 0).text() for r in range(table.rowCount())]
        assert codes == ["overall", "relevance", "recommend", "comment"]
        table.item(1, ENGLISH).setText("Useful for your daily work")
        dialog._add_row(None)
        row = table.rowCount() - 1
        table.item(row, 0).setText("venue")
        table.item(row, ENGLISH).setText("The venue and the catering")
        table.item(row, FRENCH).setText("Le lieu et la restauration")
        dialog.grab().save(str(artifacts / f"ui-feedback-form-{lang}.png"))
        dialog.accept()
        return True

    current_guard().expect(fill, "the feedback form dialog")
    page.edit_questions()
    mission_id = editor.info.mission_id  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: "venue" in [q.code for q in feedback.mission_questions(inst, mission_id)],
        timeout=5000,
    )
    idle(qtbot, window)
    asked = {q.code: q for q in feedback.mission_questions(inst, mission_id)}
    assert asked["relevance"].text_en == "Useful for your daily work"
    assert asked["relevance"].text_fr == "Utilité pour votre travail"  # untouched
    assert asked["venue"].text("fr") == "Le lieu et la restauration"
    assert "venue" in [q.code for q in page.view.feedback.questions]  # a new grid column

    # Scores from a spreadsheet (what the Import scores… button does once a file is chosen).
    first, second = page.view.completion.people[:2]
    path = Path(window.installation.paths.home) / "scores.csv"
    path.write_text(f"Nom;Pré-test;Post-test;Maximum\n{first.full_name};8;15;20\n"
                    f"{second.full_name};12;11;20\nQuelqu'un d'autre;3;4;20\n",
                    encoding="utf-8")  # fmt: skip
    page.import_scores(str(path))
    tid = editor.training_id
    qtbot.waitUntil(lambda: scores.get_scores(inst, tid).pair(second.person_id) == (12, 11),
                    timeout=5000)  # fmt: skip
    idle(qtbot, window)
    assert scores.get_scores(inst, tid).pair(first.person_id) == (8, 15)
    assert "2" in window.statusBar().currentMessage()
