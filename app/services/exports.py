"""Writing tables to .xlsx or CSV that Excel and LibreOffice open right, typed and safe.

* Typed cells: in an .xlsx, dates are dates, counts are numbers (``#,##0``) and shares
  are fractions with a percent format, so filters, sorting and pivot tables work.
* Never a formula: every text cell of an .xlsx is written as a string, even when it
  starts with "=" (openpyxl would otherwise write a live formula). In CSV, text starting
  with = + - @ tab or carriage return gets a leading apostrophe, as OWASP recommends
  ("CSV injection"); real numbers, negative ones too, stay numbers.
* CSV dialects: ``excel`` (comma, decimal point) and ``excel-fr`` (semicolon, decimal
  comma, what a French Excel expects; otherwise every row lands in column A). Both are
  UTF-8 with a BOM (Excel otherwise guesses a legacy code page and mangles accents,
  Cyrillic and Arabic). Dates are ISO (2024-09-10), which both read as dates.
* Text is passed through ``clean_text`` on the way out too: no control, bidi-override or
  zero-width character reaches a file, whatever an older database holds.
* Files are written to a temporary name and renamed: a half-written export never
  carries the final name. Optional HXL hashtags go in a second header row.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.l10n import Phrase
from app.textnorm import clean_text

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


@dataclass(frozen=True)
class Share:
    """A fraction (0.417) shown as a percentage (41.7 %)."""

    value: float


Cell = str | int | float | date | Share | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_TEXT = 32_767  # Excel's limit for one cell


@dataclass(frozen=True)
class CsvDialect:
    name: str
    delimiter: str
    decimal: str
    description: str


CSV_DIALECTS = {
    "excel": CsvDialect("excel", ",", ".", "comma-separated, decimal point"),
    "excel-fr": CsvDialect("excel-fr", ";", ",", "semicolon-separated, decimal comma"),
}


def default_dialect(lang: str) -> str:
    """The CSV dialect a document in ``lang`` is most likely opened with."""
    return "excel-fr" if lang == "fr" else "excel"


def check_dialect(name: str | None, lang: str = "en") -> CsvDialect:
    """The dialect called ``name`` (None: the one ``lang`` implies), or a plain refusal."""
    chosen = name or default_dialect(lang)
    if chosen not in CSV_DIALECTS:
        raise UserError(
            Phrase(
                "There is no CSV dialect called '{chosen}'; choose {items}.",
                chosen=chosen,
                items=" or ".join(CSV_DIALECTS),
            )
        )
    return CSV_DIALECTS[chosen]


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook (or the only table of a CSV file)."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    hxl_tags: Sequence[str] | None = None

    def __post_init__(self) -> None:
        if self.hxl_tags is not None and len(self.hxl_tags) != len(self.headers):
            raise ValueError("one HXL tag per column")


@dataclass(frozen=True)
class Written:
    """What an export wrote, for the command line's sentence and its ``--json``."""

    path: Path
    format: str  # "xlsx" or "csv"
    tables: tuple[tuple[str, int, int], ...]  # (sheet name, data rows, columns)
    dialect: str | None = None  # CSV only
    hxl: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> int:
        return sum(rows for _name, rows, _columns in self.tables)

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "format": self.format,
            "csv_dialect": self.dialect,
            "hxl": self.hxl,
            "rows": self.rows,
            "tables": [{"name": n, "rows": r, "columns": c} for n, r, c in self.tables],
        }


# --- cells -----------------------------------------------------------------------------------


def safe_text(value: str) -> str:
    """Text for any file: cleaned (no hidden characters), never empty of meaning."""
    return clean_text(value)


def csv_text(value: str) -> str:
    """A CSV text cell: cleaned, and "'"-prefixed when a spreadsheet would run it."""
    text = safe_text(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _number(value: float, decimal: str) -> str:
    text = repr(float(value)) if isinstance(value, float) else str(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", decimal)


def csv_cell(value: Cell, dialect: CsvDialect) -> str:
    """One cell as CSV text in ``dialect``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Share):
        return f"{value.value * 100:.1f}".replace(".", dialect.decimal) + "%"
    if isinstance(value, int | float):
        return _number(value, dialect.decimal)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return csv_text(str(value))


_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_NAME_BAD.sub("-", safe_text(name)).strip("'")[:31] or "Muster"
    title, count = base, 2
    while title.casefold() in taken:
        suffix = f" ({count})"
        title, count = base[: 31 - len(suffix)] + suffix, count + 1
    taken.add(title.casefold())
    return title


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Cell) -> WriteOnlyCell:
    """An openpyxl cell typed for ``value``: strings stay strings, never formulas."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Share):
        cell = WriteOnlyCell(sheet, value.value)
        cell.number_format = "0.0%"
    elif isinstance(value, bool) or value is None:
        cell = WriteOnlyCell(sheet, value)
    elif isinstance(value, int):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "#,##0"
    elif isinstance(value, float):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "0.0##"
    elif isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
    else:
        cell = WriteOnlyCell(sheet, None)
        cell.value = safe_text(str(value))[:XLSX_MAX_TEXT]
        cell.data_type = "s"  # "=HYPERLINK(…)" stays text; so do "#N/A" and the like
    return cell


def _column_widths(table: Sheet) -> list[float]:
    widths: list[float] = []
    for index, header in enumerate(table.headers):
        sample = [csv_cell(r[index], CSV_DIALECTS["excel"]) for r in table.rows[:500]]
        longest = max([len(str(header)), *(len(s) for s in sample)])
        widths.append(min(60, max(8, longest + 2)))
    return widths


def _save_workbook(target: Path, sheets: Sequence[Sheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in sheets:
        sheet = book.create_sheet(sheet_title(table.name, taken))
        for index, width in enumerate(_column_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3" if table.hxl_tags is not None else "A2"
        header_cells = [_xlsx_cell(sheet, str(h)) for h in table.headers]
        for cell in header_cells:
            cell.font = bold
        sheet.append(header_cells)
        if table.hxl_tags is not None:
            sheet.append([_xlsx_cell(sheet, t) for t in table.hxl_tags])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    book.save(target)


def _write_csv(target: Path, table: Sheet, dialect: CsvDialect) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=dialect.delimiter, lineterminator="\r\n")
        writer.writerow([csv_text(str(h)) for h in table.headers])
        if table.hxl_tags is not None:
            writer.writerow(table.hxl_tags)
        writer.writerows([csv_cell(v, dialect) for v in row] for row in table.rows)


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    return Path(name)


def _file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(
            Phrase(
                "Muster can export to .xlsx or .csv, not '{value}'.", value=path.suffix or path.name
            )
        )
    return suffix[1:]


def write_tables(
    path: Path, sheets: Sequence[Sheet], csv_dialect: str | None = None, lang: str = "en"
) -> Written:
    """Every table as a sheet of an .xlsx, or the first table as CSV, written atomically."""
    path = Path(path)
    kind = _file_kind(path)
    dialect = check_dialect(csv_dialect, lang) if kind == "csv" else None
    if kind == "csv" and len(sheets) != 1:
        raise ValueError("a CSV file holds one table")
    temp = _atomic_target(path)
    try:
        if dialect is not None:
            _write_csv(temp, sheets[0], dialect)
        else:
            _save_workbook(temp, sheets)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            Phrase("Could not write {file}: {reason}.", file=path.name, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return Written(
        path,
        kind,
        tuple((s.name, len(s.rows), len(s.headers)) for s in sheets),
        dialect.name if dialect else None,
        any(s.hxl_tags is not None for s in sheets),
    )


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    hxl_tags: Sequence[str] | None = None,
    sheet_name: str = "Muster",
    csv_dialect: str | None = None,
    lang: str = "en",
) -> Path:
    """Write ``rows`` under ``headers`` to ``path`` (.xlsx or .csv by its suffix)."""
    return write_tables(path, [Sheet(sheet_name, headers, rows, hxl_tags)], csv_dialect, lang).path
