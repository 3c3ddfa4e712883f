"""Reading a training's participant list and marks once for a whole document.

A summary PDF's sections (figures, completion, feedback, per-diem) each ask for the
training's participants and marks; with 10,000 participants every read of the list
took 0.8 s, and the 30,000 marks were read four times. Inside :func:`read_once`, each
of those reads runs once and its result is shared (the values are not copied: the
callers only read them). Nothing may be written meanwhile: the block only reads.
Outside the block every call reads the database, as before.
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
    return memo[full]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class TrainingMarks:
    """A training's live marks at its live sessions (everyone's), read in one pass."""

    status: dict[tuple[str, str], str]  # (person id, session id) -> status
    minutes: dict[tuple[str, str], int]  # late / left early, when given
    present: set[tuple[str, str]]  # (person id, session id) with a "present" mark


def training_marks(inst: Installation, training_id: str) -> TrainingMarks:
    """The marks the attendance grid, the completion and the per-diem start from."""
    return once(inst, ("marks", training_id), lambda: _read_marks(inst, training_id))


def _read_marks(inst: Installation, training_id: str) -> TrainingMarks:
    status: dict[tuple[str, str], str] = {}
    minutes: dict[tuple[str, str], int] = {}
    present: set[tuple[str, str]] = set()
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
        )
        for pid, sid, st, m in rows:
            key = (pid, sid)
            status[key] = st
            if m is not None:
                minutes[key] = m
            if st == "present":
                present.add(key)
    return TrainingMarks(status, minutes, present)
