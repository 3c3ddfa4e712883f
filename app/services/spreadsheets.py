"""Reading participant lists from .xlsx and .csv files people actually send.

Sign-in sheets arrive typed up by partners: a merged title row or three above the
headers, blank lines, French headers, CSV saved by Excel in Windows-1252 with
semicolons, or by LibreOffice in UTF-16 with tabs. This module turns any of them
into a header row plus data rows of plain strings, or refuses with one sentence a
focal point understands (password-protected, not a spreadsheet, empty, too big).
It knows nothing about participants: ``participant_import`` maps the columns.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.errors import UserError
from app.textnorm import clean_text

MAX_FILE_BYTES = 30 * 1024 * 1024  # a 20,000-row list is ~2 MB; more is not a sign-in sheet
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024  # zip bombs: refuse before openpyxl inflates them
MAX_ROWS = 20_000  # data rows; far above any training's participant list
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows only

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

# How header-like a row of cells is (0 = not at all); the participant importer passes
# one that knows "Nom", "Prénom", "Sexe"... so title rows above the header lose.
HeaderScorer = Callable[[Sequence[str]], float]


@dataclass(frozen=True)
class RawRow:
    """One data row: its line number as the user sees it in Excel, and its cells."""

    line: int
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""

    @property
    def is_empty(self) -> bool:
        return not any(self.cells)


@dataclass(frozen=True)
class SheetData:
    """A table read from a file: the header row found below any title rows, then the rows."""

    path: Path
    sheet: str  # sheet name, "" for CSV
    sheet_names: tuple[str, ...]
    header_line: int  # 1-based line of the header row in the file
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only

    @property
    def column_count(self) -> int:
        return len(self.headers)

    def samples(self, column: int, count: int = 3) -> list[str]:
        """The first few non-empty values of a column, for the mapping page."""
        out: list[str] = []
        for row in self.rows:
            value = row.cell(column)
            if value:
                out.append(value)
                if len(out) >= count:
                    break
        return out


# --- cell values -------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as the user reads it: 243812345678 not 243812345678.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return clean_text(str(value))


# --- file kind -----------------------------------------------------------------------------


def _refuse_unreadable(path: Path, head: bytes) -> None:
    """Plain sentences for files that are not what their name says."""
    if head.startswith(OLE_SIGNATURE):
        with path.open("rb") as handle:
            blob = handle.read(MAX_FILE_BYTES)
        markers = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
        if any(marker in blob for marker in markers):
            raise UserError(
                f"{path.name} is protected by a password. Open it in Excel, remove the password "
                "(File > Info > Protect Workbook), save it and import it again."
            )
        raise UserError(
            f"{path.name} is in the old Excel 97-2003 format. Open it in Excel and save it as "
            "an Excel workbook (.xlsx), then import that file."
        )
    if head.startswith(b"%PDF"):
        raise UserError(
            f"{path.name} is a PDF, not a spreadsheet. Muster reads .xlsx and .csv files."
        )


def _check_size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"There is no file called {path.name} there.") from None
    except OSError as exc:
        raise UserError(f"Could not open {path.name}: {exc.strerror or exc}.") from None
    if path.is_dir():
        raise UserError(f"{path.name} is a folder, not a spreadsheet.")
    if size == 0:
        raise UserError(f"{path.name} is empty.")
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"{path.name} is {size // (1024 * 1024)} MB, too big for a participant list "
            f"(at most {MAX_FILE_BYTES // (1024 * 1024)} MB). Split it or remove other sheets."
        )
    return size


def list_sheets(path: Path) -> list[str]:
    """The sheet names of an .xlsx file (``[""]`` for CSV), refusing unreadable files."""
    path = Path(path)
    _check_size(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    _refuse_unreadable(path, head)
    if head.startswith(ZIP_SIGNATURE):
        book = _open_workbook(path)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    return [""]


def read_table(
    path: Path, sheet: str | None = None, header_score: HeaderScorer | None = None
) -> SheetData:
    """Read ``path`` (.xlsx by its content, else CSV) into a :class:`SheetData`."""
    path = Path(path)
    _check_size(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    _refuse_unreadable(path, head)
    if head.startswith(ZIP_SIGNATURE):
        return _read_xlsx(path, sheet, header_score)
    if path.suffix.lower() in XLSX_SUFFIXES:
        raise UserError(f"{path.name} is not a real Excel workbook: it may be damaged.")
    return _read_csv(path, header_score)


# --- xlsx ------------------------------------------------------------------------------------


def _open_workbook(path: Path):  # type: ignore[no-untyped-def]
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UserError(f"{path.name} is damaged: it cannot be opened as an Excel file.") from None
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UserError(f"{path.name} is a Word document, not a spreadsheet.")
        if "content.xml" in names:
            raise UserError(
                f"{path.name} is an OpenDocument file. Save it as .xlsx or .csv and import that."
            )
        raise UserError(f"{path.name} is a zip archive, not an Excel workbook.")
    if total > MAX_UNZIPPED_BYTES:
        raise UserError(f"{path.name} is too big once unpacked to be a participant list.")
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles, validation, etc.
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise UserError(f"{path.name} is damaged or not a real Excel file ({exc}).") from None


def _read_xlsx(path: Path, sheet: str | None, header_score: HeaderScorer | None) -> SheetData:
    import warnings

    book = _open_workbook(path)
    try:
        names = tuple(book.sheetnames)
        if sheet:
            if sheet not in names:
                raise UserError(
                    f"{path.name} has no sheet called {sheet!r}; its sheets are "
                    + ", ".join(repr(n) for n in names)
                    + "."
                )
            chosen = sheet
        else:
            chosen = _first_sheet_with_data(book, names)
        worksheet = book[chosen]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")

            def lines() -> Iterator[tuple[int, tuple[str, ...]]]:
                for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                    yield number, tuple(cell_text(v) for v in values[:MAX_COLUMNS])

            header_line, headers, rows = _split_header(path, lines(), header_score, chosen)
        return SheetData(path, chosen, names, header_line, headers, rows)
    finally:
        book.close()


def _first_sheet_with_data(book, names: Sequence[str]) -> str:  # type: ignore[no-untyped-def]
    """The first sheet that has at least two filled rows (skips empty cover sheets)."""
    for name in names:
        filled = 0
        for values in book[name].iter_rows(values_only=True, max_row=HEADER_SCAN_ROWS + 5):
            if any(v is not None and str(v).strip() for v in values):
                filled += 1
                if filled >= 2:
                    return name
    return names[0]


# --- csv -----------------------------------------------------------------------------------


def decode_text(raw: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16, else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    sample = raw[:4000]
    # UTF-16 without BOM: every other byte is NUL for Latin text.
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        return raw.decode(encoding, errors="replace"), encoding
    if b"\x00" in sample:
        raise UserError("This file is not a spreadsheet or a text (CSV) file.")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _looks_binary(text: str) -> bool:
    """Control characters or undecodable bytes in more than 2% of the first 4,000 characters."""
    sample = text[:4000]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd")
    return odd > len(sample) * 0.02


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[: HEADER_SCAN_ROWS + 20] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        # favour many lines split the same way, then more columns
        most = max(set(multi), key=multi.count)
        score = multi.count(most) * 10 + most
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, header_score: HeaderScorer | None) -> SheetData:
    raw = path.read_bytes()
    try:
        text, encoding = decode_text(raw)
        if _looks_binary(text):
            raise UserError("binary")
    except UserError:
        raise UserError(
            f"{path.name} is not a spreadsheet or a CSV text file. "
            "Muster reads .xlsx and .csv files."
        ) from None
    if not text.strip():
        raise UserError(f"{path.name} is empty.")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def lines() -> Iterator[tuple[int, tuple[str, ...]]]:
        try:
            for number, values in enumerate(reader, start=1):
                yield number, tuple(clean_text(v) for v in values[:MAX_COLUMNS])
        except csv.Error as exc:
            raise UserError(f"{path.name} is not a readable CSV file ({exc}).") from None

    header_line, headers, rows = _split_header(path, lines(), header_score)
    return SheetData(path, "", ("",), header_line, headers, rows, encoding, delimiter)


# --- header row ----------------------------------------------------------------------------


def _default_header_score(cells: Sequence[str]) -> float:
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return 0.0
    texty = [c for c in filled if any(ch.isalpha() for ch in c) and len(c) <= 60]
    return len(texty) / max(1, len(filled)) + len(filled) * 0.01


def _split_header(
    path: Path,
    lines: Iterable[tuple[int, tuple[str, ...]]],
    header_score: HeaderScorer | None,
    sheet_label: str = "",
) -> tuple[int, tuple[str, ...], tuple[RawRow, ...]]:
    """Find the header among the first rows (title rows above it), return it and the rows."""
    scorer = header_score or _default_header_score
    iterator = iter(lines)
    head: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in iterator:
        head.append((number, cells))
        if len(head) >= HEADER_SCAN_ROWS:
            break
    filled = [(n, c) for n, c in head if any(c)]
    where = f"the sheet {sheet_label!r} of {path.name}" if sheet_label else path.name
    if not filled:
        raise UserError(f"{where} is empty: there is no table to import.")
    best_index, best_score = -1, 0.0
    for index, (_number, cells) in enumerate(head):
        score = scorer(cells)
        if score > best_score + 1e-9:
            best_index, best_score = index, score
    if best_index < 0:
        raise UserError(
            f"{where} has no header row: Muster needs a row of column titles "
            "(Name, Sex, Organisation…) above the participants."
        )
    header_number, header_cells = head[best_index]
    width = _last_filled(header_cells)
    headers = tuple(header_cells[:width])
    rows: list[RawRow] = []

    def keep(number: int, cells: tuple[str, ...]) -> None:
        row = RawRow(number, _fit(cells, width))
        if row.is_empty:
            return
        if len(rows) >= MAX_ROWS:
            raise UserError(
                f"{where} has more than {MAX_ROWS:,} rows. A participant list is never that "
                "long: check that you chose the right file, or split it."
            )
        rows.append(row)

    for number, cells in head[best_index + 1 :]:
        keep(number, cells)
    for number, cells in iterator:
        keep(number, cells)
    if not rows:
        raise UserError(f"{where} has column titles but no rows below them.")
    return header_number, headers, tuple(rows)


def _last_filled(cells: Sequence[str]) -> int:
    for index in range(len(cells) - 1, -1, -1):
        if cells[index]:
            return index + 1
    return 0


def _fit(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    if len(cells) >= width:
        return cells[:width]
    return cells + ("",) * (width - len(cells))
