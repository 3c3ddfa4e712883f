"""Language for documents and exports, independent of the interface language.

A French summary can come out of an English interface, so PDFs, sign-in sheets,
spreadsheets and the CLI do not use Qt's translator. They use small JSON
catalogs in ``resources/translations/core.<lang>.json``, keyed by the English
text, with ``{name}`` placeholders. Dates and numbers follow the language too.
Qt-free on purpose: services use it.
"""

from __future__ import annotations

import configparser
import json
import string
from datetime import date
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fr")
# Settings-table key of the default language for documents (chosen in Preferences).
DOCUMENT_LANGUAGE_SETTING = "documents.language"
CATALOG_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}  # fmt: skip


def check_language(lang: str | None) -> str:
    """``lang`` if Muster speaks it, else English."""
    return lang if lang in LANGUAGES else "en"


@cache
def catalog(lang: str) -> dict[str, str]:
    """The document strings for ``lang`` (empty for English, the source language)."""
    if lang == "en":
        return {}
    path = CATALOG_DIR / f"core.{lang}.json"
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def tr(lang: str, text: str, **fields: object) -> str:
    """``text`` in ``lang`` with ``{placeholders}`` filled; English when untranslated."""
    translated = catalog(check_language(lang)).get(text) or text
    return translated.format(**fields) if fields else translated


class Phrase(str):
    """An English sentence that keeps its template and fields, so a window can show it in
    the interface's language (:func:`localize`); as a ``str`` it is the English text.

    Services raise ``ValidationError({"title": Phrase("Please give …")})``; the CLI prints
    it as it is, the French interface shows ``localize(message, "fr")``. Dates among the
    fields are written out in each language ("10 September 2024" / "10 septembre 2024").
    """

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, **fields: object) -> Phrase:
        text = super().__new__(cls, _fill(template, "en", fields))
        text.template = template
        text.fields = fields
        return text


class LoweredPhrase(Phrase):
    """A Phrase shown inside another sentence ("Not valid: the signature …"): its first
    letter lower-cased in every language, its template still the catalogue's."""

    def __new__(cls, template: str, **fields: object) -> LoweredPhrase:
        text = str.__new__(cls, _lower_first(_fill(template, "en", fields)))
        text.template = template
        text.fields = fields
        return text


def lower_first(message: str) -> str:
    """``message`` to follow a colon: first letter lower-cased, still translatable."""
    if isinstance(message, Phrase):
        return LoweredPhrase(message.template, **message.fields)
    return _lower_first(message)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fill(template: str, lang: str, fields: dict[str, object]) -> str:
    formatted = {name for _, name, spec, _ in string.Formatter().parse(template) if spec}
    shown = {k: v if k in formatted else _shown(v, lang) for k, v in fields.items()}
    if not shown:
        return template
    return template.format(**shown) if lang == "en" else _Formatter(lang).format(template, **shown)


def _shown(value: object, lang: str) -> object:
    """A field as the sentence shows it: dates written out, a nested Phrase in ``lang``."""
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Phrase) and lang != "en":
        return localize(value, lang)
    return value


class _Formatter(string.Formatter):
    """``{count:,}`` groups digits the way ``lang`` does (1 234 in French)."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, self.lang)
        return str(super().format_field(value, format_spec))


def localize(message: str, lang: str) -> str:
    """``message`` in ``lang``: a :class:`Phrase` with its fields, plain text as it is."""
    table = catalog(check_language(lang))
    if isinstance(message, Phrase):
        text = _fill(table.get(message.template) or message.template, lang, message.fields)
        return _lower_first(text) if isinstance(message, LoweredPhrase) else text
    return table.get(message) or message


def interface_language(settings_file: Path) -> str | None:
    """The interface language chosen in the data home's ``settings.ini`` (key
    ``ui/language``, written by the app's Preferences), or None: the command line speaks
    it too. Read without Qt, so the command line stays Qt-free."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (OSError, UnicodeError, configparser.Error):
        return None
    value = parser.get("ui", "language", fallback="").strip().strip('"')
    return value if value in LANGUAGES else None


def format_date(day: date, lang: str = "en") -> str:
    """10 September 2024 / 10 septembre 2024."""
    months = _MONTHS[check_language(lang)]
    first = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{first} {months[day.month - 1]} {day.year}"


def format_date_range(start: date, end: date, lang: str = "en") -> str:
    """'10–12 September 2024', or both dates in full when months differ."""
    if start == end:
        return format_date(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def format_number(value: int | float, lang: str = "en", decimals: int = 0) -> str:
    """1,234.5 in English; 1 234,5 in French (narrow no-break space)."""
    text = f"{value:,.{decimals}f}"
    if check_language(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_percent(ratio: float | None, lang: str = "en", decimals: int = 0) -> str:
    """'41%' / '41 %'; a dash when there is nothing to divide."""
    if ratio is None:
        return "–"
    number = format_number(ratio * 100, lang, decimals)
    return f"{number}\u00a0%" if check_language(lang) == "fr" else f"{number}%"
