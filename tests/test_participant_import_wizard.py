"""The import wizard and the duplicates view, driven with qtbot on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import participant_import as pi
from app.services.duplicates import find_duplicate_pairs
from app.services.people import PersonInput, create_person, list_participants
from app.ui.duplicates_view import DuplicatesDialog
from app.ui.import_wizard import ImportWizard
from app.ui.worker import Worker
from tests.test_participant_import import write_list

WAIT = 15_000


@pytest.fixture
def training(installation):  # type: ignore[no-untyped-def]
    """A training with sessions on 4, 5 and 6 March 2024, like the list's date columns."""
    from datetime import date

    from app.services.trainings import SessionInput, TrainingInput, create_training

    days = (date(2024, 3, 4), date(2024, 3, 5), date(2024, 3, 6))
    return create_training(installation, TrainingInput(
        "Formation Beni", "MONUSCO", days[0], days[-1],
        sessions=tuple(SessionInput(d, "Beni") for d in days)))  # fmt: skip


def _next(qtbot: QtBot, wizard: QWizard) -> None:
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled()
                    or wizard.button(QWizard.WizardButton.CommitButton).isEnabled(),
                    timeout=WAIT)  # fmt: skip
    wizard.next()


def test_wizard_imports_with_a_changed_mapping_and_a_confirmed_duplicate(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester: ModelTester, installation, training, tmp_path: Path,
    artifacts: Path,
) -> None:  # fmt: skip
    known = create_person(installation, PersonInput("Goulnara Iousoupova", "F",
                                                    organisation="Supreme Court"))  # fmt: skip
    path = write_list(tmp_path / "liste.xlsx")
    worker = Worker()
    wizard = ImportWizard(installation, worker, training.id, training.title)
    qtbot.addWidget(wizard)
    wizard.show()

    wizard.file_page.set_path(str(tmp_path / "missing.xlsx"))
    qtbot.waitUntil(lambda: "no file called" in wizard.file_page.message.text(), timeout=WAIT)
    assert not wizard.file_page.isComplete()
    wizard.file_page.set_path(str(path))
    _next(qtbot, wizard)

    mapping_page = wizard.mapping_page
    qtbot.waitUntil(lambda: mapping_page.isComplete(), timeout=WAIT)
    assert mapping_page.mapping()[1:4] == ["last_name", "first_name", "sex"]
    mapping_page.set_target(1, "")  # ignore both name columns: the page refuses
    mapping_page.set_target(2, "")
    assert not mapping_page.isComplete() and "No column holds" in mapping_page.message.text()
    mapping_page.set_target(1, "last_name")
    mapping_page.set_target(2, "first_name")
    mapping_page.set_target(4, "")  # do not import "Fonction"
    assert mapping_page.isComplete()
    wizard.grab().save(str(artifacts / "import-wizard-mapping.png"))
    _next(qtbot, wizard)

    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.isComplete(), timeout=WAIT)
    qtmodeltester.check(page.model)
    model = page.model
    rows = {model.rows[r].full_name: r for r in range(model.rowCount())}
    yusupova = rows["Гульнара Юсупова"]
    person = model.index(yusupova, model.PERSON)
    assert model.data(person, Qt.ItemDataRole.EditRole) == pi.NEW  # offered, not chosen
    assert "Goulnara Iousoupova" in model.options(yusupova)[1][1]
    assert model.setData(person, known.id)  # the user confirms it is the same person
    assert model.index(rows["Total"], model.PERSON).data() == "Skipped"
    assert page.values.rowCount() == 1  # "Correction" is a guess to confirm
    wizard.grab().save(str(artifacts / "import-wizard-preview.png"))
    _next(qtbot, wizard)

    result_page = wizard.result_page
    with qtbot.waitSignal(wizard.imported, timeout=WAIT) as signal:
        pass
    result = signal.args[0]
    assert (result.created, result.matched) == (5, 1)
    assert "6 participants imported" in result_page.text.text()
    wizard.grab().save(str(artifacts / "import-wizard-result.png"))
    people = {p.person.full_name: p.person for p in list_participants(installation, training.id)}
    assert "Goulnara Iousoupova" in people and "Гульнара Юсупова" not in people
    assert people["Furaha Masika"].function == ""  # the ignored column
    wizard.close()
    worker.shutdown()


def test_wizard_refuses_a_junk_file_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    installation,
    training,
    tmp_path: Path,
) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("Nom;Sexe\n" + "\n".join(f"{i};0" for i in range(3000)), encoding="utf-8")
    worker = Worker()
    wizard = ImportWizard(installation, worker, training.id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_path(str(junk))
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.isComplete(), timeout=WAIT)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: "None of the 3,000 rows" in wizard.preview_page.message.text(),
                    timeout=WAIT)  # fmt: skip
    assert not wizard.preview_page.isComplete()
    assert list_participants(installation, training.id) == []
    wizard.close()
    worker.shutdown()


def test_duplicates_view_merges_after_confirmation(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester: ModelTester, installation, artifacts: Path
) -> None:
    first = create_person(installation, PersonInput("محمد الورفلي", "M", phone="+218 91 234 5678"))
    second = create_person(installation, PersonInput("Mohamed Al-Warfalli", "M",
                                                     phone="0912345678", organisation="MOI"))  # fmt: skip
    create_person(installation, PersonInput("Esther Kavira", "F"))
    worker = Worker()
    dialog = DuplicatesDialog(installation, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(dialog.model)
    assert dialog.left.values[0].text() and dialog.right.values[0].text()
    dialog.grab().save(str(artifacts / "duplicates-view.png"))
    answers = [False, True]
    dialog.confirm = lambda *_args: answers.pop(0)
    dialog.keep_first.click()  # the user says no: nothing happens
    assert len(find_duplicate_pairs(installation)) == 1
    pair = dialog.current_pair()
    assert pair is not None
    kept_id = pair.first.person.id
    with qtbot.waitSignal(dialog.merged, timeout=WAIT) as merged:
        dialog.keep_first.click()
    assert merged.args[0].id == kept_id
    assert {kept_id} <= {first.id, second.id}
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=WAIT)
    assert "No possible duplicates" in dialog.intro.text()
    dialog.close()
    worker.shutdown()


def test_feature_actions_are_installed(qtbot: QtBot, demo_installation) -> None:  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    window = MainWindow(demo_installation)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("training").actions()]
    assert "Import participants…" in texts and "Export participants…" in texts
    assert "Possible duplicates…" in [a.text() for a in window.menu("people").actions()]
    window.close()
