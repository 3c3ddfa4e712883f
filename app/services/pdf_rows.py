"""A fast table flowable for long lists (the summary's participants).

Platypus ``Table`` lays out and draws every cell through generic machinery (cell
geometry, style commands, splitting by re-measuring); for 10,000 participants
that dominated the time to build a summary. A list of people needs none of it:
fixed columns, plain text, a few lines per cell. This flowable precomputes each
row's height once, splits between rows in O(rows on the page), and draws each
page's text through one text object, so time grows linearly with the rows (running sums of row heights make every
slice's height one subtraction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.services.pdf_page import GRID, LIGHT_BLUE, UN_BLUE
from app.services.pdf_text import (
    ARABIC,
    SANS,
    SANS_BOLD,
    has_arabic,
    is_pure_arabic,
    runs,
    visual,
)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"  # left, right, center


# A cell's lines; each line is a tuple of (text, font) runs already in visual order.
Line = tuple[tuple[str, str], ...]
Cell = tuple[Line, ...]


@lru_cache(maxsize=100_000)
def make_cell(value: str, width: float, size: float) -> tuple[Cell, bool]:
    """(lines, right-aligned?) for ``value`` wrapped to ``width`` points, in any script."""
    from reportlab.lib.utils import simpleSplit

    if not value:
        return ((),), False
    arabic = has_arabic(value)
    font = ARABIC if arabic and is_pure_arabic(value) else SANS
    if len(value) * size * 1.1 <= width:
        lines = [value]
    else:
        lines = simpleSplit(value, font, size, width) or [value]
    out: list[Line] = []
    for line in lines:
        if not arabic:
            out.append(((line, SANS),))
        else:
            out.append(tuple((r.text, ARABIC if r.arabic else SANS) for r in runs(line)))
    return tuple(out), arabic


class RowTable(Flowable):
    """Header plus rows of wrapped text; splits across pages between rows."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        font_size: float = 7.5,
        padding: float = 2.0,
        _start: int = 0,
        _prepared: list[tuple[list[tuple[Cell, bool]], float]] | None = None,
        _tops: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # full text width, between the margins like platypus Tables
        self.columns = list(columns)
        self.font_size = font_size
        self.leading = font_size + 1.5
        self.padding = padding
        self.header_height = self.leading + 2 * padding
        if _prepared is None:
            _prepared = []
            for row in rows:
                cells = [
                    make_cell(value, col.width - 2 * padding, font_size)
                    for value, col in zip(row, self.columns, strict=True)
                ]
                lines = max(len(c[0]) for c in cells)
                _prepared.append((cells, lines * self.leading + 2 * padding))
        if _tops is None:  # running sums of row heights: any slice's height in O(1)
            _tops = list(accumulate((h for _c, h in _prepared), initial=0.0))
        self._rows = _prepared
        self._tops = _tops
        self._start = _start
        self._end = len(_prepared)
        self.width = sum(c.width for c in self.columns)

    def _height(self, start: int, end: int) -> float:
        return self.header_height + self._tops[end] - self._tops[start]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = self._height(self._start, self._end)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.header_height
        end = self._start
        while end < self._end and room >= self._rows[end][1]:
            room -= self._rows[end][1]
            end += 1
        if end == self._start:
            return []  # not even one row fits: next frame
        first = self._slice(self._start, end)
        rest = self._slice(end, self._end)
        return [first, rest]

    def _slice(self, start: int, end: int) -> RowTable:
        part = RowTable(
            self.columns, (), self.font_size, self.padding, start, self._rows, self._tops
        )
        part._end = end
        return part

    def draw(self) -> None:
        canvas = self.canv
        size, leading, pad = self.font_size, self.leading, self.padding
        rows = self._rows[self._start : self._end]
        top = self._height(self._start, self._end)
        # Backgrounds: header, then every other row.
        canvas.setFillColor(UN_BLUE)
        canvas.rect(0, top - self.header_height, self.width, self.header_height, stroke=0, fill=1)
        canvas.setFillColor(LIGHT_BLUE)
        y = top - self.header_height
        tops = []
        for index, (_cells, height) in enumerate(rows):
            tops.append(y)
            if index % 2:
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            y -= height
        # Grid: one path for all lines.
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        lines: list[tuple[float, float, float, float]] = [
            (0, t, self.width, t) for t in [top, *tops, y]
        ]
        x = 0.0
        for col in self.columns:
            lines.append((x, top, x, y))
            x += col.width
        lines.append((self.width, top, self.width, y))
        canvas.lines(lines)
        # Text: one text object for the page.
        text = canvas.beginText()
        text.setFillColor(colors.white)
        text.setFont(SANS_BOLD, size)
        font = SANS_BOLD
        x = 0.0
        baseline = top - pad - size
        for col in self.columns:
            self._put(text, col.title, SANS_BOLD, x, col, baseline)
            x += col.width
        text.setFillColor(colors.black)
        for (cells, _height), row_top in zip(rows, tops, strict=True):
            # A row without Arabic shares no line with any: pdf_text need not note its text.
            text.no_arabic_here = not any(rtl for _lines, rtl in cells)
            x = 0.0
            for (cell_lines, rtl), col in zip(cells, self.columns, strict=True):
                baseline = row_top - pad - size
                for line in cell_lines:
                    if len(line) == 1:
                        value, run_font = line[0]
                        if run_font != font:
                            text.setFont(run_font, size)
                            font = run_font
                        align = "right" if rtl else col.align
                        self._put(text, value, run_font, x, col, baseline, align)
                    elif line:
                        font = self._put_runs(text, line, x, col, baseline, rtl, font)
                    baseline -= leading
                x += col.width
        canvas.drawText(text)

    def _put(
        self,
        text: object,
        value: str,
        font: str,
        x: float,
        col: Column,
        baseline: float,
        align: str | None = None,
    ) -> None:
        align = align or col.align
        pad, size = self.padding, self.font_size
        if align == "left":
            left = x + pad
        else:
            width = stringWidth(value, font, size)
            left = x + col.width - pad - width if align == "right" else x + (col.width - width) / 2
        text.setTextOrigin(left, baseline)  # type: ignore[attr-defined]
        text.textOut(value)  # type: ignore[attr-defined]

    def _put_runs(
        self, text: object, line: Line, x: float, col: Column, baseline: float, rtl: bool, font: str
    ) -> str:
        size, pad = self.font_size, self.padding
        widths = [stringWidth(v, f, size) for v, f in line]
        left = x + col.width - pad - sum(widths) if rtl else x + pad
        for (value, run_font), width in zip(line, widths, strict=True):
            if run_font != font:
                text.setFont(run_font, size)  # type: ignore[attr-defined]
                font = run_font
            text.setTextOrigin(left, baseline)  # type: ignore[attr-defined]
            text.textOut(value)  # type: ignore[attr-defined]
            left += width
        return font


__all__ = ["Column", "RowTable", "make_cell", "visual"]
