"""Importing a participant list into a training: map columns, preview, apply at once.

The steps follow DHIS2's import (dry run, then a summary of what was created,
matched and ignored): :func:`read_sheet` finds the table, :func:`auto_mapping`
guesses (or remembers) which column holds what, :func:`build_preview` checks every
row and looks for people already known, and :func:`apply_import` writes all valid
rows in ONE transaction, or nothing. Rows that are not people (totals, "0" dragged
down a column, signatures) are skipped with a reason; a likely existing person is
offered rather than silently twinned (see ``duplicates``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import SyncStamp, derived_id, new_id
from app.db.engine import insert_for
from app.db.limits import text_limit
from app.db.models import Attendance, Category, ColumnMapping, Enrolment, Partner, Person
from app.errors import UserError
from app.l10n import Phrase
from app.services import duplicates, figures
from app.services.installation import Installation
from app.services.people import normalise_sex
from app.services.row_kinds import (
    BELOW_FOOTER,
    FORMULA,
    HXL_ROW,
    REPEATED_HEADER,
    SIGNATURE_LINE,
    TOTAL_LINE,
    is_hxl_row,
    is_repeated_header,
    looks_like_formula,
    not_a_person,
)
from app.services.spreadsheets import RawRow, SheetData, read_table
from app.services.trainings import SessionInfo, _live_training, get_training
from app.textnorm import clean_text, fold

# --- fields and header words -----------------------------------------------------------------

IGNORE = ""
PERSON_FIELDS = (
    "full_name", "last_name", "first_name", "sex", "category", "organisation", "function",
    "partner", "nationality", "phone", "email",
)  # fmt: skip
FIELD_LABELS = {
    "full_name": Phrase("Full name"),
    "last_name": Phrase("Last name"),
    "first_name": Phrase("First name"),
    "sex": Phrase("Sex"),
    "category": Phrase("Category"),
    "organisation": Phrase("Organisation"),
    "function": Phrase("Function / rank"),
    "partner": Phrase("Partner"),
    "nationality": Phrase("Nationality"),
    "phone": Phrase("Phone"),
    "email": Phrase("E-mail"),
    IGNORE: Phrase("(ignore)"),
}
_VALUE_KINDS = {"category": Phrase("category"), "partner": Phrase("partner")}
SESSION_PREFIX = "session:"
NAME_FIELDS = ("full_name", "last_name", "first_name")

_WORDS: dict[str, tuple[str, ...]] = {
    "full_name": (
        "nom complet", "nom et prenom", "nom et prenoms", "noms et prenoms", "nom prenom",
        "nom prenoms", "noms prenoms", "nom postnom prenom", "nom post nom et prenom",
        "nom post nom prenom", "noms", "full name", "name", "names", "participant",
        "participants", "nom du participant", "nom des participants", "name of participant",
        "participant name", "фио", "ф и о", "имя и фамилия", "фамилия имя", "фамилия и имя",
        "фамилия имя отчество", "الاسم", "الاسم الكامل", "الاسم واللقب", "اسم المشارك",
    ),
    "last_name": (
        "nom", "nom de famille", "last name", "surname", "family name", "lastname",
        "фамилия", "اللقب", "الكنية",
    ),
    "first_name": (
        "prenom", "prenoms", "first name", "given name", "given names", "firstname",
        "forename", "имя", "الاسم الاول",
    ),
    "sex": ("sexe", "sex", "genre", "gender", "m f", "f m", "h f", "f h", "пол", "الجنس"),
    "category": (
        "categorie", "category", "profil", "profile", "type de participant",
        "participant category", "categorie de participant", "категория", "الفئة",
    ),
    "organisation": (
        "institution", "organisation", "organization", "structure", "service",
        "ministere", "ministry", "agency", "employer", "employeur", "unite", "unit",
        "institution organisation", "organisation institution", "entite", "entity",
        "administration", "juridiction", "affectation", "corps", "organisme",
        "организация", "учреждение", "ведомство", "место работы", "الجهة", "المؤسسة",
    ),
    "function": (
        "fonction", "function", "grade", "rank", "position", "poste", "titre", "title",
        "job title", "qualite", "fonction grade", "grade fonction", "role", "occupation",
        "должность", "звание", "الوظيفة", "الرتبة", "المنصب",
    ),
    "partner": ("partenaire", "partner", "partenaire de mise en oeuvre", "implementing partner"),
    "nationality": (
        "nationalite", "nationality", "pays", "country", "гражданство", "страна",
        "الجنسية", "البلد",
    ),
    "phone": (
        "telephone", "tel", "phone", "mobile", "gsm", "cellulaire", "portable",
        "numero de telephone", "phone number", "telephone number", "contact", "contacts",
        "telephone phone", "телефон", "الهاتف", "رقم الهاتف",
    ),
    "email": (
        "courriel", "email", "e mail", "mail", "adresse e mail", "adresse email",
        "adresse electronique", "email address", "электронная почта", "البريد الالكتروني",
    ),
    IGNORE: (
        "n", "no", "nr", "num", "numero", "n o", "signature", "signatures", "emargement",
        "sign", "observation", "observations", "remarques", "remarks", "comments",
    ),
}  # fmt: skip
_WORD_TO_FIELD = {word: name for name, words in _WORDS.items() for word in words}
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phone", ("telephone", "tel", "phone", "mobile", "gsm", "cellulaire", "телефон", "الهاتف")),
    ("email", ("courriel", "email", "mail", "почта", "البريد")),
    ("sex", ("sexe", "sex", "genre", "gender", "пол", "الجنس")),
    ("first_name", ("prenom", "prenoms", "first", "given", "имя")),
    ("last_name", ("surname", "фамилия", "اللقب")),
    ("category", ("categorie", "category", "категория", "الفئة")),
    ("partner", ("partenaire", "partner")),
    ("nationality", ("nationalite", "nationality", "гражданство", "الجنسية")),
    ("function", ("fonction", "function", "grade", "rank", "poste", "position", "должность")),
    ("organisation", ("institution", "organisation", "organization", "structure", "ministere",
                      "ministry", "service", "организация", "المؤسسة")),
    ("full_name", ("nom", "noms", "name", "names", "participant", "фио", "الاسم")),
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")


def _header_words(header: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(header).replace("°", "o")).split())


def header_field(header: str) -> str | None:
    """The person field a column title names, "" to ignore, or None when not recognised."""
    words = _header_words(header)
    if not words:
        return None
    if words in _WORD_TO_FIELD:
        return _WORD_TO_FIELD[words]
    # bilingual titles: "Nom / Name", "Sexe (M/F)", "Téléphone - Phone"
    for part in re.split(r"[/()\-–|:]", fold(header)):
        part_words = " ".join(_NON_WORD.sub(" ", part).split())
        if part_words in _WORD_TO_FIELD and _WORD_TO_FIELD[part_words] != IGNORE:
            return _WORD_TO_FIELD[part_words]
    tokens = set(words.split())
    has_first = bool(tokens & {"prenom", "prenoms", "first", "given", "имя"})
    has_last = bool(tokens & {"nom", "noms", "name", "surname", "postnom", "фамилия"})
    if has_first and has_last:
        return "full_name"
    for name, keys in _KEYWORDS:
        if tokens & set(keys):
            return name
    return None


_MONTHS = {
    "jan": 1, "janv": 1, "janvier": 1, "january": 1, "feb": 2, "fev": 2, "fevr": 2,
    "fevrier": 2, "february": 2, "mar": 3, "mars": 3, "march": 3, "apr": 4, "avr": 4,
    "avril": 4, "april": 4, "may": 5, "mai": 5, "jun": 6, "juin": 6, "june": 6, "jul": 7,
    "juil": 7, "juillet": 7, "july": 7, "aug": 8, "aout": 8, "august": 8, "sep": 9,
    "sept": 9, "septembre": 9, "september": 9, "oct": 10, "octobre": 10, "october": 10,
    "nov": 11, "novembre": 11, "november": 11, "dec": 12, "decembre": 12, "december": 12,
}  # fmt: skip
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?")
_WORDY_DATE = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?")


def header_dates(header: str, default_year: int) -> list[date]:
    """Dates a column title may mean ("12/03", "2024-03-12", "12 mars"): day-first first."""
    text = fold(header)
    found: list[date] = []

    def add(y: int, m: int, d: int) -> None:
        try:
            day = date(y, m, d)
        except ValueError:
            return
        if day not in found:
            found.append(day)

    for y, m, d in _ISO_DATE.findall(text):
        add(int(y), int(m), int(d))
    if found:
        return found
    for d, m, y in _NUMERIC_DATE.findall(text):
        year = int(y) if y else default_year
        year = year + 2000 if year < 100 else year
        add(year, int(m), int(d))  # day first, as French and UN lists write dates
        add(year, int(d), int(m))  # month first, for the odd US-style list
    for d, month, y in _WORDY_DATE.findall(text):
        if month in _MONTHS:
            add(int(y) if y else default_year, _MONTHS[month], int(d))
    return found


def header_score(cells: Sequence[str]) -> float:
    """How much a row looks like participant-list column titles (title rows score ~0)."""
    known = [header_field(c) for c in cells if c]
    score = float(sum(1 for k in known if k is not None))
    if any(k in NAME_FIELDS for k in known):
        score += 0.5
    if score == 0:
        filled = [c for c in cells if c]
        if len(filled) >= 2 and all(any(ch.isalpha() for ch in c) for c in filled):
            return 0.1  # unknown titles: still better than a title row or data
    return score


# --- reading and mapping -------------------------------------------------------------------------


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """The table in ``path``, its header row found among title rows by known titles."""
    return read_table(Path(path), sheet, header_score=header_score)


def header_signature(headers: Sequence[str]) -> str:
    """Same titles in the same order (ignoring case, accents, spacing) = same signature."""
    joined = "\x1f".join(_header_words(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def session_columns(
    headers: Sequence[str], sessions: Sequence[SessionInfo], default_year: int
) -> dict[int, str]:
    """Columns whose title is the date of one of the training's sessions -> session id."""
    by_date: dict[date, list[SessionInfo]] = {}
    for s in sessions:
        by_date.setdefault(s.date, []).append(s)
    out: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        if header_field(header) not in (None, IGNORE):
            continue
        for day in header_dates(header, default_year):
            candidates = [s for s in by_date.get(day, []) if s.id not in used]
            if len(candidates) > 1:  # two places on one day: the title may name the place
                named = [s for s in candidates if s.location and fold(s.location) in fold(header)]
                candidates = named or candidates
            if candidates:
                out[index] = candidates[0].id
                used.add(candidates[0].id)
                break
    return out


def auto_mapping(inst: Installation, training_id: str, sheet: SheetData) -> list[str]:
    """One target per column: remembered for these titles, else guessed from them."""
    info = get_training(inst, training_id)
    sessions = session_columns(sheet.headers, info.sessions, info.start.year)
    remembered = _remembered(inst, header_signature(sheet.headers))
    mapping: list[str] = []
    seen: set[str] = set()
    for index, header in enumerate(sheet.headers):
        target: str | None = None
        if remembered is not None and index < len(remembered) and remembered[index] != "auto":
            target = remembered[index]
        elif index in sessions:
            target = SESSION_PREFIX + sessions[index]
        else:
            target = header_field(header)
        if target is None or (target in seen and not target.startswith(SESSION_PREFIX)):
            target = IGNORE  # a second "Téléphone" column: the user may map it
        if target:
            seen.add(target)
        mapping.append(target)
    if "full_name" not in mapping and "last_name" in mapping and "first_name" not in mapping:
        mapping[mapping.index("last_name")] = "full_name"  # a lone "Nom" holds the whole name
    return mapping


def _remembered(inst: Installation, signature: str) -> list[str] | None:
    with inst.db.reading() as session:
        row = session.get(ColumnMapping, signature)
        if row is None:
            return None
        columns = row.mapping.get("columns")
        return [str(c) for c in columns] if isinstance(columns, list) else None


def _mapping_to_remember(mapping: Sequence[str]) -> list[str]:
    """Session columns are stored as "auto": the next training has other sessions."""
    return ["auto" if m.startswith(SESSION_PREFIX) else m for m in mapping]


def check_mapping(mapping: Sequence[str], session_ids: Sequence[str] = ()) -> None:
    """Refuse a mapping without a name column, or with a field used twice."""
    if not any(m in NAME_FIELDS for m in mapping):
        raise UserError(
            Phrase(
                "No column holds the participants' names. Choose the column with the names "
                "and set it to 'Full name' (or 'First name' and 'Last name')."
            )
        )
    seen: set[str] = set()
    for target in mapping:
        if not target:
            continue
        if target in seen:
            label = FIELD_LABELS.get(target, Phrase("the same session"))
            raise UserError(
                Phrase(
                    "Two columns are set to '{label}'; keep one and ignore the other.", label=label
                )
            )
        seen.add(target)
        if target.startswith(SESSION_PREFIX):
            if session_ids and target[len(SESSION_PREFIX) :] not in session_ids:
                raise UserError(Phrase("A column is set to a session this training does not have."))
        elif target not in PERSON_FIELDS:
            raise UserError(Phrase("'{target}' is not something Muster can import.", target=target))


# --- values --------------------------------------------------------------------------------------

_MORE_SEX = {
    "fem": "F", "feminine": "F", "mme": "F", "madame": "F", "mlle": "F", "ms": "F",
    "mrs": "F", "miss": "F", "fille": "F", "ж": "F", "жен": "F", "женский": "F",
    "женщина": "F", "انثى": "F", "أنثى": "F", "امراه": "F", "mr": "M", "monsieur": "M",
    "masculine": "M", "garcon": "M", "м": "M", "муж": "M", "мужской": "M",
    "мужчина": "M", "ذكر": "M", "رجل": "M",
}  # fmt: skip

_MORE_SEX_FOLDED = {fold(word): sex for word, sex in _MORE_SEX.items()}

_PRESENT = {"x", "p", "present", "presente", "oui", "yes", "y", "1", "✓", "✔", "v", "ok", "+",
            "да", "نعم", "حاضر"}  # fmt: skip
_ABSENT = {"a", "absent", "absente", "non", "no", "n", "0", "-", "нет", "غائب"}
_EXCUSED = {"e", "ex", "exc", "excuse", "excusee", "excused", "justifie", "justified"}
_LATE = {"late", "en retard", "retard", "r", "l"}
_LEFT_EARLY = {"left early", "parti tot", "partie tot", "depart anticipe", "d"}


def sex_from_text(value: str) -> str | None:
    """'F', 'M', 'X' from Femme/Homme/F/M/Female/Ж/ذكر…, or None when not understood."""
    sex = normalise_sex(value)
    if sex is not None:
        return sex
    word = fold(value).strip(". ")
    return _MORE_SEX_FOLDED.get(word) or normalise_sex(word)


def attendance_from_text(value: str) -> str | None:
    """A mark from a sign-in sheet cell: X/P/1/oui -> present, A/0 -> absent, E -> excused,
    "late"/"en retard" -> late, "left early"/"parti tôt" -> left early."""
    word = fold(value).strip(". ")
    if word in _PRESENT:
        return "present"
    if word in _ABSENT:
        return "absent"
    if word in _EXCUSED:
        return "excused"
    if word in _LATE:
        return "late"
    if word in _LEFT_EARLY:
        return "left_early"
    return None


def junk_reason(name: str) -> str:
    """Why a name cell is not a person ("", when it looks like a name)."""
    if looks_like_formula(name):
        return FORMULA
    letters = sum(1 for ch in name if ch.isalpha())
    digits = sum(1 for ch in name if ch.isdigit())
    if letters == 0:
        return "no name (only numbers or symbols)"
    if letters < 2:
        return "the name is too short to be a name"
    if digits > letters:
        return "looks like a number, not a name"
    if len(name) > 150:
        return "too long to be a name"
    if _header_words(name) in _NOT_NAMES or header_field(name) in NAME_FIELDS:
        return "a heading or a total line, not a person"
    return ""


_NOT_NAMES = {"total", "totaux", "sous total", "grand total", "signature", "n a", "na",
              "none", "null", "nan", "ref", "div 0", "value"}  # fmt: skip


@dataclass(frozen=True)
class RefOption:
    id: str
    label: str
    keys: tuple[str, ...]  # folded forms that mean it for sure


@dataclass(frozen=True)
class ValueChoice:
    """A category or partner value from the file, and what it is matched to."""

    field: str  # "category" or "partner"
    raw: str
    key: str  # folded raw, the key for decisions
    candidates: tuple[RefOption, ...]
    suggested: str | None  # option id
    certain: bool
    rows: int


def _reference_options(session: Session, kind: str) -> list[RefOption]:
    out: list[RefOption] = []
    if kind == "category":
        for c in session.scalars(select(Category).where(Category.deleted.is_(False))):
            keys = {fold(c.code), fold(c.code.replace("_", " ")), fold(c.name_en),
                    fold(c.name_fr)}  # fmt: skip
            for name in (c.name_en, c.name_fr):
                keys.update(fold(p) for p in re.split(r"[/,]", name) if p.strip())
            out.append(RefOption(c.id, c.name_en, tuple(sorted(k for k in keys if k))))
    else:
        for p in session.scalars(select(Partner).where(Partner.deleted.is_(False))):
            keys = {fold(p.acronym), fold(p.name)}
            out.append(RefOption(p.id, p.acronym, tuple(sorted(k for k in keys if k))))
    return out


def match_reference(value: str, options: Sequence[RefOption]) -> tuple[list[RefOption], bool]:
    """Options ``value`` may mean, best first, and whether the first one is certain."""
    import difflib

    key = fold(value)
    exact = [o for o in options if key in o.keys]
    if len(exact) == 1:
        return exact, True
    scored: list[tuple[float, RefOption]] = []
    words = set(key.split())
    for option in options:
        best = 0.0
        for k in option.keys:
            ratio = difflib.SequenceMatcher(None, key, k).ratio()
            kwords = set(k.split())
            if words and (words <= kwords or kwords <= words):
                ratio = max(ratio, 0.85)
            elif any(len(w) >= 4 and any(kw.startswith(w[:5]) for kw in kwords) for w in words):
                ratio = max(ratio, 0.7)
            best = max(best, ratio)
        if best >= 0.6:
            scored.append((best, option))
    scored.sort(key=lambda x: -x[0])
    return [o for _, o in scored[:4]], False


# --- preview -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowMatch:
    """An existing person a row may be."""

    person_id: str
    full_name: str
    organisation: str
    sex: str
    score: float
    reasons: tuple[str, ...]
    certain: bool
    registered: bool  # already registered for this training


@dataclass(frozen=True)
class ImportRow:
    line: int
    full_name: str
    sex: str
    organisation: str
    function: str
    nationality: str
    phone: str
    email: str
    category: str  # raw value from the file
    partner: str  # raw value from the file
    marks: tuple[tuple[str, str], ...]  # (session id, status)
    problems: tuple[str, ...]  # imported anyway, with this noted
    skip_reason: str  # non-empty: the row is not imported
    matches: tuple[RowMatch, ...]

    @property
    def skipped(self) -> bool:
        return bool(self.skip_reason)

    @property
    def default_person(self) -> str | None:
        """The existing person to use without asking: only a certain match."""
        if self.matches and self.matches[0].certain:
            return self.matches[0].person_id
        return None


@dataclass(frozen=True)
class ImportPreview:
    training_id: str
    training_title: str
    sheet: SheetData
    mapping: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    choices: tuple[ValueChoice, ...]
    sessions: tuple[SessionInfo, ...]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.skipped]

    @property
    def skipped_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.skipped]

    @property
    def possible_duplicates(self) -> list[ImportRow]:
        return [r for r in self.valid_rows if r.matches and r.default_person is None]


NEW = "new"
SKIP = "skip"


@dataclass(frozen=True)
class ImportDecisions:
    """What the user chose in the preview; anything not chosen takes the default."""

    people: Mapping[int, str] = field(default_factory=dict)  # line -> person id, NEW or SKIP
    values: Mapping[tuple[str, str], str | None] = field(default_factory=dict)  # (field, key)
    remember_mapping: bool = True


def _split(values: Sequence[str], mapping: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value, target in zip(values, mapping, strict=False):
        if target and not target.startswith(SESSION_PREFIX) and value:
            out[target] = value
    return out


def _not_a_participant(
    cells: Sequence[str], values: Mapping[str, str], name: str, headers: Sequence[str]
) -> tuple[str, str]:
    """(text shown, reason) for a total, signature, note or repeated-header row, else ("", "").

    With a name, only the name is judged (an organisation called "Total" or a function
    "Formateur" is a real participant's); without one, any cell may be the footer.
    """
    if is_repeated_header(cells, headers):
        return name or " ".join(c for c in cells if c)[:80], REPEATED_HEADER
    if is_hxl_row(cells):
        return " ".join(c for c in cells if c)[:80], HXL_ROW
    for text in [name] if name else [c for c in cells if c]:
        reason = not_a_person(text)
        if reason:
            return text, reason
    return "", ""


def _only_a_name(cells: Sequence[str], values: Mapping[str, str], mapping: Sequence[str]) -> bool:
    """True when nothing but the name is filled: no sex, organisation, contact or mark."""
    if any(values.get(f) for f in PERSON_FIELDS if f not in NAME_FIELDS):
        return False
    return not any(
        cell
        for cell, target in zip(cells, mapping, strict=False)
        if target.startswith(SESSION_PREFIX)
    )


def _skipped_row(line: int, text: str, reason: str) -> ImportRow:
    return ImportRow(line, text, "X", "", "", "", "", "", "", "", (), (), reason, ())


JUNK_LIMIT = 1000  # more junk rows than this (and than real ones): the wrong file or column


@dataclass(frozen=True)
class _PreviewContext:
    """What every row of the file is checked against."""

    headers: tuple[str, ...]
    mapping: tuple[str, ...]
    session_cols: list[tuple[int, str]]  # (column, session id)
    index: duplicates.PeopleIndex
    registered: set[str]  # people already registered for the training


@dataclass
class _FileSeen:
    """What earlier rows of the file leave for later ones."""

    names: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)  # -> line, phone
    value_rows: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    raw_values: dict[tuple[str, str], str] = field(default_factory=dict)
    junk: int = 0
    after_footer: bool = False  # a total or signature line was seen (and no page header since)


def build_preview(
    inst: Installation, training_id: str, sheet: SheetData, mapping: Sequence[str]
) -> ImportPreview:
    """Check every row and find existing people, writing nothing."""
    info = get_training(inst, training_id)
    mapping = tuple(mapping) + (IGNORE,) * (len(sheet.headers) - len(mapping))
    check_mapping(mapping, [s.id for s in info.sessions])
    session_cols = [
        (i, t[len(SESSION_PREFIX) :]) for i, t in enumerate(mapping) if t.startswith(SESSION_PREFIX)
    ]
    with inst.db.reading() as session:
        options = {k: _reference_options(session, k) for k in ("category", "partner")}
        registered = _registered_people(session, training_id)
    ctx = _PreviewContext(sheet.headers, mapping, session_cols, duplicates.load_index(inst),
                          registered)  # fmt: skip
    seen = _FileSeen()
    rows: list[ImportRow] = []
    for raw in sheet.rows:
        row = _preview_row(ctx, seen, raw)
        if row is not None:
            rows.append(row)
    _check_people_found(rows, seen.junk)
    choices = _value_choices(seen, options)
    return ImportPreview(training_id, info.title, sheet, mapping, tuple(rows), tuple(choices),
                         info.sessions)  # fmt: skip


def _preview_row(ctx: _PreviewContext, seen: _FileSeen, raw: RawRow) -> ImportRow | None:
    """One row checked: skipped with a reason, or a person with problems and matches."""
    values = _split(raw.cells, ctx.mapping)
    name = clean_text(values.get("full_name", ""))
    if not name:
        name = clean_text(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    text, reason = _footer_reason(ctx, seen, raw.cells, values, name)
    if reason:
        return _skipped_row(raw.line, text, reason)
    skip = ""
    if not name:
        if not any(values.get(f) for f in PERSON_FIELDS):
            return None  # a row with only a number or a mark: not a participant line
        skip = "no name"
    else:
        skip = junk_reason(name)
        if skip:
            seen.junk += 1
    problems: list[str] = []
    sex, email, marks = _read_values(ctx, raw, values, problems)
    fitted = {field: _fitted(field, clean_text(values.get(field, "")), column, problems)
              for field, column in _FITTED.items()}  # fmt: skip
    phone = fitted["phone"]
    if len(email) > text_limit(Person.email):
        problems.append(Phrase("'{email}' is not an e-mail address; left out", email=email))
        email = ""
    matches: tuple[RowMatch, ...] = ()
    if not skip:
        skip = _same_as_earlier_row(seen, raw.line, name, phone)
        if not skip:
            probe = duplicates.make_candidate(
                "", name, sex, values.get("organisation", ""), phone, email
            )
            matches = _known_people(ctx, probe)
    for kind in ("category", "partner"):
        value = clean_text(values.get(kind, ""))
        if value and not skip:
            key = (kind, fold(value))
            seen.value_rows.setdefault(key, []).append(raw.line)
            seen.raw_values.setdefault(key, value)
    return ImportRow(
        line=raw.line, full_name=name, sex=sex,
        organisation=fitted["organisation"], function=fitted["function"],
        nationality=fitted["nationality"], phone=phone, email=email,
        category=clean_text(values.get("category", "")),
        partner=clean_text(values.get("partner", "")),
        marks=tuple(marks), problems=tuple(problems), skip_reason=skip, matches=matches,
    )  # fmt: skip


# Texts cut to their column's length (with a note), so no stored record is longer than
# HQ's bundle check allows. A name that long is skipped as junk before this.
_FITTED = {"organisation": Person.organisation, "function": Person.function,
           "nationality": Person.nationality, "phone": Person.phone}  # fmt: skip


def _fitted(field: str, value: str, column: Any, problems: list[str]) -> str:
    limit = text_limit(column)
    if len(value) <= limit:
        return value
    problems.append(Phrase("{field} cut to its first {limit} characters",
                           field=FIELD_LABELS.get(field, field), limit=limit))  # fmt: skip
    return value[:limit]


def _footer_reason(
    ctx: _PreviewContext, seen: _FileSeen, cells: Sequence[str], values: Mapping[str, str],
    name: str,
) -> tuple[str, str]:  # fmt: skip
    """(text, reason) for a row that is not a participant; a name alone under a footer too."""
    text, reason = _not_a_participant(cells, values, name, ctx.headers)
    if reason == REPEATED_HEADER:
        seen.after_footer = False
    elif reason in (TOTAL_LINE, SIGNATURE_LINE):
        seen.after_footer = True
    elif not reason and seen.after_footer and name and _only_a_name(cells, values, ctx.mapping):
        text, reason = name, BELOW_FOOTER  # the trainer's name under "Signature du formateur"
    return text, reason


def _read_values(
    ctx: _PreviewContext, raw: RawRow, values: Mapping[str, str], problems: list[str]
) -> tuple[str, str, list[tuple[str, str]]]:
    """(sex, e-mail, marks) as Muster keeps them; what could not be read goes in ``problems``."""
    for target, value in values.items():
        if target not in NAME_FIELDS and looks_like_formula(value):
            problems.append(Phrase("{field} '{value}' looks like a spreadsheet formula; kept "
                                   "as plain text", field=FIELD_LABELS.get(target, target),
                                   value=value))  # fmt: skip
    sex_raw = values.get("sex", "")
    sex = sex_from_text(sex_raw) if sex_raw else "X"
    if sex is None:
        problems.append(Phrase("sex '{sex}' not understood; left as not stated", sex=sex_raw))
        sex = "X"
    email = clean_text(values.get("email", ""))
    if email and ("@" not in email or " " in email):
        problems.append(Phrase("'{email}' is not an e-mail address; left out", email=email))
        email = ""
    marks: list[tuple[str, str]] = []
    for column, session_id in ctx.session_cols:
        cell = raw.cell(column)
        if not cell:
            continue
        status = attendance_from_text(cell)
        if status is None:
            problems.append(Phrase("attendance '{cell}' in column '{column}' not understood",
                                   cell=cell, column=ctx.headers[column]))  # fmt: skip
        else:
            marks.append((session_id, status))
    return sex, email, marks


def _same_as_earlier_row(seen: _FileSeen, line: int, name: str, phone: str) -> str:
    """ "same person as row N" when the file already had this name (and no other phone)."""
    form = duplicates.name_form(name)
    file_key = tuple(sorted(form.tokens))
    earlier = seen.names.get(file_key)
    phone_k = duplicates.phone_key(phone)
    if earlier is not None and (not phone_k or not earlier[1] or earlier[1] == phone_k):
        return f"same person as row {earlier[0]}"
    seen.names[file_key] = (line, phone_k)
    return ""


def _known_people(ctx: _PreviewContext, probe: duplicates.Candidate) -> tuple[RowMatch, ...]:
    """Existing people the row may be, certain ones first (none certain when two are)."""
    found = []
    for m in ctx.index.matches(probe, limit=3):
        person = ctx.index.people[m.person_id]
        enrolled = m.person_id in ctx.registered
        certain = m.certain or (
            enrolled and m.name_score >= 0.9 and "different sex" not in m.reasons
        )
        reasons = m.reasons + (("already registered",) if enrolled else ())
        found.append(RowMatch(m.person_id, person.full_name, person.organisation, person.sex,
                              m.score, reasons, certain, enrolled))  # fmt: skip
    found.sort(key=lambda r: (not r.certain, -r.score))
    if len([r for r in found if r.certain]) > 1:  # two "certain" twins: ask
        found = [replace(r, certain=False) for r in found]
    return tuple(found)


def _check_people_found(rows: list[ImportRow], junk: int) -> None:
    """Refuse a file (or a names column) in which almost nothing is a person."""
    valid = sum(1 for r in rows if not r.skipped)
    if not rows or valid == 0:
        raise UserError(
            Phrase(
                "None of the {count:,} rows looks like a participant: the names column is empty "
                "or holds numbers. Check that the right column is set to 'Full name'.",
                count=len(rows),
            )
        )
    if junk > JUNK_LIMIT and junk > valid:
        raise UserError(
            Phrase(
                "{junk:,} of the {count:,} rows do not hold a person's name (numbers, blanks or "
                "symbols). This does not look like a participant list: check the file and the "
                "names column, or delete the junk rows in Excel first.",
                junk=junk,
                count=len(rows),
            )
        )


def _value_choices(
    seen: _FileSeen, options: Mapping[str, Sequence[RefOption]]
) -> list[ValueChoice]:
    """Each category and partner value of the file, matched to Muster's lists."""
    choices = []
    for (kind, key), lines in seen.value_rows.items():
        candidates, certain = match_reference(seen.raw_values[(kind, key)], options[kind])
        suggested = candidates[0].id if candidates else None
        choices.append(ValueChoice(kind, seen.raw_values[(kind, key)], key, tuple(candidates),
                                   suggested, certain, len(lines)))  # fmt: skip
    choices.sort(key=lambda c: (c.certain, c.field, c.key))
    return choices


# --- applying ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRow:
    line: int
    name: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    training_id: str
    created: int  # new people
    matched: int  # rows that were an existing person (enrolled, blanks filled in)
    already_registered: int  # of the matched, those already on this training
    enrolled: int  # new registrations for this training
    marks: int  # attendance marks written
    skipped: tuple[SkippedRow, ...]
    notes: tuple[str, ...]  # values read in a way worth saying (category guesses, problems)

    def summary_lines(self) -> list[str]:
        """The plain report for the command line."""
        lines = [
            f"Imported {self.created + self.matched} participant(s): {self.created} new, "
            f"{self.matched} already known ({self.already_registered} already registered "
            f"for this training); {self.marks} attendance mark(s).",
        ]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} row(s):")
            lines.extend(f"  row {s.line}: {s.name or '(no name)'}: {s.reason}"
                         for s in self.skipped)  # fmt: skip
        if self.notes:
            lines.append("Notes:")
            lines.extend(f"  {n}" for n in self.notes)
        return lines


FILLED_FROM_FILE = ("organisation", "function", "nationality", "phone", "email")


@dataclass
class _Tally:
    """What the import did, counted as it goes."""

    created: int = 0  # new people
    matched: int = 0  # rows that were an existing person
    already: int = 0  # of the matched, those already on this training
    enrolled: int = 0  # new registrations
    marks: int = 0  # attendance marks written


def apply_import(
    inst: Installation, preview: ImportPreview, decisions: ImportDecisions | None = None
) -> ImportResult:
    """Write the preview's valid rows in one transaction; all of them or none.

    An automatic backup is made first, so even a wrong-but-valid import can be undone.
    """
    from app.services.backups import backup_before

    backup_before(inst, "import")
    decisions = decisions or ImportDecisions()
    notes: list[str] = []
    chosen_values = _chosen_values(preview, decisions, notes)
    skipped = [SkippedRow(r.line, r.full_name, r.skip_reason) for r in preview.skipped_rows]
    plan = _import_plan(preview, decisions, notes, skipped)
    if not plan:
        raise UserError(Phrase("Nothing to import: every row was skipped."))

    tally = _Tally()
    with inst.db.transaction() as session:
        _live_training(session, preview.training_id)
        live_sessions = {s.id for s in preview.sessions}
        stamp = inst.db.sync_stamp(session)
        existing = _load_people(session, sorted({pid for _, pid in plan if pid}))
        registered = _registered_people(session, preview.training_id)
        person_for_row, new_people = _people_for_rows(plan, existing, chosen_values, stamp, tally)
        session.flush()
        if new_people:
            session.execute(Person.__table__.insert(), new_people)  # type: ignore[attr-defined]  # a Table, typed FromClause
        figures.touch(session, trainings=[preview.training_id],
                      people=[str(p["id"]) for p in new_people])  # fmt: skip
        enrolment_rows, mark_rows = _registrations(
            preview, person_for_row, registered, live_sessions, stamp, tally
        )
        _write_enrolments(session, enrolment_rows, stamp)
        _write_marks(session, mark_rows, stamp)
        tally.marks = len(mark_rows)
        if decisions.remember_mapping:
            _remember_mapping(session, preview, stamp.at)
    return ImportResult(preview.training_id, tally.created, tally.matched, tally.already,
                        tally.enrolled, tally.marks, tuple(sorted(skipped, key=lambda s: s.line)),
                        tuple(notes))  # fmt: skip


def _chosen_values(
    preview: ImportPreview, decisions: ImportDecisions, notes: list[str]
) -> dict[tuple[str, str], str | None]:
    """(field, key) -> category or partner id (None: left empty), noting the guesses."""
    chosen_values: dict[tuple[str, str], str | None] = {}
    labels = {o.id: o.label for c in preview.choices for o in c.candidates}
    for choice in preview.choices:
        key = (choice.field, choice.key)
        value = decisions.values.get(key, choice.suggested)
        chosen_values[key] = value
        if value is None:
            notes.append(Phrase("{field} '{raw}' is not in Muster's list; left empty "
                                "({rows} row(s)).", field=_VALUE_KINDS[choice.field], raw=choice.raw,
                                rows=choice.rows))  # fmt: skip
        elif not choice.certain:
            notes.append(Phrase("{field} '{raw}' read as '{value}' ({rows} row(s)).",
                                field=_VALUE_KINDS[choice.field], raw=choice.raw,
                                value=labels.get(value, value), rows=choice.rows))  # fmt: skip
    return chosen_values


def _import_plan(
    preview: ImportPreview, decisions: ImportDecisions, notes: list[str],
    skipped: list[SkippedRow],
) -> list[tuple[ImportRow, str | None]]:  # fmt: skip
    """(row, existing person id or None for a new person) for each row to import."""
    plan: list[tuple[ImportRow, str | None]] = []
    for row in preview.valid_rows:
        choice = decisions.people.get(row.line)
        if choice == SKIP:
            skipped.append(SkippedRow(row.line, row.full_name, Phrase("left out in the preview")))
            continue
        if choice is None:
            person_id = row.default_person
        elif choice == NEW:
            person_id = None
        else:
            person_id = choice
        if person_id is None and row.matches:
            best = row.matches[0]
            notes.append(Phrase("row {line}: {name} added as a new person; may be {other} "
                                "(score {score:.2f}); see Possible duplicates.", line=row.line,
                                name=row.full_name, other=best.full_name,
                                score=best.score))  # fmt: skip
        for problem in row.problems:
            notes.append(Phrase("row {line}: {problem}", line=row.line, problem=problem))
        plan.append((row, person_id))
    return plan


def _load_people(session: Session, ids: list[str]) -> dict[str, Person]:
    """The people ``ids`` (in IN lists of 500)."""
    existing: dict[str, Person] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for person in session.scalars(select(Person).where(Person.id.in_(chunk))):
            existing[person.id] = person
    return existing


def _registered_people(session: Session, training_id: str) -> set[str]:
    """Ids of the people registered for the training."""
    return set(
        session.scalars(
            select(Enrolment.person_id).where(
                Enrolment.training_id == training_id, Enrolment.deleted.is_(False)
            )
        )
    )


def _people_for_rows(
    plan: list[tuple[ImportRow, str | None]], existing: dict[str, Person],
    chosen_values: Mapping[tuple[str, str], str | None], stamp: SyncStamp, tally: _Tally,
) -> tuple[list[tuple[ImportRow, str]], list[dict[str, object]]]:  # fmt: skip
    """(row, person id) for every row, and the new people's rows to insert.

    An existing person gets the file's values only where theirs are blank.
    """
    created = stamp.created()
    new_people: list[dict[str, object]] = []
    person_for_row: list[tuple[ImportRow, str]] = []
    for row, person_id in plan:
        category_id = chosen_values.get(("category", fold(row.category))) if row.category \
            else None  # fmt: skip
        partner_id = chosen_values.get(("partner", fold(row.partner))) if row.partner \
            else None  # fmt: skip
        person = existing.get(person_id or "")
        if person_id and (person is None or person.deleted):
            raise UserError(Phrase("Row {line}: the chosen person no longer exists; preview "
                                   "the file again.", line=row.line))  # fmt: skip
        if person is not None:
            tally.matched += 1
            _fill_blanks(person, row, category_id, partner_id)
            person_for_row.append((row, person.id))
            continue
        tally.created += 1
        new_id_ = new_id()
        new_people.append({
            **created, "id": new_id_, "full_name": row.full_name,
            "name_key": fold(row.full_name), "sex": row.sex, "category_id": category_id,
            "partner_id": partner_id, "organisation": row.organisation,
            "function": row.function, "nationality": row.nationality, "phone": row.phone,
            "email": row.email, "consent": False, "merged_into_id": None,
        })  # fmt: skip
        person_for_row.append((row, new_id_))
    return person_for_row, new_people


def _fill_blanks(
    person: Person, row: ImportRow, category_id: str | None, partner_id: str | None
) -> None:
    """Fill blanks only: never overwrite what Muster already has."""
    for name in FILLED_FROM_FILE:
        if not getattr(person, name) and getattr(row, name):
            setattr(person, name, getattr(row, name))
    if person.sex == "X" and row.sex in ("F", "M"):
        person.sex = row.sex
    if person.category_id is None and category_id:
        person.category_id = category_id
    if person.partner_id is None and partner_id:
        person.partner_id = partner_id


def _registrations(
    preview: ImportPreview, person_for_row: list[tuple[ImportRow, str]], registered: set[str],
    live_sessions: set[str], stamp: SyncStamp, tally: _Tally,
) -> tuple[list[dict[str, object]], dict[str, dict[str, object]]]:  # fmt: skip
    """Enrolment rows for people not yet registered, and mark rows (by id) for live sessions."""
    created = stamp.created()
    enrolment_rows: list[dict[str, object]] = []
    mark_rows: dict[str, dict[str, object]] = {}
    for row, person_id in person_for_row:
        if person_id in registered:
            tally.already += 1
        else:
            registered.add(person_id)
            tally.enrolled += 1
            enrolment_rows.append({
                **created, "id": derived_id("enrolment", preview.training_id, person_id),
                "training_id": preview.training_id, "person_id": person_id,
            })  # fmt: skip
        for session_id, status in row.marks:
            if session_id not in live_sessions:
                continue
            mark_id = derived_id("attendance", session_id, person_id)
            mark_rows[mark_id] = {**created, "id": mark_id, "session_id": session_id,
                                  "person_id": person_id, "status": status}  # fmt: skip
    return enrolment_rows, mark_rows


def _write_enrolments(session: Session, rows: list[dict[str, object]], stamp: SyncStamp) -> None:
    """Insert the enrolments; one deleted earlier comes back."""
    if not rows:
        return
    stmt = insert_for(session, Enrolment.__table__)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"], set_={"deleted": False, **stamp.changed()}
        ),
        rows,
    )


def _write_marks(session: Session, rows: dict[str, dict[str, object]], stamp: SyncStamp) -> None:
    """Insert the marks; an existing one changes only when its status (or deletion) does."""
    if not rows:
        return
    stmt = insert_for(session, Attendance.__table__)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={"status": stmt.excluded.status, "deleted": False, **stamp.changed()},
            where=(Attendance.__table__.c.status != stmt.excluded.status)
            | Attendance.__table__.c.deleted,
        ),
        list(rows.values()),
    )


def _remember_mapping(session: Session, preview: ImportPreview, now: datetime) -> None:
    """Keep the mapping for the next file with the same column titles."""
    signature = header_signature(preview.sheet.headers)
    session.merge(
        ColumnMapping(
            signature=signature,
            mapping={
                "columns": _mapping_to_remember(preview.mapping),
                "headers": list(preview.sheet.headers),
            },
            updated_at=now,
        )
    )


def describe_mapping(
    sheet: SheetData, mapping: Sequence[str], sessions: Sequence[SessionInfo]
) -> list[str]:
    """One line per column: 'Nom -> Last name', for the command line."""
    by_id = {s.id: s for s in sessions}
    out = []
    for header, target in zip(sheet.headers, mapping, strict=False):
        if target.startswith(SESSION_PREFIX):
            s = by_id.get(target[len(SESSION_PREFIX) :])
            label = f"attendance on {s.date.isoformat()} {s.location}".strip() if s else "?"
        else:
            label = FIELD_LABELS.get(target, target)
        out.append(f"{header or '(untitled)'} -> {label}")
    return out
