"""Consent by purpose, with the date given and, if so, withdrawn; and what it hides.

Purposes: being named in reports sent to HQ, photos, being contacted later for
follow-up, sharing with partners. Each answer is *given*, *refused*, *withdrawn* or
*not recorded*. Only *given* allows photos, follow-up and sharing.

Names: a person who refused or withdrew consent to be named appears in counts only:
the signed summary and the participant exports leave them out by name (and say how
many), and bundles carry their record without name, contacts or function
(:func:`redact_people_rows`), while sex, category, organisation and the rest keep
HQ's counts right. "Not recorded" names the person, as Muster did before consent
by purpose, unless the installation asks for a recorded consent first
(:data:`STRICT_SETTING`, *Privacy* in the retention window): then only *given* names.

A change to the naming answer re-stamps the person's record, so the next bundle
carries it again (named or not) and HQ's copy follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.db.audit_models import CONSENT_PURPOSES, Consent
from app.db.base import derived_id
from app.db.models import Enrolment, Person
from app.errors import NotFoundError, ValidationError
from app.l10n import Phrase
from app.services.installation import Installation

NAMED = "named_in_reports"
STATES = ("not_recorded", "given", "refused", "withdrawn")
STRICT_SETTING = "privacy.names_need_consent"
PURPOSE_LABELS = {
    "named_in_reports": "Named in reports sent to HQ",
    "photos": "Photos",
    "follow_up": "Contacted later for follow-up",
    "partner_sharing": "Shared with partners",
}
STATE_LABELS = {
    "not_recorded": "Not recorded",
    "given": "Given",
    "refused": "Refused",
    "withdrawn": "Withdrawn",
}
# What the record keeps of a person not named in a bundle: the fields HQ counts by.
REDACTED_FIELDS = {"full_name": "", "name_key": "", "phone": "", "email": "", "function": ""}


@dataclass(frozen=True)
class ConsentAnswer:
    purpose: str
    state: str = "not_recorded"
    given_on: date | None = None
    withdrawn_on: date | None = None

    @property
    def allowed(self) -> bool:
        return self.state == "given"


def consent_id(person_id: str, purpose: str) -> str:
    return derived_id("consent", person_id, purpose)


def state_of(granted: bool | None, withdrawn_on: date | None, deleted: bool = False) -> str:
    if granted is None or deleted:
        return "not_recorded"
    if withdrawn_on is not None:
        return "withdrawn"
    return "given" if granted else "refused"


def names_need_consent(inst: Installation) -> bool:
    return inst.get_setting(STRICT_SETTING) == "1"


def is_named(state: str, strict: bool) -> bool:
    """May a person with this naming answer be named in what goes to HQ?"""
    return state == "given" or (state == "not_recorded" and not strict)


def _answers(session: Session, person_id: str) -> dict[str, ConsentAnswer]:
    rows = session.scalars(select(Consent).where(Consent.person_id == person_id)).all()
    found = {
        r.purpose: ConsentAnswer(r.purpose, state_of(r.granted, r.withdrawn_on, r.deleted),
                                 r.given_on, r.withdrawn_on)
        for r in rows
    }  # fmt: skip
    return {p: found.get(p, ConsentAnswer(p)) for p in CONSENT_PURPOSES}


def get_consents(inst: Installation, person_id: str) -> dict[str, ConsentAnswer]:
    with inst.db.reading() as session:
        return _answers(session, person_id)


def _check(answer: ConsentAnswer, today: date) -> ConsentAnswer:
    key = f"consent.{answer.purpose}"
    if answer.purpose not in CONSENT_PURPOSES or answer.state not in STATES:
        raise ValidationError({key: Phrase("Choose given, refused, withdrawn or not recorded.")})
    given, withdrawn = answer.given_on, answer.withdrawn_on
    withdrawn = (withdrawn or today) if answer.state == "withdrawn" else None
    if answer.state == "not_recorded":
        given = None
    for day in (given, withdrawn):
        if day is not None and day > today:
            raise ValidationError({key: Phrase("A consent date cannot be in the future.")})
    if given and withdrawn and withdrawn < given:
        raise ValidationError({key: Phrase("Consent cannot be withdrawn before it was given.")})
    return ConsentAnswer(answer.purpose, answer.state, given, withdrawn)


def write_answers(session: Session, person: Person, answers: Iterable[ConsentAnswer],
                  strict: bool, today: date | None = None) -> None:  # fmt: skip
    """Store ``answers`` for ``person`` inside the caller's transaction."""
    today = today or date.today()
    before = _answers(session, person.id)
    for answer in answers:
        answer = _check(answer, today)
        if before[answer.purpose] == answer:
            continue
        row = session.get(Consent, consent_id(person.id, answer.purpose))
        if row is None:
            if answer.state == "not_recorded":
                continue
            row = Consent(id=consent_id(person.id, answer.purpose), person_id=person.id,
                          purpose=answer.purpose)  # fmt: skip
            session.add(row)
        row.deleted = answer.state == "not_recorded"
        row.granted = answer.state in ("given", "withdrawn")
        row.given_on, row.withdrawn_on = answer.given_on, answer.withdrawn_on
        if answer.purpose == NAMED and is_named(before[NAMED].state, strict) != is_named(
            answer.state, strict
        ):
            flag_modified(person, "full_name")  # the next bundle carries the person again


def set_consents(inst: Installation, person_id: str,
                 answers: Iterable[ConsentAnswer]) -> dict[str, ConsentAnswer]:  # fmt: skip
    """Record a person's answers (one transaction); a withdrawal without date is today's."""
    strict = names_need_consent(inst)
    with inst.db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError(Phrase("That person no longer exists."))
        _ = person.full_name  # loaded, so a naming change can re-stamp the record
        write_answers(session, person, answers, strict)
        session.flush()
        return _answers(session, person_id)


# --- who is not named ------------------------------------------------------------------------


def _unnamed(rows: Iterable[tuple[str, Any, Any, Any]], people: Iterable[str],
             strict: bool) -> set[str]:  # fmt: skip
    """Of ``people``, those not to be named, from their naming rows (pid, granted, withdrawn, deleted)."""
    states = {pid: state_of(bool(g), w, bool(d)) for pid, g, w, d in rows}
    return {pid for pid in people if not is_named(states.get(pid, "not_recorded"), strict)}


def unnamed_people(session: Session, person_ids: Iterable[str], strict: bool,
                   among: Any = None) -> set[str]:  # fmt: skip
    """Of ``person_ids``, those who may not be named in what goes to HQ.

    ``among``, a SELECT of ids that holds all of ``person_ids`` (a training's people),
    reads their answers in one statement instead of lists of 500 ids."""
    ids = list(dict.fromkeys(person_ids))
    answers = select(Consent.person_id, Consent.granted, Consent.withdrawn_on,
                     Consent.deleted).where(Consent.purpose == NAMED)  # fmt: skip
    batches = [among] if among is not None else [
        ids[start : start + 500] for start in range(0, len(ids), 500)
    ]  # fmt: skip
    rows: list[tuple[str, Any, Any, Any]] = []
    for batch in batches:
        rows += session.execute(answers.where(Consent.person_id.in_(batch))).all()
    return _unnamed(rows, ids, strict)


def unnamed_in_training(inst: Installation, training_id: str) -> set[str]:
    """The training's participants who appear in counts only."""
    strict = names_need_consent(inst)
    with inst.db.reading() as session:
        people = session.scalars(
            select(Enrolment.person_id).where(
                Enrolment.training_id == training_id, Enrolment.deleted.is_(False)
            )
        ).all()
        return unnamed_people(session, people, strict)


def photo_choices(inst: Installation, person_ids: Iterable[str]) -> dict[str, str]:
    """person id -> their photo answer (given, refused, withdrawn, not_recorded)."""
    ids = list(person_ids)
    with inst.db.reading() as session:
        rows = session.execute(
            select(Consent.person_id, Consent.granted, Consent.withdrawn_on, Consent.deleted).where(
                Consent.purpose == "photos", Consent.person_id.in_(ids)
            )
        ).all()
    states = {pid: state_of(bool(g), w, bool(d)) for pid, g, w, d in rows}
    return {pid: states.get(pid, "not_recorded") for pid in ids}


def redact_people_rows(conn: Any, picked: dict[str, dict[str, tuple[Any, ...]]]) -> int:
    """Blank the name, contacts and function of people a bundle may not name; how many.

    ``picked`` is the export's snapshot (table -> id -> row), changed in place. Runs on
    the export's own DB-API connection, inside its transaction (``app.db.raw`` helpers).
    """
    from app.db.raw import get_setting, select_in
    from app.services.sync.schema import table_columns

    rows = picked.get("people")
    if not rows:
        return 0
    strict = get_setting(conn, STRICT_SETTING) == "1"
    columns = table_columns("people")
    merged_pos = columns.index("merged_into_id")
    # A record merged into another follows the survivor's answer (merges move answers).
    survivor = {pid: row[merged_pos] for pid, row in rows.items() if row[merged_pos]}
    wanted = set(rows) | set(survivor.values())
    answers = select_in(
        conn,
        "SELECT person_id, granted, withdrawn_on, deleted FROM consents "
        f"WHERE purpose = '{NAMED}' AND person_id IN",
        wanted,
    )
    unnamed = _unnamed(answers, wanted, strict)
    hidden = {pid for pid in rows if survivor.get(pid, pid) in unnamed}
    positions = {columns.index(name): value for name, value in REDACTED_FIELDS.items()}
    for pid in hidden:
        row = list(rows[pid])
        for pos, value in positions.items():
            row[pos] = value
        rows[pid] = tuple(row)
    return len(hidden)


def merge_consents(session: Session, keep: Person, other: Person) -> None:
    """Two records of one person become one: the survivor keeps its answers; an answer only
    the other had moves over; a refusal or withdrawal to be named always wins."""
    strict = False  # the survivor's naming answer decides below; not the installation's mode
    mine, theirs = _answers(session, keep.id), _answers(session, other.id)
    moved = []
    for purpose in CONSENT_PURPOSES:
        a, b = mine[purpose], theirs[purpose]
        fills_a_gap = a.state == "not_recorded" and b.state != "not_recorded"
        refuses = purpose == NAMED and b.state in ("refused", "withdrawn") and a.state == "given"
        if fills_a_gap or refuses:
            moved.append(b)
    if moved:
        _ = keep.full_name
        write_answers(session, keep, moved, strict, today=date.max)
