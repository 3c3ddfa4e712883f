"""A training's participants: fast keyboard entry, completion, edit in place, remove, search.

Typing a name offers the people Muster already knows; choosing one enrols that same
person instead of making a twin. A new name that looks like someone already known is
questioned before a second record is made.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.limits import text_limit
from app.db.models import Partner, Person
from app.errors import UserError, ValidationError
from app.services import people, reference
from app.services.installation import Installation
from app.services.people import ParticipantInfo, PersonInfo, PersonInput
from app.textnorm import clean_text, fold
from app.ui.common import FieldError, isolate, localized, partner_kind_labels, sex_labels
from app.ui.contracts import as_widget
from app.ui.duplicates_view import reason_label
from app.ui.i18n import QT_TRANSLATE_NOOP, collator, current_language
from app.ui.table_model import RIGHT, SORT_ROLE, Column, TableModel

if TYPE_CHECKING:
    from app.ui.contracts import EditorHost

Index = QModelIndex | QPersistentModelIndex
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
COMPLETION_ROLE = Qt.ItemDataRole.UserRole + 2

try:  # issue 6 provides fuzzy matching; exact folded names are the fallback
    from app.services.duplicates import find_similar_people, make_candidate, score_pair
except ImportError:  # pragma: no cover - depends on another team's progress
    find_similar_people = score_pair = make_candidate = None  # type: ignore[assignment]

LIKELY_SAME = 0.6  # issue 6 offers candidates from 0.6: ask about any of them


def person_input(info: PersonInfo, **changes: Any) -> PersonInput:
    """The input that would save ``info`` as it is, with ``changes`` applied."""
    base = PersonInput(
        full_name=info.full_name,
        sex=info.sex,
        category=info.category or None,
        organisation=info.organisation,
        partner=info.partner or None,
        function=info.function,
        nationality=info.nationality,
        phone=info.phone,
        email=info.email,
        consent=info.consent,
    )
    return replace(base, **changes)


@dataclass(frozen=True)
class Resemblance:
    """Someone who may be the person being typed in, how likely, and why."""

    person: PersonInfo
    score: float
    reasons: tuple[str, ...]


def _resembles(data: PersonInput, person: PersonInfo) -> Resemblance | None:
    if score_pair is None:  # pragma: no cover - the duplicate finder is part of Muster
        if fold(person.full_name) != fold(data.full_name):
            return None
        return Resemblance(person, 1.0, ("same name",))
    match = score_pair(
        make_candidate("", data.full_name, data.sex, data.organisation),
        make_candidate(person.id, person.full_name, person.sex, person.organisation,
                       person.phone, person.email),
    )  # fmt: skip
    if match is None:
        return None
    return Resemblance(person, match.score, tuple(match.reasons))


def on_this_list(data: PersonInput, participants: list[PersonInfo]) -> list[Resemblance]:
    """Participants of this very training who look like the typed person, best first.

    "chantal uwimana" beside "Chantal Uwimana" of the same organisation is one person
    counted twice if added: the page asks before making that twin.
    """
    found = [r for p in participants if (r := _resembles(data, p)) and r.score >= LIKELY_SAME]
    return sorted(found, key=lambda r: -r.score)


def look_alikes(
    inst: Installation, data: PersonInput, participants: list[PersonInfo]
) -> list[Resemblance]:
    """People known elsewhere in Muster who may be the typed person (not on this list)."""
    enrolled = {p.id for p in participants}
    if find_similar_people is not None:
        similar = find_similar_people(
            inst, data.full_name, sex=data.sex, organisation=data.organisation,
            exclude_ids=enrolled, limit=3,
        )  # fmt: skip
        return [Resemblance(s.person, s.score, tuple(s.reasons)) for s in similar]
    key = fold(data.full_name)  # pragma: no cover - fallback without the duplicate finder
    return [
        Resemblance(p, 1.0, ("same name",))
        for p in people.search_people(inst, data.full_name, limit=20)
        if fold(p.full_name) == key and p.id not in enrolled
    ]


class NewPartnerDialog(QDialog):
    """A partner organisation typed in the participant row that the list does not have yet."""

    def __init__(self, acronym: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("newPartnerDialog")
        self.setWindowTitle(self.tr("New partner organisation"))
        intro = QLabel(
            self.tr(
                "“{acronym}” is not in the list of partner organisations yet. Add it, and "
                "the participant will be registered with it."
            ).format(acronym=acronym),
            self,
        )
        intro.setWordWrap(True)
        self.acronym = QLineEdit(acronym, self)
        self.acronym.setObjectName("newPartnerAcronym")
        self.acronym.setMaxLength(text_limit(Partner.acronym))
        self.name = QLineEdit(self)
        self.name.setObjectName("newPartnerName")
        self.name.setMaxLength(text_limit(Partner.name))
        self.name.setPlaceholderText(self.tr("For example: Ministry of Justice"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("newPartnerKind")
        for code, label in partner_kind_labels().items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(self.kind.findData("national"), 0))
        form = QFormLayout()
        form.addRow(self.tr("&Acronym"), self.acronym)
        form.addRow(self.tr("Full &name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add partner"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def partner_info(self) -> reference.PartnerInfo:
        acronym = clean_text(self.acronym.text())
        return reference.PartnerInfo(
            "", acronym, clean_text(self.name.text()) or acronym, self.kind.currentData()
        )


def _person(field: str) -> Callable[[Any, ParticipantInfo], Any]:
    return lambda _model, p: getattr(p.person, field)


def _folded(shown: Any) -> str:
    """Sort key of a text column: accents and case do not change the order."""
    return fold(str(shown or ""))


class ParticipantsModel(TableModel):
    """The participants of one training; edits are requested, then saved by the page."""

    COLUMNS = (
        Column("full_name", QT_TRANSLATE_NOOP("ParticipantsModel", "Name"), tooltip=True,
               display=_person("full_name"), sort=lambda name: name and fold(name),
               editable=True),
        Column("sex", QT_TRANSLATE_NOOP("ParticipantsModel", "Sex"), tooltip=True,
               display=lambda m, p: m._sexes.get(p.person.sex, p.person.sex), sort=_folded,
               editable=True),
        Column("category", QT_TRANSLATE_NOOP("ParticipantsModel", "Category"), tooltip=True,
               display=lambda m, p: m.category_labels.get(p.person.category, p.person.category),
               sort=_folded, editable=True),
        Column("organisation", QT_TRANSLATE_NOOP("ParticipantsModel", "Organisation"),
               display=_person("organisation"), sort=_folded, editable=True),
        Column("partner", QT_TRANSLATE_NOOP("ParticipantsModel", "Partner"), tooltip=True,
               display=lambda m, p: m.partner_labels.get(p.person.partner, p.person.partner),
               sort=_folded, editable=True),
        Column("function", QT_TRANSLATE_NOOP("ParticipantsModel", "Function"),
               display=_person("function"), sort=_folded, editable=True),
        Column("present", QT_TRANSLATE_NOOP("ParticipantsModel", "Sessions present"),
               align=RIGHT, tooltip=True, display=lambda _m, p: p.sessions_present,
               sort=lambda present: present),
    )  # fmt: skip
    CONTEXT = "ParticipantsModel"
    ROLES = frozenset({*TableModel.ROLES, Qt.ItemDataRole.EditRole, SORT_ROLE, PERSON_ROLE})
    ROW_NUMBERS = True
    edit_requested = Signal(str, str, object)  # person id, field, new value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ParticipantInfo] = []
        self._sexes = sex_labels()
        self.category_labels: dict[str, str] = {}
        self.partner_labels: dict[str, str] = {}  # acronym -> as shown (PNUD for UNDP)
        self._sort_keys: dict[int, list[Any]] = {}  # column -> each row's key, in row order

    def sort_keys(self, section: int) -> list[Any]:
        """Every row's sort key in column ``section``, made once per change of the rows: a
        sort compares about 14 pairs per row, and folding a name each time took seconds
        for 5,000 participants."""
        keys = self._sort_keys.get(section)
        if keys is None:
            column, sort = self.column(section), self.column(section).sort
            keys = [None if sort is None else sort(column.value(self, r)) for r in self.rows]
            self._sort_keys[section] = keys
        return keys

    def reset_rows(self, rows: Any) -> None:
        self._sort_keys.clear()  # before the reset: the proxy sorts as it ends
        super().reset_rows(rows)

    def set_participants(self, rows: list[ParticipantInfo]) -> None:
        self.reset_rows(list(rows))

    def participants(self) -> list[ParticipantInfo]:
        return list(self.rows)

    def participant(self, row: int) -> ParticipantInfo:
        return self.rows[row]

    def row_of(self, person_id: str) -> int:
        for i, p in enumerate(self.rows):
            if p.person.id == person_id:
                return i
        return -1

    def add(self, participant: ParticipantInfo) -> int:
        row = len(self.rows)
        self._sort_keys.clear()
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(participant)
        self.endInsertRows()
        return row

    def replace_participant(self, participant: ParticipantInfo) -> None:
        row = self.row_of(participant.person.id)
        if row >= 0:
            self.rows[row] = participant
            self._sort_keys.clear()
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def remove(self, person_id: str) -> None:
        row = self.row_of(person_id)
        if row >= 0:
            self._sort_keys.clear()
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def cell(self, row: ParticipantInfo, column: Column, role: int) -> Any:
        """Editors start from the stored code (F, not "Female"); every cell knows its person."""
        if role == Qt.ItemDataRole.EditRole:
            return (
                row.sessions_present if column.key == "present" else getattr(row.person, column.key)
            )
        if role == PERSON_ROLE:
            return row.person.id
        return super().cell(row, column, role)

    def set_cell(self, index: Index, row: ParticipantInfo, value: Any) -> bool:
        """Ask the page to save a changed value (nothing happens if it is unchanged)."""
        field = self.column(index.column()).key
        if (getattr(row.person, field) or "") == (value or ""):
            return False
        self.edit_requested.emit(row.person.id, field, value)
        return True


class ParticipantsFilter(QSortFilterProxyModel):
    """Search within the list: name, organisation or function, ignoring accents and case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """Row numbers count the rows as shown (1, 2, 3…), whatever the sort."""
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Names in the locale's order (ICU collation), numbers as numbers; the keys come
        from the model's per-column list, not one ``data()`` call per comparison."""
        model = self.sourceModel()
        if isinstance(model, ParticipantsModel):
            keys = model.sort_keys(left.column())
            a, b = keys[left.row()], keys[right.row()]
        else:
            a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return collator().compare(str(a or ""), str(b or "")) < 0

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, ParticipantsModel)
        person = model.participant(source_row).person
        haystack = f"{person.full_name} {person.organisation} {person.function}"
        return self._needle in fold(haystack)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for sex, category and partner cells; free text elsewhere."""

    def __init__(self, page: ParticipantsPage) -> None:
        super().__init__(page)
        self.page = page

    def _choices(self, column: str) -> list[tuple[str, str]] | None:
        if column == "sex":
            return list(sex_labels().items())
        if column == "category":
            return [("", ""), *self.page.categories]
        if column == "partner":
            return [("", ""), *self.page.partner_choices]
        return None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = ParticipantsModel.COLUMNS[index.column()].key
        choices = self._choices(column)
        if choices is None:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for code, label in choices:
            box.addItem(label, code)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ParticipantsTable(QTableView):
    """Del removes the selected participant here (not the whole training)."""

    remove_requested = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.state() != self.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


class EntryRow(QWidget):
    """The typing line: Enter anywhere in it adds the participant."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ParticipantsPage(QWidget):
    """Entry line on top, the participants table below, search and remove."""

    changed = Signal()  # a participant was added, edited or removed
    loaded = Signal()
    added = Signal(str)  # person id

    def __init__(self, editor: EditorHost) -> None:
        super().__init__(as_widget(editor))
        self.editor = editor
        self.installation = editor.installation
        self.worker = editor.worker
        self.training_id: str | None = None
        self.categories: list[tuple[str, str]] = []
        self.partner_choices: list[tuple[str, str]] = []  # acronym, as shown
        self.existing_person: PersonInfo | None = None
        self._filling = False

        # Entry line
        self.entry = EntryRow(self)
        self.name_edit = QLineEdit(self.entry)
        self.name_edit.setObjectName("entryName")
        self.name_edit.setMaxLength(text_limit(Person.full_name))
        self.name_edit.setPlaceholderText(self.tr("Full name"))
        self.sex_box = QComboBox(self.entry)
        self.sex_box.setObjectName("entrySex")
        for code, label in sex_labels().items():
            self.sex_box.addItem(label, code)
        self.sex_box.setCurrentIndex(self.sex_box.findData("X"))
        self.category_box = QComboBox(self.entry)
        self.category_box.setObjectName("entryCategory")
        self.organisation_edit = QLineEdit(self.entry)
        self.organisation_edit.setObjectName("entryOrganisation")
        self.organisation_edit.setMaxLength(text_limit(Person.organisation))
        self.organisation_edit.setPlaceholderText(self.tr("Organisation"))
        self.partner_box = QComboBox(self.entry)
        self.partner_box.setObjectName("entryPartner")
        self.partner_box.setEditable(True)
        self.partner_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        partner_line = self.partner_box.lineEdit()
        assert partner_line is not None  # an editable combo box has one
        partner_line.setPlaceholderText(self.tr("Partner"))
        self.partner_box.setMinimumWidth(
            self.partner_box.fontMetrics().horizontalAdvance(self.tr("Partner") + "MMM") + 28
        )
        self.partner_box.setToolTip(
            self.tr("A partner organisation; type a new acronym to add it to the list")
        )
        self.function_edit = QLineEdit(self.entry)
        self.function_edit.setObjectName("entryFunction")
        self.function_edit.setMaxLength(text_limit(Person.function))
        self.function_edit.setPlaceholderText(self.tr("Function"))
        self.add_button = QPushButton(self.tr("&Add"), self.entry)
        self.add_button.setObjectName("entryAdd")
        self.add_button.setAutoDefault(False)
        self.entry_hint = QLabel(self)
        self.entry_hint.setObjectName("entryHint")
        self.entry_hint.setWordWrap(True)
        self.entry_error = FieldError(self)

        row = QHBoxLayout(self.entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 3)
        row.addWidget(self.sex_box, 1)
        row.addWidget(self.category_box, 2)
        row.addWidget(self.organisation_edit, 3)
        row.addWidget(self.partner_box, 2)
        row.addWidget(self.function_edit, 2)
        row.addWidget(self.add_button)
        order = [
            self.name_edit, self.sex_box, self.category_box, self.organisation_edit,
            self.partner_box, self.function_edit, self.add_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        # Completion of people, organisations and partners
        self.people_model = QStandardItemModel(self)
        self.people_completer = QCompleter(self.people_model, self)
        self.people_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.people_completer.setCompletionRole(COMPLETION_ROLE)
        self.people_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_edit.setCompleter(self.people_completer)
        # PySide6's stubs type the overloaded signal as a plain SignalInstance.
        self.people_completer.activated[QModelIndex].connect(self._person_chosen)  # type: ignore[index]
        self.organisations_model = QStringListModel(self)
        org_completer = QCompleter(self.organisations_model, self)
        org_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        org_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation_edit.setCompleter(org_completer)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._search_people)
        self.name_edit.textEdited.connect(self._name_edited)
        partner_line.textEdited.connect(lambda _t: self.entry_error.show_message(None))
        for edit in (self.organisation_edit, self.function_edit):
            edit.textEdited.connect(lambda _t: self.entry_error.show_message(None))

        # Table
        self.model = ParticipantsModel(self)
        self.proxy = ParticipantsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = ParticipantsTable(self)
        self.table.setObjectName("participantsTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ChoiceDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 230), (1, 90), (2, 170), (4, 90), (5, 180), (6, 120)):
            header.resizeSection(column, width)
        self.model.edit_requested.connect(self._edit)

        self.search = QLineEdit(self)
        self.search.setObjectName("participantsSearch")
        self.search.setPlaceholderText(self.tr("Search in this list"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.remove_button = QPushButton(self.tr("&Remove from training…"), self)
        self.remove_button.setObjectName("removeParticipant")
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.remove_requested.connect(self.remove_selected)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participantsCount")

        bottom = QHBoxLayout()
        bottom.addWidget(self.search, 2)
        bottom.addWidget(self.count_label, 3)
        self.consent_button = QPushButton(self.tr("Consent and profile…"), self)  # issue 19
        self.consent_button.setObjectName("consentButton")
        self.consent_button.clicked.connect(self.open_consent)
        bottom.addWidget(self.consent_button)
        bottom.addWidget(self.remove_button)
        caption = QLabel(
            self.tr(
                "Type a name, press Tab to go through the fields and Enter to add. "
                "Choose a suggested name to register a person Muster already knows."
            ),
            self,
        )
        caption.setWordWrap(True)
        caption.setObjectName("entryCaption")
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.entry)
        layout.addWidget(self.entry_hint)
        layout.addWidget(self.entry_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.entry_hint.hide()

        self.entry.submitted.connect(self.submit)
        self.add_button.clicked.connect(self.submit)

    # --- loading ------------------------------------------------------------------------

    def load(self, training_id: str) -> None:
        self.training_id = training_id
        inst = self.installation

        def job() -> tuple[list[ParticipantInfo], list[Any], list[Any], list[str]]:
            return (
                people.list_participants(inst, training_id),
                reference.list_categories(inst),
                reference.list_partners(inst),
                people.list_organisations(inst),
            )

        self.worker.run(job, on_success=self._loaded)

    def _loaded(
        self, result: tuple[list[ParticipantInfo], list[Any], list[Any], list[str]]
    ) -> None:
        rows, categories, partners, organisations = result
        lang = current_language()
        self.categories = [(c.code, c.label(lang)) for c in categories]
        self.model.category_labels = dict(self.categories)
        self.partner_choices = [(p.acronym, p.short(lang)) for p in partners]
        self.model.partner_labels = dict(self.partner_choices)
        current_cat = self.category_box.currentData()
        self.category_box.clear()
        self.category_box.addItem(self.tr("(category)"), "")
        for code, label in self.categories:
            self.category_box.addItem(label, code)
        self.category_box.setCurrentIndex(max(self.category_box.findData(current_cat), 0))
        current_partner = self.partner_box.currentText()
        self.partner_box.clear()
        self.partner_box.addItem("", "")
        for p in partners:
            self.partner_box.addItem(p.short(lang), p.acronym)
            self.partner_box.setItemData(
                self.partner_box.count() - 1, p.label(lang), Qt.ItemDataRole.ToolTipRole
            )
        self.partner_box.setCurrentText(current_partner)
        partner_completer = self.partner_box.completer()
        if partner_completer is not None:
            partner_completer.setFilterMode(Qt.MatchFlag.MatchContains)
            partner_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.organisations_model.setStringList(organisations)
        self.model.set_participants(rows)
        self._update_count()
        self.loaded.emit()

    def _update_count(self) -> None:
        rows = self.model.participants()
        women = sum(1 for p in rows if p.person.sex == "F")
        text = self.tr("%n participant(s)", "", len(rows))
        if rows:
            text += " · " + self.tr("{women} women ({share}%)").format(
                women=women, share=round(100 * women / len(rows))
            )
        shown = self.proxy.rowCount()
        if shown != len(rows):
            text += " · " + self.tr("{shown} shown").format(shown=shown)
        self.count_label.setText(text)

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._update_count()

    def focus_entry(self) -> None:
        self.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name_edit.selectAll()

    # --- completion -----------------------------------------------------------------------

    def _name_edited(self, _text: str) -> None:
        if self.entry_error.isVisibleTo(self) and self.name_edit.text().strip():
            self.entry_error.show_message(None)  # the refused value is being put right
        if self.existing_person is not None:
            self.existing_person = None
            self.entry_hint.hide()
        self._search_timer.start()

    def _search_people(self) -> None:
        text = self.name_edit.text()
        if len(fold(text)) < 2:
            self.people_model.clear()
            return
        inst = self.installation
        self.worker.run(
            lambda: people.search_people(inst, text, limit=12),
            on_success=lambda found: self._show_people(text, found),
        )

    def _show_people(self, text: str, found: list[PersonInfo]) -> None:
        if text != self.name_edit.text() or not self.name_edit.hasFocus():
            return
        self.people_model.clear()
        for person in found:
            details = ", ".join(x for x in (person.organisation, person.function) if x)
            item = QStandardItem(f"{person.full_name} — {details}" if details else person.full_name)
            item.setData(person.full_name, COMPLETION_ROLE)
            item.setData(person, PERSON_ROLE)
            self.people_model.appendRow(item)
        if found:
            self.people_completer.complete()

    def _person_chosen(self, index: QModelIndex) -> None:
        person = index.data(PERSON_ROLE)
        if isinstance(person, PersonInfo):
            QTimer.singleShot(0, lambda: self.use_person(person))

    def use_person(self, person: PersonInfo) -> None:
        """Fill the entry line from a known person; adding enrols that very record."""
        self._search_timer.stop()
        self.name_edit.setText(person.full_name)
        self.sex_box.setCurrentIndex(max(self.sex_box.findData(person.sex), 0))
        self.category_box.setCurrentIndex(max(self.category_box.findData(person.category), 0))
        self.organisation_edit.setText(person.organisation)
        self.partner_box.setCurrentText(
            self.model.partner_labels.get(person.partner, person.partner)
        )
        self.function_edit.setText(person.function)
        self.existing_person = person
        self.entry_hint.setText(
            self.tr("{name} is already known to Muster: adding registers the same person.").format(
                name=isolate(person.full_name)
            )
        )
        self.entry_hint.show()
        self.sex_box.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- adding -------------------------------------------------------------------------

    def typed_partner(self) -> str:
        """The partner's acronym as records know it: a shown label (PNUD) maps back (UNDP)."""
        text = self.partner_box.currentText().strip()
        for acronym, shown in self.partner_choices:
            if text.casefold() in (shown.casefold(), acronym.casefold()):
                return acronym
        return text

    def entry_input(self) -> PersonInput:
        base = self.existing_person
        return PersonInput(
            full_name=clean_text(self.name_edit.text()),
            sex=self.sex_box.currentData() or "X",
            category=self.category_box.currentData() or None,
            organisation=clean_text(self.organisation_edit.text()),
            partner=self.typed_partner() or None,
            function=clean_text(self.function_edit.text()),
            nationality=base.nationality if base else "",
            phone=base.phone if base else "",
            email=base.email if base else "",
            consent=base.consent if base else False,
        )

    def submit(self) -> None:
        """Add the typed participant: a new partner is offered first, then twins are asked about."""
        if self.training_id is None:
            return
        data = self.entry_input()
        if not data.full_name.strip():
            self.entry_error.show_message(self.tr("Please type the participant's name first."))
            self.name_edit.setFocus()
            return
        known = {acronym for acronym, _shown in self.partner_choices}
        if data.partner and data.partner not in known:
            self.offer_new_partner(data.partner)
            return
        if self.existing_person is not None:
            self._add(data, self.existing_person.id)
            return
        inst = self.installation
        participants = [p.person for p in self.model.participants()]

        def job() -> tuple[list[Resemblance], list[Resemblance]]:
            return on_this_list(data, participants), look_alikes(inst, data, participants)

        self.worker.run(job, on_success=lambda found: self._checked(data, *found))

    def offer_new_partner(self, acronym: str) -> None:
        """A partner not in the reference list yet: add it here, then go on adding."""
        dialog = NewPartnerDialog(acronym, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.partner_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        inst, info = self.installation, dialog.partner_info()

        def added(partner: reference.PartnerInfo) -> None:
            lang = current_language()
            self.partner_choices.append((partner.acronym, partner.short(lang)))
            self.model.partner_labels[partner.acronym] = partner.short(lang)
            self.partner_box.addItem(partner.short(lang), partner.acronym)
            self.partner_box.setCurrentText(partner.short(lang))
            self.editor.window_.statusBar().showMessage(
                self.tr("Partner {partner} added to the reference list.").format(
                    partner=partner.acronym
                ),
                4000,
            )
            self.submit()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.entry_error.show_message(localized(exc.message))
                self.partner_box.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.editor.window_.show_error(exc)

        self.worker.run(lambda: reference.save_partner(inst, info), added, failed)

    def _checked(
        self, data: PersonInput, on_list: list[Resemblance], found: list[Resemblance]
    ) -> None:
        if on_list:
            answer = self.ask_already_on_list(on_list[0])
            if answer == "open":
                self.open_row(on_list[0].person.id)
                return
            if answer != "add":
                return
        likely = [f for f in found if f.score >= LIKELY_SAME]
        if not likely:
            self._add(data, None)
            return
        person, reasons = likely[0].person, likely[0].reasons
        details = ", ".join(x for x in (person.organisation, person.function) if x)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Same person?"))
        box.setText(
            self.tr("Muster already knows {name}{details}. Is this the same person?").format(
                name=isolate(person.full_name), details=f" ({details})" if details else ""
            )
        )
        if reasons:
            box.setInformativeText("; ".join(reason_label(r) for r in reasons))
        same = box.addButton(self.tr("Yes, register that person"), QMessageBox.ButtonRole.YesRole)
        other = box.addButton(self.tr("No, add a new person"), QMessageBox.ButtonRole.NoRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(same)
        box.exec()
        if box.clickedButton() is same:
            self._add(
                person_input(
                    person,
                    sex=data.sex if data.sex != "X" else person.sex,
                    category=data.category or person.category or None,
                    organisation=data.organisation or person.organisation,
                    partner=data.partner or person.partner or None,
                    function=data.function or person.function,
                ),
                person.id,
            )
        elif box.clickedButton() is other:
            self._add(data, None)

    def ask_already_on_list(self, twin: Resemblance) -> str:
        """'open', 'add' or '' (cancel): the typed person seems to be on this list already."""
        person = twin.person
        details = ", ".join(x for x in (person.organisation, person.function) if x)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Already on this list"))
        box.setText(
            self.tr("{name}{details} is already on this list of participants.").format(
                name=isolate(person.full_name), details=f" ({details})" if details else ""
            )
        )
        box.setInformativeText(
            "; ".join(reason_label(r) for r in twin.reasons)
            + "\n"
            + self.tr("Adding would count the same person twice in the figures.")
        )
        open_row = box.addButton(self.tr("Open that row"), QMessageBox.ButtonRole.AcceptRole)
        add = box.addButton(self.tr("Add anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_row)
        box.exec()
        self.window().activateWindow()
        clicked = box.clickedButton()
        return "open" if clicked is open_row else "add" if clicked is add else ""

    def open_row(self, person_id: str) -> None:
        """Show a participant's row (clearing a search that hides it), ready to edit."""
        self.clear_entry()
        if self.search.text():
            self.search.clear()
        row = self.model.row_of(person_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        # After the question closes, once the window has its focus back.
        QTimer.singleShot(0, lambda: self.table.setFocus(Qt.FocusReason.OtherFocusReason))

    def _add(self, data: PersonInput, existing_id: str | None) -> None:
        training_id = self.training_id
        assert training_id is not None
        inst = self.installation
        self.worker.run(
            lambda: people.add_participant(inst, training_id, data, existing_person_id=existing_id),
            on_success=self._added,
            on_error=self._add_failed,
        )

    def _added(self, participant: ParticipantInfo) -> None:
        self.entry_error.show_message(None)
        row = self.model.add(participant)
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            self.table.scrollTo(proxy_index)
            self.table.selectRow(proxy_index.row())
        organisation = participant.person.organisation
        if organisation and organisation not in self.organisations_model.stringList():
            self.organisations_model.setStringList(
                [*self.organisations_model.stringList(), organisation]
            )
        self.clear_entry()
        self._update_count()
        self.editor.window_.statusBar().showMessage(
            self.tr("Added {name}.").format(name=isolate(participant.person.full_name)), 4000
        )
        self.changed.emit()
        self.added.emit(participant.person.id)

    def _add_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.entry_error.show_message("\n".join(localized(m) for m in exc.errors.values()))
        elif isinstance(exc, UserError):
            self.entry_error.show_message(localized(exc.message))
        else:
            self.editor.window_.show_error(exc)
            return
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_entry(self) -> None:
        """Ready for the next name; sex, category, organisation and partner often repeat."""
        self.existing_person = None
        self.entry_hint.hide()
        self.name_edit.clear()
        self.function_edit.clear()
        self.people_model.clear()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- editing and removing -------------------------------------------------------------

    def _edit(self, person_id: str, column: str, value: Any) -> None:
        row = self.model.row_of(person_id)
        if row < 0 or self.training_id is None:
            return
        current = self.model.participant(row)
        data = person_input(
            current.person,
            **{column: value or ("" if column not in ("category", "partner") else None)},
        )
        inst, training_id = self.installation, self.training_id

        def job() -> ParticipantInfo:
            people.update_person(inst, person_id, data)
            return people.participant_info(inst, training_id, person_id)

        def done(updated: ParticipantInfo) -> None:
            self.model.replace_participant(updated)
            self._update_count()
            self.changed.emit()

        self.worker.run(job, on_success=done)

    def selected_person_ids(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        return [self.proxy.index(r, 0).data(PERSON_ROLE) for r in sorted(rows)]

    def open_consent(self) -> QDialog | None:
        """The selected participant's consent by purpose, age band and WG answers."""
        from app.ui.consent_dialog import ConsentDialog

        ids = self.selected_person_ids()
        if len(ids) != 1:
            return None
        name = self.model.participant(self.model.row_of(ids[0])).person.full_name
        dialog = ConsentDialog(self, ids[0], name, self)
        dialog.accepted.connect(lambda: self.changed.emit())
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        """Take the selected people off this training, after asking; offer to delete the
        records of those nothing else uses (no other training)."""
        ids = self.selected_person_ids()
        if not ids or self.training_id is None:
            return
        inst, training_id = self.installation, self.training_id
        self.worker.run(
            lambda: people.people_used_only_here(inst, training_id, ids),
            on_success=lambda unused: self._confirm_removal(ids, unused),
        )

    def _confirm_removal(self, ids: list[str], unused: list[str]) -> None:
        names = [self.model.participant(self.model.row_of(i)).person.full_name for i in ids]
        shown = ", ".join(isolate(n) for n in names[:3]) + ("…" if len(names) > 3 else "")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove from training"))
        box.setText(
            self.tr("Take {names} off this training, with their attendance?").format(names=shown)
        )
        delete_box: QCheckBox | None = None
        if unused:
            delete_box = QCheckBox(
                self.tr("Also delete from Muster the %n record(s) no other training uses", "",
                        len(unused)),
                box,
            )  # fmt: skip
            delete_box.setObjectName("deleteUnusedPeople")
            box.setCheckBox(delete_box)
            box.setInformativeText(
                self.tr("Otherwise the person stays in Muster, to register another time.")
            )
        else:
            box.setInformativeText(self.tr("The person stays in Muster."))
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove or self.training_id is None:
            return
        delete = unused if delete_box is not None and delete_box.isChecked() else []
        inst, training_id = self.installation, self.training_id

        def job() -> list[str]:
            people.remove_participants(inst, training_id, ids, delete_unused=delete)
            return ids

        def done(removed: list[str]) -> None:
            for person_id in removed:
                self.model.remove(person_id)
            self._update_count()
            self.changed.emit()

        self.worker.run(job, on_success=done)
