"""The completion rule and the minutes attended, as SQL over one (training, person)'s marks.

Shared by the recount (``evaluation.figures``) and the figures kept in every write
transaction (``figures.maintain``), so both decide a completion the same way. It
imports only the models: the figures upkeep runs inside every write transaction and
must not pull in the services.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, or_

from app.db.models import ATTENDED_STATUSES, Attendance, TrainingSession


def mark_aggregates() -> list[Any]:
    """Sessions expected, attended, required and attended of those, and minutes spent,
    over the marks grouped by (training, person)."""
    came = Attendance.status.in_(ATTENDED_STATUSES)
    required = TrainingSession.required.is_(True)
    length = TrainingSession.end_minute - TrainingSession.start_minute
    missed = case(
        (Attendance.status.in_(("late", "left_early")), func.coalesce(Attendance.minutes, 0)),
        else_=0,
    )
    spent = case((and_(came, length > 0, length - missed > 0), length - missed), else_=0)
    return [
        func.count().label("expected"),
        func.sum(case((came, 1), else_=0)).label("attended"),
        func.sum(case((required, 1), else_=0)).label("req_expected"),
        func.sum(case((and_(required, came), 1), else_=0)).label("req_attended"),
        func.sum(spent).label("minutes"),
    ]


def timed_aggregate() -> Any:
    """Sessions attended whose length is known (none: the hours attended are not known)."""
    came = Attendance.status.in_(ATTENDED_STATUSES)
    length = TrainingSession.end_minute - TrainingSession.start_minute
    return func.sum(case((and_(came, length > 0), 1), else_=0)).label("timed")


def completed_condition(per: Any) -> Any:
    """The rule of :func:`.completion.person_completed` on a subquery of
    :func:`mark_aggregates` with the training's ``rule`` and ``percent``."""
    c = per.c
    return and_(
        c.attended > 0,
        or_(
            and_(c.rule == "required", c.req_expected > 0, c.req_attended == c.req_expected),
            and_(c.rule == "required", c.req_expected == 0, c.attended == c.expected),
            and_(c.rule != "required", c.attended * 100 >= c.expected * c.percent),
        ),
    )
