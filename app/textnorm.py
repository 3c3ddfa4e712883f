"""Cleaning and folding text: names in Latin, Cyrillic and Arabic script, and free text.

``clean_text`` is THE function every entry point (typing, spreadsheet import, bundle
import) passes names and other text through before storing them: NFC, no control,
format or bidi-override characters, no zero-width characters or soft hyphens (ZWNJ and
ZWJ only where Persian/Arabic/Indic spelling needs them), single spaces.

``fold`` gives the key used for accent- and case-insensitive search and for
sorting when no locale collator is at hand: "Déogratias" and "deogratias" meet,
"Ёлкин" and "елкин" meet, and Arabic with or without vowel marks meets too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0672": "\u0627",  # ٲ -> ا
        "\u0673": "\u0627",  # ٳ -> ا
        "\u0649": "\u064a",  # ى -> ي  (alef maqsura)
        "\u0626": "\u064a",  # ئ -> ي  (yeh with hamza)
        "\u0624": "\u0648",  # ؤ -> و  (waw with hamza)
        "\u0629": "\u0647",  # ة -> ه  (ta marbuta)
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u06d5": "\u0647",  # ە -> ه
        "\u06be": "\u0647",  # ھ -> ه  (Urdu do-chashmi heh)
        "\u06c1": "\u0647",  # ہ -> ه  (Urdu heh goal)
        "\u06cc": "\u064a",  # ی -> ي  (Persian yeh)
        "\u06d2": "\u064a",  # ے -> ي  (Urdu yeh barree)
        "\u06a9": "\u0643",  # ک -> ك  (Persian keheh)
        "\u06aa": "\u0643",  # ڪ -> ك
    }
)
# Arabic-Indic and Persian digits, as typed on Arabic keyboards, become 0-9.
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)})
# Letters of Kazakh, Kyrgyz, Tajik, Ukrainian… folded to the Russian letter they are
# transliterated with, and Latin letters that do not decompose. Applied after casefold.
_OTHER_LETTERS = str.maketrans(
    {
        "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
        "һ": "х", "і": "и", "ҳ": "х", "ҷ": "ч", "ґ": "г", "є": "е", "ӣ": "и",
        "œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ə": "a",
        "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
        "‐": "-", "‑": "-", "–": "-", "—": "-",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")

# --- characters that hide or disguise text ------------------------------------------------
# Removed from every name and free text at every entry point (typing, spreadsheets,
# bundles): they are invisible, so two names that look the same would differ, or they
# reorder what is shown (a bidi override can make "Ali" display as "ilA" and a file name
# ending ".exe" look like ".pdf"). Categories Cc (controls: NUL, ESC, DEL, C1), Cf
# (format: bidi embeddings, overrides, isolates and marks U+202A–U+202E, U+2066–U+2069,
# U+200E/F, U+061C; zero-width space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen
# U+00AD, invisible operators, tag characters...) and Cs (lone surrogates, which cannot
# even be written as UTF-8). Line breaks and tabs become spaces first.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Letters and marks that draw nothing (Hangul fillers, Khmer inherent vowels) and the
# combining grapheme joiner: used to make a name look blank or to dodge duplicates.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u17b4\u17b5\u034f")
ZWNJ = "\u200c"  # zero-width non-joiner: Persian spelling needs it (می‌خواهم, زین‌العابدین)
ZWJ = "\u200d"  # zero-width joiner: forces a joined form in Arabic and Indic scripts
# Scripts whose spelling uses ZWNJ/ZWJ between two of their letters: Arabic (with Persian,
# Urdu, Pashto letters and presentation forms), Syriac, Thaana, N'Ko, Mongolian and the
# Indic scripts. Anywhere else (Latin, Cyrillic, next to a space, doubled) they are removed.
_JOINING_SCRIPT = "\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u0900-\u0dff\u1800-\u18af"
_JOINER_KEPT = re.compile(f"(?<=[{_JOINING_SCRIPT}])[{ZWNJ}{ZWJ}](?=[{_JOINING_SCRIPT}])")
_JOINERS = re.compile(f"[{ZWNJ}{ZWJ}]")
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _strip_hidden(value: str) -> str:
    """Remove hidden characters; ZWNJ/ZWJ survive only between two joining-script letters."""
    visible = "".join(
        ch
        for ch in value
        if ch not in _BLANK_LOOKING
        and (ch in (ZWNJ, ZWJ) or unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    )
    if ZWNJ not in visible and ZWJ not in visible:
        return visible
    # \x00 and \x01 cannot be in ``visible`` (controls were just removed): safe markers.
    marked = _JOINER_KEPT.sub(lambda m: "\x00" if m.group() == ZWNJ else "\x01", visible)
    return _JOINERS.sub("", marked).replace("\x00", ZWNJ).replace("\x01", ZWJ)


def clean_text(value: str | None) -> str:
    """One line of text as it should be stored: NFC, no hidden characters, single spaces.

    Keeps the user's spelling (case, accents, Arabic and Cyrillic letters, the ZWNJ of
    Persian words). ``None`` becomes "". Idempotent: cleaning twice changes nothing.
    """
    if not value:
        return ""
    text = _SPACES.sub(" ", value)  # tabs and line breaks are spaces, not removed
    # isprintable() is False for every Cc/Cf/Cs character: plain names skip the slow path.
    if not text.isprintable() or not _BLANK_LOOKING.isdisjoint(text):
        text = _strip_hidden(text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def may_need_cleaning(values: Sequence[str]) -> bool:
    """False only if :func:`clean_text` leaves every one of ``values`` (non-empty) as it is.

    For a whole column at once (the bundle import), with tests in C: clean_text turns whitespace into single spaces, strips the
    ends, removes hidden characters and blank-looking letters, and normalises to NFC.
    Every whitespace character but the space, and every control, format or surrogate
    character, is non-printable; the values are joined by line breaks, counted so that
    none can hide in a value.
    """
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:
        return True  # a value holds a line break
    spaced = joined.replace("\n", " ")  # the values one space apart
    if "  " in spaced or spaced.startswith(" ") or spaced.endswith(" "):
        return True
    if not spaced.isprintable():
        return True
    if spaced.isascii():  # nothing to normalise, no blank-looking letter
        return False
    return any(ch in spaced for ch in _BLANK_LOOKING) or not unicodedata.is_normalized(
        "NFC", joined
    )


def clean_paragraphs(value: str | None) -> str:
    """Multi-line free text (a training's description): :func:`clean_text` per line.

    Line breaks (\\n, \\r\\n, \\r, U+2028, U+2029) are kept as \\n, at most one empty line
    in a row, none at the start or end.
    """
    if not value:
        return ""
    lines = [clean_text(line) for line in _LINE_BREAKS.split(value)]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def fold(value: str | None) -> str:
    """Case-, accent- and mark-insensitive form of ``value`` for search and matching."""
    text = clean_text(value)
    if not text:
        return ""
    text = _JOINERS.sub("", text)  # "زین‌العابدین" and "زینالعابدین" are one name
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS).translate(_DIGITS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Cyrillic й decomposes to и + breve; keep ё/е and й/и together as people type them.
    # Kazakh қ/к, ң/н, ә/а… meet too (the same name is written both ways).
    return unicodedata.normalize("NFC", stripped.translate(_OTHER_LETTERS))
