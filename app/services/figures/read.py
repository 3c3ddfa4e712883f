"""Figures over every training (no mission, period or training filter) from the kept tables.

A unique-participant count of a group is a count of ``figures_groups`` rows (one per
person of several trainings and group, after merges) plus the singles of the group's
trainings (people of that one training only), so nothing here runs DISTINCT over
enrolments or marks. Names
(mission codes, category names, partner acronyms) are looked up last, on a few rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, false, func, literal_column, select
from sqlalchemy.orm import Session

from app.db import models
from app.db.figures import (
    CATEGORY,
    DIMENSION_CODES,
    SEX,
    figures_groups,
    figures_labels,
    figures_people,
    figures_places,
    figures_training_groups,
    figures_trainings,
)

NONE = "(none)"


@dataclass(frozen=True)
class Totals:
    trainings: int
    sessions: int
    present: int
    absent: int
    excused: int


@dataclass(frozen=True)
class People:
    """Counted (unique) people by category and sex, by partner, by organisation."""

    by_category_sex: Counter[tuple[str, str]]
    by_partner: Counter[str]
    by_organisation: Counter[str]


class Names:
    """Label keys to what people read: mission codes, category names, partner acronyms."""

    def __init__(self, session: Session) -> None:
        lab = figures_labels.c
        self.values = {k: (kind, v) for k, kind, v in session.execute(
            select(lab.key, lab.kind, lab.value))}  # fmt: skip
        self.missions = dict(session.execute(select(models.Mission.id, models.Mission.code)).all())
        self.categories = dict(
            session.execute(select(models.Category.id, models.Category.name_en)).all()
        )
        self.partners = dict(
            session.execute(select(models.Partner.id, models.Partner.acronym)).all()
        )

    def of(self, key: int | None) -> str | None:
        """The shown name of a label; None for a mission that no longer exists."""
        if key is None:
            return NONE
        kind, value = self.values.get(key, ("", ""))
        if kind == "mission":
            return self.missions.get(value)
        if kind == "category":
            return self.categories.get(value) or NONE
        if kind == "partner":
            return self.partners.get(value) or NONE
        if kind == "organisation":
            return value or NONE
        return value


def _column(table: Any, include_cancelled: bool) -> Any:
    return table.c.kept if include_cancelled else table.c.live


def totals(session: Session, include_cancelled: bool) -> Totals:
    ft = figures_trainings.c
    row = session.execute(
        select(func.count(), *(func.coalesce(func.sum(c), 0) for c in (
            ft.sessions, ft.present, ft.absent, ft.excused)))
        .where(_column(figures_trainings, include_cancelled) == 1)
    ).one()  # fmt: skip
    return Totals(*(int(v) for v in row))


def people(session: Session, names: Names, include_cancelled: bool) -> People:
    """Three scans of figures_people's covering indexes (each GROUP BY streams)."""
    fp = figures_people.c
    counted = _column(figures_people, include_cancelled) > 0

    def grouped(*columns: Any) -> Sequence[Any]:
        return session.execute(
            select(*columns, func.count()).where(counted).group_by(*columns)
        ).all()

    category_sex: Counter[tuple[str, str]] = Counter()
    for sex, category, n in grouped(fp.sex, fp.category_key):
        category_sex[(names.of(category) or NONE, sex)] += n
    partner: Counter[str] = Counter()
    for key, n in grouped(fp.partner_key):
        partner[names.of(key) or NONE] += n
    organisation: Counter[str] = Counter()
    for key, n in grouped(fp.organisation_key):
        organisation[names.of(key) or NONE] += n
    return People(category_sex, partner, organisation)


def completion(
    session: Session, names: Names, include_cancelled: bool
) -> tuple[list[tuple[str, str, int]], int]:
    """(category, sex, people who completed a training) and the minutes attended."""
    fp, ft = figures_people.c, figures_trainings.c
    done = fp.completed_kept if include_cancelled else fp.completed_live
    rows = session.execute(
        select(fp.sex, fp.category_key, func.count())
        .where(done > 0)
        .group_by(fp.sex, fp.category_key)  # streams over ix_figures_people_breakdown
    ).all()
    minutes = session.execute(
        select(func.coalesce(func.sum(ft.minutes), 0)).where(
            _column(figures_trainings, include_cancelled) == 1
        )
    ).scalar()
    shown = [(names.of(category) or NONE, sex, int(n)) for sex, category, n in rows]
    return shown, int(minutes or 0)


def completed_by(session: Session, by: str, include_cancelled: bool) -> dict[str, int]:
    """Unique people who completed a training, per group (the keys hq.breakdown shows)."""
    names = Names(session)
    if by in ("sex", "category"):  # a person's own groups: the completions by both suffice
        counts: Counter[str] = Counter()
        for category, sex, n in completion(session, names, include_cancelled)[0]:
            counts[sex if by == "sex" else category] += n
        return dict(counts)
    # A person's rows of the dimension count their completions in each group: one scan,
    # and the singles who completed each group's trainings.
    g, ft = figures_groups.c, figures_trainings.c
    done = g.completed_kept if include_cancelled else g.completed_live
    rows = session.execute(
        select(g.group_key, func.count())
        .where(g.dimension == DIMENSION_CODES[by], done > 0)
        .group_by(g.group_key)
    ).all()
    singles = _per_group(session, by, include_cancelled, func.sum(ft.singles_completed))
    out: Counter[str] = Counter()
    for key, n in [*rows, *singles]:
        shown = names.of(key)
        if shown is not None and n:  # a group's trainings may have no singles
            out[shown] += int(n)
    return dict(out)


def by_mission(session: Session, names: Names, include_cancelled: bool) -> dict[str, int]:
    g, ft = figures_groups.c, figures_trainings.c
    stmt = (
        select(g.group_key, func.count())
        .where(g.dimension == DIMENSION_CODES["mission"],
               _column(figures_groups, include_cancelled) > 0)
        .group_by(g.group_key)
    )  # fmt: skip
    singles = _per_group(session, "mission", include_cancelled, func.sum(ft.singles))
    out: Counter[str] = Counter()
    for key, n in [*session.execute(stmt), *singles]:
        code = names.of(key)
        if code is not None and n:  # a group's trainings may have no singles
            out[code] += int(n)
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def locations(session: Session, names: Names, include_cancelled: bool) -> list[str]:
    """Where the sessions took place, in the order of each place's first session."""
    fl = figures_places.c
    stmt = (
        select(fl.location_key, func.min(fl.first_day))
        .where(_column(figures_places, include_cancelled) == 1)
        .group_by(fl.location_key)
    )
    places = dict(session.execute(select(models.Location.id, models.Location.name)).all())
    first: dict[str, int] = {}
    for key, day in session.execute(stmt):
        name = places.get(names.values.get(key, ("", ""))[1]) or ""
        if name and (name not in first or day < first[name]):
            first[name] = day
    return sorted(first, key=lambda name: (first[name], name))


# --- HQ breakdowns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    trainings: int
    participants: int
    women: int
    men: int


def _women_men(fp: Any) -> tuple[Any, Any]:
    return (func.sum(case((fp.sex == "F", 1), else_=0)),
            func.sum(case((fp.sex == "M", 1), else_=0)))  # fmt: skip


def breakdown(session: Session, by: str, include_cancelled: bool) -> list[Group]:
    """Trainings and unique people per group (keys as hq.breakdown shows them)."""
    names = Names(session)
    g, fp, tg = figures_groups.c, figures_people.c, figures_training_groups.c
    ft = figures_trainings.c
    people_rows: Sequence[Any]  # (key, people, women, men)
    training_rows: Sequence[Any]  # (key, trainings)
    people_name: Callable[[Any], str | None]  # a row's key (a label, or a sex) -> its name
    training_name: Callable[[Any], str | None]
    if by in DIMENSION_CODES:
        women, men = _women_men(g)
        singles = (func.sum(ft.singles), func.sum(ft.singles_women), func.sum(ft.singles_men))
        people_rows = [
            *session.execute(
                select(g.group_key, func.count(), women, men)
                .where(g.dimension == DIMENSION_CODES[by],
                       _column(figures_groups, include_cancelled) > 0)
                .group_by(g.group_key)
            ),
            *_per_group(session, by, include_cancelled, *singles),
        ]  # fmt: skip
        training_rows = _per_group(session, by, include_cancelled, func.count())
        people_name = training_name = names.of
    else:
        women, men = _women_men(fp)
        group = fp.sex if by == "sex" else fp.category_key
        people_rows = session.execute(
            select(group, func.count(), women, men)
            .where(_column(figures_people, include_cancelled) > 0).group_by(group)
        ).all()  # fmt: skip
        training_rows = session.execute(
            select(tg.group_key, func.count())
            .where(tg.dimension == (SEX if by == "sex" else CATEGORY),
                   _column(figures_training_groups, include_cancelled) > 0)
            .group_by(tg.group_key)
        ).all()  # fmt: skip
        if by == "sex":
            people_name, training_name = str, lambda key: names.values.get(key, ("", None))[1]
        else:
            people_name, training_name = names.of, lambda key: names.of(key or None)

    merged: dict[str, list[int]] = {}
    for key, n in training_rows:
        name = training_name(key)
        if name is not None:
            merged.setdefault(name, [0, 0, 0, 0])[0] += int(n)
    for key, n, w, m in people_rows:
        name = people_name(key)
        if name is not None:
            row = merged.setdefault(name, [0, 0, 0, 0])
            row[1] += int(n)
            row[2] += int(w or 0)
            row[3] += int(m or 0)
    return [Group(k, *v) for k, v in merged.items()]


def _per_training_group(session: Session, by: str) -> Any:
    """(group_key, training_key): each training and its group of ``by``, once each (a
    training has one mission, month, quarter and year, and has each partner once)."""
    from app.services.figures.maintain import NO_PARTNER_VALUE

    ft = figures_trainings.c
    if by != "partner":
        return select(
            getattr(ft, f"{by}_key").label("group_key"), ft.key.label("training_key")
        ).subquery("grouped")
    tp, lab = models.TrainingPartner.__table__.c, figures_labels.c
    none_key = session.scalar(
        select(lab.key).where(lab.kind == "partner", lab.value == NO_PARTNER_VALUE)
    )
    partner = func.coalesce(lab.key, literal_column(str(int(none_key or 0))))
    joined = figures_trainings.outerjoin(
        models.TrainingPartner.__table__,
        (tp.training_id == ft.training_id) & (tp.deleted == false()),
    ).outerjoin(figures_labels, (lab.kind == "partner") & (lab.value == tp.partner_id))
    return (
        select(partner.label("group_key"), ft.key.label("training_key"))
        .select_from(joined)
        .distinct()
        .subquery("grouped")
    )


def _per_group(session: Session, by: str, include_cancelled: bool, *aggregates: Any) -> list[Any]:
    """(group key, each of ``aggregates``) per group of ``by``, over its counted trainings
    (aggregates of figures_trainings: its count, the sum of its singles...)."""
    grouped, ft = _per_training_group(session, by), figures_trainings.c
    stmt = (
        select(grouped.c.group_key, *aggregates)
        .select_from(grouped.join(figures_trainings, ft.key == grouped.c.training_key))
        .where(_column(figures_trainings, include_cancelled) == 1)
        .group_by(grouped.c.group_key)
    )
    return list(session.execute(stmt).all())


def drill(session: Session, by: str, key: str, include_cancelled: bool) -> list[str]:
    """The ids of the trainings behind one breakdown row, newest first."""
    names = Names(session)
    ft = figures_trainings.c
    t = models.Training.__table__.c
    live_training = _column(figures_trainings, include_cancelled) == 1
    kinds = {"category": "category", "partner": "partner"}
    label_keys = [
        k for k, (kind, _v) in names.values.items()
        if kind == kinds.get(by, by) and names.of(k) == key
    ]  # fmt: skip
    if by in ("mission", "month", "quarter", "year"):
        column = getattr(ft, f"{by}_key")
        chosen = select(ft.training_id).where(live_training, column.in_(label_keys))
    elif by == "partner":
        tp, pa = models.TrainingPartner.__table__.c, models.Partner.__table__.c
        acronym = func.coalesce(pa.acronym, NONE)
        chosen = (
            select(ft.training_id)
            .select_from(
                figures_trainings.outerjoin(
                    models.TrainingPartner.__table__,
                    (tp.training_id == ft.training_id) & (tp.deleted == false()),
                ).outerjoin(models.Partner.__table__, pa.id == tp.partner_id)
            )
            .where(live_training, acronym == key)
        )
    else:
        tg = figures_training_groups.c
        if by == "sex":
            groups = [k for k, (kind, v) in names.values.items() if kind == "sex" and v == key]
        else:
            groups = label_keys + ([0] if key == NONE else [])
        chosen = (
            select(ft.training_id)
            .select_from(figures_training_groups.join(figures_trainings, ft.key == tg.training_key))
            .where(
                tg.dimension == (SEX if by == "sex" else CATEGORY),
                tg.group_key.in_(groups),
                _column(figures_training_groups, include_cancelled) > 0,
            )
        )
    stmt = (
        select(t.id)
        .where(t.id.in_(chosen.scalar_subquery()))
        .order_by(t.start_date.desc(), t.title, t.id)
    )
    return [str(r[0]) for r in session.execute(stmt)]
