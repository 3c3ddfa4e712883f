"""Pre- and post-test scores from a spreadsheet, matched to the training's participants.

The sheet is read by the participant lists' bounded readers (``spreadsheets.read_table``:
size caps, streamed .xlsx, any CSV encoding, title rows skipped) and its columns are
recognised by the same titles (``participant_import.header_field``: "Nom et prénom",
"ФИО", "الاسم", "E-mail"…), plus the test columns ("Pré-test", "Pre-test", "Test final",
"Post", "Score max"…). Each row is matched to one registered participant by name (in
either order of first and last name, accents and case ignored), else by e-mail or
phone; rows that match nobody, or several people, are skipped with the reason. Total
and signature lines are skipped as in participant lists. All valid scores are written
in one transaction, or none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError
from app.l10n import Phrase
from app.services import participant_import as pi
from app.services.evaluation.scores import MAX_SCORE, ScoreInput, get_scores, set_scores
from app.services.installation import Installation
from app.services.spreadsheets import SheetData, read_table
from app.textnorm import fold

_SCORE_WORDS: dict[str, tuple[str, ...]] = {
    "pre_score": (
        "pre test", "pretest", "pre", "test initial", "pre evaluation", "preevaluation",
        "evaluation initiale", "avant", "test avant", "score avant", "note avant", "pre score",
        "before", "test before", "baseline", "входной тест", "اختبار قبلي", "الاختبار القبلي",
    ),
    "post_score": (
        "post test", "posttest", "post", "test final", "post evaluation", "postevaluation",
        "evaluation finale", "apres", "test apres", "score apres", "note apres", "post score",
        "after", "test after", "final test", "итоговый тест", "اختبار بعدي", "الاختبار البعدي",
    ),
    "max_score": (
        "max", "maximum", "score max", "note max", "bareme", "sur", "out of", "max score",
        "maximum score", "score maximum", "note maximale",
    ),
}  # fmt: skip
_SCORE_BY_WORDS = {w: f for f, words in _SCORE_WORDS.items() for w in words}
_SCORE_RE = re.compile(
    r"^\s*(\d{1,5})(?:[.,]0+)?\s*(?:/\s*(\d{1,5})(?:[.,]0+)?)?\s*(?:pts?|points)?\s*$"
)
IDENTITY_FIELDS = ("full_name", "last_name", "first_name", "email", "phone")
FIELD_LABELS = {
    **pi.FIELD_LABELS, "pre_score": "Pre-test", "post_score": "Post-test",
    "max_score": "Maximum score",
}  # fmt: skip


def score_field(header: str) -> str | None:
    """ "pre_score", "post_score" or "max_score" for a test column's title, else None."""
    words = pi._header_words(header)
    if words in _SCORE_BY_WORDS:
        return _SCORE_BY_WORDS[words]
    tokens = set(words.split())
    if tokens & {"pre", "pretest", "avant", "initial", "initiale", "before"}:
        return "pre_score"
    if tokens & {"post", "posttest", "apres", "final", "finale", "after"}:
        return "post_score"
    return None


def column_field(header: str) -> str:
    """What a column holds: a test field, an identity field, or "" (ignored)."""
    found = score_field(header)
    if found:
        return found
    field = pi.header_field(header)
    return field if field in IDENTITY_FIELDS else ""


def _header_score(cells: Sequence[str]) -> float:
    return pi.header_score(cells) + sum(1.0 for c in cells if c and score_field(c))


def read_scores_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    return read_table(Path(path), sheet, header_score=_header_score)


def auto_mapping(sheet: SheetData) -> list[str]:
    mapping: list[str] = []
    for header in sheet.headers:
        target = column_field(header)
        mapping.append("" if target in mapping else target)
    if "full_name" not in mapping and "last_name" in mapping and "first_name" not in mapping:
        mapping[mapping.index("last_name")] = "full_name"
    return mapping


def parse_score(text: str) -> tuple[int | None, int | None]:
    """(points, maximum) from "14", "14.0", "14/20", "14 pts"; (None, None) when empty."""
    if not text.strip():
        return None, None
    found = _SCORE_RE.match(text)
    if found is None:
        raise ValueError("not a whole number of points")
    points = int(found.group(1))
    maximum = int(found.group(2)) if found.group(2) else None
    if points > MAX_SCORE or (maximum is not None and not 1 <= maximum <= MAX_SCORE):
        raise ValueError("too large for a test score")
    return points, maximum


@dataclass(frozen=True)
class SkippedScore:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class ScoresPreview:
    training_id: str
    mapping: tuple[str, ...]
    max_score: int | None  # the test's maximum after the import
    entries: tuple[ScoreInput, ...]
    matched: int  # rows matched to a participant
    skipped: tuple[SkippedScore, ...]


def _index(inst: Installation, training_id: str) -> dict[str, set[str]]:
    """Folded name (both orders), e-mail and phone digits -> person ids of the training."""
    keys: dict[str, set[str]] = {}
    for p in get_scores(inst, training_id).participants:
        person = p.person
        words = fold(person.full_name).split()
        names = {
            " ".join(words),
            " ".join(words[1:] + words[:1]),
            " ".join(words[-1:] + words[:-1]),
        }
        for key in names | {f"@{fold(person.email)}" if person.email else ""} | (
            {f"#{_digits(person.phone)}"} if len(_digits(person.phone)) >= 6 else set()
        ):  # fmt: skip
            if key:
                keys.setdefault(key, set()).add(person.id)
    return keys


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _match(values: dict[str, str], keys: dict[str, set[str]]) -> tuple[str | None, str]:
    """(person id, "") or (None, why not)."""
    name = values.get("full_name") or " ".join(
        v for v in (values.get("first_name", ""), values.get("last_name", "")) if v
    )
    found = keys.get(" ".join(fold(name).split()), set()) if name else set()
    if len(found) != 1 and values.get("email"):
        found = keys.get(f"@{fold(values['email'])}", set()) or found
    if len(found) != 1 and len(_digits(values.get("phone", ""))) >= 6:
        found = keys.get(f"#{_digits(values['phone'])}", set()) or found
    if len(found) == 1:
        return next(iter(found)), ""
    if found:
        return None, "matches several participants: correct it by hand"
    return None, "not a participant of this training"


def build_preview(inst: Installation, training_id: str, sheet: SheetData,
                  mapping: Sequence[str] | None = None,
                  max_score: int | None = None) -> ScoresPreview:  # fmt: skip
    """Every row checked and matched; nothing is written."""
    mapping = tuple(mapping if mapping is not None else auto_mapping(sheet))
    if not any(m in ("full_name", "last_name", "first_name", "email", "phone") for m in mapping):
        raise UserError(Phrase("No column holds the participants' names: map the names column."))
    if not any(m in ("pre_score", "post_score") for m in mapping):
        raise UserError(
            Phrase("No column holds test scores: map the pre-test or post-test column.")
        )
    keys = _index(inst, training_id)
    grid_max = get_scores(inst, training_id).max_score
    entries: dict[tuple[str, str], tuple[ScoreInput, int, str]] = {}
    skipped: list[SkippedScore] = []
    maxima: set[int] = {max_score} if max_score else set()
    matched = 0
    for row in sheet.rows:
        values = {t: v for v, t in zip(row.cells, mapping, strict=False) if t and v}
        name = values.get("full_name") or values.get("last_name") or values.get("first_name", "")
        shown = name or " ".join(c for c in row.cells if c)[:80]
        reason = pi.not_a_person(name) if name else ""
        if not values or not (values.get("pre_score") or values.get("post_score")):
            if values and not reason:
                skipped.append(SkippedScore(row.line, shown, "no score"))
            elif reason:
                skipped.append(SkippedScore(row.line, shown, reason))
            continue
        if reason:
            skipped.append(SkippedScore(row.line, shown, reason))
            continue
        person, why = _match(values, keys)
        if person is None:
            skipped.append(SkippedScore(row.line, shown, why))
            continue
        try:
            scores = {ph: parse_score(values.get(f"{ph}_score", "")) for ph in ("pre", "post")}
            row_max = parse_score(values.get("max_score", ""))[0]
        except ValueError as exc:
            skipped.append(SkippedScore(row.line, shown, f"a score is {exc}"))
            continue
        maxima.update(m for _, m in scores.values() if m)
        if row_max:
            maxima.add(row_max)
        matched += 1
        for phase, (points, _m) in scores.items():
            if points is not None:
                entries[(person, phase)] = (ScoreInput(person, phase, points), row.line, shown)
    if len(maxima) > 1:
        raise UserError(
            Phrase(
                "The sheet gives different maximum scores ({maxima}); give one maximum for the "
                "test (--max N).",
                maxima=", ".join(str(m) for m in sorted(maxima)),
            )
        )
    final_max = next(iter(maxima), None) or grid_max
    if final_max is None and entries:
        raise UserError(
            Phrase(
                "The test's maximum score is not set: set it in the Tests tab, write it in the "
                "sheet (a 'Maximum' column, or scores like 14/20), or give --max N."
            )
        )
    kept: list[ScoreInput] = []
    for entry, line, shown in entries.values():
        if entry.score is not None and final_max is not None and entry.score > final_max:
            skipped.append(SkippedScore(line, shown, f"a score is above the maximum ({final_max})"))
        else:
            kept.append(entry)
    skipped.sort(key=lambda s: s.line)
    return ScoresPreview(training_id, mapping, final_max, tuple(kept), matched, tuple(skipped))


def apply_preview(inst: Installation, preview: ScoresPreview) -> int:
    """Write the preview's scores (and maximum) in one transaction."""
    return set_scores(inst, preview.training_id, preview.entries, max_score=preview.max_score)


def import_scores(inst: Installation, training_id: str, path: Path | str, sheet: str | None = None,
                  max_score: int | None = None, dry_run: bool = False) -> ScoresPreview:  # fmt: skip
    """Read, match and (unless ``dry_run``) write the scores of a spreadsheet."""
    preview = build_preview(inst, training_id, read_scores_sheet(path, sheet), None, max_score)
    if not dry_run:
        apply_preview(inst, preview)
    return preview
