"""Fonts and text in any script for ReportLab documents, searchable in every reader.

ReportLab's built-in fonts cover neither Cyrillic nor Arabic, so Muster embeds
DejaVu Sans (Latin, Cyrillic) and Noto Naskh Arabic, shipped in resources/fonts
with their licences. ReportLab draws glyphs left to right without joining, so
Arabic is shaped with arabic-reshaper and put in visual order with python-bidi
before drawing. Noto Naskh has no Latin letters or digits and DejaVu has no
Arabic presentation forms, so a mixed string is drawn as runs, each in its font.

Glyphs sit in visual (painted) order, and the Arabic fonts' ToUnicode maps each
shaped glyph back to its ordinary letter (U+FEB3 -> U+0633). A ligature (lam-alef)
is one glyph for two letters: it maps to its last letter and is followed by an
invisible zero-width glyph for each other letter.

What each reader does with that, measured (pdfium 159.0.8149 in pypdfium2 5.15,
pypdf 7.1, Poppler 22.12 pdftotext, pdfminer.six 20260107, MuPDF 1.28 in PyMuPDF 2.0;
tests/test_pdf_arabic.py keeps the pdfium facts honest):

- pdfium (Chrome, Edge) orders text objects on a line by x, then runs its own
  small bidi over the whole line: runs of one direction are split at every space,
  each right-to-left run (one Arabic word) is reversed, and the order of the runs
  is reversed only when the line has more right-to-left runs than left-to-right
  ones (digits and punctuation count for neither). An Arabic name alone, or in a
  mostly-Arabic line, comes out whole; in a mostly-Latin table row its words come
  out in reverse order (LibreOffice's PDFs do the same). A marked-content span with
  /ActualText is read instead of the glyphs, laid out right to left and then not
  reversed again: an ActualText holding the painted letters gives the name whole.
  In a mostly-Arabic line that span would come out reversed.
- Poppler and MuPDF reorder by position with a real bidi step, from the glyphs or
  from the same ActualText (which they too treat as painted order): whole names.
- pypdf reverses each right-to-left run of a content stream's text: whole names;
  it ignores ActualText.
- pdfminer.six has no bidi step and ignores ActualText: it returns the glyphs left
  to right (each name reversed letter by letter). Storing glyphs in logical order
  would suit it and break pypdf, pdfium and Poppler, so pdfminer's lines need the
  Unicode bidi algorithm (python-bidi's get_display) to read in logical order.

So the canvas of :func:`arabic_text_canvas` predicts, page by page, how pdfium
will read each line (the runs drawn one after another on one baseline) and wraps
each Arabic run of a line pdfium reads left to right in a /Span with the painted
letters as ActualText; mostly-Arabic lines keep their glyphs alone.

Also tried, on tiny ReportLab files varying one thing at a time: one Tj per word,
with or without space glyphs, one text object per cell: pdfium gives the same
reversed words. ActualText in logical order: reversed by pdfium, Poppler and MuPDF.
Reordering the words' text objects so pdfium's x-sort meets them first to last
(invisible leading spaces): whole in pdfium, pypdf and Poppler, but MuPDF then
reverses the words and pdfminer splits the name over several lines. Adobe
Acrobat was not available to measure.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from arabic_reshaper import ArabicReshaper
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
        SansFont = remembering_split(TTFont)
        for name, file_name in _FONT_FILES.items():
            kind = ArabicFont if name in (ARABIC, ARABIC_BOLD) else SansFont
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


def _letter(char: int) -> str:
    """What a reader gets from the Arabic font's glyph for ``char`` (its ToUnicode entry)."""
    if char in _HIDDEN_RANGE:
        return chr(char - _HIDDEN_BASE + 0x0600)
    if 0xFB50 <= char <= 0xFEFC:
        return unicodedata.normalize("NFKC", chr(char))[-1:]  # a ligature: its last letter
    return chr(char)


def _to_unicode_cmap(subset: list[int]) -> str:
    """A ToUnicode CMap giving each shaped glyph its ordinary letter (NFKC of the form)."""
    lines = []
    for code, char in enumerate(subset):
        text = _letter(char)
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


def remembering_split(base: type) -> type:
    """``base`` (a TTFont class) remembering, per document, how it split each text.

    ReportLab maps every drawn text to the codes of the font's subsets, a character at a
    time in Python: a 1,000-person list draws 8,600 texts, many the same (a category, an
    organisation, a count). A character's code never changes once given, within one
    document, so a text seen before splits as it did then. The memo lives on the font's
    state for that document, which ReportLab drops when the file is written."""

    class RememberingFont(base):
        def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
            state = self.state.get(doc)
            memo: dict[str, Any] | None = getattr(state, "muster_splits", None)
            if memo is None:
                split = super().splitString(text, doc, encoding)
                self.state[doc].muster_splits = {text: split}
                return split
            split = memo.get(text)
            if split is None:
                split = memo[text] = super().splitString(text, doc, encoding)
            return split

    return RememberingFont


def _arabic_font_class() -> type:
    """TTFont for Noto Naskh: hidden zero-width letters and a ToUnicode of plain letters."""
    from reportlab.pdfbase.ttfonts import TTFont

    class ArabicFont(remembering_split(TTFont)):  # type: ignore[misc]
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
def _reshaper() -> ArabicReshaper:
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


# --- how pdfium will read each line (see the module docstring) -------------------------

_ARABIC_FONTS = frozenset({ARABIC, ARABIC_BOLD})
_LEFT_WEAK = frozenset({"AN", "EN", "NSM", "CS", "ES", "ET", "BN"})
_MARK_RE = re.compile("\x00([0-9]+)([][])")  # around an Arabic run's code: \0<n>[ ... \0<n>]


@lru_cache(maxsize=50_000)
def painted_letters(shown: str) -> str:
    """The letters a reader takes from the glyphs of ``shown`` (a visual run), in painted order."""
    return "".join(_letter(ord(char)) for char in shown)


@lru_cache(maxsize=50_000)
def direction_runs(text: str) -> tuple[int, int]:
    """(right-to-left runs, left-to-right runs) in ``text`` as pdfium counts them per line.

    A run is a stretch of one strong direction; anything else ends it: spaces and
    punctuation (neutral), digits and some punctuation (weak, counted for neither).
    """
    rtl = ltr = 0
    previous = ""
    for char in text:
        kind = unicodedata.bidirectional(char)
        kind = "R" if kind in ("R", "AL") else "W" if kind in _LEFT_WEAK else kind
        if kind != previous:
            rtl += kind == "R"
            ltr += kind == "L"
            previous = kind
    return rtl, ltr


def pdfium_reads_rtl(texts: Sequence[str]) -> bool:
    """Whether pdfium reverses the order of runs in a line holding ``texts`` (letters as read)."""
    rtl = ltr = 0
    for text in texts:
        r, l = direction_runs(text)  # noqa: E741
        rtl += r
        ltr += l
    return rtl > ltr


def actual_text_span(letters: str) -> tuple[str, str]:
    """Marked-content operators giving ``letters`` as the ActualText of what they enclose."""
    hex_text = letters.encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <FEFF{hex_text}>>> BDC ", " EMC"


# One piece of text as drawn: baseline (page space), font size, letters as read, mark or -1.
_Drawn = tuple[float, float, str, int]


def _lines(drawn: list[_Drawn]) -> list[list[_Drawn]]:
    """Pieces drawn one after another on one baseline, as pdfium groups them into lines.

    pdfium also joins a piece whose baseline lies within the previous piece's glyph
    box (a vertically centred table cell); Muster's tables align cells at the top,
    so baselines differ by nothing or by a line or more, and half an em tells them apart.
    """
    lines: list[list[_Drawn]] = []
    for piece in drawn:
        if lines:
            last = lines[-1][-1]
            if abs(piece[0] - last[0]) <= 0.5 * max(piece[1], last[1]):
                lines[-1].append(piece)
                continue
        lines.append([piece])
    return lines


def resolve_marks(code: list[str], drawn: list[_Drawn]) -> list[str]:
    """``code`` with each marked Arabic run wrapped in an ActualText span or left as glyphs."""
    if not any(piece[3] >= 0 for piece in drawn):
        return code
    spans: dict[int, tuple[str, str]] = {}
    for line in _lines(drawn):
        marked = [piece for piece in line if piece[3] >= 0]
        if not marked:
            continue
        keep_glyphs = pdfium_reads_rtl([piece[2] for piece in line])
        for _y, _size, letters, mark in marked:
            spans[mark] = ("", "") if keep_glyphs else actual_text_span(letters)

    def replace(match: re.Match[str]) -> str:
        opening, closing = spans[int(match.group(1))]
        return opening if match.group(2) == "[" else closing

    return [_MARK_RE.sub(replace, chunk) if "\x00" in chunk else chunk for chunk in code]


@lru_cache(maxsize=1)
def arabic_text_canvas() -> type[Canvas]:
    """A ReportLab Canvas whose Arabic runs pdfium reads in logical order (module docstring)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    class TextObject(PDFTextObject):
        """Records where each piece of text is drawn and marks the Arabic runs."""

        _drawn_at: float | None = None
        # Set while the caller draws lines holding no Arabic run (pdf_rows.RowTable, row by
        # row): how pdfium reads a line matters only where there is one, so such text is
        # not noted (a 10,000-row list draws 84,000 pieces).
        no_arabic_here = False

        def textLine(self, text: str = "") -> None:
            self._drawn_at = self._y  # textLine moves the cursor before formatting
            super().textLine(text)
            self._drawn_at = None

        def _textOut(self, text: str, TStar: int = 0) -> None:
            super()._textOut(text, TStar)
            if TStar:  # ReportLab does not follow the T* it writes; the baseline moves down
                down = (self._leading or 0.0) * (1 if self._canvas.bottomup else -1)
                self._y0 -= down
                self._y -= down

        def _formatText(self, text: str) -> str:
            code: str = super()._formatText(text)
            if not code or not text or self.no_arabic_here:
                return code
            canvas: Any = self._canvas
            _a, b, _c, d, _e, f = canvas._currentMatrix
            y = self._y if self._drawn_at is None else self._drawn_at
            page_y = b * self._x + d * y + f
            if self._fontname in _ARABIC_FONTS:
                mark = len(canvas._muster_drawn)
                canvas._muster_drawn.append((page_y, self._fontsize, painted_letters(text), mark))
                return f"\x00{mark}[{code}\x00{mark}]"
            canvas._muster_drawn.append((page_y, self._fontsize, text, -1))
            return code

    class ArabicTextCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._muster_drawn: list[_Drawn] = []

        def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> Any:
            return TextObject(self, x, y, direction=direction)

        def _startPage(self) -> None:
            super()._startPage()
            self._muster_drawn = []

        def mark_arabic_runs(self) -> None:
            """Settle this page's Arabic runs (call before the page's code is kept)."""
            self._code: list[str] = resolve_marks(self._code, self._muster_drawn)
            self._muster_drawn = []

        def showPage(self) -> None:
            self.mark_arabic_runs()
            super().showPage()

    return ArabicTextCanvas
