"""Trainings, their sessions, partners and trainers: create, edit, list, delete, undo."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.base import SyncMixin, derived_id
from app.db.models import (
    PARTNER_ROLES,
    TRAINING_KINDS,
    TRAINING_STATUSES,
    Attendance,
    Enrolment,
    FeedbackAnswer,
    Location,
    Mission,
    Partner,
    Person,
    TestScore,
    Training,
    TrainingPartner,
    TrainingSession,
)
from app.errors import NotFoundError, UserError, ValidationError
from app.l10n import Phrase
from app.services import reference
from app.services.installation import Installation
from app.services.limits import Field, check_lengths
from app.services.read_once import once
from app.textnorm import clean_text, fold

# --- inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInput:
    date: date
    location: str
    topic: str = ""
    id: str | None = None  # an existing session to keep; None makes a new one
    start_minute: int | None = None  # minutes after midnight: 540 is 09:00
    end_minute: int | None = None
    required: bool = False  # must be attended under the "required" completion rule


@dataclass(frozen=True)
class PartnerRoleInput:
    acronym: str
    role: str = "co_organiser"


@dataclass(frozen=True)
class TrainingInput:
    title: str
    mission: str  # mission code
    start: date
    end: date
    theme: str = ""
    kind: str = "training"
    status: str = "planned"
    description: str = ""
    trainers: tuple[str, ...] = ()
    partners: tuple[PartnerRoleInput, ...] = ()
    sessions: tuple[SessionInput, ...] = ()


# --- outputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    id: str
    training_id: str
    date: date
    location: str
    location_id: str | None
    topic: str
    start_minute: int | None = None
    end_minute: int | None = None
    required: bool = False

    @property
    def hours(self) -> float | None:
        """The session's length in hours, when both its times are known."""
        if self.start_minute is None or self.end_minute is None:
            return None
        if self.end_minute <= self.start_minute:
            return None
        return (self.end_minute - self.start_minute) / 60


@dataclass(frozen=True)
class PartnerRole:
    partner_id: str
    acronym: str
    name: str
    role: str


@dataclass(frozen=True)
class TrainingInfo:
    id: str
    mission: str
    mission_id: str
    title: str
    theme: str
    kind: str
    start: date
    end: date
    status: str
    description: str
    trainers: tuple[str, ...]
    partners: tuple[PartnerRole, ...]
    sessions: tuple[SessionInfo, ...]
    participant_count: int
    version: int
    completion_rule: str = "share"
    completion_percent: int = 80
    test_max_score: int | None = None

    @property
    def locations(self) -> tuple[str, ...]:
        """Distinct session places in date order: ("Beni", "Bunia", "Kinshasa")."""
        seen: dict[str, None] = {}
        for s in self.sessions:
            if s.location:
                seen.setdefault(s.location, None)
        return tuple(seen)


@dataclass(frozen=True)
class TrainingRow:
    """One line of the trainings list."""

    id: str
    mission: str
    title: str
    kind: str
    status: str
    start: date
    end: date
    locations: str
    session_count: int
    participant_count: int


@dataclass(frozen=True)
class TrainingFilter:
    text: str = ""  # title, theme, location, partner or participant name
    mission: str | None = None  # mission code
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    order_by: str = "start"  # start, end, title, mission, status, kind, places, sessions,
    # participants
    descending: bool = True
    extra: dict[str, str] = field(default_factory=dict)


# --- validation ------------------------------------------------------------------------


def _validate(data: TrainingInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not clean_text(data.title):
        errors["title"] = Phrase("Please give the training a title.")
    if not clean_text(data.mission):
        errors["mission"] = Phrase("Please choose the mission.")
    if data.kind not in TRAINING_KINDS:
        errors["kind"] = Phrase("Please choose what kind of event this is.")
    if data.status not in TRAINING_STATUSES:
        errors["status"] = Phrase("Please choose whether it is planned, held or cancelled.")
    if data.start is None:
        errors["start"] = Phrase("Please give the start date.")
    if data.end is None:
        errors["end"] = Phrase("Please give the end date.")
    if data.start and data.end and data.end < data.start:
        errors["end"] = Phrase(
            "The end date ({end}) is before the start date ({start}).",
            end=data.end,
            start=data.start,
        )
    for i, s in enumerate(data.sessions, start=1):
        if s.date is None:
            errors[f"sessions.{i}.date"] = Phrase("Session {n} has no date.", n=i)
        elif data.start and data.end and not (data.start <= s.date <= data.end):
            errors[f"sessions.{i}.date"] = Phrase(
                "Session {n} is on {day}, outside the training's dates ({start} to {end}).",
                n=i,
                day=s.date,
                start=data.start,
                end=data.end,
            )
        if not clean_text(s.location):
            errors[f"sessions.{i}.location"] = Phrase("Session {n} needs a place.", n=i)
        times = [t for t in (s.start_minute, s.end_minute) if t is not None]
        if any(not 0 <= t <= 1440 for t in times):
            errors[f"sessions.{i}.time"] = Phrase(
                "Session {n} has a time Muster cannot read: write it like 09:00.", n=i
            )
        elif len(times) == 2 and times[1] <= times[0]:
            errors[f"sessions.{i}.time"] = Phrase("Session {n} ends before it starts.", n=i)
    seen_partners: set[str] = set()
    for p in data.partners:
        key = clean_text(p.acronym).upper()
        if p.role not in PARTNER_ROLES:
            errors[f"partners.{key}"] = Phrase("Please choose a role for {partner}.", partner=key)
        if key in seen_partners:
            errors[f"partners.{key}"] = Phrase(
                "{partner} is listed twice among the partners.", partner=key
            )
        seen_partners.add(key)
    check_lengths(errors, _texts(data))
    return errors


def _texts(data: TrainingInput) -> list[Field]:
    """Each typed text of the training with the column it is stored in (for its length);
    those the window shows away from their field say which they are."""
    trainers = json.dumps(list(data.trainers))  # escaped: the longest it may be stored
    texts: list[Field] = [
        ("title", clean_text(data.title), Training.title),
        ("theme", clean_text(data.theme), Training.theme),
        ("description", data.description, Training.description, Phrase("The description")),
        ("trainers", trainers, Training.trainers, Phrase("The list of trainers")),
    ]
    for i, s in enumerate(data.sessions, start=1):
        texts.append((f"sessions.{i}.location", clean_text(s.location), Location.name,
                      Phrase("The place of session {n}", n=i)))  # fmt: skip
        texts.append((f"sessions.{i}.topic", clean_text(s.topic), TrainingSession.topic,
                      Phrase("The topic of session {n}", n=i)))  # fmt: skip
    return texts


# --- reading ---------------------------------------------------------------------------


def _live_training(session: Session, training_id: str) -> Training:
    training = session.get(Training, training_id)
    if training is None or training.deleted:
        raise NotFoundError(Phrase("That training no longer exists. It may have been deleted."))
    return training


def participants_select(training_id: str, *columns: Any, search: str = "") -> Select[Any]:
    """``columns`` of the training's participants (a live registration, a live record),
    sorted by name, as :func:`list_participants` lists them (``search``: by folded name)."""
    q = (
        select(*columns)
        .select_from(Person)
        .join(Enrolment, Enrolment.person_id == Person.id)
        .where(
            Enrolment.training_id == training_id,
            Enrolment.deleted.is_(False),
            Person.deleted.is_(False),
        )
        .order_by(Person.name_key, Person.id)
    )
    needle = fold(search)
    if needle:
        q = q.where(Person.name_key.like(f"%{needle}%"))
    return q


def _participant_count(session: Session, training_id: str) -> int:
    return int(session.scalar(participants_select(training_id, func.count()).order_by(None)) or 0)


def _info(session: Session, training: Training) -> TrainingInfo:
    mission = session.get(Mission, training.mission_id)
    sessions = session.execute(
        select(TrainingSession, Location.name)
        .outerjoin(Location, Location.id == TrainingSession.location_id)
        .where(TrainingSession.training_id == training.id, TrainingSession.deleted.is_(False))
        .order_by(TrainingSession.date, Location.name)
    ).all()
    partners = session.execute(
        select(TrainingPartner, Partner)
        .join(Partner, Partner.id == TrainingPartner.partner_id)
        .where(TrainingPartner.training_id == training.id, TrainingPartner.deleted.is_(False))
        .order_by(TrainingPartner.role, Partner.acronym)
    ).all()
    return TrainingInfo(
        id=training.id,
        mission=mission.code if mission else "",
        mission_id=training.mission_id,
        title=training.title,
        theme=training.theme,
        kind=training.kind,
        start=training.start_date,
        end=training.end_date,
        status=training.status,
        description=training.description,
        trainers=tuple(training.trainers or ()),
        partners=tuple(PartnerRole(p.id, p.acronym, p.name, tp.role) for tp, p in partners),
        sessions=tuple(
            SessionInfo(
                s.id,
                s.training_id,
                s.date,
                name or "",
                s.location_id,
                s.topic,
                s.start_minute,
                s.end_minute,
                bool(s.required),
            )
            for s, name in sessions
        ),
        participant_count=_participant_count(session, training.id),
        version=training.version,
        completion_rule=training.completion_rule or "share",
        completion_percent=training.completion_percent or 80,
        test_max_score=training.test_max_score,
    )


def get_training(inst: Installation, training_id: str) -> TrainingInfo:
    return once(inst, ("training", training_id), lambda: _get_training(inst, training_id))


def _get_training(inst: Installation, training_id: str) -> TrainingInfo:
    with inst.db.reading() as session:
        return _info(session, _live_training(session, training_id))


def resolve_training(inst: Installation, ref: str) -> str:
    """A training id from an id, a unique id prefix (4+ characters) or an exact title."""
    ref = ref.strip()
    if not ref:
        raise UserError(Phrase("Please name a training by its id or title."))
    with inst.db.reading() as session:
        live = Training.deleted.is_(False)
        if session.scalar(select(Training.id).where(Training.id == ref, live)):
            return ref
        if len(ref) >= 4:
            ids = session.scalars(
                select(Training.id).where(Training.id.startswith(ref.lower()), live).limit(2)
            ).all()
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise UserError(
                    Phrase(
                        "More than one training starts with {ref}; give more of its id.", ref=ref
                    )
                )
        wanted = fold(ref)
        matches = [
            tid
            for tid, title in session.execute(select(Training.id, Training.title).where(live))
            if fold(title) == wanted
        ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UserError(
            Phrase("More than one training is called '{ref}'; use its id instead.", ref=ref)
        )
    raise NotFoundError(
        Phrase("No training matches '{ref}'. 'muster trainings' lists them.", ref=ref)
    )


def _filtered_ids_query(flt: TrainingFilter) -> Select[str]:
    q = select(Training.id).where(Training.deleted.is_(False))
    if flt.mission:
        q = q.join(Mission, Mission.id == Training.mission_id).where(
            func.upper(Mission.code) == flt.mission.upper()
        )
    if flt.status:
        q = q.where(Training.status == flt.status)
    if flt.date_from:
        q = q.where(Training.end_date >= flt.date_from)
    if flt.date_to:
        q = q.where(Training.start_date <= flt.date_to)
    return q


def _text_match_ids(session: Session, text: str) -> set[str]:
    """Trainings whose title, theme, place, partner or a participant matches ``text``."""
    needle = fold(text)
    pattern = f"%{needle}%"
    ids: set[str] = set()
    for tid, title, theme in session.execute(
        select(Training.id, Training.title, Training.theme).where(Training.deleted.is_(False))
    ):
        if needle in fold(title) or needle in fold(theme):
            ids.add(tid)
    for tid, name in session.execute(
        select(TrainingSession.training_id, Location.name)
        .join(Location, Location.id == TrainingSession.location_id)
        .where(TrainingSession.deleted.is_(False))
    ):
        if needle in fold(name):
            ids.add(tid)
    for tid, acronym, name in session.execute(
        select(TrainingPartner.training_id, Partner.acronym, Partner.name)
        .join(Partner, Partner.id == TrainingPartner.partner_id)
        .where(TrainingPartner.deleted.is_(False))
    ):
        if needle in fold(acronym) or needle in fold(name):
            ids.add(tid)
    ids.update(
        session.scalars(
            select(Enrolment.training_id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(
                Enrolment.deleted.is_(False),
                Person.deleted.is_(False),
                Person.name_key.like(pattern),
            )
        )
    )
    return ids


_ORDER_COLUMNS = {
    "start": Training.start_date,
    "end": Training.end_date,
    "title": Training.title,
    "status": Training.status,
    "kind": Training.kind,
}


def search_training_ids(inst: Installation, flt: TrainingFilter | None = None) -> list[str]:
    """Ordered ids of the trainings matching ``flt``: cheap, for a lazy table model."""
    flt = flt or TrainingFilter()
    with inst.db.reading() as session:
        q = _filtered_ids_query(flt)
        if flt.order_by == "mission":
            if not flt.mission:
                q = q.join(Mission, Mission.id == Training.mission_id)
            column: ColumnElement[object] | InstrumentedAttribute[object] = Mission.code
        elif flt.order_by == "sessions":
            column = (
                select(func.count())
                .where(
                    TrainingSession.training_id == Training.id,
                    TrainingSession.deleted.is_(False),
                )
                .scalar_subquery()
            )
        elif flt.order_by == "places":
            column = (
                select(func.min(Location.name))
                .join(TrainingSession, TrainingSession.location_id == Location.id)
                .where(
                    TrainingSession.training_id == Training.id,
                    TrainingSession.deleted.is_(False),
                )
                .scalar_subquery()
            )
        elif flt.order_by == "participants":
            count = (
                select(func.count())
                .where(Enrolment.training_id == Training.id, Enrolment.deleted.is_(False))
                .scalar_subquery()
            )
            column = count
        else:
            column = _ORDER_COLUMNS.get(flt.order_by, Training.start_date)
        ordering = column.desc() if flt.descending else column.asc()
        tiebreak = Training.title.desc() if flt.descending else Training.title.asc()
        last = Training.id.desc() if flt.descending else Training.id.asc()
        # Through the Core connection: plain strings, none of the ORM's row handling
        # (20,000 ids come a little faster).
        ids = list(session.connection().execute(q.order_by(ordering, tiebreak, last)).scalars())
        if flt.text.strip():
            matching = _text_match_ids(session, flt.text)
            ids = [i for i in ids if i in matching]
        return ids


def training_rows(inst: Installation, ids: Sequence[str]) -> dict[str, TrainingRow]:
    """List rows for a batch of ids, in a fixed number of queries whatever the batch size."""
    if not ids:
        return {}
    rows: dict[str, TrainingRow] = {}
    with inst.db.reading() as session:
        id_list = list(ids)
        counts = dict(
            session.execute(
                select(Enrolment.training_id, func.count())
                .where(Enrolment.training_id.in_(id_list), Enrolment.deleted.is_(False))
                .group_by(Enrolment.training_id)
            ).all()
        )
        places: dict[str, list[str]] = {}
        session_counts: dict[str, int] = {}
        for tid, name in session.execute(
            select(TrainingSession.training_id, Location.name)
            .outerjoin(Location, Location.id == TrainingSession.location_id)
            .where(TrainingSession.training_id.in_(id_list), TrainingSession.deleted.is_(False))
            .order_by(TrainingSession.date)
        ):
            session_counts[tid] = session_counts.get(tid, 0) + 1
            if name and name not in places.setdefault(tid, []):
                places[tid].append(name)
        for tid, code, title, kind, status, start, end in session.execute(
            select(
                Training.id,
                Mission.code,
                Training.title,
                Training.kind,
                Training.status,
                Training.start_date,
                Training.end_date,
            )
            .join(Mission, Mission.id == Training.mission_id)
            .where(Training.id.in_(id_list))
        ):
            rows[tid] = TrainingRow(
                id=tid,
                mission=code,
                title=title,
                kind=kind,
                status=status,
                start=start,
                end=end,
                locations=", ".join(places.get(tid, [])),
                session_count=session_counts.get(tid, 0),
                participant_count=int(counts.get(tid, 0)),
            )
    return rows


def list_trainings(inst: Installation, flt: TrainingFilter | None = None) -> list[TrainingRow]:
    ids = search_training_ids(inst, flt)
    rows = training_rows(inst, ids)
    return [rows[i] for i in ids if i in rows]


def count_trainings(inst: Installation) -> int:
    with inst.db.reading() as session:
        return int(session.scalar(select(func.count()).where(Training.deleted.is_(False))) or 0)


def filters_anything(flt: TrainingFilter) -> bool:
    """Whether ``flt`` leaves out any training (its order aside)."""
    return bool(flt.text.strip() or flt.mission or flt.status or flt.date_from or flt.date_to)


def search_with_total(
    inst: Installation, flt: TrainingFilter | None = None
) -> tuple[list[str], int]:
    """The ordered ids matching ``flt`` and how many trainings there are in all.

    With nothing filtered the ids are all of them, so their number is the total
    (no second query: 20,000 trainings open a little faster).
    """
    flt = flt or TrainingFilter()
    ids = search_training_ids(inst, flt)
    return ids, (count_trainings(inst) if filters_anything(flt) else len(ids))


# --- writing ---------------------------------------------------------------------------


def _apply(session: Session, training: Training, data: TrainingInput) -> None:
    mission = reference._find_mission(session, data.mission)
    if mission is None:
        raise ValidationError(
            {"mission": Phrase("There is no mission with the code {code}.", code=data.mission)}
        )
    training.mission_id = mission.id
    training.title = clean_text(data.title)
    training.theme = clean_text(data.theme)
    training.kind = data.kind
    training.status = data.status
    training.start_date = data.start
    training.end_date = data.end
    training.description = (data.description or "").strip()
    training.trainers = [t for t in (clean_text(x) for x in data.trainers) if t]
    if training not in session:
        session.add(training)
    session.flush()

    # Partners: keep, update, add, and soft-delete those no longer listed.
    current = {
        tp.partner_id: tp
        for tp in session.scalars(
            select(TrainingPartner).where(TrainingPartner.training_id == training.id)
        )
    }
    wanted: set[str] = set()
    for p in data.partners:
        partner = reference.find_partner(session, p.acronym)
        if partner is None:
            raise ValidationError(
                {
                    f"partners.{p.acronym}": Phrase(
                        "There is no partner called {partner}.", partner=p.acronym
                    )
                }
            )
        wanted.add(partner.id)
        tp = current.get(partner.id)
        if tp is None:
            tp = TrainingPartner(
                id=derived_id("training_partner", training.id, partner.id),
                training_id=training.id,
                partner_id=partner.id,
            )
            session.add(tp)
        tp.role, tp.deleted = p.role, False
    for pid, tp in current.items():
        if pid not in wanted and not tp.deleted:
            tp.deleted = True

    # Sessions: ids kept are updated, new ones added, missing ones deleted with attendance.
    existing = {
        s.id: s
        for s in session.scalars(
            select(TrainingSession).where(
                TrainingSession.training_id == training.id, TrainingSession.deleted.is_(False)
            )
        )
    }
    kept: set[str] = set()
    for s in data.sessions:
        location = reference.ensure_location(session, s.location, mission.id)
        row = existing.get(s.id) if s.id else None
        if row is None:
            row = TrainingSession(training_id=training.id)
            session.add(row)
        row.date, row.location_id, row.topic = s.date, location.id, clean_text(s.topic)
        row.start_minute, row.end_minute, row.required = s.start_minute, s.end_minute, s.required
        if s.id:
            kept.add(s.id)
    for sid, row in existing.items():
        if sid not in kept:
            _delete_session(session, row)


def _delete_session(session: Session, row: TrainingSession) -> None:
    row.deleted = True
    for att in session.scalars(
        select(Attendance).where(Attendance.session_id == row.id, Attendance.deleted.is_(False))
    ):
        att.deleted = True


def evaluation_records(session: Session, training_id: str) -> list[SyncMixin]:
    """A training's knowledge-test scores and feedback answers (deleted along with it)."""
    return [
        *session.scalars(select(TestScore).where(TestScore.training_id == training_id)),
        *session.scalars(select(FeedbackAnswer).where(FeedbackAnswer.training_id == training_id)),
    ]


def create_training(inst: Installation, data: TrainingInput) -> TrainingInfo:
    errors = _validate(data)
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as session:
        training = Training()
        _apply(session, training, data)
        session.flush()
        return _info(session, training)


def update_training(inst: Installation, training_id: str, data: TrainingInput) -> TrainingInfo:
    errors = _validate(data)
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as session:
        training = _live_training(session, training_id)
        _apply(session, training, data)
        session.flush()
        return _info(session, training)


def delete_training(inst: Installation, training_id: str) -> int:
    """Soft-delete a training with everything that hangs off it; returns the undo token.

    Everything is stamped in one flush, so all of it shares one version: the token.
    """
    with inst.db.transaction() as session, session.no_autoflush:
        training = _live_training(session, training_id)
        session_ids = select(TrainingSession.id).where(TrainingSession.training_id == training_id)
        children: list[SyncMixin] = [
            *session.scalars(
                select(TrainingSession).where(TrainingSession.training_id == training_id)
            ),
            *session.scalars(
                select(TrainingPartner).where(TrainingPartner.training_id == training_id)
            ),
            *session.scalars(select(Enrolment).where(Enrolment.training_id == training_id)),
            *session.scalars(select(Attendance).where(Attendance.session_id.in_(session_ids))),
            *evaluation_records(session, training_id),
        ]
        training.deleted = True
        for child in children:
            if not child.deleted:
                child.deleted = True
        session.flush()
        return training.version


def restore_training(inst: Installation, training_id: str, token: int) -> TrainingInfo:
    """Undo :func:`delete_training`: bring back exactly what that deletion removed."""
    with inst.db.transaction() as session:
        training = session.get(Training, training_id)
        if training is None or not training.deleted or training.version != token:
            raise UserError(Phrase("This deletion can no longer be undone."))
        training.deleted = False
        session_ids = select(TrainingSession.id).where(TrainingSession.training_id == training_id)
        children: tuple[tuple[type[SyncMixin], ColumnElement[bool]], ...] = (
            (TrainingSession, TrainingSession.training_id == training_id),
            (TrainingPartner, TrainingPartner.training_id == training_id),
            (Enrolment, Enrolment.training_id == training_id),
            (Attendance, Attendance.session_id.in_(session_ids)),
            (TestScore, TestScore.training_id == training_id),
            (FeedbackAnswer, FeedbackAnswer.training_id == training_id),
        )
        for model, condition in children:
            for row in session.scalars(
                select(model).where(condition, model.deleted.is_(True), model.version == token)
            ):
                row.deleted = False
        session.flush()
        return _info(session, training)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def same_weekday_later(day: date, months: int = 1) -> date:
    """The day on the same weekday closest to ``months`` months after ``day``.

    A Tuesday training stays on Tuesdays: 14 May 2024 (Tue) gives 11 June 2024 (Tue),
    four weeks on, rather than 14 June (a Friday) or a weekend.
    """
    target = _add_months(day, months)
    weeks = round((target - day).days / 7)
    return day + timedelta(weeks=max(weeks, 1) if months > 0 else weeks)


def duplicate_training(inst: Installation, training_id: str, months: int = 1) -> TrainingInfo:
    """Same training, ``months`` later on the same weekdays: details, partners, trainers
    and sessions, planned. Every date moves by the same whole number of weeks."""
    source = get_training(inst, training_id)
    start = same_weekday_later(source.start, months)
    shift = start - source.start
    data = TrainingInput(
        title=source.title,
        mission=source.mission,
        start=start,
        end=source.end + shift,
        theme=source.theme,
        kind=source.kind,
        status="planned",
        description=source.description,
        trainers=source.trainers,
        partners=tuple(PartnerRoleInput(p.acronym, p.role) for p in source.partners),
        sessions=tuple(
            SessionInput(
                s.date + shift, s.location, s.topic, None, s.start_minute, s.end_minute, s.required
            )
            for s in source.sessions
        ),
    )
    info = create_training(inst, data)
    with inst.db.transaction() as session:  # the same completion rule and test
        copy = _live_training(session, info.id)
        copy.completion_rule, copy.completion_percent = (
            source.completion_rule,
            source.completion_percent,
        )
        copy.test_max_score = source.test_max_score
        session.flush()
        return _info(session, copy)


def mark_held(inst: Installation, training_id: str) -> TrainingInfo:
    """Set a planned training's status to "held" (its attendance has been taken)."""
    with inst.db.transaction() as session:
        training = _live_training(session, training_id)
        if training.status == "planned":
            training.status = "held"
        session.flush()
        return _info(session, training)
