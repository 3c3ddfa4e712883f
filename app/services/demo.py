"""Loading the demo data (the three pilot activities) idempotently.

Every demo record has an id derived from its demo key, so a second run finds
everything already there and changes nothing, and two installations that both
load the demo hold the very same records (their bundles merge without twins).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.base import derived_id
from app.db.models import (
    Attendance,
    Enrolment,
    Location,
    Partner,
    Person,
    Training,
    TrainingPartner,
    TrainingSession,
)
from app.errors import UserError
from app.l10n import Phrase
from app.services import reference
from app.services.demo_data import DEMO_LOCATIONS, DEMO_PARTNERS, DEMO_PEOPLE, DEMO_TRAININGS
from app.services.evaluation.demo import SESSION_TIMES, TEST_MAX, add_demo_evaluation
from app.services.installation import Installation
from app.textnorm import fold


@dataclass(frozen=True)
class DemoResult:
    trainings: int = 0
    sessions: int = 0
    people: int = 0
    enrolments: int = 0
    attendance: int = 0
    evaluation: int = 0  # test scores and feedback answers (app.services.evaluation.demo)

    @property
    def changed(self) -> bool:
        return any((self.trainings, self.sessions, self.people, self.enrolments, self.attendance,
                    self.evaluation))  # fmt: skip


def demo_missions() -> list[str]:
    return sorted({t.mission for t in DEMO_TRAININGS})


def load_demo(inst: Installation, mission: str | None = None) -> DemoResult:
    """Add whatever part of the demo is missing, in one transaction."""
    if mission is None:
        profile = inst.profile()
        if profile.role == "field" and profile.mission in demo_missions():
            mission = profile.mission
    if mission is not None:
        mission = mission.upper()
        if mission not in demo_missions():
            raise UserError(
                Phrase(
                    "There is no demo data for {mission}. Demo missions: {missions}.",
                    mission=mission,
                    missions=", ".join(demo_missions()),
                )
            )
    trainings = [t for t in DEMO_TRAININGS if mission is None or t.mission == mission]
    wanted_people = {key for t in trainings for key in t.participants}
    counts = dict.fromkeys(
        ("trainings", "sessions", "people", "enrolments", "attendance", "evaluation"), 0
    )

    with inst.db.transaction() as session:

        def add(obj: object, kind: str) -> None:
            if session.get(type(obj), obj.id) is None:  # type: ignore[attr-defined]
                session.add(obj)
                if kind:
                    counts[kind] += 1

        for dp in DEMO_PARTNERS:
            if reference.find_partner(session, dp.acronym) is None:
                add(Partner(id=reference.partner_id(dp.acronym), acronym=dp.acronym, name=dp.name,
                            kind=dp.kind), "")  # fmt: skip
        session.flush()
        for loc in DEMO_LOCATIONS:
            if mission is None or loc.mission == mission:
                existing = session.scalars(
                    select(Location).where(Location.deleted.is_(False))
                ).all()
                if not any(fold(x.name) == fold(loc.name) for x in existing):
                    add(Location(id=reference.location_id(loc.name), name=loc.name,
                                 country=loc.country,
                                 mission_id=reference.mission_id(loc.mission)), "")  # fmt: skip
        session.flush()
        for p in DEMO_PEOPLE:
            if p.key not in wanted_people:
                continue
            cat = reference.find_category(session, p.category)
            partner = reference.find_partner(session, p.partner) if p.partner else None
            add(
                Person(
                    id=derived_id("demo-person", p.key), full_name=p.full_name,
                    name_key=fold(p.full_name), sex=p.sex, category_id=cat.id if cat else None,
                    organisation=p.organisation, partner_id=partner.id if partner else None,
                    function=p.function, nationality=p.nationality, phone=p.phone,
                    email=p.email, consent=p.consent,
                ),
                "people",
            )  # fmt: skip
        session.flush()
        for t in trainings:
            tid = derived_id("demo-training", t.key)
            add(
                Training(
                    id=tid, mission_id=reference.mission_id(t.mission), title=t.title,
                    theme=t.theme, kind=t.kind, start_date=t.start, end_date=t.end,
                    status=t.status, description=t.description, trainers=list(t.trainers),
                    test_max_score=TEST_MAX.get(t.key),
                ),
                "trainings",
            )  # fmt: skip
            session.flush()
            for acronym, role in t.partners:
                partner = reference.find_partner(session, acronym)
                if partner is None:
                    raise AssertionError(f"demo partner {acronym} missing")
                add(
                    TrainingPartner(
                        id=derived_id("training_partner", tid, partner.id),
                        training_id=tid,
                        partner_id=partner.id,
                        role=role,
                    ),
                    "",
                )
            session_ids = {}
            for s in t.sessions:
                sid = derived_id("demo-session", s.key)
                session_ids[s.key] = sid
                location = reference.ensure_location(
                    session, s.location, reference.mission_id(t.mission)
                )
                start, end = SESSION_TIMES.get(s.key, (None, None))
                add(
                    TrainingSession(id=sid, training_id=tid, date=s.date, location_id=location.id,
                                    topic=s.topic, start_minute=start, end_minute=end),
                    "sessions",
                )  # fmt: skip
            session.flush()
            for key in t.participants:
                pid = derived_id("demo-person", key)
                add(
                    Enrolment(id=derived_id("enrolment", tid, pid), training_id=tid, person_id=pid),
                    "enrolments",
                )
            session.flush()
            for key, session_key, status in t.attendance:
                pid, sid = derived_id("demo-person", key), session_ids[session_key]
                add(
                    Attendance(
                        id=derived_id("attendance", sid, pid),
                        session_id=sid,
                        person_id=pid,
                        status=status,
                    ),
                    "attendance",
                )
            session.flush()
            add_demo_evaluation(session, t, tid, lambda obj: add(obj, "evaluation"))
            session.flush()
    return DemoResult(**counts)


def demo_training_ids() -> dict[str, str]:
    """Demo training key -> its id, for tests and documentation."""
    return {t.key: derived_id("demo-training", t.key) for t in DEMO_TRAININGS}


__all__ = ["DemoResult", "demo_missions", "demo_training_ids", "load_demo"]
