"""Feature module: "Summary PDF…", "Sign-in sheets…", "Verify a document…", "My signing identity…".

The first-run welcome dialog (app/ui/welcome.py) creates the identity; "My signing
identity…" shows it, exports the certificate, or creates it if it is still missing.
Building and signing a summary runs on the worker; the passphrase is asked on the
GUI thread first (once per app session, see :mod:`app.ui.identity_ui`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ui.common import confirm_replace, file_slug, free_path
from app.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.services.trainings import TrainingInfo
    from app.ui.main_window import MainWindow
    from app.ui.verify_window import VerifyWindow


class _FileRow(QWidget):
    """A path field with a "Browse…" button that asks where to save a PDF."""

    def __init__(self, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(default, self)
        self.path.setMinimumWidth(340)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), self.path.text(), self.tr("PDF documents (*.pdf)")
        )
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")


def _language_box(parent: QWidget, lang: str = "en") -> QComboBox:
    box = QComboBox(parent)
    box.addItem("English", "en")
    box.addItem("Français", "fr")
    box.setCurrentIndex(max(box.findData(lang), 0))
    return box


def summary_file_name(training: TrainingInfo, lang: str, include_names: bool) -> str:
    """'MONUSCO-2024-05-14-summary-fr-with-names.pdf': the language and whether names
    are in it, so a second summary never takes the first one's name."""
    names = "with-names" if include_names else "no-names"
    base = file_slug(training.mission or "training")
    return f"{base}-{training.start:%Y-%m-%d}-summary-{lang}-{names}.pdf"


def sheets_file_name(training: TrainingInfo, lang: str, session: Any = None) -> str:
    """'MONUSCO-2024-05-14-sign-in-fr.pdf', or '…-sign-in-2024-05-28-fr.pdf' for one session."""
    day = f"-{session.date:%Y-%m-%d}" if session is not None else ""
    base = file_slug(training.mission or "training")
    return f"{base}-{training.start:%Y-%m-%d}-sign-in{day}-{lang}.pdf"


class _AutoNamedDialog(QDialog):
    """A save dialog whose suggested file name follows its options until the user edits
    it; saving over an existing file is asked about first."""

    file: _FileRow

    def _follow_options(self, make_name: Callable[[], str], folder: Path) -> None:
        self._make_name, self._folder = make_name, folder
        self._suggested = self.file.path.text()
        self.file.path.textEdited.connect(lambda _t: setattr(self, "_suggested", None))

    def _options_changed(self) -> None:
        if self._suggested is not None and self.file.path.text() == self._suggested:
            self._suggested = str(free_path(self._folder / self._make_name()))
            self.file.path.setText(self._suggested)

    def accept(self) -> None:
        text = self.file.path.text().strip()
        if text:
            chosen = confirm_replace(self, Path(text))
            if chosen is None:
                return
            self.file.path.setText(str(chosen))
        super().accept()


class SummaryDialog(_AutoNamedDialog):
    """Options for the signed summary: language, names or aggregates only, where to save."""

    def __init__(
        self, training: TrainingInfo, default_path: str, parent: QWidget, lang: str = "en"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Summary PDF"))
        layout = QVBoxLayout(self)
        title = QLabel(training.title, self)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        form = QFormLayout()
        self.language = _language_box(self, lang)
        self.include_names = QCheckBox(self.tr("Include the participants' names"), self)
        self.include_names.setChecked(True)
        self.file = _FileRow(default_path, self)
        self._follow_options(
            lambda: summary_file_name(
                training, str(self.language.currentData()), self.include_names.isChecked()
            ),
            Path(default_path).parent,
        )
        self.language.currentIndexChanged.connect(self._options_changed)
        self.include_names.toggled.connect(self._options_changed)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.include_names)
        form.addRow(self.tr("Save as"), self.file)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "The summary is signed with your key. Without names, it shows figures only; "
                "use that version when the list of participants is sensitive."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign and save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SheetsDialog(_AutoNamedDialog):
    """Which session(s), which language, where to save the sign-in sheets."""

    def __init__(
        self, training: TrainingInfo, default_path: str, parent: QWidget, lang: str = "en"
    ) -> None:
        from app.l10n import format_date

        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign-in sheets"))
        layout = QVBoxLayout(self)
        title = QLabel(training.title, self)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        form = QFormLayout()
        self.session = QComboBox(self)
        self.session.addItem(self.tr("All sessions"), None)
        for s in training.sessions:
            self.session.addItem(f"{format_date(s.date)} — {s.location}", s.id)
        self.language = _language_box(self, lang)
        self.file = _FileRow(default_path, self)
        sessions = {s.id: s for s in training.sessions}
        self._follow_options(
            lambda: sheets_file_name(
                training,
                str(self.language.currentData()),
                sessions.get(self.session.currentData()),
            ),
            Path(default_path).parent,
        )
        self.language.currentIndexChanged.connect(self._options_changed)
        self.session.currentIndexChanged.connect(self._options_changed)
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Save as"), self.file)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class DocumentActions(QObject):
    """The feature's actions and the jobs they start; signals tell when files are written."""

    summary_saved = Signal(object)  # SummaryResult
    sheets_saved = Signal(object)  # SheetResult

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_dialog: QDialog | None = None
        self.summary_action = QAction(self.tr("Summary PDF…"), window)
        self.summary_action.setStatusTip(self.tr("Export the training's signed summary"))
        self.summary_action.triggered.connect(self.start_summary)
        self.sheets_action = QAction(self.tr("Sign-in sheets…"), window)
        self.sheets_action.setStatusTip(self.tr("Print attendance sheets for wet signatures"))
        self.sheets_action.triggered.connect(self.start_sheets)
        self.verify_action = QAction(self.tr("Verify a document…"), window)
        self.verify_action.triggered.connect(self.open_verify)
        self.identity_action = QAction(self.tr("My signing identity…"), window)
        self.identity_action.triggered.connect(self.open_identity)
        self.documents_action = QAction(self.tr("Signed documents…"), window)
        self.documents_action.setStatusTip(
            self.tr("Open the signed summaries of this training, made here or received")
        )
        self.documents_action.triggered.connect(self.start_documents)

    # -- helpers ---------------------------------------------------------------------------

    def _with_training(self, then: Any) -> None:
        """Load the selected training on the worker, then call ``then(info)``."""
        from app.services.trainings import get_training

        training_id = self.window.current_training_id()
        if not training_id:
            self.window.show_error(UserError(self.tr("Select a training in the list first.")))
            return
        inst = self.window.installation
        self.window.worker.run(lambda: get_training(inst, training_id), on_success=then)

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10_000)

    def _document_language(self) -> str:
        """The language chosen for documents in Preferences (else the interface's)."""
        from app.ui.i18n import document_language

        return document_language(self.window.installation)

    # -- summary ---------------------------------------------------------------------------

    def start_summary(self) -> None:
        self._with_training(self._ask_summary)

    def _ask_summary(self, training: TrainingInfo) -> None:
        lang = self._document_language()
        folder = self.window.installation.paths.exports
        default = str(free_path(folder / summary_file_name(training, lang, True)))
        dialog = SummaryDialog(training, default, self.window, lang)
        self.last_dialog = dialog
        dialog.accepted.connect(
            lambda: self.export_summary(
                training.id,
                dialog.file.path.text(),
                str(dialog.language.currentData()),
                dialog.include_names.isChecked(),
            )
        )
        dialog.open()

    def export_summary(self, training_id: str, path: str, lang: str, include_names: bool) -> None:
        """Unlock the key (asks once), then build, sign and save on the worker."""
        from app.services.pdf import SummaryOptions, export_summary
        from app.ui.identity_ui import unlock_key

        if not path.strip():
            self.window.show_error(UserError(self.tr("Please choose where to save the PDF.")))
            return
        key = unlock_key(self.window)
        if key is None:
            return
        inst = self.window.installation
        options = SummaryOptions(lang=lang, include_names=include_names)
        self._status(self.tr("Building and signing the summary…"))
        self.window.worker.run(
            lambda: export_summary(inst, training_id, Path(path), key, options),
            on_success=self._summary_done,
        )

    def _summary_done(self, result: Any) -> None:
        self.window.show_saved_file(
            result.path,
            self.tr("Signed summary saved: {path} (%n page(s))", "", result.pages).replace(
                "{path}", result.path.name
            ),
        )
        self.summary_saved.emit(result)

    # -- sheets ----------------------------------------------------------------------------

    def start_sheets(self) -> None:
        self._with_training(self._ask_sheets)

    def _ask_sheets(self, training: TrainingInfo) -> None:
        lang = self._document_language()
        folder = self.window.installation.paths.exports
        default = str(free_path(folder / sheets_file_name(training, lang)))
        dialog = SheetsDialog(training, default, self.window, lang)
        self.last_dialog = dialog
        dialog.accepted.connect(
            lambda: self.export_sheets(
                training.id,
                dialog.file.path.text(),
                dialog.session.currentData(),
                str(dialog.language.currentData()),
            )
        )
        dialog.open()

    def export_sheets(self, training_id: str, path: str, session_id: str | None, lang: str) -> None:
        from app.services.sheets import export_sheets

        if not path.strip():
            self.window.show_error(UserError(self.tr("Please choose where to save the PDF.")))
            return
        inst = self.window.installation
        self.window.worker.run(
            lambda: export_sheets(inst, training_id, Path(path), session_id, lang),
            on_success=self._sheets_done,
        )

    def _sheets_done(self, result: Any) -> None:
        self.window.show_saved_file(
            result.path,
            self.tr("Sign-in sheets saved: {path} (%n page(s))", "", result.pages).replace(
                "{path}", result.path.name
            ),
            can_print=True,
        )
        self.sheets_saved.emit(result)

    # -- signed documents of a training ----------------------------------------------------

    def start_documents(self) -> None:
        self._with_training(self._show_documents)

    def _show_documents(self, training: TrainingInfo) -> None:
        from app.services.documents import list_documents

        inst = self.window.installation

        def show(docs: list[Any]) -> None:
            dialog = DocumentsDialog(training, docs, self)
            self.last_dialog = dialog
            dialog.show()

        self.window.worker.run(lambda: list_documents(inst, training.id), on_success=show)

    # -- verify and identity ---------------------------------------------------------------

    def open_verify(self) -> VerifyWindow:
        from app.ui.verify_window import open_verify_window

        dialog = open_verify_window(self.window)
        self.last_dialog = dialog
        return dialog

    def open_identity(self) -> QDialog:
        from app.ui.identity_ui import open_identity_dialog

        dialog = open_identity_dialog(self.window)
        self.last_dialog = dialog
        return dialog


class DocumentsDialog(QDialog):
    """The signed PDFs kept for one training, with Open and Verify."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("DocumentsDialog", "Signed on"),
        QT_TRANSLATE_NOOP("DocumentsDialog", "Signer"),
        QT_TRANSLATE_NOOP("DocumentsDialog", "From"),
        QT_TRANSLATE_NOOP("DocumentsDialog", "Document"),
    )

    def __init__(self, training: TrainingInfo, docs: list[Any], actions: DocumentActions) -> None:
        super().__init__(actions.window)
        from app.ui.common import isolate, show_date

        self.document_actions = actions
        self.docs = docs
        self.setWindowTitle(self.tr("Signed documents: %1").replace("%1", training.title))
        self.resize(760, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Summaries signed on this computer, and those received from the field in bundles."
            )
            if docs
            else self.tr("No signed document for this training yet: use Summary PDF… to make one.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(docs), len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        for row, doc in enumerate(docs):
            when = f"{show_date(doc.created_at.date())} {doc.created_at:%H:%M} UTC"
            origin = self.tr("received") if doc.received else self.tr("this computer")
            name = self.describe(doc)
            if not doc.available:
                name = self.tr("%1 (missing)").replace("%1", name)
            for column, text in enumerate((when, isolate(doc.signer), origin, name)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(doc.path))
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        if docs:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(
            self.tr("&Open"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.verify_button = buttons.addButton(
            self.tr("&Verify"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(self.open_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.open_button.setEnabled(bool(docs))
        self.verify_button.setEnabled(bool(docs))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def describe(self, doc: Any) -> str:
        """'Summary · Français · with names': what tells two summaries of one training apart."""
        from app.ui.i18n import LANGUAGE_NAMES

        parts = [self.tr("Summary") if doc.kind == "summary" else doc.kind]
        if doc.lang in LANGUAGE_NAMES:
            parts.append(LANGUAGE_NAMES[doc.lang])
        if doc.names_included is not None:
            parts.append(self.tr("with names") if doc.names_included else self.tr("figures only"))
        return " · ".join(parts)

    def selected(self) -> Any | None:
        row = self.table.currentRow()
        return self.docs[row] if 0 <= row < len(self.docs) else None

    def open_selected(self) -> bool:
        """Open the PDF in the computer's PDF reader."""
        doc = self.selected()
        if doc is None:
            return False
        if not doc.available:
            self.document_actions.window.show_error(
                UserError(
                    self.tr("The file {name} is no longer in the documents folder.").format(
                        name=doc.path.name
                    )
                )
            )
            return False
        from app.services.documents import viewing_copy  # kept sealed: open a copy

        copy = viewing_copy(self.document_actions.window.installation, doc.path.name)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def verify_selected(self) -> QDialog | None:
        """Check the signature again, in the Verify window."""
        doc = self.selected()
        if doc is None:
            return None
        dialog = self.document_actions.open_verify()
        from app.services.documents import viewing_copy  # kept sealed: check a copy

        copy = viewing_copy(self.document_actions.window.installation, doc.path.name)
        dialog.verify_file(copy)
        return dialog


def install(window: MainWindow) -> None:
    actions = DocumentActions(window)
    for action in (actions.summary_action, actions.sheets_action):
        action.setProperty("musterToolbarGroup", "export")  # training_editor.TOOLBAR_GROUP
    window.documents = actions  # type: ignore[attr-defined]
    window.add_training_action(actions.summary_action)
    window.add_training_action(actions.sheets_action)
    window.add_training_action(actions.documents_action)
    window.menu("file").addAction(actions.verify_action)
    tools = window.menu("tools")
    tools.addAction(actions.verify_action)
    tools.addAction(actions.identity_action)
