"""People (participants) and their enrolment in trainings."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import derived_id
from app.db.models import (
    ATTENDED_STATUSES,
    SEXES,
    Attendance,
    Category,
    Enrolment,
    Partner,
    Person,
    TrainingSession,
)
from app.errors import NotFoundError, UserError, ValidationError
from app.l10n import Phrase
from app.services import reference
from app.services.installation import Installation
from app.services.limits import check_lengths
from app.services.read_once import once
from app.services.trainings import _live_training, participants_select
from app.textnorm import clean_text, fold

SEX_WORDS = {
    "f": "F", "female": "F", "woman": "F", "women": "F", "femme": "F", "feminin": "F",
    "féminin": "F", "w": "F",
    "m": "M", "male": "M", "man": "M", "men": "M", "homme": "M", "h": "M", "masculin": "M",
    "x": "X", "": "X", "other": "X", "autre": "X", "not stated": "X", "non precise": "X",
}  # fmt: skip


def normalise_sex(value: str | None) -> str | None:
    """'F', 'M' or 'X' from the ways people write it, or None when unrecognised."""
    return SEX_WORDS.get(fold(value))


@dataclass(frozen=True)
class PersonInput:
    full_name: str
    sex: str = "X"
    category: str | None = None  # category code (or name)
    organisation: str = ""
    partner: str | None = None  # partner acronym
    function: str = ""
    nationality: str = ""
    phone: str = ""
    email: str = ""
    consent: bool = False


@dataclass(frozen=True)
class PersonInfo:
    id: str
    full_name: str
    sex: str
    category_id: str | None
    category: str  # code, "" when none
    organisation: str
    partner_id: str | None
    partner: str  # acronym, "" when none
    function: str
    nationality: str
    phone: str
    email: str
    consent: bool
    version: int


@dataclass(frozen=True)
class ParticipantInfo:
    """A person as a participant of one training."""

    person: PersonInfo
    enrolment_id: str
    sessions_present: int


def _person_info(session: Session, p: Person) -> PersonInfo:
    cat = session.get(Category, p.category_id) if p.category_id else None
    partner = session.get(Partner, p.partner_id) if p.partner_id else None
    return PersonInfo(
        id=p.id,
        full_name=p.full_name,
        sex=p.sex,
        category_id=p.category_id,
        category=cat.code if cat else "",
        organisation=p.organisation,
        partner_id=p.partner_id,
        partner=partner.acronym if partner else "",
        function=p.function,
        nationality=p.nationality,
        phone=p.phone,
        email=p.email,
        consent=p.consent,
        version=p.version,
    )


def _validate(session: Session, data: PersonInput) -> tuple[PersonInput, dict[str, str | None]]:
    errors: dict[str, str] = {}
    name = clean_text(data.full_name)
    if not name:
        errors["full_name"] = Phrase("Please enter the participant's name.")
    sex = normalise_sex(data.sex)
    if sex is None or sex not in SEXES:
        errors["sex"] = Phrase(
            "'{value}' is not a sex Muster knows: use F, M or X (not stated).", value=data.sex
        )
    category_id = partner_id = None
    if data.category and clean_text(data.category):
        cat = reference.find_category(session, data.category)
        if cat is None:
            errors["category"] = Phrase(
                "There is no participant category called '{category}'.", category=data.category
            )
        else:
            category_id = cat.id
    if data.partner and clean_text(data.partner):
        partner = reference.find_partner(session, data.partner)
        if partner is None:
            errors["partner"] = Phrase(
                "There is no partner organisation called '{partner}'.", partner=data.partner
            )
        else:
            partner_id = partner.id
    email = clean_text(data.email)
    if email and ("@" not in email or " " in email):
        errors["email"] = Phrase("'{email}' does not look like an e-mail address.", email=email)
    check_lengths(errors, (
        ("full_name", name, Person.full_name), ("organisation", clean_text(data.organisation),
        Person.organisation), ("function", clean_text(data.function), Person.function),
        ("nationality", clean_text(data.nationality), Person.nationality),
        ("phone", clean_text(data.phone), Person.phone), ("email", email, Person.email),
    ))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    cleaned = replace(
        data,
        full_name=name,
        sex=sex or "X",
        organisation=clean_text(data.organisation),
        function=clean_text(data.function),
        nationality=clean_text(data.nationality),
        phone=clean_text(data.phone),
        email=email,
    )
    return cleaned, {"category_id": category_id, "partner_id": partner_id}


def _fill(person: Person, data: PersonInput, ids: dict[str, str | None]) -> None:
    person.full_name = data.full_name
    person.name_key = fold(data.full_name)
    person.sex = data.sex
    person.category_id = ids["category_id"]
    person.partner_id = ids["partner_id"]
    person.organisation = data.organisation
    person.function = data.function
    person.nationality = data.nationality
    person.phone = data.phone
    person.email = data.email
    person.consent = bool(data.consent)


def _live_person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError(Phrase("That person no longer exists."))
    return person


def create_person(inst: Installation, data: PersonInput) -> PersonInfo:
    with inst.db.transaction() as session:
        cleaned, ids = _validate(session, data)
        person = Person()
        _fill(person, cleaned, ids)
        session.add(person)
        session.flush()
        return _person_info(session, person)


def update_person(inst: Installation, person_id: str, data: PersonInput) -> PersonInfo:
    with inst.db.transaction() as session:
        person = _live_person(session, person_id)
        cleaned, ids = _validate(session, data)
        _fill(person, cleaned, ids)
        session.flush()
        return _person_info(session, person)


def get_person(inst: Installation, person_id: str) -> PersonInfo:
    with inst.db.reading() as session:
        return _person_info(session, _live_person(session, person_id))


def search_people(inst: Installation, text: str, limit: int = 20) -> list[PersonInfo]:
    """People whose name contains ``text``, ignoring case and accents, for completion."""
    needle = fold(text)
    if not needle:
        return []
    with inst.db.reading() as session:
        people = session.scalars(
            select(Person)
            .where(Person.deleted.is_(False), Person.name_key.like(f"%{needle}%"))
            .order_by(Person.name_key)
            .limit(limit)
        ).all()
        return [_person_info(session, p) for p in people]


def _enrol(session: Session, training_id: str, person_id: str) -> Enrolment:
    enrolment_id = derived_id("enrolment", training_id, person_id)
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is not None and not enrolment.deleted:
        person = session.get(Person, person_id)
        name = person.full_name if person else "This person"
        raise UserError(
            Phrase("{name} is already registered for this training.", name=name), field="full_name"
        )
    if enrolment is None:
        enrolment = Enrolment(id=enrolment_id, training_id=training_id, person_id=person_id)
        session.add(enrolment)
    enrolment.deleted = False
    return enrolment


def enrol(inst: Installation, training_id: str, person_id: str) -> ParticipantInfo:
    """Register an existing person for a training (refused if already registered)."""
    with inst.db.transaction() as session:
        _live_training(session, training_id)
        person = _live_person(session, person_id)
        enrolment = _enrol(session, training_id, person.id)
        session.flush()
        return ParticipantInfo(_person_info(session, person), enrolment.id, 0)


def add_participant(
    inst: Installation,
    training_id: str,
    data: PersonInput,
    existing_person_id: str | None = None,
) -> ParticipantInfo:
    """Enrol an existing person (optionally updating them) or a new one, in one transaction."""
    with inst.db.transaction() as session:
        _live_training(session, training_id)
        cleaned, ids = _validate(session, data)
        if existing_person_id:
            person = _live_person(session, existing_person_id)
        else:
            person = Person()
            session.add(person)
        _fill(person, cleaned, ids)
        session.flush()
        enrolment = _enrol(session, training_id, person.id)
        session.flush()
        return ParticipantInfo(_person_info(session, person), enrolment.id, 0)


def remove_participant(inst: Installation, training_id: str, person_id: str) -> None:
    """Take a person off a training, with their attendance there; the person stays."""
    with inst.db.transaction() as session:
        enrolment = session.get(Enrolment, derived_id("enrolment", training_id, person_id))
        if enrolment is None or enrolment.deleted:
            raise NotFoundError(Phrase("That person is not registered for this training."))
        enrolment.deleted = True
        session_ids = select(TrainingSession.id).where(TrainingSession.training_id == training_id)
        for att in session.scalars(
            select(Attendance).where(
                Attendance.person_id == person_id,
                Attendance.session_id.in_(session_ids),
                Attendance.deleted.is_(False),
            )
        ):
            att.deleted = True


def list_participants(
    inst: Installation, training_id: str, search: str = ""
) -> list[ParticipantInfo]:
    """The training's participants sorted by name; ``search`` filters by folded name."""
    return list(
        once(
            inst,
            ("participants", training_id, search),
            lambda: _list_participants(inst, training_id, search),
        )
    )


def _list_participants(
    inst: Installation, training_id: str, search: str = ""
) -> list[ParticipantInfo]:
    with inst.db.reading() as session:
        _live_training(session, training_id)
        # Columns, not Person objects: building 10,000 ORM objects took most of the time.
        q = participants_select(
            training_id,
            Person.id, Person.full_name, Person.sex, Person.category_id, Person.organisation,
            Person.partner_id, Person.function, Person.nationality, Person.phone,
            Person.email, Person.consent, Person.version, Enrolment.id,
            search=search,
        )  # fmt: skip
        # Through the connection: rows one at a time, not the ORM's lists of all of them.
        conn = session.connection()
        counted = conn.execute(
            select(Attendance.person_id, func.count())
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
                Attendance.status.in_(ATTENDED_STATUSES),
            )
            .group_by(Attendance.person_id)
        )
        present = {pid: n for pid, n in counted}
        cats = dict(session.execute(select(Category.id, Category.code)).all())
        partners = dict(session.execute(select(Partner.id, Partner.acronym)).all())
        out = []
        for (pid, name, sex, category_id, organisation, partner_id, function, nationality,
             phone, email, consent, version, enrolment_id) in conn.execute(q):  # fmt: skip
            info = PersonInfo(
                pid, name, sex, category_id, cats.get(category_id or "", ""), organisation,
                partner_id, partners.get(partner_id or "", ""), function, nationality, phone,
                email, consent, version,
            )  # fmt: skip
            out.append(ParticipantInfo(info, enrolment_id, int(present.get(pid, 0))))
        return out


def list_organisations(inst: Installation, limit: int = 500) -> list[str]:
    """Organisations already typed for people, most used first, for completion."""
    with inst.db.reading() as session:
        rows = session.execute(
            select(Person.organisation, func.count())
            .where(Person.deleted.is_(False), Person.organisation != "")
            .group_by(Person.organisation)
            .order_by(func.count().desc(), Person.organisation)
            .limit(limit)
        ).all()
    return [org for org, _ in rows]


def participant_info(inst: Installation, training_id: str, person_id: str) -> ParticipantInfo:
    """One participant of a training, as :func:`list_participants` gives them."""
    with inst.db.reading() as session:
        enrolment = session.get(Enrolment, derived_id("enrolment", training_id, person_id))
        if enrolment is None or enrolment.deleted:
            raise NotFoundError(Phrase("That person is not registered for this training."))
        person = _live_person(session, person_id)
        present = session.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
                Attendance.person_id == person_id,
                Attendance.status.in_(ATTENDED_STATUSES),
            )
        )
        return ParticipantInfo(_person_info(session, person), enrolment.id, int(present or 0))


def _used_only_by(session: Session, training_id: str, person_id: str) -> bool:
    """True when nothing but this training's registration points at the person."""
    elsewhere = session.scalar(
        select(func.count()).where(
            Enrolment.person_id == person_id,
            Enrolment.training_id != training_id,
            Enrolment.deleted.is_(False),
        )
    )
    merged_in = session.scalar(select(func.count()).where(Person.merged_into_id == person_id))
    return not elsewhere and not merged_in


def people_used_only_here(inst: Installation, training_id: str, person_ids: list[str]) -> list[str]:
    """Of ``person_ids``, those whose record nothing else uses (no other training, no
    merged record): taking them off this training could delete their record too."""
    with inst.db.reading() as session:
        return [
            pid
            for pid in person_ids
            if (p := session.get(Person, pid)) is not None
            and not p.deleted
            and _used_only_by(session, training_id, pid)
        ]


def remove_participants(
    inst: Installation,
    training_id: str,
    person_ids: list[str],
    delete_unused: Collection[str] = (),
) -> int:
    """Take several people off a training in one transaction: all of them or none.

    The records of ``delete_unused`` are deleted too, if nothing else uses them (checked
    again here); the others stay.
    """
    with inst.db.transaction() as session:
        session_ids = select(TrainingSession.id).where(TrainingSession.training_id == training_id)
        for person_id in person_ids:
            enrolment = session.get(Enrolment, derived_id("enrolment", training_id, person_id))
            if enrolment is None or enrolment.deleted:
                raise NotFoundError(Phrase("That person is not registered for this training."))
            enrolment.deleted = True
            for att in session.scalars(
                select(Attendance).where(
                    Attendance.person_id == person_id,
                    Attendance.session_id.in_(session_ids),
                    Attendance.deleted.is_(False),
                )
            ):
                att.deleted = True
        session.flush()
        for person_id in delete_unused:
            person = session.get(Person, person_id)
            if (
                person is not None
                and not person.deleted
                and person_id in person_ids
                and _used_only_by(session, training_id, person_id)
            ):
                person.deleted = True
    return len(person_ids)
