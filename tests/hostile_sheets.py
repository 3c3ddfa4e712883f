"""Hand-made .xlsx files, hostile or odd, written part by part (no spreadsheet library).

Used by the tests and by ``benchmarks/bench_hostile_xlsx.py``. Each builder writes a
minimal but valid package (content types, relationships, workbook, one worksheet)
around the worksheet XML it is given.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="{PKG}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>
<sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""

HEADER = ["Nom", "Prénom", "Sexe", "Institution"]
PEOPLE = [
    ["Kahindo", "Mumbere", "H", "Parquet de Beni"],
    ["Masika", "Furaha", "F", "Tribunal de paix"],
    ["Ali", "Omar", "H", "Police nationale"],
]


def _cell(ref: str, value: str) -> str:
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def table_rows(rows: Iterable[list[str]], first: int = 1) -> Iterator[str]:
    """``<row>`` elements for ``rows`` of text, from row ``first``."""
    for number, values in enumerate(rows, start=first):
        cells = "".join(_cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values))
        yield f'<row r="{number}">{cells}</row>'


def write_xlsx(path: Path, sheet_xml: Iterable[str] | str, *, prolog: str = "") -> Path:
    """An .xlsx whose only worksheet is ``sheet_xml`` (streamed into the zip)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'.encode())
            chunks = [sheet_xml] if isinstance(sheet_xml, str) else sheet_xml
            for chunk in chunks:
                part.write(chunk.encode())
    return path


def _worksheet(dimension: str, rows: Iterable[str]) -> Iterator[str]:
    yield f'<worksheet xmlns="{MAIN}">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield "<sheetData>"
    yield from rows
    yield "</sheetData></worksheet>"


def no_dimension(path: Path, rows: int = 1_000_000) -> Path:
    """No ``<dimension>``; a short list, then ``rows`` rows each with one cell far right.

    openpyxl pads every row to column XFD (16,384 cells) and parses the whole sheet to
    size it: this is the kind of 0.4 MiB file that took 205 s and 5 GB.
    """

    def body() -> Iterator[str]:
        yield from table_rows([HEADER, *PEOPLE])
        for number in range(len(PEOPLE) + 2, rows + 1):
            yield f'<row r="{number}"><c r="XFD{number}"><v>0</v></c></row>'

    return write_xlsx(path, _worksheet("", body()))


def huge_dimension(path: Path) -> Path:
    """A short list whose ``<dimension>`` claims every cell of a worksheet, and one far cell."""
    rows = [*table_rows([HEADER, *PEOPLE]), '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>']
    return write_xlsx(path, _worksheet("A1:XFD1048576", rows))


def one_wide_row(path: Path, cells: int = 2_000_000) -> Path:
    """The header, then one row of ``cells`` cells (most far beyond any real column)."""

    def body() -> Iterator[str]:
        yield from table_rows([HEADER, *PEOPLE])
        yield '<row r="10">'
        for index in range(cells):
            yield f"<c><v>{index}</v></c>"
        yield "</row>"

    return write_xlsx(path, _worksheet("", body()))


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "ha!ha!ha!ha!ha!ha!ha!ha!ha!ha!">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def with_entities(path: Path, prolog: str, entity: str) -> Path:
    """A list whose first name is an entity reference declared in the worksheet's DTD."""
    rows = [
        *table_rows([HEADER]),
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>&{entity};</t></is></c></row>',
    ]
    return write_xlsx(path, _worksheet("A1:D2", rows), prolog=prolog)


def plain_list(path: Path, extra_rows: Iterable[list[str]] = ()) -> Path:
    """An ordinary little list written by hand (the control case)."""
    return write_xlsx(path, _worksheet("A1:D9", table_rows([HEADER, *PEOPLE, *extra_rows])))
