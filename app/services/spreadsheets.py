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
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.errors import UserError
from app.l10n import Phrase
from app.services.xlsx_reader import XlsxBook, open_xlsx
from app.textnorm import clean_text

MAX_FILE_BYTES = 30 * 1024 * 1024  # a 20,000-row list is ~2 MB; more is not a sign-in sheet
MAX_ROWS = 20_000  # data rows; far above any training's participant list
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows only

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
                Phrase(
                    "{file} is protected by a password. Open it in Excel, remove the password "
                    "(File > Info > Protect Workbook), save it and import it again.",
                    file=path.name,
                )
            )
        raise UserError(
            Phrase(
                "{file} is in the old Excel 97-2003 format. Open it in Excel and save it as an "
                "Excel workbook (.xlsx), then import that file.",
                file=path.name,
            )
        )
    if head.startswith(b"%PDF"):
        raise UserError(
            Phrase(
                "{file} is a PDF, not a spreadsheet. Muster reads .xlsx and .csv files.",
                file=path.name,
            )
        )


def _check_size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(Phrase("There is no file called {file} there.", file=path.name)) from None
    except OSError as exc:
        raise UserError(
            Phrase("Could not open {file}: {reason}.", file=path.name, reason=exc.strerror or exc)
        ) from None
    if path.is_dir():
        raise UserError(Phrase("{file} is a folder, not a spreadsheet.", file=path.name))
    if size == 0:
        raise UserError(Phrase("{file} is empty.", file=path.name))
    if size > MAX_FILE_BYTES:
        raise UserError(
            Phrase(
                "{file} is {size} MB, too big for a participant list (at most {most} MB). Split "
                "it or remove other sheets.",
                file=path.name,
                size=size // (1024 * 1024),
                most=MAX_FILE_BYTES // (1024 * 1024),
            )
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
        book = open_xlsx(path)
        try:
            return list(book.sheet_names)
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
        raise UserError(
            Phrase("{file} is not a real Excel workbook: it may be damaged.", file=path.name)
        )
    return _read_csv(path, header_score)


# --- xlsx ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None, header_score: HeaderScorer | None) -> SheetData:
    book = open_xlsx(path)
    try:
        names = book.sheet_names
        if sheet:
            if sheet not in names:
                raise UserError(
                    Phrase(
                        "{file} has no sheet called {sheet}; its sheets are {sheets}.",
                        file=path.name,
                        sheet=repr(sheet),
                        sheets=", ".join(repr(n) for n in names),
                    )
                )
            chosen = sheet
        else:
            chosen = _first_sheet_with_data(book)

        def lines() -> Iterator[tuple[int, tuple[str, ...]]]:
            for number, values in book.rows(chosen, MAX_COLUMNS):
                yield number, tuple(cell_text(v) for v in values)

        header_line, headers, rows = _split_header(path, lines(), header_score, chosen)
        return SheetData(path, chosen, names, header_line, headers, rows)
    finally:
        book.close()


def _first_sheet_with_data(book: XlsxBook) -> str:
    """The first sheet that has at least two filled rows (skips empty cover sheets)."""
    for name in book.sheet_names:
        filled = 0
        for _number, values in book.rows(name, MAX_COLUMNS, max_rows=HEADER_SCAN_ROWS + 5):
            if any(v is not None and str(v).strip() for v in values):
                filled += 1
                if filled >= 2:
                    return name
    return book.sheet_names[0]


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
    if sample.count(b"\x00") > len(sample) // 50:  # a stray NUL is cleaned; many: binary
        raise UserError(Phrase("This file is not a spreadsheet or a text (CSV) file."))
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
        try:
            counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        except csv.Error:  # a stray NUL or an over-long field: judged when the file is read
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        # favour many lines split the same way, then more columns
        most = max(set(multi), key=multi.count)
        score = multi.count(most) * 10 + most
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _unguard(cell: str) -> str:
    """ "'+243 812…" -> "+243 812…": the apostrophe Muster's CSV export (as OWASP advises)
    puts before text a spreadsheet would run as a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


MAX_CELL_CHARS = csv.field_size_limit()  # 131,072: the csv module's own limit per cell
_LONG_LINE = re.compile(f"[^\r\n]{{{MAX_CELL_CHARS + 1}}}")


def _too_long(path: Path, line: int) -> UserError:
    return UserError(
        Phrase(
            "Line {line:,} of {file} is longer than {most:,} characters: a participant list has "
            "no cell that long, so this file is not one (or it is damaged).",
            line=line,
            file=path.name,
            most=MAX_CELL_CHARS,
        )
    )


def _refuse_long_lines(path: Path, text: str) -> None:
    """A line the csv module could not read as one cell: refused with its line number."""
    found = _LONG_LINE.search(text)
    if found is not None:
        raise _too_long(path, text.count("\n", 0, found.start()) + 1)


def _read_csv(path: Path, header_score: HeaderScorer | None) -> SheetData:
    raw = path.read_bytes()
    try:
        text, encoding = decode_text(raw)
        binary = _looks_binary(text)
    except UserError:
        binary = True
    if binary:
        raise UserError(
            Phrase(
                "{file} is not a spreadsheet or a CSV text file. Muster reads .xlsx and .csv "
                "files.",
                file=path.name,
            )
        ) from None
    if not text.strip():
        raise UserError(Phrase("{file} is empty.", file=path.name))
    _refuse_long_lines(path, text)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def lines() -> Iterator[tuple[int, tuple[str, ...]]]:
        try:
            for number, values in enumerate(reader, start=1):
                yield number, tuple(_unguard(clean_text(v)) for v in values[:MAX_COLUMNS])
        except csv.Error as exc:  # e.g. a quoted cell running on for more than the limit
            raise UserError(
                Phrase(
                    "Line {line:,} of {file} cannot be read as CSV ({exc}).",
                    line=reader.line_num,
                    file=path.name,
                    exc=exc,
                )
            ) from None

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
        raise UserError(Phrase("{where} is empty: there is no table to import.", where=where))
    best_index, best_score = -1, 0.0
    for index, (_number, cells) in enumerate(head):
        score = scorer(cells)
        if score > best_score + 1e-9:
            best_index, best_score = index, score
    if best_index < 0:
        raise UserError(
            Phrase(
                "{where} has no header row: Muster needs a row of column titles (Name, Sex, "
                "Organisation…) above the participants.",
                where=where,
            )
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
                Phrase(
                    "{where} has more than {most:,} rows. A participant list is never that long: "
                    "check that you chose the right file, or split it.",
                    where=where,
                    most=MAX_ROWS,
                )
            )
        rows.append(row)

    for number, cells in head[best_index + 1 :]:
        keep(number, cells)
    for number, cells in iterator:
        keep(number, cells)
    if not rows:
        raise UserError(Phrase("{where} has column titles but no rows below them.", where=where))
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
