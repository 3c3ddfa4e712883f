"""Reading real spreadsheet files: encodings, delimiters, title rows, refusals."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import UserError
from app.services import spreadsheets
from app.services.participant_import import read_sheet
from app.services.spreadsheets import OLE_SIGNATURE, cell_text, read_table

ROWS = [
    ["Nom", "Prénom", "Sexe", "Institution", "Téléphone"],
    ["Kahindo", "Mumbere Déogratias", "Homme", "Parquet de Beni", "+243 812 000 111"],
    ["Юсупова", "Гульнара", "Ж", "Верховный суд", ""],
    ["الورفلي", "محمد", "ذكر", "وزارة الداخلية", "0912345678"],
    ["Nzanzu", 'Esther; "Mama"', "F", "Prison centrale, Bunia", ""],
]


def _csv_bytes(encoding: str, delimiter: str) -> bytes:
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(ROWS)
    text = buffer.getvalue()
    if encoding == "cp1252":  # Windows-1252 cannot hold Cyrillic or Arabic: Latin rows only
        text = "\r\n".join(line for line in text.split("\r\n") if line.isascii() or "é" in line)
    return text.encode(encoding)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_csv_in_every_encoding_and_delimiter(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(_csv_bytes(encoding, delimiter))
    data = read_sheet(path)
    assert data.delimiter == delimiter
    assert data.headers == tuple(ROWS[0])
    names = [row.cells[0] for row in data.rows]
    assert "Kahindo" in names and "Nzanzu" in names
    assert data.rows[0].cells[1] == "Mumbere Déogratias"
    assert any(row.cells[3] == "Prison centrale, Bunia" for row in data.rows)
    assert any(row.cells[1] == 'Esther; "Mama"' for row in data.rows)
    if encoding != "cp1252":
        assert "Юсупова" in names and "الورفلي" in names
        assert data.rows[0].line == 2


def test_xlsx_with_merged_title_rows_blank_lines_and_typed_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(["MONUSCO — Formation des acteurs de la chaîne pénale"])
    sheet.merge_cells("A1:G1")
    sheet.append(["Liste de présence, Beni, 14 mai 2024"])
    sheet.merge_cells("A2:G2")
    sheet.append([])
    sheet.append(["N°", "Nom", "Prénom", "Sexe", "Fonction", "Téléphone", datetime(2024, 5, 14)])
    sheet.append([1, "Kahindo", "Mumbere", "H", "OPJ", 243812000111, "X"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append([2, "  Masika  ", "Furaha", "F", "Juge", 243990000222.0, None])
    sheet.append([None] * 7)
    book.save(tmp_path / "list.xlsx")
    data = read_sheet(tmp_path / "list.xlsx")
    assert data.sheet == "Participants"
    assert data.header_line == 4
    assert data.headers[:3] == ("N°", "Nom", "Prénom")
    assert data.headers[6] == "2024-05-14"
    assert [row.line for row in data.rows] == [5, 7]
    assert data.rows[0].cells[5] == "243812000111"
    assert data.rows[1].cells[1] == "Masika"  # trimmed
    assert data.rows[1].cells[5] == "243990000222"
    assert data.samples(1) == ["Kahindo", "Masika"]


def test_xlsx_sheet_choice_and_unknown_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Cover"
    book.active.append(["Only a title"])
    second = book.create_sheet("Liste")
    second.append(["Name", "Sex"])
    second.append(["Aisha Karimova", "F"])
    book.save(tmp_path / "two.xlsx")
    assert spreadsheets.list_sheets(tmp_path / "two.xlsx") == ["Cover", "Liste"]
    assert read_sheet(tmp_path / "two.xlsx").sheet == "Liste"  # the empty cover is skipped
    assert read_sheet(tmp_path / "two.xlsx", "Liste").rows[0].cells == ("Aisha Karimova", "F")
    with pytest.raises(UserError, match="no sheet called 'Nope'"):
        read_sheet(tmp_path / "two.xlsx", "Nope")


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\r\n  \r\n", "is empty"),
        ("protected.xlsx", OLE_SIGNATURE + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le")
         + b"\0" * 400, "protected by a password"),
        ("old.xls", OLE_SIGNATURE + b"\0" * 512, "old Excel 97-2003 format"),
        ("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a spreadsheet"),
        ("fake.xlsx", b"Name,Sex\nA,F\n", "not a real Excel workbook"),
        ("header-only.csv", b"Nom;Sexe;Institution\n", "no rows below them"),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_in_plain_words(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(UserError, match=message):
        read_sheet(path)


def test_zip_that_is_not_a_workbook_and_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UserError, match="Word document"):
        read_sheet(path)
    broken = _write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(UserError, match="damaged"):
        read_sheet(broken)


def test_empty_workbook_and_missing_file(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(UserError, match="is empty"):
        read_sheet(tmp_path / "empty.xlsx")
    with pytest.raises(UserError, match="no file called"):
        read_sheet(tmp_path / "missing.xlsx")


def test_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 500)
    lines = ["Nom,Sexe"] + [f"Personne {i},F" for i in range(501)]
    path = _write(tmp_path, "long.csv", "\n".join(lines).encode())
    with pytest.raises(UserError, match="more than 500 rows"):
        read_table(path)


def test_cell_text_reads_as_the_user_sees() -> None:
    assert cell_text(243812000111.0) == "243812000111"
    assert cell_text(1.5) == "1.5"
    assert cell_text(datetime(2024, 9, 10)) == "2024-09-10"
    assert cell_text("  Déo\u00a0 Kahindo ") == "Déo Kahindo"
    assert cell_text(None) == ""
