"""Fonts and text in any script for ReportLab documents.

ReportLab's built-in fonts cover neither Cyrillic nor Arabic, so Muster embeds
DejaVu Sans (Latin, Cyrillic) and Noto Naskh Arabic, shipped in resources/fonts
with their licences. ReportLab draws glyphs left to right without joining, so
Arabic is shaped with arabic-reshaper and put in visual order with python-bidi
before drawing. Noto Naskh has no Latin letters or digits and DejaVu has no
Arabic presentation forms, so a mixed string is drawn as runs, each in its font.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
SANS = "MusterSans"
SANS_BOLD = "MusterSans-Bold"
ARABIC = "MusterArabic"
ARABIC_BOLD = "MusterArabic-Bold"
_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}
# Arabic letters and the presentation forms arabic-reshaper produces.
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_RUN_RE = re.compile(
    "([\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc ]*)"
)
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the embedded fonts with ReportLab once per process."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file_name)))
        for family, regular, bold in ((SANS, SANS, SANS_BOLD), (ARABIC, ARABIC, ARABIC_BOLD)):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, regular)
            addMapping(family, 1, 1, bold)
        _registered = True


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


@lru_cache(maxsize=20_000)
def visual(text: str) -> str:
    """``text`` as it must be drawn: Arabic shaped and in right-to-left visual order."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


@dataclass(frozen=True)
class Run:
    text: str
    arabic: bool


def runs(text: str) -> list[Run]:
    """The visual form of ``text`` split into Arabic and non-Arabic runs."""
    shown = visual(text)
    if not has_arabic(shown):
        return [Run(shown, False)]
    out: list[Run] = []
    for part in _RUN_RE.split(shown):
        if part:
            out.append(Run(part, bool(_ARABIC_RE.match(part))))
    return out


def is_pure_arabic(text: str) -> bool:
    """True when every visible character can be drawn with the Arabic font alone."""
    shown = visual(text)
    return has_arabic(shown) and all(r.arabic or not r.text.strip() for r in runs(text))


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for ``text`` in any script: escaped, shaped, a font per run."""
    parts = runs(text)
    if len(parts) == 1 and not parts[0].arabic:
        return escape(parts[0].text)
    out = []
    for run in parts:
        if run.arabic:
            font = ARABIC_BOLD if bold else ARABIC
            out.append(f'<font face="{font}">{escape(run.text)}</font>')
        else:
            out.append(escape(run.text))
    return "".join(out)


def font_for(text: str, bold: bool = False) -> str:
    """The single font that draws ``text`` (plain strings in table cells and canvases)."""
    if is_pure_arabic(text):
        return ARABIC_BOLD if bold else ARABIC
    return SANS_BOLD if bold else SANS


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    bold: bool = False,
    align: str = "left",
) -> float:
    """Draw ``text`` (any script) on a canvas as font runs; returns the width drawn."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = runs(text)
    fonts = [
        (ARABIC_BOLD if bold else ARABIC) if r.arabic else (SANS_BOLD if bold else SANS)
        for r in parts
    ]
    widths = [stringWidth(r.text, f, size) for r, f in zip(parts, fonts, strict=True)]
    total = sum(widths)
    if align == "right":
        x -= total
    elif align == "center":
        x -= total / 2
    for run, font, width in zip(parts, fonts, widths, strict=True):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run.text)
        x += width
    return total


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points in ``font``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
