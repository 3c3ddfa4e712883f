"""Retention: people whose last training is older than the mission's limit, and anonymising them.

The limit is a number of months per mission (a local setting,
``retention.months.<MISSION>``; none by default). :func:`retention_candidates`
lists the people who took part in a training of that mission and whose *last*
training (any mission, merged records included) ended before the limit.

:func:`anonymise_people` (one transaction) removes what identifies them: name,
phone, e-mail, function (free text), on the person and on every record merged into
it; it keeps what the figures count by (sex, category, organisation, partner,
nationality), their enrolments, attendance, profile answers and consents, so every
count stays equal. The profile records the day (``anonymised_on``); the changed
records travel in the next bundle, so HQ's copy is anonymised too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text

from app.db.audit_models import PersonProfile
from app.db.models import Person
from app.errors import UserError
from app.l10n import Phrase
from app.services.audit.profile import profile_id
from app.services.installation import Installation
from app.textnorm import fold

SETTING = "retention.months.{mission}"
MAX_MONTHS = 1200
ANONYMOUS_NAME = "Anonymised participant {short}"


@dataclass(frozen=True)
class RetentionCandidate:
    person_id: str
    name: str
    last_training: date  # end date of their last training


def months_before(day: date, months: int) -> date:
    """``day`` moved back by ``months`` (the last day of a shorter month when needed)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def get_limit(inst: Installation, mission: str) -> int | None:
    value = inst.get_setting(SETTING.format(mission=mission.upper()))
    return int(value) if value.isdigit() and int(value) > 0 else None


def set_limit(inst: Installation, mission: str, months: int | None) -> None:
    """The mission's limit in months (None: keep people's details without limit)."""
    if months is not None and not 1 <= months <= MAX_MONTHS:
        raise UserError(
            Phrase("A retention limit is between 1 and {most} months.", most=MAX_MONTHS)
        )
    inst.set_settings({SETTING.format(mission=mission.upper()): str(months or "")})


_LAST_TRAINING = text(
    """
    WITH person_training AS (
        SELECT coalesce(p.merged_into_id, p.id) AS pid, t.end_date AS ended, m.code AS mission
        FROM enrolments e
        JOIN people p ON p.id = e.person_id
        JOIN trainings t ON t.id = e.training_id
        JOIN missions m ON m.id = t.mission_id
        WHERE e.deleted = FALSE AND t.deleted = FALSE
          AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
    )
    SELECT pt.pid, s.full_name, max(pt.ended)
    FROM person_training pt JOIN people s ON s.id = pt.pid
    WHERE s.deleted = FALSE
      AND NOT EXISTS (SELECT 1 FROM person_profiles pr WHERE pr.person_id = pt.pid
                      AND pr.deleted = FALSE AND pr.anonymised_on IS NOT NULL)
    GROUP BY pt.pid, s.full_name
    HAVING max(CASE WHEN upper(pt.mission) = :mission THEN 1 ELSE 0 END) = 1
       AND max(pt.ended) < :cutoff
    ORDER BY max(pt.ended), s.name_key, pt.pid
    """
)


def retention_candidates(inst: Installation, mission: str, months: int | None = None,
                         today: date | None = None) -> list[RetentionCandidate]:  # fmt: skip
    """People of ``mission`` whose last training ended more than ``months`` ago."""
    months = months if months is not None else get_limit(inst, mission)
    if months is None:
        return []
    cutoff = months_before(today or date.today(), months)
    with inst.db.reading() as session:
        rows = session.execute(_LAST_TRAINING, {"mission": mission.upper(), "cutoff": cutoff})
        return [
            RetentionCandidate(pid, name, ended if isinstance(ended, date) else
                               date.fromisoformat(str(ended)))
            for pid, name, ended in rows
        ]  # fmt: skip


def anonymise_people(inst: Installation, person_ids: Iterable[str],
                     today: date | None = None) -> int:  # fmt: skip
    """Remove names, contacts and free text of these people (one transaction); how many."""
    ids = list(dict.fromkeys(person_ids))
    today = today or date.today()
    done = 0
    with inst.db.transaction() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            survivors = session.scalars(
                select(Person).where(Person.id.in_(chunk), Person.deleted.is_(False))
            ).all()
            merged = session.scalars(select(Person).where(Person.merged_into_id.in_(chunk))).all()
            for person in [*survivors, *merged]:
                anonymous = ANONYMOUS_NAME.format(short=(person.merged_into_id or person.id)[:8])
                for field, value in (("full_name", anonymous), ("name_key", fold(anonymous)),
                                     ("phone", ""), ("email", ""), ("function", "")):  # fmt: skip
                    if getattr(person, field) != value:
                        setattr(person, field, value)
            for person in survivors:
                row = session.get(PersonProfile, profile_id(person.id))
                if row is None:
                    row = PersonProfile(id=profile_id(person.id), person_id=person.id)
                    session.add(row)
                row.deleted = False
                row.anonymised_on = today
                done += 1
    return done
