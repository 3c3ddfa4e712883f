"""Retention: people whose last training is older than the mission's limit are anonymised,
and every figure stays the same (the demo data, through the real services)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from app.errors import UserError
from app.services import people, trainings
from app.services.audit import retention
from app.services.audit.profile import get_profile
from app.services.reports import ReportFilter, build_report
from app.services.trainings import TrainingInput

TODAY = date(2030, 1, 15)


def names(inst: Any) -> set[str]:
    with inst.db.reading() as session:
        return set(session.scalars(text("SELECT full_name FROM people")).all())


def test_anonymising_keeps_every_count_and_removes_names(demo_installation: Any) -> None:
    inst = demo_installation
    candidates = retention.retention_candidates(inst, "MONUSCO", 12, TODAY)
    assert len(candidates) > 10
    assert all(c.last_training < date(2029, 1, 15) for c in candidates)
    # Someone back for a training last year is kept.
    kept = candidates[0]
    recent = trainings.create_training(inst, TrainingInput(
        title="Suivi", mission="UNSMIL", start=date(2029, 6, 1), end=date(2029, 6, 2)))  # fmt: skip
    people.enrol(inst, recent.id, kept.person_id)
    candidates = retention.retention_candidates(inst, "MONUSCO", 12, TODAY)
    assert kept.person_id not in {c.person_id for c in candidates}
    reports_before = [asdict(build_report(inst, ReportFilter())),
                      asdict(build_report(inst, ReportFilter(training_id=recent.id)))]  # fmt: skip
    gone = {c.name for c in candidates}
    assert retention.anonymise_people(inst, [c.person_id for c in candidates], TODAY) == len(
        candidates
    )
    reports_after = [asdict(build_report(inst, ReportFilter())),
                     asdict(build_report(inst, ReportFilter(training_id=recent.id)))]  # fmt: skip
    assert reports_after == reports_before
    left = names(inst)
    assert not gone & left and kept.name in left
    with inst.db.reading() as session:
        contacts = session.execute(text(
            "SELECT phone, email, function FROM people WHERE full_name LIKE 'Anonymised%'"
        )).all()  # fmt: skip
    assert contacts and all(row == ("", "", "") for row in contacts)
    assert get_profile(inst, candidates[0].person_id).anonymised_on == TODAY
    # Once done, they are no longer listed.
    assert retention.retention_candidates(inst, "MONUSCO", 12, TODAY) == []


def test_the_limit_is_a_setting_per_mission(installation: Any) -> None:
    assert retention.get_limit(installation, "MONUSCO") is None
    retention.set_limit(installation, "monusco", 36)
    assert retention.get_limit(installation, "MONUSCO") == 36
    assert retention.get_limit(installation, "UNSMIL") is None
    with pytest.raises(UserError):
        retention.set_limit(installation, "MONUSCO", 0)
    assert retention.months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert retention.months_before(date(2025, 1, 10), 13) == date(2023, 12, 10)


def test_merging_two_records_keeps_a_refusal_to_be_named_and_fills_the_profile(
    installation: Any,
) -> None:
    from app.services.audit.consent import ConsentAnswer, get_consents, set_consents
    from app.services.audit.profile import save_profile
    from app.services.duplicates import merge_people
    from app.services.people import PersonInput, create_person

    keep = create_person(installation, PersonInput("Grace Mwamba", "F")).id
    other = create_person(installation, PersonInput("Grâce Mwamba", "F")).id
    set_consents(installation, keep, [ConsentAnswer("named_in_reports", "given", date(2025, 1, 2))])
    set_consents(installation, other, [
        ConsentAnswer("named_in_reports", "refused", date(2025, 1, 3)),
        ConsentAnswer("photos", "given", date(2025, 1, 3))])  # fmt: skip
    save_profile(installation, other, "45_54", {"hearing": "some"})
    merge_people(installation, keep, other)
    answers = get_consents(installation, keep)
    assert answers["named_in_reports"].state == "refused"
    assert answers["photos"].state == "given"
    info = get_profile(installation, keep)
    assert info.age_band == "45_54" and info.answers["hearing"] == "some"
