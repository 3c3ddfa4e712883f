"""Reading a training once for a whole document (the signed summary PDF).

The summary's sections (figures, completion, feedback, per-diem) each ask for the
training, its participant list and its marks; with 10,000 participants every read of
the list took 0.8 s, and the 30,000 marks were read four times. Inside
:func:`read_once`, each read memoised with :func:`once` runs once and its result is
shared: the training (``trainings.get_training``), the participant list
(``people.list_participants``, a new list per caller), the marks
(:func:`training_marks`) and the per-diem totals. Callers only read these values, and
nothing may be written meanwhile: the block only reads. Outside the block every call
reads the database, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from app.db.models import Attendance, TrainingSession
from app.services.installation import Installation

T = TypeVar("T")

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("read_once", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within the block, each memoised read (:func:`once`) runs once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def once(inst: Installation, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or inside :func:`read_once` what it gave the first time for ``key``."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    full = (id(inst), key)
    if full not in memo:
        memo[full] = read()
    result: T = memo[full]
    return result


@dataclass(frozen=True)
class TrainingMarks:
    """A training's live marks at its live sessions (everyone's), read in one pass.

    By session, then person: a handful of dicts, not an object per mark.
    """

    status: dict[str, dict[str, str]]  # session id -> person id -> status
    minutes: dict[str, dict[str, int]]  # late / left early, when given
    present: dict[str, set[str]]  # session id -> people with a "present" mark


def training_marks(inst: Installation, training_id: str) -> TrainingMarks:
    """The marks the completion and the per-diem start from (inside :func:`read_once`,
    read once for both)."""
    return once(inst, ("marks", training_id), lambda: _read_marks(inst, training_id))


def _read_marks(inst: Installation, training_id: str) -> TrainingMarks:
    status: dict[str, dict[str, str]] = {}
    minutes: dict[str, dict[str, int]] = {}
    present: dict[str, set[str]] = {}
    with inst.db.reading() as session:
        # Through the connection: rows one at a time, not the ORM's lists of all of them.
        rows = session.connection().execute(
            select(
                Attendance.session_id, Attendance.person_id, Attendance.status, Attendance.minutes
            )
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
            )
        )
        for sid, pid, st, m in rows:
            if sid not in status:
                status[sid], minutes[sid], present[sid] = {}, {}, set()
            status[sid][pid] = st  # as the grid: the last of two marks for one pair
            if m is not None:
                minutes[sid][pid] = m
            if st == "present":
                present[sid].add(pid)
    return TrainingMarks(status, minutes, present)
