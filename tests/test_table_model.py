"""The one table model every table derives from (issue 20), checked by Qt's model tester.

Each model of the interface is also checked on real data by the page tests; here the
base itself: plain rows, lazily fetched rows over several batches, editing, sorting and
headers that follow a change of language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from app.ui.attendance_page import AttendanceModel
from app.ui.duplicates_view import PairsModel
from app.ui.import_wizard import PreviewModel
from app.ui.main_window import TrainingsModel
from app.ui.participants_page import ParticipantsModel
from app.ui.table_model import RIGHT, SORT_ROLE, Column, LazyRows, TableModel
from app.ui.tables import RowsModel

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
HORIZONTAL = Qt.Orientation.Horizontal


@dataclass(frozen=True)
class Thing:
    id: str
    name: str
    count: int


class ThingsModel(TableModel):
    COLUMNS = (
        Column("name", "Name", tooltip=True, sort=str.casefold, editable=True),
        Column("count", "Count", align=RIGHT),
        Column("label", "Label", display=lambda m, t: f"{m.prefix}{t.name}"),
    )
    CONTEXT = "ThingsModel"
    ROLES = frozenset({*TableModel.ROLES, SORT_ROLE})

    def __init__(self, rows: Any = None) -> None:
        super().__init__(None, rows)
        self.prefix = "#"
        self.edits: list[tuple[str, Any]] = []

    def set_cell(self, index: Any, row: Thing, value: Any) -> bool:
        if value == row.name:
            return False
        self.edits.append((row.id, value))
        return True


def things(n: int) -> list[Thing]:
    return [Thing(f"t{i}", f"Thing {i}" if i % 7 else "", i) for i in range(n)]


def test_every_table_model_derives_from_the_one_base() -> None:
    models = (TrainingsModel, ParticipantsModel, AttendanceModel, PairsModel, PreviewModel,
              RowsModel)  # fmt: skip
    for model in models:
        assert issubclass(model, TableModel), model.__name__
        for name in ("rowCount", "columnCount", "headerData"):
            assert name not in vars(model), f"{model.__name__} writes its own {name}"


def test_plain_rows(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = ThingsModel(things(12))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (12, 3)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert [model.headerData(c, HORIZONTAL) for c in range(3)] == ["Name", "Count", "Label"]
    assert model.headerData(3, HORIZONTAL) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None  # no ROW_NUMBERS
    first, blank = model.index(1, 0), model.index(7, 0)
    assert (first.data(), first.data(TOOLTIP)) == ("Thing 1", "Thing 1")
    assert blank.data() == "" and blank.data(TOOLTIP) is None  # no empty tooltip
    assert model.index(1, 1).data() == 1
    assert model.index(1, 1).data(TOOLTIP) is None  # not a tooltip column
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 2).data() == "#Thing 1"  # display functions see the model
    assert model.index(1, 0).data(SORT_ROLE) == "thing 1"
    assert model.index(1, 1).data(SORT_ROLE) is None  # no sort function
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None  # not in ROLES
    assert model.data(QModelIndex()) is None

    model.reset_rows(things(3))
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_row_numbers_in_the_vertical_header(qapp: QApplication) -> None:
    class Numbered(ThingsModel):
        ROW_NUMBERS = True

    model = Numbered(things(4))
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(4)] == [1, 2, 3, 4]
    assert model.headerData(0, Qt.Orientation.Vertical, TOOLTIP) is None


def test_lazy_rows_are_fetched_a_batch_at_a_time(
    qapp: QApplication, qtmodeltester: ModelTester
) -> None:
    every = {t.id: t for t in things(250)}
    asked: list[list[str]] = []

    def load(ids: list[str]) -> dict[str, Thing]:
        asked.append(ids)
        return {i: every[i] for i in ids if i != "t3"}  # t3 went away since the search

    source = LazyRows(load, batch=40)
    source.reset(every)
    model = ThingsModel(source)
    assert model.rowCount() == 250 and not asked  # counting fetches nothing
    assert model.index(5, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.index(5, 1).flags() & Qt.ItemFlag.ItemIsEnabled
    assert not asked  # nor do alignment and the flags of a read-only column
    assert model.index(5, 0).data() == "Thing 5"
    assert asked == [[f"t{i}" for i in range(40)]]
    assert model.index(39, 1).data() == 39 and len(asked) == 1  # served from the cache
    assert model.index(3, 0).data() is None  # a row the loader no longer gives is blank
    assert asked[1:] == [["t3"]]  # and only it is asked for again
    asked.clear()
    assert model.index(100, 1).data() == 100
    assert asked == [[f"t{i}" for i in range(90, 130)]]  # starts a quarter batch above
    assert model.index(95, 1).data() == 95 and len(asked) == 1

    qtmodeltester.check(model)
    assert all(len(batch) <= 40 for batch in asked)
    assert model.index(249, 1).data() == 249

    asked.clear()
    model.beginResetModel()
    source.reset(["t200", "t1"])
    model.endResetModel()  # the model tester reads the new rows at once
    assert model.index(1, 1).data() == 1 and asked == [["t200", "t1"]]  # the cache was dropped


def test_an_editable_model(qapp: QApplication, qtmodeltester: ModelTester) -> None:
    model = ThingsModel(things(5))
    qtmodeltester.check(model)
    name, count = model.index(2, 0), model.index(2, 1)
    assert name.flags() & Qt.ItemFlag.ItemIsEditable
    assert not count.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.setData(name, "Renamed")
    assert not model.setData(name, "Thing 2")  # unchanged: nothing to save
    assert not model.setData(count, 9)  # a read-only column
    assert not model.setData(name, "Again", Qt.ItemDataRole.DisplayRole)  # only edits
    assert not model.setData(QModelIndex(), "Nowhere")
    assert model.edits == [("t2", "Renamed")]

    class SomeLocked(ThingsModel):
        def can_edit(self, row: Thing) -> bool:
            return row.count % 2 == 0

    locked = SomeLocked(things(5))
    qtmodeltester.check(locked)
    assert locked.index(2, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert not locked.index(3, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert not locked.setData(locked.index(3, 0), "Locked") and locked.edits == []


class Shouting(QTranslator):
    """A "language" where the headers of ThingsModel are upper case."""

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> Any:
        return source.upper() if context == "ThingsModel" else None


def test_headers_follow_a_change_of_language(qapp: QApplication) -> None:
    model = ThingsModel(things(2))
    plain = RowsModel(["Name", "Count"], [["a", 1]])
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        assert model.headerData(0, HORIZONTAL) == "NAME"  # no reset, no new model
        assert plain.headerData(0, HORIZONTAL) == "Name"  # its headers come translated
    finally:
        QCoreApplication.removeTranslator(translator)
    assert model.headerData(0, HORIZONTAL) == "Name"


@pytest.mark.parametrize("rows", [[], [["x", None, 3.5, True]]])
def test_rows_model_keeps_plain_values(
    qapp: QApplication, qtmodeltester: ModelTester, rows: list[list[Any]]
) -> None:
    model = RowsModel(["A", "B", "C", "D"], rows, right=[0])
    qtmodeltester.check(model)
    if rows:
        shown = [model.index(0, c).data() for c in range(4)]
        assert shown == ["x", "", "3.5", "True"]
        aligned = [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) for c in range(4)]
        assert aligned == [int(RIGHT), None, int(RIGHT), int(RIGHT)]  # figures and numbers
        assert model.row_values(0) == rows[0]


def test_lazy_rows_given_with_the_ids_are_not_fetched_again(qapp: QApplication) -> None:
    every = {t.id: t for t in things(250)}
    asked: list[list[str]] = []

    def load(ids: list[str]) -> dict[str, Thing]:
        asked.append(ids)
        return {i: every[i] for i in ids}

    source = LazyRows(load, batch=40)
    source.reset(list(every), {i: every[i] for i in ("t0", "t1", "t2")})
    model = ThingsModel(source)
    assert [model.index(r, 1).data() for r in range(3)] == [0, 1, 2]
    assert not asked  # the first rows came with the ids
    assert model.index(3, 1).data() == 3
    assert asked == [[f"t{i}" for i in range(3, 40)]]  # the rest of the batch, not those three
    source.reset(["t5"])
    assert model.index(0, 1).data() == 5 and asked[-1] == ["t5"]  # a new search forgets


def _participant(name: str, present: int = 0) -> Any:
    from app.services.people import ParticipantInfo, PersonInfo

    person = PersonInfo(id=name, full_name=name, sex="F", category_id=None, category="",
                        organisation="", partner_id=None, partner="", function="",
                        nationality="", phone="", email="", consent=True, version=1)  # fmt: skip
    return ParticipantInfo(person=person, enrolment_id=f"e-{name}", sessions_present=present)


def test_participants_sort_by_their_keys_and_stay_sorted_through_changes(
    qapp: QApplication, qtmodeltester: ModelTester
) -> None:
    """The proxy compares each row's key made once (not a fold per comparison): the order
    is still the reader's (accents, case), and follows an added, renamed or removed row."""
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from app.ui.participants_page import ParticipantsFilter

    model = ParticipantsModel()
    proxy = ParticipantsFilter()
    proxy.setSourceModel(model)
    proxy.setDynamicSortFilter(True)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_participants([_participant(n, p) for n, p in
                            (("Eric", 2), ("zoé", 1), ("Élodie", 3), ("Eduardo", 0))])  # fmt: skip
    qtmodeltester.check(proxy)

    def shown() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    assert shown() == ["Eduardo", "Élodie", "Eric", "zoé"]
    model.add(_participant("Emile"))
    assert shown() == ["Eduardo", "Élodie", "Emile", "Eric", "zoé"]
    eric = model.participant(model.row_of("Eric"))
    model.replace_participant(replace(eric, person=replace(eric.person, full_name="Aaron")))
    assert shown() == ["Aaron", "Eduardo", "Élodie", "Emile", "zoé"]
    model.remove("Eduardo")
    assert shown() == ["Aaron", "Élodie", "Emile", "zoé"]
    proxy.sort(6, Qt.SortOrder.DescendingOrder)  # sessions present: numbers as numbers
    assert shown() == ["Élodie", "Aaron", "zoé", "Emile"]
