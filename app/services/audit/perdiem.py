"""A training's per-diem settings: its rates, the categories paid, and per-person exceptions.

Rates: per day, per night, transport per person (once) or per place (once for each
place a person attended), each in its own currency. A rate may be for one of the
training's places; otherwise it is for any place (a place's own rate wins there).

Who is paid: participants of the categories chosen for the training, unless set
otherwise person by person; UN staff never (they are paid through their own travel
claims). A person may also be marked as sleeping at home: no night rate for them.
Saving replaces the whole settings in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit_models import (
    PERDIEM_ELIGIBILITY,
    PERDIEM_RATE_KINDS,
    PerdiemPerson,
    PerdiemPlan,
    PerdiemRate,
)
from app.db.base import derived_id
from app.db.models import Category, Location, TrainingSession
from app.errors import UserError, ValidationError
from app.l10n import Phrase
from app.services.audit.money import check_currency, from_e4, parse_amount, to_e4
from app.services.installation import Installation
from app.services.reference import category_id
from app.services.trainings import _live_training

STAFF_CATEGORY = "un_staff"
RATE_LABELS = {
    "day": "Per day",
    "night": "Per night",
    "transport_person": "Transport, per person",
    "transport_place": "Transport, per place",
}


@dataclass(frozen=True)
class RateInput:
    kind: str
    currency: str
    amount: Decimal | str
    location: str = ""  # one of the training's places; "" for any place
    id: str | None = None  # an existing rate to keep


@dataclass(frozen=True)
class RateInfo:
    id: str
    kind: str
    currency: str
    amount: Decimal
    location_id: str | None
    location: str  # "" for any place


@dataclass(frozen=True)
class PersonRule:
    person_id: str
    eligible: str = ""  # "": by category; "yes"/"no" for this person
    nights: bool = True  # False: sleeps at home, no night rate


@dataclass(frozen=True)
class PerdiemSettings:
    training_id: str
    eligible_categories: tuple[str, ...] = ()  # category codes
    rates: tuple[RateInfo, ...] = ()
    people: dict[str, PersonRule] = field(default_factory=dict)
    configured: bool = False  # a plan was saved for this training

    def rule(self, person_id: str) -> PersonRule:
        return self.people.get(person_id) or PersonRule(person_id)


def plan_id(training_id: str) -> str:
    return derived_id("perdiem-plan", training_id)


def person_rule_id(training_id: str, person_id: str) -> str:
    return derived_id("perdiem-person", training_id, person_id)


def _places(session: Session, training_id: str) -> dict[str, str]:
    """The training's places: location id -> name."""
    rows = session.execute(
        select(Location.id, Location.name)
        .join(TrainingSession, TrainingSession.location_id == Location.id)
        .where(TrainingSession.training_id == training_id, TrainingSession.deleted.is_(False))
    ).all()
    return {lid: name for lid, name in rows}


def read_settings(session: Session, training_id: str) -> PerdiemSettings:
    plan = session.get(PerdiemPlan, plan_id(training_id))
    codes = dict(session.execute(select(Category.id, Category.code)).all())
    places = {lid: name for lid, name in session.execute(select(Location.id, Location.name)).all()}
    rates = session.scalars(
        select(PerdiemRate)
        .where(PerdiemRate.training_id == training_id, PerdiemRate.deleted.is_(False))
        .order_by(PerdiemRate.kind, PerdiemRate.currency, PerdiemRate.id)
    ).all()
    people = session.scalars(
        select(PerdiemPerson).where(
            PerdiemPerson.training_id == training_id, PerdiemPerson.deleted.is_(False)
        )
    ).all()
    live_plan = plan is not None and not plan.deleted
    return PerdiemSettings(
        training_id=training_id,
        eligible_categories=tuple(
            codes[c]
            for c in (plan.eligible_categories if plan is not None and live_plan else [])
            if c in codes
        ),
        rates=tuple(
            RateInfo(
                r.id,
                r.kind,
                r.currency,
                from_e4(r.amount_e4),
                r.location_id,
                places.get(r.location_id or "", ""),
            )
            for r in rates
        ),
        people={p.person_id: PersonRule(p.person_id, p.eligible, p.nights) for p in people},
        configured=live_plan,
    )


def has_rates(inst: Installation, training_id: str) -> bool:
    """Whether the training pays anything at all (a live rate): one statement, where the
    whole settings take six."""
    q = select(PerdiemRate.id).where(
        PerdiemRate.training_id == training_id, PerdiemRate.deleted.is_(False)
    )
    with inst.db.reading() as session:
        return session.execute(q.limit(1)).first() is not None


def get_settings(inst: Installation, training_id: str) -> PerdiemSettings:
    with inst.db.reading() as session:
        _live_training(session, training_id)
        return read_settings(session, training_id)


def _checked_rates(session: Session, training_id: str,
                   rates: list[RateInput]) -> list[tuple[RateInput, str, Decimal, str | None]]:  # fmt: skip
    """(input, currency, amount, location id) for each rate, or every refusal at once."""
    places = {name.casefold(): lid for lid, name in _places(session, training_id).items()}
    errors: dict[str, str] = {}
    out = []
    seen: set[tuple[str, str, str | None]] = set()
    for i, rate in enumerate(rates):
        key = f"rates.{i}"
        try:
            if rate.kind not in PERDIEM_RATE_KINDS:
                raise ValueError(Phrase("Choose what the rate pays for."))
            currency = check_currency(rate.currency)
            amount = rate.amount if isinstance(rate.amount, Decimal) else parse_amount(rate.amount)
            if amount < 0:
                raise ValueError(Phrase("A rate cannot be negative."))
        except (ValueError, UserError) as exc:  # the parsers' sentence, a Phrase
            errors[key] = exc.args[0]
            continue
        location_id = None
        if rate.location.strip() and rate.kind != "transport_person":
            location_id = places.get(rate.location.strip().casefold())
            if location_id is None:
                errors[key] = Phrase(
                    "{place} is not one of this training's places.", place=rate.location
                )
                continue
        if (rate.kind, currency, location_id) in seen:
            errors[key] = Phrase("This rate is there twice.")
            continue
        seen.add((rate.kind, currency, location_id))
        out.append((rate, currency, amount, location_id))
    if errors:
        raise ValidationError(errors)
    return out


def save_settings(
    inst: Installation,
    training_id: str,
    eligible_categories: list[str],
    rates: list[RateInput],
    people: list[PersonRule] | None = None,
) -> PerdiemSettings:
    """Replace the training's per-diem settings (one transaction); refusals by field."""
    with inst.db.transaction() as session:
        _live_training(session, training_id)
        if STAFF_CATEGORY in eligible_categories:
            raise ValidationError(
                {"categories": Phrase("UN staff are never paid per-diem by a training.")}
            )
        checked = _checked_rates(session, training_id, rates)
        plan = session.get(PerdiemPlan, plan_id(training_id))
        if plan is None:
            plan = PerdiemPlan(id=plan_id(training_id), training_id=training_id)
            session.add(plan)
        wanted = sorted(category_id(code) for code in eligible_categories)
        if plan.eligible_categories != wanted or plan.deleted:
            plan.eligible_categories = wanted
            plan.deleted = False
        _replace_rates(session, training_id, checked)
        for rule in people or ():
            _save_rule(session, training_id, rule)
        session.flush()
        return read_settings(session, training_id)


def _replace_rates(session: Session, training_id: str,
                   checked: list[tuple[RateInput, str, Decimal, str | None]]) -> None:  # fmt: skip
    existing = {
        r.id: r
        for r in session.scalars(
            select(PerdiemRate).where(
                PerdiemRate.training_id == training_id, PerdiemRate.deleted.is_(False)
            )
        )
    }
    kept: set[str] = set()
    for rate, currency, amount, location_id in checked:
        row = existing.get(rate.id or "")
        if row is None:
            row = PerdiemRate(training_id=training_id)
            session.add(row)
        else:
            kept.add(row.id)
        values = {"kind": rate.kind, "currency": currency, "amount_e4": to_e4(amount),
                  "location_id": location_id}  # fmt: skip
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
    for rid, row in existing.items():
        if rid not in kept:
            row.deleted = True


def _save_rule(session: Session, training_id: str, rule: PersonRule) -> None:
    if rule.eligible not in PERDIEM_ELIGIBILITY:
        raise ValidationError({"people": Phrase("Choose yes, no or by category.")})
    rid = person_rule_id(training_id, rule.person_id)
    row = session.get(PerdiemPerson, rid)
    if row is None:
        if rule.eligible == "" and rule.nights:
            return  # the default: nothing to record
        row = PerdiemPerson(id=rid, training_id=training_id, person_id=rule.person_id)
        session.add(row)
    if (row.eligible, row.nights, row.deleted) != (rule.eligible, rule.nights, False):
        row.eligible, row.nights, row.deleted = rule.eligible, rule.nights, False
