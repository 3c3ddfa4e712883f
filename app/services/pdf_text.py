"""Fonts and text in any script for ReportLab documents.

ReportLab's built-in fonts cover neither Cyrillic nor Arabic, so Muster embeds
DejaVu Sans (Latin, Cyrillic) and Noto Naskh Arabic, shipped in resources/fonts
with their licences. ReportLab draws glyphs left to right without joining, so
Arabic is shaped with arabic-reshaper and put in visual order with python-bidi
before drawing. Noto Naskh has no Latin letters or digits and DejaVu has no
Arabic presentation forms, so a mixed string is drawn as runs, each in its font.

Searchable Arabic. Glyphs sit in visual order (as every PDF reader that reorders
right-to-left text expects: pdfium, Poppler, pypdf), and the Arabic fonts' ToUnicode
maps each shaped glyph back to its ordinary letter (U+FEB3 -> U+0633), so copy and
search give the name as typed. A ligature (lam-alef) is one glyph for two letters;
it maps to its last letter and is followed by an invisible zero-width glyph for
each other letter, so readers that reverse the line get the letters in order.
Tried and measured in tests/test_pdf_text_extraction.py: marked-content
/ActualText is ignored by pdfminer and pypdf and reversed by pdfium and Poppler;
ReportLab's HarfBuzz shaping maps glyphs for pdfminer only.
"""

from __future__ import annotations

import re
import threading
import unicodedata
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
# Private-use code points standing for the hidden letters of a ligature (see above).
_HIDDEN_BASE = 0xF000
_HIDDEN_RANGE = range(_HIDDEN_BASE, _HIDDEN_BASE + 0x100)  # letters U+0600..U+06FF
_ARABIC_CLASS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\uf000-\uf0ff"
# Arabic letters, the presentation forms arabic-reshaper produces, hidden letters.
_ARABIC_RE = re.compile(f"[{_ARABIC_CLASS}]")
_RUN_RE = re.compile(f"([{_ARABIC_CLASS}][{_ARABIC_CLASS} ]*)")
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

        ArabicFont = _arabic_font_class()
        for name, file_name in _FONT_FILES.items():
            kind = ArabicFont if name in (ARABIC, ARABIC_BOLD) else TTFont
            pdfmetrics.registerFont(kind(name, str(FONT_DIR / file_name)))
        for family, regular, bold in ((SANS, SANS, SANS_BOLD), (ARABIC, ARABIC, ARABIC_BOLD)):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, regular)
            addMapping(family, 1, 1, bold)
        _no_base14_defaults()
        _registered = True


def _no_base14_defaults() -> None:
    """Table cells and charts start in DejaVu Sans, not Helvetica (PDF/A embeds every font)."""
    from reportlab.graphics import shapes
    from reportlab.platypus import tables

    shapes.STATE_DEFAULTS["fontName"] = SANS
    tables.CellStyle.fontname = SANS


def _to_unicode_cmap(subset: list[int]) -> str:
    """A ToUnicode CMap giving each shaped glyph its ordinary letter (NFKC of the form)."""
    lines = []
    for code, char in enumerate(subset):
        if char in _HIDDEN_RANGE:
            text = chr(char - _HIDDEN_BASE + 0x0600)
        elif 0xFB50 <= char <= 0xFEFC:
            text = unicodedata.normalize("NFKC", chr(char))[-1:]  # a ligature: its last letter
        else:
            text = chr(char)
        lines.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
            f"{len(lines)} beginbfchar",
            *lines,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _arabic_font_class() -> type:
    """TTFont for Noto Naskh: hidden zero-width letters and a ToUnicode of plain letters."""
    from reportlab.pdfbase.ttfonts import TTFont

    class ArabicFont(TTFont):  # type: ignore[misc]
        def __init__(self, name: str, filename: str) -> None:
            super().__init__(name, filename)
            face = self.face
            invisible = face.charToGlyph[0x200B]  # zero width space: no ink, no advance
            for char in _HIDDEN_RANGE:
                face.charToGlyph[char] = invisible
                face.charWidths[char] = 0

        def addObjects(self, doc: object) -> None:
            state = self.state.get(doc)
            subsets = [list(s) for s in state.subsets] if state is not None else []
            super().addObjects(doc)
            for index, subset in enumerate(subsets):
                base = b"".join((SUBSETN(index), b"+", self.face.name, self.face.subfontNameX))
                stream = doc.idToObject["toUnicodeCMap:" + base.decode("pdfdoc")]  # type: ignore[attr-defined]
                stream.content = _to_unicode_cmap(subset)

    from reportlab.pdfbase.ttfonts import SUBSETN

    return ArabicFont


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


@lru_cache(maxsize=20_000)
def visual(text: str) -> str:
    """``text`` as it must be drawn: Arabic shaped and in right-to-left visual order."""
    if not has_arabic(text):
        return text
    from bidi import get_display

    shown = str(get_display(_reshaper().reshape(text)))
    return "".join(_with_hidden_letters(char) for char in shown)


@lru_cache(maxsize=1)
def _reshaper() -> object:
    """arabic-reshaper with the mandatory lam-alef ligatures only (no word ligatures)."""
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "arabic ligature allah": False}
    )


def _with_hidden_letters(char: str) -> str:
    """A ligature followed by zero-width glyphs for its other letters, right to left."""
    if not 0xFEF5 <= ord(char) <= 0xFEFC:
        return char
    letters = unicodedata.normalize("NFKC", char)
    return char + "".join(chr(_HIDDEN_BASE + ord(c) - 0x0600) for c in reversed(letters[:-1]))


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
