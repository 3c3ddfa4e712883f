"""Rows of a sign-in sheet that are not participants, and the reason shown for each.

Partners' lists end with "Total participants : 13", "Sous-total", "Signature du
formateur" and the trainer's name, repeat the column titles at the top of every
printed page, and carry notes under the table ("NB : les absents ont été excusés").
None of them is a person. Each test here looks at one cell's words (accents and case
folded, in French, English, Russian and Arabic) and says why it is not a person, or
"" when it may be one. ``participant_import`` shows the reasons in the preview.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.textnorm import fold

TOTAL_LINE = "a total line, not a person"
SIGNATURE_LINE = "a signature line, not a person"
NOTE_LINE = "a note under the table, not a person"
REPEATED_HEADER = "the column titles again (a new printed page), not a person"
BELOW_FOOTER = "below the table's total or signature line, with only a name"
FORMULA = "a spreadsheet formula, not a name"
HXL_ROW = "HXL hashtags (for data tools), not a person"

_TOTALS = (
    "total", "totaux", "totale", "totals", "sous total", "sous totaux", "subtotal",
    "sub total", "grand total", "nombre total", "nombre de participants",
    "number of participants", "nombre", "effectif", "effectifs", "somme",
    "итого", "всего", "количество", "المجموع", "مجموع", "الاجمالي", "اجمالي", "العدد",
)  # fmt: skip
_SIGNATURES = (
    "signature", "signatures", "signe", "signee", "visa", "cachet", "emargement",
    "le formateur", "la formatrice", "les formateurs", "formateur", "formatrice",
    "the trainer", "trainer", "trainers", "facilitateur", "facilitator", "fait a", "done at",
    "lu et approuve", "certifie", "подпись", "тренер", "توقيع", "التوقيع", "المدرب",
)  # fmt: skip
_NOTES = (
    "nb", "n b", "note", "notes", "remarque", "remarques", "observation", "observations",
    "remark", "remarks", "comment", "comments", "commentaire", "commentaires", "source",
    "important", "attention", "legende", "legend", "liste arretee", "arrete la presente",
    "примечание", "ملاحظة", "ملاحظات",
)  # fmt: skip
# Words of a sentence, never of a name: two of them make a row a note.
_SENTENCE_WORDS = frozenset(
    [
        "les",
        "des",
        "ont",
        "sont",
        "ete",
        "est",
        "etaient",
        "pour",
        "avec",
        "dans",
        "qui",
        "que",
        "sur",
        "par",
        "aux",
        "leur",
        "the",
        "were",
        "was",
        "are",
        "have",
        "has",
        "with",
        "for",
        "this",
        "that",
        "will",
        "been",
        "from",
        "были",
        "было",
        "для",
        "что",
        "это",
        "которые",
        "في",
        "على",
        "تم",
        "الذين",
        "هذه",
    ]
)
_SUMMARY_WORDS = frozenset({"participant", "participants", "participante", "participantes",
                            "участников", "участники", "المشاركين"})  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")


def words(text: str) -> str:
    """Folded words of ``text``, single-spaced: "Sous-Total :" -> "sous total"."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def _starts_with(folded: str, phrases: Sequence[str]) -> bool:
    return any(folded == p or folded.startswith(p + " ") for p in phrases)


def looks_like_formula(text: str) -> bool:
    """``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``: what a spreadsheet would run, not a name.

    A lone "-" or "+243 812…" (a phone) is not one: a formula starts with "=", or with
    "+", "-" or "@" followed by a function call, a cell reference or a DDE link.
    """
    value = text.strip()
    if not value:
        return False
    if value.startswith("="):
        return True
    return value[0] in "+-@" and bool(re.search(r"[A-Za-z]\s*\(|[|!]|^[+\-@]\s*[A-Za-z]+\d", value))


def not_a_person(text: str) -> str:
    """Why a cell's text is a total, signature or note line ("" when it may be a name)."""
    raw = text.strip()
    if not raw:
        return ""
    folded = words(raw)
    if _starts_with(folded, _TOTALS):
        return TOTAL_LINE
    if _starts_with(folded, _SIGNATURES):
        return SIGNATURE_LINE
    if raw.startswith(("*", "(*)")):
        return NOTE_LINE
    if _starts_with(folded, _NOTES):
        return NOTE_LINE
    tokens = folded.split()
    if _SUMMARY_WORDS.intersection(tokens):
        return TOTAL_LINE if any(t.isdigit() for t in tokens) else NOTE_LINE
    if len(_SENTENCE_WORDS.intersection(tokens)) >= 2 or len(tokens) >= 12:
        return NOTE_LINE
    return ""


_HXL_TAG = re.compile(r"#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*")


def is_hxl_row(cells: Sequence[str]) -> bool:
    """True for a row of HXL hashtags (#org, #reached+f…), as Muster's own exports carry."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) >= 2 and all(_HXL_TAG.fullmatch(c) for c in filled)


def is_repeated_header(cells: Sequence[str], headers: Sequence[str]) -> bool:
    """True when a row repeats the column titles (as at the top of each printed page)."""
    pairs = [(words(c), words(h)) for c, h in zip(cells, headers, strict=False) if c and h]
    if len(pairs) < 2:
        return False
    same = sum(1 for c, h in pairs if c == h)
    return same >= 2 and same >= 0.6 * len(pairs)
