"""Attendance: who was present, late, left early, absent or excused at each session.

No row means "not expected" (a Beni participant is not expected in Kinshasa), so
the attendance rate is attended marks (present, late, left early) over all recorded
marks. Late and left-early marks may say how many minutes (optional).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from app.db.base import derived_id
from app.db.models import (
    ATTENDANCE_STATUSES,
    ATTENDED_STATUSES,
    Attendance,
    Enrolment,
    TrainingSession,
)
from app.errors import NotFoundError, UserError
from app.l10n import Phrase
from app.services.installation import Installation
from app.services.people import ParticipantInfo, list_participants
from app.services.trainings import SessionInfo, get_training


@dataclass(frozen=True)
class AttendanceGrid:
    training_id: str
    sessions: tuple[SessionInfo, ...]
    participants: tuple[ParticipantInfo, ...]
    marks: dict[tuple[str, str], str]  # (person_id, session_id) -> status
    minutes: dict[tuple[str, str], int] = field(default_factory=dict)  # late / left early

    def session_totals(self, session_id: str) -> dict[str, int]:
        totals = dict.fromkeys(ATTENDANCE_STATUSES, 0)
        for (_, sid), status in self.marks.items():
            if sid == session_id:
                totals[status] += 1
        return totals

    def person_present(self, person_id: str) -> int:
        """Sessions the person attended (present, late or left early)."""
        return sum(
            1 for (pid, _), st in self.marks.items() if pid == person_id and st in ATTENDED_STATUSES
        )

    @property
    def rate(self) -> float | None:
        """Attended marks over recorded marks, or None before anything is recorded."""
        if not self.marks:
            return None
        return sum(1 for st in self.marks.values() if st in ATTENDED_STATUSES) / len(self.marks)


@dataclass(frozen=True)
class Mark:
    session_id: str
    person_id: str
    status: str | None  # None clears the mark
    minutes: int | None = None  # how late, or how early they left (late / left_early only)


def get_grid(inst: Installation, training_id: str) -> AttendanceGrid:
    info = get_training(inst, training_id)
    participants = tuple(list_participants(inst, training_id))
    person_ids = {p.person.id for p in participants}
    with inst.db.reading() as session:
        rows = session.execute(
            select(
                Attendance.person_id, Attendance.session_id, Attendance.status, Attendance.minutes
            )
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
            )
        ).all()
    marks = {(pid, sid): st for pid, sid, st, _m in rows if pid in person_ids}
    minutes = {(pid, sid): m for pid, sid, _st, m in rows if pid in person_ids and m is not None}
    return AttendanceGrid(training_id, info.sessions, participants, marks, minutes)


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def set_marks(inst: Installation, marks: Iterable[Mark]) -> int:
    """Record many marks in one transaction: all of them or none. Returns how many.

    Sessions, enrolments and existing marks are loaded in a few IN queries and the
    changes flushed once, so a "mark all present" over thousands of people is one
    short transaction rather than a query (and a clock tick) per mark.
    """
    marks = list(marks)
    for mark in marks:
        if mark.status is not None and mark.status not in ATTENDANCE_STATUSES:
            raise UserError(Phrase("'{status}' is not an attendance status.", status=mark.status))
        if mark.minutes is not None and not 0 <= mark.minutes <= 1440:
            raise UserError(Phrase("Minutes late or left early must be between 0 and 1,440."))
    if not marks:
        return 0
    with inst.db.transaction() as session, session.no_autoflush:
        sessions: dict[str, TrainingSession] = {}
        for chunk in _chunks(sorted({m.session_id for m in marks})):
            sessions.update(
                (s.id, s)
                for s in session.scalars(
                    select(TrainingSession).where(
                        TrainingSession.id.in_(chunk), TrainingSession.deleted.is_(False)
                    )
                )
            )
        if any(m.session_id not in sessions for m in marks):
            raise NotFoundError(Phrase("That session no longer exists."))
        wanted_enrolments = {
            derived_id("enrolment", sessions[m.session_id].training_id, m.person_id) for m in marks
        }
        live_enrolments: set[str] = set()
        for chunk in _chunks(sorted(wanted_enrolments)):
            live_enrolments.update(
                session.scalars(
                    select(Enrolment.id).where(
                        Enrolment.id.in_(chunk), Enrolment.deleted.is_(False)
                    )
                )
            )
        if wanted_enrolments - live_enrolments:
            raise UserError(
                Phrase("Only people registered for the training can be marked present.")
            )
        existing: dict[str, Attendance] = {}
        attendance_ids = sorted(
            {derived_id("attendance", m.session_id, m.person_id) for m in marks}
        )
        for chunk in _chunks(attendance_ids):
            existing.update(
                (a.id, a)
                for a in session.scalars(select(Attendance).where(Attendance.id.in_(chunk)))
            )
        for mark in marks:
            att_id = derived_id("attendance", mark.session_id, mark.person_id)
            att = existing.get(att_id)
            if mark.status is None:
                if att is not None and not att.deleted:
                    att.deleted = True
                continue
            if att is None:
                att = Attendance(id=att_id, session_id=mark.session_id, person_id=mark.person_id)
                session.add(att)
                existing[att_id] = att
            minutes = mark.minutes if mark.status in ("late", "left_early") else None
            if att.status != mark.status or att.deleted or att.minutes != minutes:
                att.status, att.deleted, att.minutes = mark.status, False, minutes
    return len(marks)


def set_attendance(inst: Installation, session_id: str, person_id: str, status: str | None) -> None:
    set_marks(inst, [Mark(session_id, person_id, status)])


def mark_all_present(inst: Installation, session_id: str) -> int:
    """Everyone registered and not yet marked for this session becomes present."""
    with inst.db.reading() as session:
        sess = session.get(TrainingSession, session_id)
        if sess is None or sess.deleted:
            raise NotFoundError(Phrase("That session no longer exists."))
        training_id = sess.training_id
    grid = get_grid(inst, training_id)
    marks = [
        Mark(session_id, p.person.id, "present")
        for p in grid.participants
        if (p.person.id, session_id) not in grid.marks
    ]
    return set_marks(inst, marks)
