"""Attendance: who was present, absent or excused at each session of a training.

No row means "not expected" (a Beni participant is not expected in Kinshasa), so
the attendance rate is present marks over all recorded marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import derived_id
from app.db.models import ATTENDANCE_STATUSES, Attendance, Enrolment, TrainingSession
from app.errors import NotFoundError, UserError
from app.services.installation import Installation
from app.services.people import ParticipantInfo, list_participants
from app.services.trainings import SessionInfo, get_training


@dataclass(frozen=True)
class AttendanceGrid:
    training_id: str
    sessions: tuple[SessionInfo, ...]
    participants: tuple[ParticipantInfo, ...]
    marks: dict[tuple[str, str], str]  # (person_id, session_id) -> status

    def session_totals(self, session_id: str) -> dict[str, int]:
        totals = dict.fromkeys(ATTENDANCE_STATUSES, 0)
        for (_, sid), status in self.marks.items():
            if sid == session_id:
                totals[status] += 1
        return totals

    def person_present(self, person_id: str) -> int:
        return sum(1 for (pid, _), st in self.marks.items() if pid == person_id and st == "present")

    @property
    def rate(self) -> float | None:
        """Present marks over recorded marks, or None before anything is recorded."""
        if not self.marks:
            return None
        return sum(1 for st in self.marks.values() if st == "present") / len(self.marks)


@dataclass(frozen=True)
class Mark:
    session_id: str
    person_id: str
    status: str | None  # None clears the mark


def get_grid(inst: Installation, training_id: str) -> AttendanceGrid:
    info = get_training(inst, training_id)
    participants = tuple(list_participants(inst, training_id))
    person_ids = {p.person.id for p in participants}
    with inst.db.reading() as session:
        rows = session.execute(
            select(Attendance.person_id, Attendance.session_id, Attendance.status)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
            )
        ).all()
    marks = {(pid, sid): st for pid, sid, st in rows if pid in person_ids}
    return AttendanceGrid(training_id, info.sessions, participants, marks)


def _apply_mark(session: Session, mark: Mark) -> None:
    if mark.status is not None and mark.status not in ATTENDANCE_STATUSES:
        raise UserError(f"'{mark.status}' is not an attendance status.")
    sess = session.get(TrainingSession, mark.session_id)
    if sess is None or sess.deleted:
        raise NotFoundError("That session no longer exists.")
    enrolment = session.get(Enrolment, derived_id("enrolment", sess.training_id, mark.person_id))
    if enrolment is None or enrolment.deleted:
        raise UserError("Only people registered for the training can be marked present.")
    att_id = derived_id("attendance", mark.session_id, mark.person_id)
    att = session.get(Attendance, att_id)
    if mark.status is None:
        if att is not None and not att.deleted:
            att.deleted = True
        return
    if att is None:
        att = Attendance(id=att_id, session_id=mark.session_id, person_id=mark.person_id)
        session.add(att)
    att.status, att.deleted = mark.status, False


def set_marks(inst: Installation, marks: Iterable[Mark]) -> int:
    """Record many marks in one transaction: all of them or none. Returns how many."""
    count = 0
    with inst.db.transaction() as session:
        for mark in marks:
            _apply_mark(session, mark)
            count += 1
    return count


def set_attendance(inst: Installation, session_id: str, person_id: str, status: str | None) -> None:
    set_marks(inst, [Mark(session_id, person_id, status)])


def mark_all_present(inst: Installation, session_id: str) -> int:
    """Everyone registered and not yet marked for this session becomes present."""
    with inst.db.reading() as session:
        sess = session.get(TrainingSession, session_id)
        if sess is None or sess.deleted:
            raise NotFoundError("That session no longer exists.")
        training_id = sess.training_id
    grid = get_grid(inst, training_id)
    marks = [
        Mark(session_id, p.person.id, "present")
        for p in grid.participants
        if (p.person.id, session_id) not in grid.marks
    ]
    return set_marks(inst, marks)
