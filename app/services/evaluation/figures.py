"""The report's evaluation figures: who completed, hours attended, knowledge-test gains.

``reports.build_report`` calls :func:`evaluation_figures` with the same filter, so
``muster report --json``, the summary PDF and the HQ tables agree. The statements are
SQLAlchemy Core, rendered for SQLite and PostgreSQL alike. The completion rule is the
one of :mod:`.completion`, written in SQL; people are resolved through merges as the
report resolves them, and only registered people count. One training with no merged
record among its participants is counted from its completion list instead (the same
marks, the same rule, one pass fewer for the summary PDF, which shows both).

Tests count only participants with both a pre- and a post-test score, in trainings
whose maximum score is set; a person tested in two trainings counts in each. Scores
are compared as shares of the maximum: ``mean_gain`` 0.25 means +25 points out of 100.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Select, String, and_, case, func, literal_column, or_, select

from app.db.models import (
    Attendance,
    Category,
    Enrolment,
    Mission,
    Partner,
    Person,
    TestScore,
    Training,
    TrainingPartner,
    TrainingSession,
)
from app.services.evaluation.completion import counted_as_listed, training_completion
from app.services.evaluation.rule import completed_condition, mark_aggregates
from app.services.installation import Installation


class ReportFilter(Protocol):
    """What ``reports.ReportFilter`` says (a Protocol: this module must not import reports)."""

    @property
    def mission(self) -> str | None: ...
    @property
    def date_from(self) -> date | None: ...
    @property
    def date_to(self) -> date | None: ...
    @property
    def training_id(self) -> str | None: ...
    @property
    def include_cancelled(self) -> bool: ...


NO_CATEGORY = "(none)"
# Inlined, not bound: PostgreSQL sees the SELECT and GROUP BY expressions as the same only
# when their text is the same (two bound parameters are two different expressions).
_NO_CATEGORY_SQL = literal_column("'(none)'", String)
SEX_LABELS = {"F": "female", "M": "male", "X": "unspecified"}


@dataclass(frozen=True)
class TestFigures:
    """Pre/post knowledge tests of the people with both scores."""

    __test__ = False  # not a pytest class

    with_both: int = 0
    mean_pre: float | None = None  # share of the maximum score
    mean_post: float | None = None
    mean_gain: float | None = None  # mean of (post - pre) / maximum
    improved: int = 0  # post > pre

    @property
    def improved_share(self) -> float | None:
        return self.improved / self.with_both if self.with_both else None

    def to_json(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {
            "with_both": self.with_both, "mean_pre": r(self.mean_pre),
            "mean_post": r(self.mean_post), "mean_gain": r(self.mean_gain),
            "improved": self.improved, "improved_share": r(self.improved_share),
        }  # fmt: skip


@dataclass(frozen=True)
class EvaluationFigures:
    completed: int = 0  # unique people who completed at least one selected training
    completed_by_sex: dict[str, int] = field(default_factory=dict)
    completed_by_category: dict[str, int] = field(default_factory=dict)
    completed_by_category_sex: dict[str, dict[str, int]] = field(default_factory=dict)
    hours_attended: float = 0.0  # all attended sessions with known times, summed
    scored: int = 0  # score records: ``tests`` is reported only when there are any
    tests: TestFigures = field(default_factory=TestFigures)
    tests_by_category: dict[str, TestFigures] = field(default_factory=dict)
    tests_by_sex: dict[str, TestFigures] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "completed": self.completed,
            "completed_by_sex": self.completed_by_sex,
            "completed_by_category": self.completed_by_category,
            "completed_by_category_sex": self.completed_by_category_sex,
            "hours_attended": round(self.hours_attended, 2),
        }
        if self.scored:
            data["tests"] = {
                **self.tests.to_json(),
                "by_category": {k: v.to_json() for k, v in self.tests_by_category.items()},
                "by_sex": {k: v.to_json() for k, v in self.tests_by_sex.items()},
            }
        return data


# --- selection -------------------------------------------------------------------------------


def selected_trainings(flt: ReportFilter) -> Select[str, str, date, str, int, int | None]:
    """The trainings a report covers, with their completion rule (as ``build_report``)."""
    q = select(
        Training.id.label("tid"),
        Training.mission_id.label("mission_id"),
        Training.start_date.label("start"),
        Training.completion_rule.label("rule"),
        Training.completion_percent.label("percent"),
        Training.test_max_score.label("max_score"),
    ).where(Training.deleted.is_(False))
    if not flt.include_cancelled and not flt.training_id:
        q = q.where(Training.status != "cancelled")
    if flt.mission:
        missions = select(Mission.id).where(func.upper(Mission.code) == flt.mission.upper())
        q = q.where(Training.mission_id.in_(missions))
    if flt.date_from:
        q = q.where(Training.end_date >= flt.date_from)
    if flt.date_to:
        q = q.where(Training.start_date <= flt.date_to)
    if flt.training_id:
        q = q.where(Training.id == flt.training_id)
    return q


def _person_live() -> Any:
    return or_(Person.deleted.is_(False), Person.merged_into_id.is_not(None))


def per_person_marks(flt: ReportFilter) -> Select[Any]:
    """One row per (training, person): sessions expected, attended, required, minutes."""
    sel = selected_trainings(flt).subquery("sel")
    pid = func.coalesce(Person.merged_into_id, Person.id)
    return (
        select(sel.c.tid, pid.label("pid"), sel.c.rule, sel.c.percent, *mark_aggregates())
        .select_from(sel)
        .join(TrainingSession, TrainingSession.training_id == sel.c.tid)
        .join(Attendance, Attendance.session_id == TrainingSession.id)
        .join(Person, Person.id == Attendance.person_id)
        .join(Enrolment, and_(Enrolment.training_id == sel.c.tid,
                              Enrolment.person_id == Attendance.person_id))
        .where(TrainingSession.deleted.is_(False), Attendance.deleted.is_(False),
               Enrolment.deleted.is_(False), _person_live(),
               # Marks are reached through their sessions (an index search per session),
               # never by a scan of all attendance: the IN makes SQLite start there.
               Attendance.session_id.in_(
                   select(TrainingSession.id).where(TrainingSession.training_id.in_(
                       select(sel.c.tid)))))
        .group_by(sel.c.tid, pid, sel.c.rule, sel.c.percent)
    )  # fmt: skip


# --- figures ---------------------------------------------------------------------------------


def evaluation_figures(inst: Installation, flt: ReportFilter) -> EvaluationFigures:
    """Completed people by category and sex, hours attended, and the test figures."""
    training_id = _only_training(flt)
    if training_id and counted_as_listed(inst, training_id):
        return _from_completion(inst, training_id, flt)
    return _from_marks(inst, flt)


def _from_marks(inst: Installation, flt: ReportFilter) -> EvaluationFigures:
    """The figures counted from the marks of every selected training, merges resolved."""
    per = per_person_marks(flt).subquery("per")
    category = func.coalesce(Category.name_en, _NO_CATEGORY_SQL)
    # One pass over the marks for both: the people who completed (each once, whatever
    # the trainings) and the minutes of every (training, person).
    done = case((and_(completed_condition(per), Person.id.is_not(None)), per.c.pid))
    grouped = (
        select(category, Person.sex, func.count(done.distinct()), func.sum(per.c.minutes))
        .select_from(per)
        .outerjoin(Person, Person.id == per.c.pid)
        .outerjoin(Category, Category.id == Person.category_id)
        .group_by(category, Person.sex)
    )
    with inst.db.reading() as session:
        rows = session.execute(grouped).all()
        scores = session.execute(scores_query(flt)).all()
    completed = [(cat, sex, n) for cat, sex, n, _minutes in rows if n]
    minutes = sum(m or 0 for *_group, m in rows)
    return assemble_figures(completed, int(minutes), scores)


def _only_training(flt: ReportFilter) -> str | None:
    """The training ``flt`` selects by id alone (no mission or dates to meet as well)."""
    return None if flt.mission or flt.date_from or flt.date_to else flt.training_id


def _from_completion(inst: Installation, training_id: str, flt: ReportFilter) -> EvaluationFigures:
    """One training's figures counted from its completion list (one pass over the marks,
    shared with the summary's completion section inside ``read_once``)."""
    people = training_completion(inst, training_id).people
    done = Counter(
        (NO_CATEGORY if p.category_name is None else p.category_name, p.sex)
        for p in people
        if p.completed
    )
    with inst.db.reading() as session:
        scores = session.execute(scores_query(flt)).all()
    minutes = sum(p.minutes for p in people)
    return assemble_figures([(c, s, n) for (c, s), n in done.items()], minutes, scores)


def assemble_figures(
    completed: Iterable[tuple[str, str, int]], minutes: int, scores: Sequence[Any]
) -> EvaluationFigures:
    """The figures from (category, sex, people who completed), minutes and score rows:
    counted from the records (above) or read from the kept figures (app.services.figures)."""
    by_cat_sex: dict[str, dict[str, int]] = {}
    by_sex = dict.fromkeys(SEX_LABELS.values(), 0)
    for category, sex, count in completed:
        label = SEX_LABELS.get(sex, "unspecified")
        cell = by_cat_sex.setdefault(str(category), dict.fromkeys(SEX_LABELS.values(), 0))
        cell[label] += int(count)
        by_sex[label] += int(count)
    by_category = {k: sum(v.values()) for k, v in by_cat_sex.items()}
    order = sorted(by_category, key=lambda k: (-by_category[k], k))
    tests, tests_by_category, tests_by_sex = _test_figures(scores)
    return EvaluationFigures(
        completed=sum(by_sex.values()),
        completed_by_sex=by_sex,
        completed_by_category={k: by_category[k] for k in order},
        completed_by_category_sex={k: by_cat_sex[k] for k in order},
        hours_attended=minutes / 60,
        scored=len(scores),
        tests=tests,
        tests_by_category=tests_by_category,
        tests_by_sex=tests_by_sex,
    )


def scores_query(flt: ReportFilter) -> Select[Any]:
    """(max score, pre, post, category, sex) per registered person with a score."""
    sel = selected_trainings(flt).subquery("sel")
    pre = func.max(case((TestScore.phase == "pre", TestScore.score)))
    post = func.max(case((TestScore.phase == "post", TestScore.score)))
    category = func.coalesce(Category.name_en, _NO_CATEGORY_SQL)
    return (
        select(sel.c.max_score, pre, post, category, Person.sex)
        .select_from(sel)
        .join(TestScore, TestScore.training_id == sel.c.tid)
        .join(Enrolment, and_(Enrolment.training_id == sel.c.tid,
                              Enrolment.person_id == TestScore.person_id))
        .join(Person, Person.id == TestScore.person_id)
        .outerjoin(Category, Category.id == Person.category_id)
        .where(TestScore.deleted.is_(False), Enrolment.deleted.is_(False), _person_live())
        .group_by(sel.c.tid, TestScore.person_id, sel.c.max_score, category, Person.sex)
    )  # fmt: skip


def test_figures(pairs: Iterable[tuple[int, int, int]]) -> TestFigures:
    """(maximum, pre, post) of each person with both scores -> means, gain, improved."""
    pairs = [(m, a, b) for m, a, b in pairs if m and m > 0]
    if not pairs:
        return TestFigures()
    n = len(pairs)
    return TestFigures(
        with_both=n,
        mean_pre=sum(a / m for m, a, _ in pairs) / n,
        mean_post=sum(b / m for m, _, b in pairs) / n,
        mean_gain=sum((b - a) / m for m, a, b in pairs) / n,
        improved=sum(1 for _, a, b in pairs if b > a),
    )


test_figures.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _test_figures(
    rows: Sequence[Any],
) -> tuple[TestFigures, dict[str, TestFigures], dict[str, TestFigures]]:
    both = [
        (int(m), int(a), int(b), str(c), str(s))
        for m, a, b, c, s in rows
        if m is not None and a is not None and b is not None
    ]
    by_category: dict[str, list[tuple[int, int, int]]] = {}
    by_sex: dict[str, list[tuple[int, int, int]]] = {}
    for m, a, b, cat, sex in both:
        by_category.setdefault(cat, []).append((m, a, b))
        by_sex.setdefault(SEX_LABELS.get(sex, "unspecified"), []).append((m, a, b))
    order = sorted(by_category, key=lambda k: (-len(by_category[k]), k))
    return (
        test_figures((m, a, b) for m, a, b, _c, _s in both),
        {k: test_figures(by_category[k]) for k in order},
        {k: test_figures(v) for k, v in by_sex.items()},
    )


# --- HQ breakdowns -----------------------------------------------------------------------------


def completed_by(inst: Installation, by: str, flt: ReportFilter) -> dict[str, int]:
    """Unique people who completed, per HQ breakdown key (the keys ``hq.breakdown`` uses)."""
    per = per_person_marks(flt).subquery("per")
    sel = selected_trainings(flt).subquery("sel2")
    q = (
        select(per.c.tid, per.c.pid, Mission.code, sel.c.start, Person.sex,
               func.coalesce(Category.name_en, _NO_CATEGORY_SQL))
        .select_from(per)
        .join(sel, sel.c.tid == per.c.tid)
        .join(Mission, Mission.id == sel.c.mission_id)
        .join(Person, Person.id == per.c.pid)
        .outerjoin(Category, Category.id == Person.category_id)
        .where(completed_condition(per))
    )  # fmt: skip
    partners: dict[str, list[str]] = {}
    with inst.db.reading() as session:
        rows = session.execute(q).all()
        if by == "partner":
            for tid, acronym in session.execute(
                select(TrainingPartner.training_id, Partner.acronym)
                .join(Partner, Partner.id == TrainingPartner.partner_id)
                .where(TrainingPartner.deleted.is_(False))
            ):
                partners.setdefault(tid, []).append(acronym)
    groups: dict[str, set[str]] = {}
    for tid, pid, code, start, sex, category in rows:
        for key in _keys(by, tid, code, start, sex, category, partners):
            groups.setdefault(key, set()).add(pid)
    return {k: len(v) for k, v in groups.items()}


def _keys(by: str, tid: str, code: str, start: Any, sex: str, category: str,
          partners: dict[str, list[str]]) -> list[str]:  # fmt: skip
    day = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
    if by == "mission":
        return [code]
    if by == "training":
        return [tid]
    if by == "category":
        return [category]
    if by == "sex":
        return [sex]
    if by == "partner":
        return partners.get(tid) or ["(none)"]
    if by == "month":
        return [f"{day:%Y-%m}"]
    if by == "quarter":
        return [f"{day.year}-Q{(day.month + 2) // 3}"]
    if by == "year":
        return [f"{day.year}"]
    return []
