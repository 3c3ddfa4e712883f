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
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS).translate(_DIGITS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Cyrillic й decomposes to и + breve; keep ё/е and й/и together as people type them.
    # Kazakh қ/к, ң/н, ә/а… meet too (the same name is written both ways).
    return unicodedata.normalize("NFC", stripped.translate(_OTHER_LETTERS))
