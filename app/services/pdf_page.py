"""Page furniture shared by Muster's PDFs: styles, footer with document id and "page X of Y".

"Page X of Y" needs the page count before the first footer is drawn, so the canvas
keeps each page's drawing state and paints the footers when the document is saved
(the usual ReportLab numbered-canvas recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from app.l10n import tr
from app.services.pdf_archive import make_pdfa
from app.services.pdf_text import (
    SANS,
    SANS_BOLD,
    arabic_text_canvas,
    draw_string,
    fit,
    register_fonts,
)

UN_BLUE = colors.HexColor("#1a5f9e")
LIGHT_BLUE = colors.HexColor("#e8f0f8")
GRID = colors.HexColor("#b8c4d0")
MUTED = colors.HexColor("#555555")
WOMEN_COLOUR = colors.HexColor("#c2185b")
MEN_COLOUR = colors.HexColor("#1a5f9e")
OTHER_COLOUR = colors.HexColor("#9e9e9e")


@dataclass(frozen=True)
class Footer:
    """What every page carries at the bottom."""

    left: str  # e.g. "MONUSCO · Training title"
    document_id: str
    lang: str
    margin: float


def numbered_canvas(footer: Footer) -> Callable[..., Any]:
    """A canvas class that paints ``footer`` and "Page X of Y" on every page when saved."""

    class NumberedCanvas(arabic_text_canvas()):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = SANS  # no base-14 Helvetica: PDF/A embeds every font
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self.mark_arabic_runs()
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            make_pdfa(self)
            super().save()

        def _draw_footer(self, total: int) -> None:
            width, _height = self._pagesize
            y = footer.margin * 0.5
            self.saveState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(footer.margin, y + 10, width - footer.margin, y + 10)
            self.setFillColor(MUTED)
            page = tr(footer.lang, "Page {page} of {pages}", page=self._pageNumber, pages=total)
            doc = tr(footer.lang, "Document {id}", id=footer.document_id)
            right = f"{doc}   ·   {page}"
            used = draw_string(self, width - footer.margin, y, right, 7, align="right")
            room = width - 2 * footer.margin - used - 16
            left = getattr(self, "_muster_footer_left", footer.left)
            draw_string(self, footer.margin, y, fit(left, SANS, 7, room), 7)
            self.restoreState()

    return NumberedCanvas


def footer_text(text: str) -> Flowable:
    """A zero-size flowable that changes the footer's left text from this page on."""

    class _SetFooter(Flowable):
        def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            self.canv._muster_footer_left = text

    return _SetFooter()


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=SANS, fontSize=7.5, leading=9)
    return Styles(
        title=ParagraphStyle(
            "title", fontName=SANS_BOLD, fontSize=16, leading=20, textColor=UN_BLUE, spaceAfter=4
        ),
        heading=ParagraphStyle(
            "heading",
            fontName=SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=UN_BLUE,
            spaceBefore=10,
            spaceAfter=4,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=2),
        figure_value=ParagraphStyle(
            "figure_value",
            fontName=SANS_BOLD,
            fontSize=18,
            leading=22,
            alignment=1,
            textColor=UN_BLUE,
        ),
        figure_label=ParagraphStyle(
            "figure_label", fontName=SANS, fontSize=8, leading=10, alignment=1, textColor=MUTED
        ),
    )


def table_style(header_rows: int = 1, font_size: float = 7.5) -> list[tuple[Any, ...]]:
    """The look of Muster's tables: a blue header, thin grid, zebra rows."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size + 1.5),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), SANS_BOLD),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), UN_BLUE),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, LIGHT_BLUE]),
    ]
