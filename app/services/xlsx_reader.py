"""Reading the cells of an .xlsx file sent by someone else, in bounded time and memory.

openpyxl's own reader trusts the file: it sizes every row by the sheet's
``<dimension>`` (a file claiming A1:XFD1048576 gets 16,384 cells per row and a
million padding rows), and without a dimension it parses the whole sheet into memory
before the first row comes out (0.4 MiB took 205 s and 5 GB). Here every part's
unpacked size is checked before it is read, any DTD (entity bomb, external entity) is
refused by ``defusedxml`` before openpyxl or lxml sees the part, and the worksheet is
streamed: each row is handed over and dropped, cells right of ``max_columns`` are
ignored, nothing is padded. openpyxl still finds the sheets (manifest, workbook,
relationships) and types each cell (shared strings, numbers, dates from the styles).
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

from app.errors import UserError
from app.l10n import Phrase

MIB = 1024 * 1024
MAX_MEMBERS = 2_000  # parts in the archive; Excel writes a dozen, a big workbook a few hundred
MAX_UNZIPPED_BYTES = 300 * MIB  # all parts together, unpacked
MAX_SHEET_BYTES = 128 * MIB  # one worksheet's XML, unpacked (a 20,000-row list is ~20 MiB)
MAX_SHARED_STRINGS_BYTES = 32 * MIB
MAX_PART_BYTES = 8 * MIB  # any other part (workbook, styles, relationships, properties)
# Reading stops with a refusal past these counts, whatever the XML claims: they bound the
# time (about a microsecond per XML event) as the byte caps bound the memory.
MAX_SHEET_ROWS = 50_000  # row elements, empty formatted ones included
MAX_SHEET_CELLS = 500_000  # cell elements, in any column (20,000 rows of 25 cells)
XML_SUFFIXES = (".xml", ".rels", ".vml")

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SI = f"{_NS}row", f"{_NS}c", f"{_NS}si"
_SHEET_DATA = f"{_NS}sheetData"
_NUM_FMT, _CELL_XFS, _XF = f"{_NS}numFmt", f"{_NS}cellXfs", f"{_NS}xf"


def _damaged(path: Path, detail: object = "") -> UserError:
    why = f" ({detail})" if detail else ""
    return UserError(
        Phrase("{file} is damaged or not a real Excel file{why}.", file=path.name, why=why)
    )


def _entities(path: Path) -> UserError:
    return UserError(
        Phrase(
            "{file} declares XML entities (a trick used by harmful files to fill the memory or "
            "read other files), which Excel never writes: Muster does not open it.",
            file=path.name,
        )
    )


def _iterparse(source: Any, events: tuple[str, ...]) -> Any:
    from defusedxml.ElementTree import iterparse

    return iterparse(source, events=events, forbid_dtd=True)


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse before reading: too many parts, too big once unpacked, any DTD in the XML."""
    from defusedxml import DefusedXmlException

    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UserError(
            Phrase(
                "{file} holds {count:,} parts: it is not a participant list.",
                file=path.name,
                count=len(infos),
            )
        )
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise UserError(
            Phrase("{file} is too big once unpacked to be a participant list.", file=path.name)
        )
    for info in infos:
        name = info.filename
        if name.endswith("sharedStrings.xml"):
            limit = MAX_SHARED_STRINGS_BYTES
        elif "worksheets/" in name:
            limit = MAX_SHEET_BYTES
        else:
            limit = MAX_PART_BYTES
        if info.file_size > limit and name.endswith(XML_SUFFIXES):
            raise UserError(
                Phrase(
                    "{file} has a part ({name}) of {size:,} MiB once unpacked, more than the "
                    "{most} MiB a participant list needs.",
                    file=path.name,
                    name=name,
                    size=info.file_size // MIB,
                    most=limit // MIB,
                )
            )
        if not name.endswith(XML_SUFFIXES) or info.file_size == 0:
            continue
        # A DTD can only stand before the root element: reading up to it is enough.
        try:
            with archive.open(info) as part:
                next(iter(_iterparse(part, ("start",))), None)
        except DefusedXmlException:
            raise _entities(path) from None
        except Exception as exc:  # a truncated or non-XML part
            raise _damaged(path, f"{name}: {exc}") from None


@dataclass
class XlsxBook:
    """An opened workbook: its sheets (name -> part) and what typing cells needs."""

    path: Path
    handle: BinaryIO
    archive: zipfile.ZipFile
    sheets: dict[str, str]
    shared_strings: list[str]
    epoch: Any
    date_styles: set[int]
    timedelta_styles: set[int]

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self.sheets)

    def close(self) -> None:
        self.archive.close()
        self.handle.close()

    def rows(
        self, sheet: str, max_columns: int, max_rows: int | None = None
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, cell values from column A) for each row element, in file order."""
        from openpyxl.worksheet._reader import WorkSheetParser

        parser = WorkSheetParser(
            None, self.shared_strings, data_only=True, epoch=self.epoch,
            date_formats=self.date_styles, timedelta_formats=self.timedelta_styles,
        )  # fmt: skip
        seen = cells = 0
        try:
            with self.archive.open(self.sheets[sheet]) as src:
                holder = row = _EMPTY
                values: dict[int, Any] = {}
                for event, element in _fast_iterparse(src):
                    tag = element.tag
                    if event == "start":
                        if tag == _ROW:
                            row, values = element, {}
                            parser.row_counter = _row_number(element, parser.row_counter)
                            parser.col_counter = 0
                        elif tag == _SHEET_DATA:
                            holder = element
                    elif tag == _CELL:
                        cells += 1
                        if cells > MAX_SHEET_CELLS:
                            raise self._too_big(
                                sheet, Phrase("{count:,} cells", count=MAX_SHEET_CELLS)
                            )
                        column = _column(element, parser.col_counter)
                        parser.col_counter = column
                        if column <= max_columns:
                            value = self._value(parser, element)
                            if value is not None:
                                values[column] = value
                        row.clear()  # the row keeps no cell it has handed over
                    elif tag == _ROW:
                        width = max(values, default=0)
                        yield parser.row_counter, tuple(values.get(c) for c in range(1, width + 1))
                        holder.clear()
                        seen += 1
                        if max_rows is not None and seen >= max_rows:
                            return
                        if seen >= MAX_SHEET_ROWS:
                            raise self._too_big(
                                sheet,
                                Phrase(
                                    "{count:,} rows (empty formatted rows count too)",
                                    count=MAX_SHEET_ROWS,
                                ),
                            )
        except UserError:
            raise
        except Exception as exc:  # bad XML, a shared string index out of range, a bad number
            raise _damaged(self.path, exc) from None

    def _value(self, parser: Any, element: Any) -> Any:
        """A cell's typed value; a date out of range becomes an error value, quietly."""
        style = element.get("s")
        if style is None or not style.isdigit() or int(style) not in self.date_styles:
            return parser.parse_cell(element)["value"]
        with warnings.catch_warnings():  # not held across the generator's yields
            warnings.simplefilter("ignore")
            return parser.parse_cell(element)["value"]

    def _too_big(self, sheet: str, what: str) -> UserError:
        return UserError(
            Phrase(
                "The sheet '{sheet}' of {file} has more than {what}: a participant list is never "
                "that big. Copy the table into a new workbook and import that.",
                sheet=sheet,
                file=self.path.name,
                what=what,
            )
        )


_EMPTY = ElementTree.Element("none")
_LETTERS = re.compile(r"[A-Z]{1,3}")


def _column(element: Any, previous: int) -> int:
    """The column of a ``<c>`` from its reference ("XFD7" -> 16384), else the next one."""
    ref = element.get("r")
    if not ref:
        return previous + 1
    letters = _LETTERS.match(ref)
    if letters is None:
        raise ValueError(f"{ref!r} is not a cell reference")
    number = 0
    for ch in letters.group():
        number = number * 26 + ord(ch) - 64
    return number


def _fast_iterparse(source: Any) -> Any:
    """The C parser, for parts :func:`_check_archive` has seen to hold no DTD.

    A DTD can only stand before the root element, so once defusedxml has read up to the
    root without finding one, no entity can be declared further on.
    """
    return ElementTree.iterparse(source, events=("start", "end"))


def _row_number(element: Any, previous: int) -> int:
    raw = element.get("r")
    if raw is None:
        return previous + 1
    try:
        number = int(float(raw))
    except ValueError:
        raise ValueError(f"{raw!r} is not a row number") from None
    if not 1 <= number <= 1_048_576:
        raise ValueError(f"row {number} is outside a worksheet")
    return number


def open_xlsx(path: Path) -> XlsxBook:
    """Open ``path`` after the size and DTD checks; a :class:`UserError` when refused."""
    from defusedxml import DefusedXmlException
    from openpyxl.reader.excel import ExcelReader

    handle = path.open("rb")
    try:
        try:  # a file object: openpyxl then does not judge the file by its name's suffix
            reader = ExcelReader(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise UserError(
                Phrase("{file} is damaged: it cannot be opened as an Excel file.", file=path.name)
            ) from None
        archive = reader.archive
        _refuse_other_documents(path, set(reader.valid_files))
        _check_archive(path, archive)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader.read_manifest()
                reader.read_workbook()
                sheets = {
                    sheet.name: rel.target
                    for sheet, rel in reader.parser.find_sheets()
                    if rel.target in reader.valid_files and "chartsheet" not in rel.Type
                }
                strings = _shared_strings(archive, reader)
                date_styles, timedelta_styles = _date_styles(archive)
        except (UserError, DefusedXmlException):
            raise
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise _damaged(path, exc) from None
        if not sheets:
            raise UserError(Phrase("{file} has no worksheet to read.", file=path.name))
        return XlsxBook(path, handle, archive, sheets, strings, reader.wb.epoch, date_styles,
                        timedelta_styles)  # fmt: skip
    except DefusedXmlException:
        handle.close()
        raise _entities(path) from None
    except BaseException:
        handle.close()
        raise


def _refuse_other_documents(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" in names or "[Content_Types].xml" in names:
        return
    if "word/document.xml" in names:
        raise UserError(Phrase("{file} is a Word document, not a spreadsheet.", file=path.name))
    if "content.xml" in names:
        raise UserError(
            Phrase(
                "{file} is an OpenDocument file. Save it as .xlsx or .csv and import that.",
                file=path.name,
            )
        )
    raise UserError(Phrase("{file} is a zip archive, not an Excel workbook.", file=path.name))


def _shared_strings(archive: zipfile.ZipFile, reader: Any) -> list[str]:
    """The shared string table, streamed: each ``<si>`` read, kept as text, dropped."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHARED_STRINGS

    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings: list[str] = []
    with archive.open(part.PartName[1:]) as src:
        root = None
        for event, element in _fast_iterparse(src):
            if event == "start":
                root = element if root is None else root
            elif element.tag == _SI:
                strings.append(Text.from_tree(element).content.replace("x005F_", ""))
                assert root is not None  # the first event is the root's start
                root.clear()  # the table keeps no string it has handed over
    return strings


def _date_styles(archive: zipfile.ZipFile) -> tuple[set[int], set[int]]:
    """Indexes of the cell styles that show a date (or a duration), as openpyxl computes them."""
    from openpyxl.styles.numbers import (
        BUILTIN_FORMATS,
        is_date_format,
        is_timedelta_format,
    )

    if "xl/styles.xml" not in archive.namelist():
        return set(), set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    with archive.open("xl/styles.xml") as src:
        for event, element in _fast_iterparse(src):
            if element.tag == _CELL_XFS:
                in_cell_xfs = event == "start"
            elif event == "end" and element.tag == _NUM_FMT:
                custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            elif event == "end" and element.tag == _XF and in_cell_xfs:
                formats.append(int(element.get("numFmtId", "0")))
    dates, durations = set(), set()
    for index, fmt_id in enumerate(formats):
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id) or "General"
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations
