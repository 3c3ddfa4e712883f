"""Text folding for names in Latin, Cyrillic and Arabic script.

``fold`` gives the key used for accent- and case-insensitive search and for
sorting when no locale collator is at hand: "Déogratias" and "deogratias" meet,
"Ёлкин" and "елкин" meet, and Arabic with or without vowel marks meets too.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
    }
)
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Trim and collapse white space; ``None`` becomes empty. Keeps the user's spelling."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str | None) -> str:
    """Case-, accent- and mark-insensitive form of ``value`` for search and matching."""
    text = clean_text(value)
    if not text:
        return ""
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Cyrillic й decomposes to и + breve; keep ё/е and й/и together as people type them.
    return unicodedata.normalize("NFC", stripped)
