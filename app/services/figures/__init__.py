"""Report figures kept up to date in the same transaction as every change.

ORM edits are caught by a session hook: every flush notes the trainings, sessions and
people it touched, and just before the commit their figures are recomputed on the
session's own connection (so a rolled-back edit leaves the figures as they were).
Writers that bypass the ORM's unit of work (Core bulk inserts, the bundle importer's
DB-API connection) call :func:`touch` or :func:`maintain.refresh` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.db import models
from app.services.figures.maintain import ConnectionRunner, DbApiRunner, rebuild, refresh

__all__ = ["DbApiRunner", "install", "rebuild", "refresh", "touch", "touch_record"]

_PENDING = "figures.pending"


def _pending(session: Session) -> dict[str, set[str]]:
    return session.info.setdefault(
        _PENDING, {"trainings": set(), "sessions": set(), "people": set()}
    )


def touch(
    session: Session,
    trainings: Iterable[str] = (),
    sessions: Iterable[str] = (),
    people: Iterable[str] = (),
) -> None:
    """Note changes the ORM did not see (Core statements); recomputed before the commit."""
    pending = _pending(session)
    pending["trainings"].update(trainings)
    pending["sessions"].update(sessions)
    pending["people"].update(people)


def touch_record(session: Session, table_name: str, record_id: str) -> None:
    """Note a row changed by a Core UPDATE, whatever its table."""
    model = {cls.__tablename__: cls for cls in models.SYNCED_MODELS}.get(table_name)
    if model is None:
        return
    obj = session.get(model, record_id)
    if obj is not None:
        session.refresh(obj)
        _noted(session, [obj])


_ROW_KEYS = {  # bundle table -> (what its rows touch, the column naming it)
    "trainings": ("trainings", "id"),
    "training_sessions": ("trainings", "training_id"),
    "enrolments": ("trainings", "training_id"),
    "training_partners": ("trainings", "training_id"),
    "attendance": ("sessions", "session_id"),
    "people": ("people", "id"),
}


def touched_by_rows(tables: dict[str, Any]) -> dict[str, set[str]]:
    """What incoming bundle rows (``{table: TableData}``) touch, for :func:`refresh`."""
    out: dict[str, set[str]] = {"trainings": set(), "sessions": set(), "people": set()}
    for table, (kind, column) in _ROW_KEYS.items():
        data = tables.get(table)
        if data is None or column not in data.columns:
            continue
        out[kind].update(map(itemgetter(data.columns.index(column)), data.rows))
    people = tables.get("people")
    if people is not None and "merged_into_id" in people.columns:
        out["people"].update(map(itemgetter(people.columns.index("merged_into_id")), people.rows))
    for ids in out.values():
        ids.discard(None)  # no training, no merge
        ids.discard("")
    return out


def _noted(session: Session, objects: Iterable[Any]) -> None:
    pending = _pending(session)
    for obj in objects:
        if isinstance(obj, models.Training):
            pending["trainings"].add(obj.id)
        elif isinstance(obj, models.TrainingSession | models.Enrolment | models.TrainingPartner):
            pending["trainings"].add(obj.training_id)
            if isinstance(obj, models.Enrolment):
                pending["people"].update(_old_and_new(obj, "person_id"))
        elif isinstance(obj, models.Attendance):
            pending["sessions"].add(obj.session_id)
        elif isinstance(obj, models.Person):
            pending["people"].add(obj.id)
            pending["people"].update(_old_and_new(obj, "merged_into_id"))


def _old_and_new(obj: Any, name: str) -> set[str]:
    history = inspect(obj).attrs[name].history
    return {v for v in (*history.added, *history.deleted, *history.unchanged) if v}


def _after_flush(session: Session, _context: Any) -> None:
    _noted(session, (*session.new, *session.dirty, *session.deleted))


def _before_commit(session: Session) -> None:
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending and any(pending.values()):
        refresh(ConnectionRunner(session.connection()), **pending)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Keep the figures of every session made by ``sessions`` (the installation's)."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_rollback", _forget)
