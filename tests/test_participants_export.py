"""Participant and report-table exports that Excel opens right, read back from the files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.services import participant_import as pi
from app.services.attendance import get_grid
from app.services.demo import demo_training_ids
from app.services.participants_export import export_participants, export_report_table
from app.services.people import list_participants
from app.services.reports import ReportFilter, build_report
from app.services.trainings import duplicate_training, get_training
from tests.helpers import run_cli

TUNIS = demo_training_ids()["unsmil-2024-tunis"]
TASHKENT = demo_training_ids()["unrcca-2024-tashkent"]


def test_csv_has_bom_and_every_script(demo_installation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tashkent.csv"
    result = export_participants(demo_installation, TASHKENT, path, lang="fr", hxl=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    # French documents default to what a French Excel opens: semicolons
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["Nom", "Sexe", "Catégorie", "Organisation"]
    assert rows[0][10] == "2024-09-10 Tashkent"
    assert rows[1][0] == "" and rows[1][3] == "#org"  # names are tagged only when asked
    body = rows[2:]
    assert len(body) == result.rows == 50
    names = {r[0] for r in body}
    expected = {p.person.full_name for p in list_participants(demo_installation, TASHKENT)}
    assert names == expected
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in n) for n in names)  # Cyrillic kept
    assert {r[10] for r in body} <= {"présent", "absent", "excusé", ""}


def test_xlsx_round_trips_through_the_importer(demo_installation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "tunis.xlsx"
    export_participants(demo_installation, TUNIS, path)
    book = load_workbook(path, read_only=True)
    sheet_rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert sheet_rows[0][0] == "Name"
    original = get_grid(demo_installation, TUNIS)
    assert len(sheet_rows) - 1 == len(original.participants)

    # a copy of the training (same sessions a month later) imports the file back
    copy = duplicate_training(demo_installation, TUNIS, months=0)
    data = pi.read_sheet(path)
    mapping = pi.auto_mapping(demo_installation, copy.id, data)
    assert mapping[:4] == ["full_name", "sex", "category", "organisation"]
    preview = pi.build_preview(demo_installation, copy.id, data, mapping)
    assert all(r.default_person for r in preview.valid_rows)  # every person found again
    result = pi.apply_import(demo_installation, preview)
    assert result.created == 0 and result.matched == len(original.participants)
    copied = get_grid(demo_installation, copy.id)
    day_map = {s.date: c.id for s in get_training(demo_installation, TUNIS).sessions
               for c in copy.sessions if c.date == s.date}  # fmt: skip
    by_session = {s.id: day_map[s.date] for s in original.sessions}
    assert copied.marks == {(p, by_session[s]): st for (p, s), st in original.marks.items()}
    assert build_report(demo_installation, ReportFilter(training_id=copy.id)).participants == len(
        original.participants
    )


@pytest.mark.usefixtures("database")  # SQLite and PostgreSQL
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_report_tables_with_hxl(demo_installation, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    report = build_report(demo_installation, ReportFilter())
    path = tmp_path / f"by-category-sex{suffix}"
    export_report_table(demo_installation, "by_category_sex", path, ReportFilter(), "en", hxl=True)
    if suffix == ".csv":
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    else:
        book = load_workbook(path, read_only=True)
        rows = [
            [("" if v is None else str(v)) for v in r]
            for r in book.active.iter_rows(values_only=True)
        ]
        book.close()
    assert rows[0] == ["Category", "Women", "Men", "Not stated", "Total"]
    assert rows[1] == ["#beneficiary+type", "#reached+f", "#reached+m", "#reached+unspecified",
                       "#reached"]  # fmt: skip
    assert sum(int(r[4]) for r in rows[2:]) == report.participants
    assert sum(int(r[1]) for r in rows[2:]) == report.women


def test_export_commands(demo_installation, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "p.xlsx"
    code, stdout, err = run_cli("participants", "export", TUNIS[:8], "-o", str(out), home=home)
    assert code == 0, err
    assert "Wrote 28 participant(s)" in stdout and out.exists()
    code, _, err = run_cli(
        "participants", "export", TUNIS, "-o", str(tmp_path / "p.pdf"), home=home
    )
    assert code == 1 and "export to .xlsx or .csv" in err
    code, stdout, err = run_cli("export-table", "by_session", "--training", TUNIS, "-o",
                                str(tmp_path / "s.csv"), "--lang", "fr", home=home)  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Date;Lieu;Sujet;Présent") and "Tunis" in text
    code, _, err = run_cli("export-table", "by_session", "-o", str(tmp_path / "x.csv"), home=home)
    assert code == 1 and "needs one training" in err
    code, _, err = run_cli("export-table", "by_nothing", "-o", str(tmp_path / "x.csv"), home=home)
    assert code == 1 and "no report table called 'by_nothing'" in err


def test_figures_workbook_from_the_app_equals_the_report(  # type: ignore[no-untyped-def]
    demo_installation, tmp_path: Path, qtbot
) -> None:
    """Training ▸ Export figures… writes every summary table of the training as a sheet."""
    from app.ui.main_window import MainWindow
    from app.ui.people_io_ui import export_figures_to

    window = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("training").actions()]
    assert "Export figures…" in texts
    path = tmp_path / "figures.xlsx"
    export_figures_to(window, TUNIS, path, hxl=True)
    qtbot.waitUntil(path.exists, timeout=10_000)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "by_mission", "by_category", "by_sex", "by_partner", "by_organisation",
        "by_category_sex", "by_session",
    ]  # fmt: skip
    report = build_report(demo_installation, ReportFilter(training_id=TUNIS))
    by_sex = list(book["by_sex"].iter_rows(values_only=True))
    assert by_sex[1][0] == "#reached+f"
    assert list(by_sex[2]) == [report.by_sex["female"], report.by_sex["male"],
                               report.by_sex["unspecified"], report.participants]  # fmt: skip
    sessions = list(book["by_session"].iter_rows(values_only=True))[2:]
    assert [row[3] for row in sessions] == [s.present for s in report.by_session]
    book.close()
    window.close()


def test_export_actions_ask_where_then_write(  # type: ignore[no-untyped-def]
    demo_installation, tmp_path: Path, qtbot, monkeypatch
) -> None:
    """The menu actions suggest a file in the exports folder and write where the user chose."""
    from PySide6.QtWidgets import QFileDialog

    from app.ui.main_window import MainWindow
    from app.ui.people_io_ui import _export, _export_figures

    window = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "current_training_id", lambda: TUNIS)
    suggested: list[str] = []

    def answer(target: Path, selected: str):  # type: ignore[no-untyped-def]
        def fake(_parent, _title, default, _filters):  # type: ignore[no-untyped-def]
            suggested.append(default)
            return str(target), selected

        return fake

    offered: list[str] = []

    def semicolons(_parent, _title, default, filters):  # type: ignore[no-untyped-def]
        offered.extend(filters.split(";;"))
        suggested.append(default)
        return str(tmp_path / "list"), "CSV for French Excel, semicolon-separated (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", semicolons)
    _export(window)
    qtbot.waitUntil((tmp_path / "list.csv").exists, timeout=10_000)
    # the document language (English here) puts its own CSV dialect first
    assert offered == ["Excel workbook (*.xlsx)", "CSV for Excel, comma-separated (*.csv)",
                       "CSV for French Excel, semicolon-separated (*.csv)",
                       "Excel workbook with HXL hashtags (*.xlsx)"]  # fmt: skip
    header = (tmp_path / "list.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Name;Sex;Category")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", answer(tmp_path / "fig.xlsx", "Excel workbook (*.xlsx)")
    )
    _export_figures(window)
    qtbot.waitUntil((tmp_path / "fig.xlsx").exists, timeout=10_000)
    assert Path(suggested[0]).parent == demo_installation.paths.exports
    assert "figures" in Path(suggested[1]).name and "participants" in Path(suggested[0]).name
    window.close()
