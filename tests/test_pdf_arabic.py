"""Arabic names whole in pdfium (Chrome, Edge): the line rule Muster relies on, measured.

pdfium reverses each Arabic word of a line and reverses the order of the words only
when the line has more right-to-left runs than left-to-right ones, so in a
mostly-Latin row a name's words come out backwards (see app/services/pdf_text.py).
These tests draw rows with a plain ReportLab canvas to show that rule still holds in
the pdfium we test with, then with Muster's canvas to show every name comes out whole,
in pdfium and in the other readers, in table rows and in a sentence.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from app.services.pdf_text import (
    arabic_text_canvas,
    draw_string,
    pdfium_reads_rtl,
    register_fonts,
)
from tests.test_pdf import training_ids
from tests.test_pdf_archive import needs_poppler, read_with_all, signer

__all__ = ["signer"]

NAMES = ["أسماء رمضان السنوسي", "رمضان الحضيري", "عبد السلام علي بوشناف", "صالح"]
LATIN = ["F", "Police officer", "Security Directorate of Misrata", "M"]


def _rows() -> list[list[str]]:
    """Rows mixing a name with zero to several Latin words: both of pdfium's directions."""
    rows = []
    for name in NAMES:
        for latin in ([], LATIN[:1], LATIN[:2], LATIN[:3], [LATIN[3], LATIN[1]]):
            rows.append([str(len(rows) + 1), name, *latin])
    return rows


def _draw(canvas_class: Any, rows: list[list[str]]) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = canvas_class(buffer, pagesize=(600, 20 * len(rows) + 40))
    for index, row in enumerate(rows):
        y = 20 * (len(rows) - index)
        x = 20.0
        for cell in row:
            x += draw_string(canvas, x, y, cell, 8) + 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pdfium_lines(data: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [line for p in document for line in p.get_textpage().get_text_range().splitlines()]
    finally:
        document.close()


def test_pdfium_reverses_a_name_in_a_mostly_latin_line() -> None:
    """The rule measured with plain glyphs: what Muster predicts is what pdfium does."""
    from reportlab.pdfgen.canvas import Canvas

    rows = _rows()
    lines = _pdfium_lines(_draw(Canvas, rows))
    assert len(lines) == len(rows)
    broken = 0
    for row, line in zip(rows, lines, strict=True):
        name = row[1]
        reversed_line = pdfium_reads_rtl(row)
        assert line.strip().endswith(row[0]) == reversed_line, (row, line)
        if " " in name and not reversed_line:
            assert name not in line  # the words of the name in reverse order
            broken += 1
    assert broken >= 6


def test_every_name_whole_in_rows_of_both_directions(tmp_path: Path) -> None:
    rows = _rows()
    path = tmp_path / "rows.pdf"
    path.write_bytes(_draw(arabic_text_canvas(), rows))
    lines = _pdfium_lines(path.read_bytes())
    for row, line in zip(rows, lines, strict=True):
        assert row[1] in line, (row, line)
        for cell in row[2:]:
            # Latin unchanged; a mostly-Arabic line is read right to left, word by word.
            words = [cell] if not pdfium_reads_rtl(row) else cell.split()
            assert all(word in line for word in words), (row, line)
    texts = read_with_all(path)
    for reader in ("pypdf", "pdftotext", "pdfminer"):
        for name in NAMES:
            assert name in texts[reader], (reader, name)


def test_actual_text_only_where_pdfium_reads_left_to_right() -> None:
    """Mostly-Arabic lines keep plain glyphs; mostly-Latin ones wrap the name in a Span."""
    data = _draw(arabic_text_canvas(), [["1", NAMES[0]], ["2", NAMES[0], LATIN[2]]])
    content = _page_content(data)
    assert content.count(b"/ActualText") == 1
    assert content.count(b"BDC") == content.count(b"EMC") == 1
    painted = NAMES[0][::-1]  # ordinary letters in the order they are painted, left to right
    hex_text = painted.encode("utf-16-be").hex().upper().encode()
    assert b"<FEFF" + hex_text + b">" in content


def _page_content(data: bytes) -> bytes:
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()  # type: ignore[union-attr]


@needs_poppler
@pytest.mark.timeout(120)
def test_names_in_a_sentence_of_the_summary(signer, tmp_path: Path) -> None:
    """Trainers listed in one sentence, in three scripts: whole and searchable everywhere."""
    import pypdfium2

    from app.services.pdf import SummaryOptions, export_summary

    inst, key = signer
    tid = training_ids()["UNSMIL"]
    trainers = ["Jean-Pierre Mbala", "عبد السلام علي بوشناف", "Олег Петров", "Hélène Ngoy"]
    _set_trainers(inst, tid, trainers)
    path = tmp_path / "summary.pdf"
    export_summary(inst, tid, path, key, SummaryOptions(lang="fr"))
    texts = read_with_all(path)
    for name in trainers:
        for reader in ("pdfium", "pypdf", "pdftotext", "pdfminer"):
            assert name in texts[reader], (reader, name)
    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        page = document[0].get_textpage()
        found = page.search(trainers[1]).get_next()
        assert found is not None
        assert page.get_text_range(*found) == trainers[1]  # what copying gives
    finally:
        document.close()


def _set_trainers(inst: Any, training_id: str, trainers: list[str]) -> None:
    from app.services import trainings

    info = trainings.get_training(inst, training_id)
    trainings.update_training(
        inst,
        training_id,
        trainings.TrainingInput(
            title=info.title,
            mission=info.mission,
            start=info.start,
            end=info.end,
            theme=info.theme,
            kind=info.kind,
            status=info.status,
            description=info.description,
            trainers=tuple(trainers),
            partners=tuple(trainings.PartnerRoleInput(p.acronym, p.role) for p in info.partners),
            sessions=tuple(
                trainings.SessionInput(s.date, s.location, s.topic, s.id) for s in info.sessions
            ),
        ),
    )


def test_every_name_whole_in_a_row_table_among_latin_rows() -> None:
    """The participant list notes only its rows with Arabic (pdf_rows): their names still
    come out whole in pdfium, in rows of both directions, between rows without any."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from app.services.pdf_rows import Column, RowTable

    register_fonts()
    rows = []
    for row in _rows():
        rows.append([row[0], "Aminata Coulibaly", *LATIN[:3]])
        rows.append([*row, "", "", ""][:5])
    columns = [Column(title, width) for title, width in zip(
        ("No.", "Name", "A", "B", "C"), (25, 110, 50, 90, 176), strict=True)]  # fmt: skip
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [RowTable(columns, rows)], canvasmaker=arabic_text_canvas()
    )
    text = "\n".join(_pdfium_lines(buffer.getvalue()))
    assert all(name in text for name in NAMES)
    assert text.count("Aminata Coulibaly") == len(rows) // 2


def _two_documents(rows: list[list[str]]) -> tuple[bytes, bytes]:
    """The rows drawn into two documents at once, the second in reverse order, so that
    the same characters get different codes in each."""
    register_fonts()
    buffers = io.BytesIO(), io.BytesIO()
    canvases = [
        arabic_text_canvas()(b, pagesize=(600, 20 * len(rows) + 40), invariant=1) for b in buffers
    ]
    for index in range(len(rows)):
        for canvas, row in zip(canvases, (rows[index], rows[-1 - index]), strict=True):
            x = 20.0
            for cell in row:
                x += draw_string(canvas, x, 20 * (len(rows) - index), cell, 8) + 14
    for canvas in canvases:
        canvas.showPage()
        canvas.save()
    return buffers[0].getvalue(), buffers[1].getvalue()


def test_remembered_splits_write_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fonts remember how they split each text, per document: the files are byte for
    byte those ReportLab writes without the memo, also for two documents made at once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from app.services.pdf_text import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD

    rows = _rows() * 3 + [["Пётр Иванов", "Élodie Fontaine", "Police officer"]] * 4
    remembered = _two_documents(rows)
    for kind in {type(pdfmetrics.getFont(n)) for n in (SANS, SANS_BOLD, ARABIC, ARABIC_BOLD)}:
        assert kind.splitString is not TTFont.splitString  # the memo is in use
        monkeypatch.setattr(kind, "splitString", TTFont.splitString)
    assert _two_documents(rows) == remembered
    assert remembered[0] != remembered[1]
