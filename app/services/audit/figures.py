"""The report's age, disability and per-diem figures (``muster report --json``, PDF, HQ).

:func:`audit_figures` is what ``reports.build_report`` calls: the same trainings
(the report passes its own ``conditions``, the SQL selecting them), the same unique
people (a merged record counts as its survivor). Over every training the queries start
from the (small) answer and rate tables; for selected trainings, from the report's own
unique people (the temporary table it counts them in), so one training's report reads
that training's people only. Either way they reach people, enrolments and trainings
only through their indexes. Everyone without an answer is counted as *not recorded*:
the counts of each breakdown add up to the participants.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db.audit_models import WG_DOMAINS
from app.l10n import tr
from app.services.audit.money import plain
from app.services.audit.profile import (
    AGE_BAND_KEYS,
    AGE_BAND_LABELS,
    DISABILITY_KEYS,
    DISABILITY_LABELS,
    NOT_RECORDED,
    disability_status,
)
from app.services.installation import Installation

DIMENSION_TITLES = {"age_band": "Age band", "disability": "Disability"}
AGE_KEYS = (*AGE_BAND_KEYS.values(), NOT_RECORDED)
ORDER = {"age_band": AGE_KEYS, "disability": DISABILITY_KEYS}

_WG = [f"pr.wg_{d}" for d in WG_DOMAINS]
_AGE_CASE = (
    "CASE pr.age_band "
    + " ".join(f"WHEN '{code}' THEN '{key}'" for code, key in AGE_BAND_KEYS.items())
    + " END"
)
_DISABILITY_CASE = (
    f"CASE WHEN 'a_lot' IN ({', '.join(_WG)}) OR 'cannot' IN ({', '.join(_WG)}) "
    "THEN 'with disability' "
    f"WHEN {' AND '.join(f'{c} <> {chr(39) * 2}' for c in _WG)} THEN 'without disability' END"
)
# Group keys for HQ's breakdowns (``hq._PERSON_KEYS``): ``pp`` is the person, merges resolved.
HQ_PERSON_KEYS = {
    "age_band": f"coalesce((SELECT {_AGE_CASE} FROM person_profiles pr WHERE pr.person_id = pp.id "
    f"AND pr.deleted = FALSE), '{NOT_RECORDED}')",
    "disability": f"coalesce((SELECT {_DISABILITY_CASE} FROM person_profiles pr "
    f"WHERE pr.person_id = pp.id AND pr.deleted = FALSE), '{NOT_RECORDED}')",
}


def group_label(by: str, key: str, lang: str) -> str:
    """A breakdown row's name in ``lang``: '18–24', 'Not recorded', 'With disability'."""
    if by == "age_band":
        code = next((c for c, k in AGE_BAND_KEYS.items() if k == key), "")
        return tr(lang, AGE_BAND_LABELS[code]) if code else tr(lang, "Not recorded")
    return tr(lang, DISABILITY_LABELS.get(key, "Not recorded"))


Conditions = Callable[[Any], tuple[str, dict[str, Any]]]  # filter -> (SQL on ``t``, params)
KeptColumn = Literal["live", "kept"]  # figures_people: people of live trainings, or of any kept


def profile_counts(session: Session, participants: int, kept: KeptColumn | None = None,
                   is_server: bool = False) -> dict[str, dict[str, int]]:  # fmt: skip
    """``by_age_band`` and ``by_disability`` of the report's people.

    ``kept`` ("live" or "kept"): over every training (no filter), whose counted people
    are those with such a training in the figures kept by app.services.figures.
    Otherwise the people are the report's own unique people, in the temporary table
    ``report_people`` of ``session`` (``reports._fill_report_people``): one training
    among 200,000 people reads its own, never every person with answers.
    """
    columns = f"SELECT pr.age_band, {', '.join(_WG)}"
    if kept:
        sql = f"""
            {columns} FROM person_profiles pr JOIN people p ON p.id = pr.person_id
            WHERE pr.deleted = FALSE AND p.merged_into_id IS NULL AND EXISTS (
                SELECT 1 FROM figures_people fp WHERE fp.person_id = p.id AND fp.{kept} > 0)
        """
    else:
        # CROSS JOIN keeps SQLite in that order (the answers of those people, then the
        # records of those with answers); PostgreSQL plans it itself.
        join = "JOIN" if is_server else "CROSS JOIN"
        sql = f"""
            {columns} FROM report_people rp
            {join} person_profiles pr ON pr.person_id = rp.id
            {join} people p ON p.id = rp.id
            WHERE pr.deleted = FALSE AND p.merged_into_id IS NULL
        """
    ages = dict.fromkeys(AGE_KEYS, 0)
    disability = dict.fromkeys(DISABILITY_KEYS, 0)
    for band, *answers in session.execute(text(sql)):
        if band:
            ages[AGE_BAND_KEYS[band]] += 1
        status = disability_status(dict(zip(WG_DOMAINS, answers, strict=True)))
        if status != NOT_RECORDED:
            disability[status] += 1
    ages[NOT_RECORDED] = max(participants - sum(ages.values()), 0)
    disability[NOT_RECORDED] = max(participants - sum(disability.values()), 0)
    return {"by_age_band": ages, "by_disability": disability}


def perdiem_totals(inst: Installation, flt: Any, conditions: Conditions) -> dict[str, str]:
    """What the selected trainings pay, by currency (exact, as text: {"USD": "1234.50"})."""
    from app.services.audit.perdiem_compute import perdiem_totals as sheet_totals

    where, params = conditions(flt)
    with inst.db.reading() as session:
        training_ids = session.scalars(
            text(
                "SELECT DISTINCT t.id FROM perdiem_rates r JOIN trainings t "
                f"ON t.id = r.training_id WHERE r.deleted = FALSE AND {where}"
            ),
            params,
        ).all()
    totals: dict[str, Decimal] = {}
    for training_id in sorted(training_ids):
        for currency, amount in sheet_totals(inst, training_id).totals.items():
            totals[currency] = totals.get(currency, Decimal(0)) + amount
    return {c: plain(v, c) for c, v in sorted(totals.items())}


def audit_figures(inst: Installation, flt: Any, conditions: Conditions,
                  profiles: dict[str, dict[str, int]]) -> dict[str, Any]:  # fmt: skip
    """The report's fields from issue 19: ``by_age_band`` and ``by_disability`` (the
    ``profiles`` counted by :func:`profile_counts`) and ``perdiem_totals``; ``conditions``
    is the report's function turning ``flt`` into the SQL that selects trainings ``t``.
    """
    return {**profiles, "perdiem_totals": perdiem_totals(inst, flt, conditions)}
