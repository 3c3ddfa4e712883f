"""Feature module: import and export participant lists, and the possible-duplicates view.

Adds "Import participants…" and "Export participants…" as training actions (menu
and editor toolbar) and "Possible duplicates…" to the Participants menu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from app.services.exports import Written
    from app.ui.contracts import WindowHost
    from app.ui.duplicates_view import DuplicatesDialog
    from app.ui.import_wizard import ImportWizard
    from app.ui.main_window import MainWindow


def _tr(text: str) -> str:
    """Strings of this module live in the main window's context, where they are shown."""
    return QCoreApplication.translate("MainWindow", text)


def _need_training(window: MainWindow) -> str | None:
    training_id = window.current_training_id()
    if training_id is None:
        QMessageBox.information(
            window,
            _tr("Choose a training"),
            _tr("Select a training in the list first."),
        )
    return training_id


def open_import_wizard(window: MainWindow, training_id: str, title: str = "") -> ImportWizard:
    """Show the import wizard for ``training_id``; the window refreshes after an import."""
    from app.ui.import_wizard import ImportWizard

    wizard = ImportWizard(window.installation, window.worker, training_id, title, window)
    wizard.imported.connect(lambda _result: window.refresh())
    wizard.show()
    return wizard


def _import(window: MainWindow) -> None:
    training_id = _need_training(window)
    if training_id is None:
        return
    from app.services.trainings import get_training

    window.worker.run(
        lambda: get_training(window.installation, training_id).title,
        on_success=lambda title: open_import_wizard(window, training_id, title),
    )


def document_language(window: WindowHost) -> str:
    """The language chosen for documents in Preferences (else the interface's)."""
    from app.ui.i18n import document_language as chosen

    return chosen(window.installation)


def with_language(name: str, lang: str) -> str:
    """'participants-2024-05-14-formation-fr.xlsx': the language in the default name, so
    an export in the other language never takes this one's place."""
    path = Path(name)
    return f"{path.stem}-{lang}{path.suffix}"


@dataclass(frozen=True)
class ExportChoice:
    """One entry of a save dialog's file-type list, and what it means for the export."""

    label: str  # the (translated) filter shown, "Excel workbook (*.xlsx)"
    suffix: str
    csv_dialect: str | None = None  # "excel" (comma) or "excel-fr" (semicolon, decimal comma)
    hxl: bool = False


def export_choices(lang: str, csv: bool = True) -> list[ExportChoice]:
    """File types for an export: .xlsx, the two CSV dialects (the document language's
    first) and .xlsx with HXL hashtags."""
    xlsx = ExportChoice(_tr("Excel workbook (*.xlsx)"), ".xlsx")
    comma = ExportChoice(_tr("CSV for Excel, comma-separated (*.csv)"), ".csv", "excel")
    semicolon = ExportChoice(
        _tr("CSV for French Excel, semicolon-separated (*.csv)"), ".csv", "excel-fr"
    )
    hxl = ExportChoice(_tr("Excel workbook with HXL hashtags (*.xlsx)"), ".xlsx", hxl=True)
    if not csv:
        return [xlsx, hxl]
    return [xlsx, *((semicolon, comma) if lang == "fr" else (comma, semicolon)), hxl]


def chosen_export(
    choices: Sequence[ExportChoice], selected: str, path: Path
) -> tuple[Path, ExportChoice]:
    """The path with its suffix, and the choice the selected filter names (by identity)."""
    choice = next((c for c in choices if c.label == selected), choices[0])
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_suffix(choice.suffix)
    if path.suffix.lower() != choice.suffix:  # "list.csv" typed with the .xlsx type chosen
        choice = ExportChoice(choice.label, path.suffix.lower(), None, choice.hxl)
    return path, choice


def export_to(
    window: MainWindow,
    training_id: str,
    path: Path,
    hxl: bool = False,
    csv_dialect: str | None = None,
) -> None:
    """Write the participants file on the worker and say where it went."""
    from app.services.participants_export import export_participants

    inst, lang = window.installation, document_language(window)

    def done(result: Written) -> None:
        window.show_saved_file(
            result.path,
            QCoreApplication.translate(
                "MainWindow", "%n participant(s) exported to {path}", None, result.rows
            ).format(path=Path(result.path).name),
        )

    window.worker.run(
        lambda: export_participants(inst, training_id, path, lang, hxl, csv_dialect), done
    )


def _ask_export_path(
    window: MainWindow,
    title: str,
    filters: str,
    rename: Callable[[str], str],
    then: Callable[[str, Path, str], None],
) -> None:
    """For the selected training: suggest a file in the exports folder, ask where to save,
    then call ``then(training_id, chosen path, selected filter)``."""
    training_id = _need_training(window)
    if training_id is None:
        return
    from app.services.participants_export import training_export_name

    inst = window.installation

    def ask(name: str) -> None:
        from app.ui.common import free_path

        folder = inst.paths.exports
        folder.mkdir(parents=True, exist_ok=True)
        suggested = free_path(folder / with_language(rename(name), document_language(window)))
        chosen, selected = QFileDialog.getSaveFileName(window, title, str(suggested), filters)
        if chosen:
            then(training_id, Path(chosen), selected)

    window.worker.run(lambda: training_export_name(inst, training_id), on_success=ask)


def _export(window: MainWindow) -> None:
    choices = export_choices(document_language(window))

    def chosen(training_id: str, path: Path, selected: str) -> None:
        path, choice = chosen_export(choices, selected, path)
        export_to(window, training_id, path, choice.hxl, choice.csv_dialect)

    _ask_export_path(
        window,
        _tr("Export participants"),
        ";;".join(c.label for c in choices),
        lambda name: name,
        chosen,
    )


def export_figures_to(window: MainWindow, training_id: str, path: Path, hxl: bool = False) -> None:
    """Write every summary table of the training (one sheet each) on the worker."""
    from app.services.participants_export import export_report_workbook
    from app.services.reports import ReportFilter

    inst, lang = window.installation, document_language(window)

    def done(result: Written) -> None:
        window.show_saved_file(
            result.path, _tr("Figures exported to {path}").format(path=Path(result.path).name)
        )

    window.worker.run(
        lambda: export_report_workbook(
            inst, path, ReportFilter(training_id=training_id), lang, hxl
        ),
        done,
    )


def _export_figures(window: MainWindow) -> None:
    choices = export_choices(document_language(window), csv=False)
    _ask_export_path(
        window,
        _tr("Export figures"),
        ";;".join(c.label for c in choices),
        lambda name: name.replace("participants", "figures", 1),
        lambda training_id, path, selected: export_figures_to(
            window, training_id, path.with_suffix(".xlsx"),
            hxl=chosen_export(choices, selected, path)[1].hxl,
        ),
    )  # fmt: skip


def open_duplicates(window: MainWindow) -> DuplicatesDialog:
    from app.ui.duplicates_view import DuplicatesDialog

    dialog = DuplicatesDialog(window.installation, window.worker, window)
    dialog.merged.connect(lambda _info: window.refresh())
    dialog.show()
    return dialog


def install(window: MainWindow) -> None:
    import_action = QAction(_tr("Import participants…"), window)
    import_action.setStatusTip(_tr("Add participants from an Excel or CSV list"))
    import_action.triggered.connect(lambda: _import(window))
    window.add_training_action(import_action)

    export_action = QAction(_tr("Export participants…"), window)
    export_action.setStatusTip(_tr("Save the participant list as Excel or CSV"))
    export_action.triggered.connect(lambda: _export(window))
    window.add_training_action(export_action)

    figures_action = QAction(_tr("Export figures…"), window)
    figures_action.setStatusTip(
        _tr("Save the summary tables (by category, sex, partner, session…) as Excel")
    )
    figures_action.triggered.connect(lambda: _export_figures(window))
    window.add_training_action(figures_action)

    for action in (export_action, figures_action):
        action.setProperty("musterToolbarGroup", "export")  # training_editor.TOOLBAR_GROUP

    duplicates_action = QAction(_tr("Possible duplicates…"), window)
    duplicates_action.setStatusTip(_tr("Find people recorded twice and merge them"))
    duplicates_action.triggered.connect(lambda: open_duplicates(window))
    window.menu("people").addAction(duplicates_action)
