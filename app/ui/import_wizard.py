"""The participant import wizard: file -> columns -> preview -> result.

Every step that reads the file or the database runs on ``window.worker``; pages
stay incomplete (Next disabled) until their job delivers, and show a refused file
in plain words on the page itself so the user can pick another one. Nothing is
written before the last page, and then in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import UserError
from app.services import participant_import as pi
from app.services.installation import Installation
from app.services.spreadsheets import SheetData
from app.services.trainings import SessionInfo
from app.ui.common import error_sentence, isolate, localized, sex_labels, show_date
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.table_model import Column, TableModel
from app.ui.worker import Worker

Index = QModelIndex | QPersistentModelIndex


# Why a row is not imported, as the services say it (English), for the translator.
SKIP_REASONS = (
    QT_TRANSLATE_NOOP("ImportWizard", "a total line, not a person"),
    QT_TRANSLATE_NOOP("ImportWizard", "a signature line, not a person"),
    QT_TRANSLATE_NOOP("ImportWizard", "a note under the table, not a person"),
    QT_TRANSLATE_NOOP("ImportWizard", "the column titles again (a new printed page), not a person"),
    QT_TRANSLATE_NOOP(
        "ImportWizard", "below the table's total or signature line, with only a name"
    ),
    QT_TRANSLATE_NOOP("ImportWizard", "a spreadsheet formula, not a name"),
    QT_TRANSLATE_NOOP("ImportWizard", "HXL hashtags (for data tools), not a person"),
    QT_TRANSLATE_NOOP("ImportWizard", "a heading or a total line, not a person"),
    QT_TRANSLATE_NOOP("ImportWizard", "no name"),
    QT_TRANSLATE_NOOP("ImportWizard", "no name (only numbers or symbols)"),
    QT_TRANSLATE_NOOP("ImportWizard", "the name is too short to be a name"),
    QT_TRANSLATE_NOOP("ImportWizard", "looks like a number, not a name"),
    QT_TRANSLATE_NOOP("ImportWizard", "too long to be a name"),
)


def skip_reason_text(reason: str) -> str:
    """The reason in the interface language (unknown ones, with row numbers, as they are)."""
    return QCoreApplication.translate("ImportWizard", reason)


def field_labels() -> dict[str, str]:
    """What a column can be, in the interface language."""

    return {
        "": QCoreApplication.translate("ImportWizard", "(ignore)"),
        "full_name": QCoreApplication.translate("ImportWizard", "Full name"),
        "last_name": QCoreApplication.translate("ImportWizard", "Last name"),
        "first_name": QCoreApplication.translate("ImportWizard", "First name"),
        "sex": QCoreApplication.translate("ImportWizard", "Sex"),
        "category": QCoreApplication.translate("ImportWizard", "Category"),
        "organisation": QCoreApplication.translate("ImportWizard", "Organisation"),
        "function": QCoreApplication.translate("ImportWizard", "Function / rank"),
        "partner": QCoreApplication.translate("ImportWizard", "Partner"),
        "nationality": QCoreApplication.translate("ImportWizard", "Nationality"),
        "phone": QCoreApplication.translate("ImportWizard", "Phone"),
        "email": QCoreApplication.translate("ImportWizard", "E-mail"),
    }


class _State:
    """What the pages share."""

    def __init__(self, installation: Installation, worker: Worker, training_id: str) -> None:
        self.installation = installation
        self.worker = worker
        self.training_id = training_id
        self.path: Path | None = None
        self.sheet_name: str | None = None
        self.sheet: SheetData | None = None
        self.sessions: tuple[SessionInfo, ...] = ()
        self.mapping: list[str] = []
        self.remember = True
        self.preview: pi.ImportPreview | None = None
        self.result: pi.ImportResult | None = None


# --- page 1: file ------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Choose the participant list"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx) or a CSV file. Title rows above the column "
                "titles and blank lines are fine."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("File to import"))
        self.path_edit.editingFinished.connect(lambda: self.set_path(self.path_edit.text()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentTextChanged.connect(self._sheet_chosen)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        layout.addWidget(self.sheet_label)
        layout.addWidget(self.sheet_combo)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._sheets: list[str] = []
        self._loading = False

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import participants"), str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)"),
        )  # fmt: skip
        if name:
            self.set_path(name)

    def set_path(self, path: str) -> None:
        """Choose the file (also used by tests); its sheets are listed in the background."""
        text = path.strip()
        self.path_edit.setText(text)
        self.state.path = Path(text) if text else None
        self._sheets = []
        self.sheet_combo.clear()
        self.message.clear()
        if not text:
            self.completeChanged.emit()
            return
        from app.services.spreadsheets import list_sheets

        self._loading = True
        self.completeChanged.emit()
        self.state.worker.run(
            lambda: list_sheets(Path(text)), on_success=self._sheets_listed, on_error=self._refused
        )

    def _sheets_listed(self, sheets: list[str]) -> None:
        self._loading = False
        self._sheets = sheets
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.addItems([s for s in sheets if s])
        self.sheet_combo.blockSignals(False)
        several = len([s for s in sheets if s]) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)
        self.state.sheet_name = None  # the first sheet with data
        self.completeChanged.emit()

    def _sheet_chosen(self, name: str) -> None:
        self.state.sheet_name = name or None

    def _refused(self, exc: BaseException) -> None:
        self._loading = False
        if isinstance(exc, UserError):
            self.message.setText(error_sentence(exc))
        else:
            self.state.worker.failed.emit(exc)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.state.path) and bool(self._sheets) and not self._loading


# --- page 2: columns ---------------------------------------------------------------------------


class MappingPage(QWizardPage):
    loaded = Signal()

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("What is in each column?"))
        self.setSubTitle(self.tr("Muster guessed from the column titles. Change what is wrong; "
                                 "set columns you do not need to '(ignore)'."))  # fmt: skip
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First values"), self.tr("Import as")]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.remember = QCheckBox(self.tr("Remember these choices for files with the same columns"))
        self.remember.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000")
        self.info = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        self.combos: list[QComboBox] = []
        self._ready = False

    def initializePage(self) -> None:
        self._ready = False
        self.table.setRowCount(0)
        self.combos = []
        self.message.setText(self.tr("Reading the file…"))
        state = self.state
        path, sheet, inst, training_id = state.path, state.sheet_name, state.installation, \
            state.training_id  # fmt: skip

        def job() -> tuple[SheetData, list[str], tuple[SessionInfo, ...]]:
            from app.services.trainings import get_training

            assert path is not None
            data = pi.read_sheet(path, sheet)
            return (
                data,
                pi.auto_mapping(inst, training_id, data),
                get_training(inst, training_id).sessions,
            )

        state.worker.run(job, on_success=self._show, on_error=self._refused)

    def _show(self, result: tuple[SheetData, list[str], tuple[SessionInfo, ...]]) -> None:
        data, mapping, sessions = result
        self.state.sheet, self.state.sessions = data, sessions
        self.message.clear()
        where = f" — {data.sheet}" if data.sheet else ""
        self.info.setText(
            self.tr("{file}{sheet}: column titles on row {line}, {rows} rows below them.").format(
                file=data.path.name, sheet=where, line=data.header_line, rows=len(data.rows)
            )
        )
        labels = field_labels()
        targets: list[tuple[str, str]] = [(key, labels[key]) for key in labels]
        for s in sessions:
            place = f", {s.location}" if s.location else ""
            targets.append((pi.SESSION_PREFIX + s.id,
                            self.tr("Attendance on {day}").format(day=show_date(s.date)) + place))  # fmt: skip
        self.table.setRowCount(len(data.headers))
        for column, header in enumerate(data.headers):
            title = header or self.tr("(column {n})").format(n=column + 1)
            self.table.setItem(column, 0, QTableWidgetItem(isolate(title)))
            samples = " · ".join(isolate(v) for v in data.samples(column))
            self.table.setItem(column, 1, QTableWidgetItem(samples))
            combo = QComboBox()
            for key, label in targets:
                combo.addItem(label, key)
            wanted = mapping[column] if column < len(mapping) else ""
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(column, 2, combo)
            self.combos.append(combo)
        for row in range(self.table.rowCount()):
            for col in (0, 1):
                item = self.table.item(row, col)
                assert item is not None  # both set just above
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self._ready = True
        self._changed()
        self.loaded.emit()

    def mapping(self) -> list[str]:
        return [str(c.currentData()) for c in self.combos]

    def set_target(self, column: int, target: str) -> None:
        """Set what a column is imported as (also used by tests)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(target))

    def _changed(self) -> None:
        try:
            pi.check_mapping(self.mapping())
        except UserError as err:
            self.message.setText(error_sentence(err))
        else:
            self.message.clear()
        self.completeChanged.emit()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(error_sentence(exc))
        else:
            self.message.clear()
            self.state.worker.failed.emit(exc)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if not self._ready:
            return False
        try:
            pi.check_mapping(self.mapping())
        except UserError:
            return False
        return True

    def validatePage(self) -> bool:
        self.state.mapping = self.mapping()
        self.state.remember = self.remember.isChecked()
        return True


# --- page 3: preview ---------------------------------------------------------------------------


def _name(_model: Any, r: pi.ImportRow) -> str:
    return (
        isolate(r.full_name)
        if r.full_name
        else QCoreApplication.translate("PreviewModel", "(no name)")
    )


def _chosen(model: PreviewModel, r: pi.ImportRow) -> str:
    """What will become of the row: the person chosen for it, or that it is skipped."""
    if r.skipped:
        return QCoreApplication.translate("PreviewModel", "Skipped")
    return dict(model.options_for(r)).get(model.choice.get(r.line, pi.NEW), "")


def _notes(_model: Any, r: pi.ImportRow) -> str:
    notes = [skip_reason_text(r.skip_reason)] if r.skipped else []
    return "; ".join(notes + [localized(p) for p in r.problems])


class PreviewModel(TableModel):
    """Rows of the file as they will be imported; the "Person" column is a choice."""

    COLUMNS = (
        Column("line", QT_TRANSLATE_NOOP("PreviewModel", "Row")),
        Column("name", QT_TRANSLATE_NOOP("PreviewModel", "Name"), display=_name),
        Column("sex", QT_TRANSLATE_NOOP("PreviewModel", "Sex"),
               display=lambda _m, r: sex_labels().get(r.sex, r.sex) if not r.skipped else ""),
        Column("organisation", QT_TRANSLATE_NOOP("PreviewModel", "Organisation")),
        Column("person", QT_TRANSLATE_NOOP("PreviewModel", "Person"), display=_chosen,
               editable=True),
        Column("notes", QT_TRANSLATE_NOOP("PreviewModel", "Notes"), display=_notes),
    )  # fmt: skip
    CONTEXT = "PreviewModel"
    ROLES = frozenset({*TableModel.ROLES, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ForegroundRole})
    PERSON = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[pi.ImportRow] = []
        self.choice: dict[int, str] = {}  # line -> person id, NEW or SKIP

    def set_preview(self, preview: pi.ImportPreview) -> None:
        self.beginResetModel()
        self.rows = list(preview.rows)
        self.choice = {r.line: (r.default_person or pi.NEW) for r in self.rows if not r.skipped}
        self.endResetModel()

    def options(self, row: int) -> list[tuple[str, str]]:
        return self.options_for(self.rows[row])

    def options_for(self, r: pi.ImportRow) -> list[tuple[str, str]]:
        """(value, label) choices for a row: a new person, each likely match, or leave out."""
        out = [(pi.NEW, self.tr("New person"))]
        for m in r.matches:
            org = f", {m.organisation}" if m.organisation else ""
            out.append((m.person_id, self.tr("Same as {name}{org} ({score}%)").format(
                name=isolate(m.full_name), org=isolate(org) if org else "",
                score=round(m.score * 100))))  # fmt: skip
        out.append((pi.SKIP, self.tr("Leave out")))
        return out

    def can_edit(self, row: pi.ImportRow) -> bool:
        """A skipped row has no person to choose."""
        return not row.skipped

    def cell(self, row: pi.ImportRow, column: Column, role: int) -> Any:
        """The person's choice for editing; grey skipped rows, amber unconfirmed duplicates."""
        person = column.key == "person"
        if role == Qt.ItemDataRole.EditRole:
            return self.choice.get(row.line, pi.NEW) if person else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.skipped:
                return QColor("#777777")
            if person and row.matches and self.choice.get(row.line) == pi.NEW:
                return QColor("#a05a00")  # a possible duplicate, not confirmed
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not (person and row.matches):
                return None
            return "\n".join(f"{isolate(m.full_name)}: {', '.join(m.reasons)}" for m in row.matches)
        return super().cell(row, column, role)

    def set_cell(self, index: Index, row: pi.ImportRow, value: Any) -> bool:
        if value not in dict(self.options_for(row)):
            return False
        self.choice[row.line] = str(value)
        self.dataChanged.emit(index, index.sibling(index.row(), 5))
        return True

    def decisions(self) -> dict[int, str]:
        return dict(self.choice)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box with the row's choices, for the "Person" column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        model = index.model()
        assert isinstance(model, PreviewModel)
        for value, label in model.options(index.row()):
            combo.addItem(label, value)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewPage(QWizardPage):
    loaded = Signal()

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Nothing is saved yet. Rows in orange may be people Muster "
                                 "already knows: choose who they are in the Person column."))  # fmt: skip
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PreviewModel.PERSON, ChoiceDelegate(self.view))
        self.view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.values = QTableWidget(0, 3)
        self.values.setHorizontalHeaderLabels(
            [self.tr("In the file"), self.tr("Rows"), self.tr("Read as")]
        )
        self.values.verticalHeader().setVisible(False)
        self.values.horizontalHeader().setStretchLastSection(True)
        self.values_label = QLabel(self.tr("Categories and partners Muster is not sure about:"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.values_label)
        layout.addWidget(self.values, 1)
        layout.addWidget(self.message)
        self.value_combos: dict[tuple[str, str], QComboBox] = {}

    def initializePage(self) -> None:
        self.state.preview = None
        self.model.set_preview(pi.ImportPreview("", "", self.state.sheet, (), (), (), ()))  # type: ignore[arg-type]
        self.summary.setText(self.tr("Checking every row and looking for people already known…"))
        self.message.clear()
        state = self.state
        inst, tid, sheet, mapping = state.installation, state.training_id, state.sheet, \
            list(state.mapping)  # fmt: skip
        assert sheet is not None
        state.worker.run(
            lambda: pi.build_preview(inst, tid, sheet, mapping),
            on_success=self._show,
            on_error=self._refused,
        )

    def _show(self, preview: pi.ImportPreview) -> None:
        self.state.preview = preview
        self.model.set_preview(preview)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(300, self.view.columnWidth(1)))  # a long note: the rest
        self.view.setColumnWidth(PreviewModel.PERSON, max(280, self.view.columnWidth(4)))
        valid, skipped = len(preview.valid_rows), len(preview.skipped_rows)
        known = len([r for r in preview.valid_rows if r.default_person])
        unsure = len(preview.possible_duplicates)
        self.summary.setText(
            self.tr(
                "{valid} participants to import ({known} already known), {skipped} rows "
                "skipped, {unsure} possible duplicates to check."
            ).format(valid=valid, known=known, skipped=skipped, unsure=unsure)
        )
        unsure_values = [c for c in preview.choices if not c.certain]
        self.values.setRowCount(len(unsure_values))
        self.value_combos = {}
        for row, choice in enumerate(unsure_values):
            self.values.setItem(row, 0, QTableWidgetItem(choice.raw))
            self.values.setItem(row, 1, QTableWidgetItem(str(choice.rows)))
            combo = QComboBox()
            for option in choice.candidates:
                combo.addItem(option.label, option.id)
            combo.addItem(self.tr("(leave empty)"), None)
            combo.setCurrentIndex(0 if choice.suggested else combo.count() - 1)
            self.values.setCellWidget(row, 2, combo)
            self.value_combos[(choice.field, choice.key)] = combo
        self.values.setVisible(bool(unsure_values))
        self.values_label.setVisible(bool(unsure_values))
        self.completeChanged.emit()
        self.loaded.emit()

    def _refused(self, exc: BaseException) -> None:
        self.summary.clear()
        if isinstance(exc, UserError):
            self.message.setText(error_sentence(exc))
        else:
            self.state.worker.failed.emit(exc)
        self.completeChanged.emit()

    def decisions(self) -> pi.ImportDecisions:
        values = {key: combo.currentData() for key, combo in self.value_combos.items()}
        return pi.ImportDecisions(
            people=self.model.decisions(), values=values, remember_mapping=self.state.remember
        )

    def isComplete(self) -> bool:
        return self.state.preview is not None


# --- page 4: result ----------------------------------------------------------------------------


class ResultPage(QWizardPage):
    finished_import = Signal(object)

    def __init__(self, state: _State, decisions: Any) -> None:
        super().__init__()
        self.state = state
        self._decisions = decisions
        self.setTitle(self.tr("Import"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.details, 1)

    def initializePage(self) -> None:
        self.state.result = None
        self.text.setText(self.tr("Importing…"))
        self.details.clear()
        preview, decisions = self.state.preview, self._decisions()
        inst = self.state.installation
        assert preview is not None
        self.state.worker.run(
            lambda: pi.apply_import(inst, preview, decisions),
            on_success=self._done,
            on_error=self._refused,
        )

    def _done(self, result: pi.ImportResult) -> None:
        self.state.result = result
        self.setTitle(self.tr("Participants imported"))
        self.text.setText(
            self.tr(
                "{total} participants imported into this training: {new} new, {known} "
                "already known ({registered} were already registered). {marks} attendance "
                "marks recorded. {skipped} rows skipped."
            ).format(
                total=result.created + result.matched,
                new=result.created,
                known=result.matched,
                registered=result.already_registered,
                marks=result.marks,
                skipped=len(result.skipped),
            )
        )
        lines = [self.tr("Row {line}: {name}: {reason}").format(
                     line=s.line, name=isolate(s.name) if s.name else self.tr("(no name)"),
                     reason=skip_reason_text(localized(s.reason))) for s in result.skipped]  # fmt: skip
        lines += [localized(n) for n in result.notes]
        self.details.setText("\n".join(lines[:200]))
        self.completeChanged.emit()
        self.finished_import.emit(result)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.setTitle(self.tr("Nothing was imported"))
            self.text.setText(error_sentence(exc))
        else:
            self.text.setText(self.tr("Nothing was imported."))
            self.state.worker.failed.emit(exc)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.state.result is not None


class ImportWizard(QWizard):
    """Import a participant list into one training."""

    imported = Signal(object)

    def __init__(
        self,
        installation: Installation,
        worker: Worker,
        training_id: str,
        training_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import participants") +
                            (f" — {isolate(training_title)}" if training_title else ""))  # fmt: skip
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.state = _State(installation, worker, training_id)
        self.file_page = FilePage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.result_page = ResultPage(self.state, self.preview_page.decisions)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.preview_page.setCommitPage(True)
        self.result_page.finished_import.connect(self.imported)
        self.resize(900, 620)
