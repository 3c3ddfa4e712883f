"""Writing tables to .xlsx or to CSV that Excel opens correctly in every script.

CSV is UTF-8 with a BOM (Excel otherwise guesses a legacy code page and mangles
accents, Cyrillic and Arabic). Files are written to a temporary name and renamed,
so a half-written export never carries the final name. Optional HXL hashtags
(#org, #sector, #adm1, #reached +f +m) go in a second header row.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError

Cell = str | int | float | None


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    return Path(name)


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    hxl_tags: Sequence[str] | None = None


def _save_workbook(target: Path, sheets: Sequence[Sheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in sheets:
        sheet = book.create_sheet(table.name[:31] or "Muster")
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        if table.hxl_tags is not None:
            sheet.append(list(table.hxl_tags))
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A3" if table.hxl_tags is not None else "A2"
        for index, header in enumerate(table.headers, start=1):
            longest = max(
                [len(str(header))] + [len(str(r[index - 1] or "")) for r in table.rows[:500]]
            )
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(
                60, max(8, longest + 2)
            )
    book.save(target)


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Several tables in one .xlsx file, one sheet each (written atomically)."""
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"A workbook of several tables is an .xlsx file, not '{path.name}'.")
    temp = _atomic_target(path)
    try:
        _save_workbook(temp, sheets)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Could not write {path.name}: {exc.strerror or exc}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    hxl_tags: Sequence[str] | None = None,
    sheet_name: str = "Muster",
) -> Path:
    """Write ``rows`` under ``headers`` to ``path`` (.xlsx or .csv by its suffix)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(f"Muster can export to .xlsx or .csv, not '{path.suffix or path.name}'.")
    if hxl_tags is not None and len(hxl_tags) != len(headers):
        raise ValueError("one HXL tag per column")
    temp = _atomic_target(path)
    try:
        if suffix == ".csv":
            with temp.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                if hxl_tags is not None:
                    writer.writerow(hxl_tags)
                writer.writerows(["" if c is None else c for c in row] for row in rows)
        else:
            _save_workbook(temp, [Sheet(sheet_name, headers, rows, hxl_tags)])
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Could not write {path.name}: {exc.strerror or exc}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path
