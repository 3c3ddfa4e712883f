"""Reference lists: missions, places, partner organisations, participant categories.

An item in use cannot be deleted, only retired: it stays on old records but leaves
the pick lists. The service refuses the deletion with a plain sentence; the dialog
shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services import reference
from app.services.reference import CategoryInfo, LocationInfo, MissionInfo, PartnerInfo
from app.ui.common import FieldError, confirm, localized, partner_kind_labels
from app.ui.contracts import as_widget
from app.ui.i18n import current_language

if TYPE_CHECKING:
    from app.ui.contracts import WindowHost


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text, partner_kind, number


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: str
    columns: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    list_items: Callable[[Any], list[Any]]
    save: Callable[[Any, Any], Any]
    make: Callable[[dict[str, Any], Any], Any]
    label: Callable[[Any], str]


def _specs(tr: Callable[[str], str], lang: str = "en") -> list[KindSpec]:
    """The four lists; the table shows names in the interface's language (the form both)."""
    fr = lang == "fr"
    return [
        KindSpec(
            "mission", tr("Missions"), ("code", "name_fr" if fr else "name", "country"),
            (FieldSpec("code", tr("Code")), FieldSpec("name", tr("Name (English)")),
             FieldSpec("name_fr", tr("Name (French)")), FieldSpec("country", tr("Country"))),
            lambda inst: reference.list_missions(inst, include_retired=True),
            reference.save_mission,
            lambda v, old: MissionInfo(old.id if old else "", v["code"], v["name"], v["country"],
                                       old.retired if old else False, v["name_fr"]),
            lambda m: m.code,
        ),
        KindSpec(
            "location", tr("Places"), ("name", "country"),
            (FieldSpec("name", tr("Name")), FieldSpec("country", tr("Country"))),
            lambda inst: reference.list_locations(inst, include_retired=True),
            reference.save_location,
            lambda v, old: LocationInfo(old.id if old else "", v["name"], v["country"],
                                        old.mission_id if old else None,
                                        old.retired if old else False),
            lambda loc: loc.name,
        ),
        KindSpec(
            "partner", tr("Partners"),
            ("acronym", "acronym_fr", "name_fr", "kind") if fr else ("acronym", "name", "kind"),
            (FieldSpec("acronym", tr("Acronym")), FieldSpec("acronym_fr", tr("French acronym")),
             FieldSpec("name", tr("Name (English)")), FieldSpec("name_fr", tr("Name (French)")),
             FieldSpec("kind", tr("Kind"), "partner_kind")),
            lambda inst: reference.list_partners(inst, include_retired=True),
            reference.save_partner,
            lambda v, old: PartnerInfo(old.id if old else "", v["acronym"], v["name"], v["kind"],
                                       old.retired if old else False, v["acronym_fr"],
                                       v["name_fr"]),
            lambda p: p.acronym,
        ),
        KindSpec(
            "category", tr("Categories"), ("code", "name_fr" if fr else "name_en"),
            (FieldSpec("code", tr("Code")), FieldSpec("name_en", tr("Name (English)")),
             FieldSpec("name_fr", tr("Name (French)")),
             FieldSpec("sort_order", tr("Order"), "number")),
            lambda inst: reference.list_categories(inst, include_retired=True),
            reference.save_category,
            lambda v, old: CategoryInfo(old.id if old else "", v["code"], v["name_en"],
                                        v["name_fr"], v["sort_order"],
                                        old.retired if old else False),
            lambda c: c.name_en,
        ),
    ]  # fmt: skip


class ReferencePage(QWidget):
    """One list: a table of items, a form for the selected one, and its buttons."""

    def __init__(self, dialog: ReferenceDialog, spec: KindSpec) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.spec = spec
        self.items: list[Any] = []
        self.usage: dict[str, int] = {}
        self.current: Any = None

        self.table = QTableWidget(0, len(spec.columns) + 1, self)
        self.table.setObjectName(f"{spec.kind}Table")
        labels = {f.name: f.label for f in spec.fields}
        headers = [labels[name] for name in spec.columns]
        self.table.setHorizontalHeaderLabels([*headers, self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        names = [i for i, c in enumerate(spec.columns) if c.startswith("name")]
        stretch = names[0] if names else 1
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))

        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        for field in spec.fields:
            widget: QWidget
            if field.kind == "partner_kind":
                box = QComboBox(self)
                for kind, label in partner_kind_labels().items():
                    box.addItem(label, kind)
                widget = box
            elif field.kind == "number":
                spin = QSpinBox(self)
                spin.setRange(0, 10000)
                spin.setValue(100)
                widget = spin
            else:
                widget = QLineEdit(self)
            widget.setObjectName(f"{spec.kind}_{field.name}")
            error = FieldError(self)
            self.inputs[field.name] = widget
            self.errors[field.name] = error
            self._hide_error_on_edit(widget, error)
            box_layout = QVBoxLayout()
            box_layout.setSpacing(2)
            box_layout.addWidget(widget)
            box_layout.addWidget(error)
            form.addRow(field.label, box_layout)
        self.general_error = FieldError(self)

        self.new_button = QPushButton(self.tr("&New"), self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.retire_button = QPushButton(self.tr("&Retire"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        for button, name in (
            (self.new_button, "new"),
            (self.save_button, "save"),
            (self.retire_button, "retire"),
            (self.delete_button, "delete"),
        ):
            button.setObjectName(f"{spec.kind}_{name}")
            button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_item)
        self.save_button.clicked.connect(self.save_item)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button.clicked.connect(self.delete_item)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.retire_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self._select(-1)

    @staticmethod
    def _hide_error_on_edit(widget: QWidget, error: FieldError) -> None:
        """A refused value's sentence goes away once the value is edited."""

        def hide(*_args: object) -> None:
            error.show_message(None)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(hide)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(hide)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(hide)

    # --- list ---------------------------------------------------------------------------

    def load(self, select_label: str | None = None) -> None:
        inst, kind = self.dialog.installation, self.spec.kind
        self.dialog.worker.run(
            lambda: (self.spec.list_items(inst), reference.usage_counts(inst, kind)),
            on_success=lambda result: self._loaded(*result, select_label),
        )

    def state_text(self, item: Any) -> str:
        """Retired, in use (by how many records), or not used yet."""
        if item.retired:
            return self.tr("Retired")
        used = self.usage.get(item.id, 0)
        if used:
            return self.tr("In use (%n record(s))", "", used)
        return self.tr("Not used")

    def _loaded(self, items: list[Any], usage: dict[str, int], select_label: str | None) -> None:
        self.items = items
        self.usage = usage
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        grey = QColor("#888888")
        kinds = partner_kind_labels()
        for row, item in enumerate(items):
            for column, name in enumerate(self.spec.columns):
                value = getattr(item, name)
                if name == "name_fr" and not value:  # no French name yet: the English one
                    value = getattr(item, "name", "") or getattr(item, "name_en", "")
                text = kinds.get(value, value) if name == "kind" else str(value)
                cell = QTableWidgetItem(text)
                if item.retired:
                    cell.setForeground(grey)
                self.table.setItem(row, column, cell)
            state = QTableWidgetItem(self.state_text(item))
            if item.retired or not self.usage.get(item.id):
                state.setForeground(grey)
            self.table.setItem(row, len(self.spec.columns), state)
        self.table.blockSignals(False)
        row = -1
        if select_label is not None:
            row = next((i for i, it in enumerate(items) if self.spec.label(it) == select_label), -1)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
            self._select(row)
        else:
            self.table.clearSelection()
            self._select(-1)

    def row_of(self, label: str) -> int:
        return next((i for i, it in enumerate(self.items) if self.spec.label(it) == label), -1)

    def _select(self, row: int) -> None:
        self.current = self.items[row] if 0 <= row < len(self.items) else None
        for error in self.errors.values():
            error.show_message(None)
        self.general_error.show_message(None)
        for field in self.spec.fields:
            widget = self.inputs[field.name]
            value = getattr(self.current, field.name) if self.current is not None else None
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value or "other"), 0))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value) if value is not None else 100)
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))
        has = self.current is not None
        self.retire_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.retire_button.setText(
            self.tr("&Bring back") if has and self.current.retired else self.tr("&Retire")
        )

    # --- actions ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
        return out

    def new_item(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self._select(-1)
        first = self.inputs[self.spec.fields[0].name]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_item(self) -> None:
        info = self.spec.make(self.values(), self.current)
        inst = self.dialog.installation
        self.dialog.worker.run(
            lambda: self.spec.save(inst, info),
            on_success=self._saved,
            on_error=self._failed,
        )

    def _saved(self, info: Any) -> None:
        self.dialog.changed = True
        self.load(self.spec.label(info))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            for key, message in exc.errors.items():
                self.errors.get(key, self.general_error).show_message(localized(message))
            return
        from app.errors import UserError

        if isinstance(exc, UserError):
            self.general_error.show_message(localized(exc.message))
            return
        self.dialog.window_.show_error(exc)

    def toggle_retired(self) -> None:
        if self.current is None:
            return
        item, inst = self.current, self.dialog.installation
        label = self.spec.label(item)
        self.dialog.worker.run(
            lambda: reference.set_retired(inst, self.spec.kind, item.id, not item.retired),
            on_success=lambda _r: self._saved_label(label),
            on_error=self._failed,
        )

    def _saved_label(self, label: str) -> None:
        self.dialog.changed = True
        self.load(label)

    def delete_item(self) -> None:
        if self.current is None:
            return
        item, inst = self.current, self.dialog.installation
        if not confirm(
            self,
            self.tr("Delete"),
            self.tr("Delete {name}? Only items nothing uses can be deleted.").format(
                name=self.spec.label(item)
            ),
            self.tr("Delete"),
        ):
            return
        self.dialog.worker.run(
            lambda: reference.delete_reference(inst, self.spec.kind, item.id),
            on_success=lambda _r: self._saved_label(""),
            on_error=self._failed,
        )


class ReferenceDialog(QDialog):
    """The four reference lists in tabs."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(as_widget(window))
        self.window_ = window
        self.installation = window.installation
        self.worker = window.worker
        self.changed = False
        self.setWindowTitle(self.tr("Reference lists"))
        self.resize(760, 560)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, ReferencePage] = {}
        for spec in _specs(self.tr, current_language()):
            page = ReferencePage(self, spec)
            self.pages[spec.kind] = page
            self.tabs.addTab(page, spec.title)
            page.load()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
