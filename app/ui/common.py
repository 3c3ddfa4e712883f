"""Small pieces every Muster window shares: labels, dates, settings, questions, field errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.paths import Paths
from app.ui.text_direction import isolate  # noqa: F401  (one helper; pages import it from here)

# Dates on screen are never ambiguous: "10 Sep 2024", never 10/09/2024.
DATE_FORMAT = "d MMM yyyy"
DATE_FORMAT_LONG = "ddd d MMM yyyy"


def translate(text: str) -> str:
    return QCoreApplication.translate("Muster", text)


def localized(message: str) -> str:
    """A service's sentence (often an ``app.l10n.Phrase``) in the interface's language."""
    from app.l10n import localize
    from app.ui.i18n import current_language

    return localize(message, current_language())


def error_sentence(err: Exception) -> str:
    """A service's refusal (``UserError``, each field of a ``ValidationError``) in the
    interface's language."""
    errors = getattr(err, "errors", None)
    if isinstance(errors, dict) and len(errors) > 1:
        return "; ".join(localized(m) for m in errors.values())
    return localized(getattr(err, "message", str(err)))


def sex_labels() -> dict[str, str]:
    return {"F": translate("Female"), "M": translate("Male"), "X": translate("Not stated")}


def status_labels() -> dict[str, str]:
    return {
        "planned": translate("Planned"),
        "held": translate("Held"),
        "cancelled": translate("Cancelled"),
    }


def kind_labels() -> dict[str, str]:
    return {
        "training": translate("Training"),
        "workshop": translate("Workshop"),
        "conference": translate("Conference"),
        "seminar": translate("Seminar"),
        "side_event": translate("Side event"),
        "other": translate("Other"),
    }


def role_labels() -> dict[str, str]:
    return {
        "lead": translate("Lead"),
        "co_organiser": translate("Co-organiser"),
        "funder": translate("Funder"),
    }


def partner_kind_labels() -> dict[str, str]:
    """What kind of organisation a partner is, in the interface's language."""
    return {
        "un": translate("UN entity"),
        "national": translate("National institution"),
        "regional": translate("Regional organisation"),
        "civil_society": translate("Civil society"),
        "donor": translate("Donor"),
        "other": translate("Other"),
    }


def attendance_labels() -> dict[str, str]:
    return {
        "present": translate("Present"),
        "absent": translate("Absent"),
        "excused": translate("Excused"),
        "late": translate("Late"),
        "left_early": translate("Left early"),
    }


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def show_date(day: date | None) -> str:
    """'10 Sep 2024' in the interface's locale: day, month name and year, never ambiguous."""
    if day is None:
        return ""
    return QLocale().toString(to_qdate(day), DATE_FORMAT)  # QDate.toString is always English


def settings_for(paths: Paths) -> QSettings:
    """Window layout and filters, kept in the data home (never the user's global settings)."""
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A yes/cancel question whose yes button says what will happen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    parent.window().activateWindow()
    return box.clickedButton() is yes_button


def ask_save_discard_cancel(parent: QWidget, what: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel for unsaved changes to ``what``."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("Unsaved changes"),
        translate("{what} has changes that are not saved yet.").format(what=what),
        parent=parent,
    )
    box.setInformativeText(translate("Do you want to save them?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = QMessageBox.StandardButton(box.exec())
    parent.window().activateWindow()
    return answer


def file_slug(text: str) -> str:
    """A piece of a file name safe on every file system: letters, digits and dashes."""
    kept = "".join(ch if ch.isalnum() else " " for ch in text)
    return "-".join(kept.split())


def free_path(path: Path) -> Path:
    """``path``, or the first of "name-2.pdf", "name-3.pdf"… that no file has taken yet."""
    if not path.exists():
        return path
    number = 2
    while (candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
        number += 1
    return candidate


def confirm_replace(parent: QWidget, path: Path) -> Path | None:
    """Where to write when ``path`` is taken: it (replace), a new free name, or None."""
    if not path.exists():
        return path
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("File already there"),
        translate("A file called {name} is already in that folder.").format(name=path.name),
        parent=parent,
    )
    box.setInformativeText(translate("Replace it, or keep it and save under a new name?"))
    new = box.addButton(translate("Save under a new name"), QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton(translate("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new)
    box.exec()
    if box.clickedButton() is new:
        return free_path(path)
    return path if box.clickedButton() is replace else None


class FieldError(QLabel):
    """The plain sentence shown right under a field whose value was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b3261e;")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(localized(message) if message else "")
        self.setVisible(bool(message))
