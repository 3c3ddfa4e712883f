"""Who completed a training: sessions attended, hours, and the training's rule.

A person is *expected* at the sessions they have a mark for (a blank means "not
expected": a Beni participant is not expected in Kinshasa). Present, late and left
early count as attended; absent and excused do not. The rule is the training's:

- ``share``: attended at least ``percent`` % of the sessions they were expected at
  (80 % by default, what donors usually count as "trained");
- ``required``: attended every session marked required that they were expected at
  (when no session is marked required: every session they were expected at).

Hours attended: each attended session's length (when both its times are known) less
the minutes late or left early. :func:`person_completed` and :func:`attended_minutes`
are the rule itself, one person at a time; :mod:`.rule` says the same in SQL, which
:func:`training_completion` (one aggregate for 10,000 participants), the consolidated
reports (``figures``) and the kept figures use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Integer, String, func, literal, select

from app.db.engine import batched_rows
from app.db.models import (
    ATTENDED_STATUSES,
    COMPLETION_RULES,
    Attendance,
    Category,
    Enrolment,
    Person,
    Training,
    TrainingSession,
)
from app.errors import UserError
from app.l10n import Phrase, tr
from app.services.evaluation.rule import completed_condition, mark_aggregates, timed_aggregate
from app.services.installation import Installation
from app.services.read_once import once
from app.services.trainings import (
    SessionInfo,
    TrainingInfo,
    _info,
    _live_training,
    get_training,
    participants_select,
)

DEFAULT_PERCENT = 80


@dataclass(frozen=True)
class CompletionRule:
    kind: str = "share"  # "share" or "required"
    percent: int = DEFAULT_PERCENT

    def describe(self, lang: str = "en") -> str:
        if self.kind == "required":
            return tr(lang, "every session marked required")
        return tr(lang, "at least {percent} % of the sessions", percent=self.percent)


@dataclass(frozen=True)
class PersonCompletion:
    person_id: str
    full_name: str
    sex: str
    category: str  # code, "" when none
    expected: int  # sessions with a mark
    attended: int  # present, late or left early
    hours: float | None  # None when no attended session has both its times
    completed: bool
    minutes: int = 0  # attended, of sessions with both times: what ``hours`` rounds
    category_name: str | None = None  # English name, the reports' key; None when none
    category_name_fr: str | None = None
    organisation: str = ""
    function: str = ""


@dataclass(frozen=True)
class TrainingCompletion:
    training: TrainingInfo
    rule: CompletionRule
    people: tuple[PersonCompletion, ...]

    @property
    def completed(self) -> int:
        return sum(1 for p in self.people if p.completed)

    def person(self, person_id: str) -> PersonCompletion | None:
        return next((p for p in self.people if p.person_id == person_id), None)


def person_completed(rule: CompletionRule, marks: list[tuple[str, bool]]) -> bool:
    """``marks``: (status, session required) for every session the person was expected at."""
    attended = [required for status, required in marks if status in ATTENDED_STATUSES]
    if not attended:
        return False
    if rule.kind == "required":
        required = [status for status, req in marks if req]
        if not required:  # nothing marked required: every session counts
            return len(attended) == len(marks)
        return all(status in ATTENDED_STATUSES for status in required)
    return len(attended) * 100 >= len(marks) * rule.percent


def attended_minutes(session: SessionInfo, status: str, minutes: int | None) -> int | None:
    """Minutes spent at one session: its length less the minutes late or left early."""
    if status not in ATTENDED_STATUSES:
        return 0
    hours = session.hours
    if hours is None:
        return None
    missed = minutes if status in ("late", "left_early") and minutes else 0
    return max(0, round(hours * 60) - missed)


def training_completion(inst: Installation, training_id: str) -> TrainingCompletion:
    """Every participant's sessions, hours and completion, from the training's marks.

    One statement: the participants (as ``people.list_participants`` lists them), each
    with the aggregates of their marks (the covering index of attendance) and the rule
    in SQL (:mod:`.rule`, as the report and the kept figures decide it): the same as
    :func:`person_completed` and :func:`attended_minutes` over the grid's marks. Inside
    ``read_once`` it is read once: the summary's report counts its figures from it.
    """
    return once(inst, ("completion", training_id), lambda: _completion(inst, training_id))


def counted_as_listed(inst: Installation, training_id: str) -> bool:
    """Whether the training is live and none of its registered records is merged: then
    its participants are the people the completion list names, and the report counts
    each one's own marks, as the list does (read once inside ``read_once``)."""
    merged = (
        select(Enrolment.id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.training_id == training_id, Enrolment.deleted.is_(False),
               Person.merged_into_id.is_not(None))
    )  # fmt: skip
    q = select(Training.id).where(
        Training.id == training_id, Training.deleted.is_(False), ~merged.exists()
    )

    def read() -> bool:
        with inst.db.reading() as session:
            return session.execute(q).first() is not None

    return once(inst, ("counted_as_listed", training_id), read)


def _completion(inst: Installation, training_id: str) -> TrainingCompletion:
    info = get_training(inst, training_id)
    rule = CompletionRule(info.completion_rule, info.completion_percent)
    per = (
        select(Attendance.person_id.label("person_id"), literal(rule.kind, String).label("rule"),
               literal(rule.percent, Integer).label("percent"), *mark_aggregates(),
               timed_aggregate())
        .select_from(TrainingSession)
        .join(Attendance, Attendance.session_id == TrainingSession.id)
        .where(TrainingSession.training_id == training_id, TrainingSession.deleted.is_(False),
               Attendance.deleted.is_(False))
        .group_by(Attendance.person_id)
    ).subquery("per")  # fmt: skip
    q = (
        participants_select(training_id, Person.id, Person.full_name, Person.sex,
                            func.coalesce(Category.code, ""), Category.name_en, Category.name_fr,
                            Person.organisation, Person.function, per.c.expected,
                            per.c.attended, per.c.minutes, per.c.timed, completed_condition(per))
        .outerjoin(Category, Category.id == Person.category_id)
        .outerjoin(per, per.c.person_id == Person.id)
    )  # fmt: skip
    with inst.db.reading() as session:
        # Through the connection, in batches: not the ORM's lists of all of them.
        people = tuple(
            PersonCompletion(pid, name, sex, category, int(expected or 0), int(attended or 0),
                             round(int(minutes) / 60, 2) if timed else None, bool(done),
                             int(minutes or 0), category_name, name_fr, organisation, function)
            for (pid, name, sex, category, category_name, name_fr, organisation, function,
                 expected, attended, minutes, timed, done)
            in batched_rows(session.connection().execute(q))
        )  # fmt: skip
    return TrainingCompletion(info, rule, people)


def set_completion_rule(inst: Installation, training_id: str, rule: CompletionRule) -> TrainingInfo:
    """Choose how the training counts completion; one transaction."""
    if rule.kind not in COMPLETION_RULES:
        raise UserError(
            Phrase("'{kind}' is not a completion rule: choose share or required.", kind=rule.kind)
        )
    if not 1 <= rule.percent <= 100:
        raise UserError(Phrase("The share of sessions must be between 1 and 100 %."))
    with inst.db.transaction() as session:
        training = _live_training(session, training_id)
        if (training.completion_rule, training.completion_percent) != (rule.kind, rule.percent):
            training.completion_rule, training.completion_percent = rule.kind, rule.percent
        session.flush()
        return _info(session, training)


def format_hours(hours: float | None, lang: str = "en") -> str:
    """'12.5 h' / '12,5 h'; '–' when the sessions' times are not known."""
    if hours is None:
        return "–"
    text = f"{hours:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "fr" else text) + " h"


_CLOCK = re.compile(r"^\s*(\d{1,2})(?:\s*[:hH.]\s*(\d{2})?)?\s*$")


def parse_clock(text: str) -> int | None:
    """Minutes after midnight from "9:00", "09:30", "9h30", "9h", "14.15"; None when empty.

    ValueError for anything else, or a time that does not exist (25:00, 9:75).
    """
    if not text.strip():
        return None
    found = _CLOCK.match(text)
    if found is None:
        raise ValueError(text)
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(text)
    return hours * 60 + minutes


def clock_text(minute: int | None) -> str:
    """ "09:30" for 570; "" for None."""
    if minute is None:
        return ""
    return f"{minute // 60:02d}:{minute % 60:02d}"
