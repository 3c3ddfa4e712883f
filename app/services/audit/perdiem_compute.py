"""What each participant is owed, from the days they attended (the attendance is the evidence).

- A *day* is a date on which the person was marked present at one session at least
  (absent and excused are not paid); it is paid at the day rate of that day's place
  (the place of its first session the person attended, in the training's order), or
  the "any place" day rate.
- A *night* is paid between two consecutive dates both attended (present on the
  evening before and the morning after), at the night rate of the second day's place;
  never for a person marked as sleeping at home.
- *Transport per person* is paid once to anyone who attended a day; *transport per
  place* once for each place the person attended.
- One *line* per rate used (its rate times the days, nights or trips it pays),
  rounded once, half up, to the currency's minor unit (``money.round_line``); a
  person's total per currency is the sum of their lines, the sheet's the sum of people.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.db.models import Attendance, TrainingSession
from app.services.audit.money import plain, round_line
from app.services.audit.perdiem import (
    STAFF_CATEGORY,
    PerdiemSettings,
    PersonRule,
    RateInfo,
    get_settings,
    has_rates,
)
from app.services.installation import Installation
from app.services.people import PersonInfo, list_participants
from app.services.read_once import once
from app.services.trainings import TrainingInfo, get_training

KIND_ORDER = ("day", "night", "transport_person", "transport_place")


@dataclass(frozen=True)
class Line:
    kind: str
    place: str  # the rate's place; "" for any place
    currency: str
    rate: Decimal
    quantity: int
    amount: Decimal  # rate x quantity, rounded (the only rounding)


@dataclass(frozen=True)
class Owed:
    person_id: str
    name: str
    organisation: str
    category: str  # code
    eligible: bool
    reason: str  # staff, excluded, included, category, not_category
    days: int
    nights: int
    places: tuple[str, ...]
    lines: tuple[Line, ...]
    totals: dict[str, Decimal]  # currency -> sum of lines

    def amount(self, kinds: tuple[str, ...], currency: str) -> Decimal:
        return sum(
            (x.amount for x in self.lines if x.kind in kinds and x.currency == currency),
            Decimal(0),
        )


@dataclass(frozen=True)
class PerdiemSheet:
    training: TrainingInfo
    settings: PerdiemSettings
    people: tuple[Owed, ...]
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(sorted({r.currency for r in self.settings.rates}))

    @property
    def payable(self) -> tuple[Owed, ...]:
        """The rows of the payment sheet: people owed something."""
        return tuple(p for p in self.people if p.eligible and any(p.totals.values()))

    def to_json(self) -> dict[str, Any]:
        def money(values: dict[str, Decimal]) -> dict[str, str]:
            return {c: plain(v, c) for c, v in sorted(values.items())}

        return {
            "training": self.training.id,
            "title": self.training.title,
            "currencies": list(self.currencies),
            "rates": [
                {"kind": r.kind, "place": r.location, "currency": r.currency,
                 "amount": f"{r.amount.normalize():f}"}
                for r in self.settings.rates
            ],
            "totals": money(self.totals),
            "paid": len(self.payable),
            "people": [
                {"person_id": p.person_id, "name": p.name, "organisation": p.organisation,
                 "eligible": p.eligible, "reason": p.reason, "days": p.days, "nights": p.nights,
                 "places": list(p.places), "totals": money(p.totals),
                 "lines": [{"kind": x.kind, "place": x.place, "currency": x.currency,
                            "rate": f"{x.rate.normalize():f}", "quantity": x.quantity,
                            "amount": plain(x.amount, x.currency)} for x in p.lines]}
                for p in self.people
            ],
        }  # fmt: skip


def _eligibility(settings: PerdiemSettings, person: PersonInfo,
                 rule: PersonRule) -> tuple[bool, str]:  # fmt: skip
    """Is ``person`` paid, and why (``rule``: the training's rule for them)?"""
    if person.category == STAFF_CATEGORY:
        return False, "staff"
    if rule.eligible == "no":
        return False, "excluded"
    if rule.eligible == "yes":
        return True, "included"
    if person.category and person.category in settings.eligible_categories:
        return True, "category"
    return False, "not_category"


def _rates_for(rates: tuple[RateInfo, ...], kind: str, place: str | None) -> list[RateInfo]:
    """The rates of ``kind`` at ``place``: the place's own, else those for any place."""
    own = [r for r in rates if r.kind == kind and place is not None and r.location_id == place]
    return own or [r for r in rates if r.kind == kind and r.location_id is None]


def attended_days(training: TrainingInfo, present: set[str]) -> dict[date, str | None]:
    """Each date the person was present at a session of, with that day's place."""
    days: dict[date, str | None] = {}
    for s in training.sessions:  # in the training's order: date, then place
        if s.id in present and s.date not in days:
            days[s.date] = s.location_id
    return dict(sorted(days.items()))


def owed_lines(settings: PerdiemSettings, days: dict[date, str | None],
               nights_paid: bool) -> tuple[list[Line], int]:  # fmt: skip
    """The lines a person's attended ``days`` earn, and the nights counted."""
    uses: dict[str, list[Any]] = {}  # rate id -> [rate, quantity]

    def use(rate: RateInfo, quantity: int = 1) -> None:
        uses.setdefault(rate.id, [rate, 0])[1] += quantity

    for place in days.values():
        for rate in _rates_for(settings.rates, "day", place):
            use(rate)
    nights = 0
    if nights_paid:
        for day, place in days.items():
            if day - timedelta(days=1) in days:
                nights += 1
                for rate in _rates_for(settings.rates, "night", place):
                    use(rate)
    if days:
        for rate in [r for r in settings.rates if r.kind == "transport_person"]:
            use(rate)
        for place in dict.fromkeys(days.values()):
            for rate in _rates_for(settings.rates, "transport_place", place):
                use(rate)
    lines = [
        Line(rate.kind, rate.location, rate.currency, rate.amount, quantity,
             round_line(rate.amount * quantity, rate.currency))
        for rate, quantity in uses.values()
    ]  # fmt: skip
    lines.sort(key=lambda x: (KIND_ORDER.index(x.kind), x.place, x.currency))
    return lines, nights


@dataclass(frozen=True)
class _Earned:
    """What attending some sessions earns (before eligibility)."""

    days: int
    nights: int
    places: tuple[str, ...]
    lines: tuple[Line, ...]
    totals: dict[str, Decimal]


def _earned(training: TrainingInfo, settings: PerdiemSettings, present: set[str],
            nights_paid: bool) -> _Earned:  # fmt: skip
    days = attended_days(training, present)
    lines, nights = owed_lines(settings, days, nights_paid)
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    places = {s.location_id: s.location for s in training.sessions}
    shown = tuple(places.get(p, "") for p in dict.fromkeys(days.values()))
    return _Earned(len(days), nights, shown, tuple(lines), totals)


def _present_at(inst: Installation, training_id: str) -> dict[str, set[str]]:
    """session id -> the people marked present at it (the training's live sessions)."""
    present: dict[str, set[str]] = {}
    with inst.db.reading() as session:
        # Through the connection: rows one at a time, not the ORM's lists of all of them.
        rows = session.connection().execute(
            select(Attendance.session_id, Attendance.person_id)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .where(
                TrainingSession.training_id == training_id,
                TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False),
                Attendance.status == "present",
            )
        )
        for sid, pid in rows:
            present.setdefault(sid, set()).add(pid)
    return present


def _earnings(inst: Installation, training: TrainingInfo,
              settings: PerdiemSettings) -> Iterator[tuple[PersonInfo, bool, str, _Earned]]:  # fmt: skip
    """Each participant, whether they are paid and why, and what their days earn."""
    present = _present_at(inst, training.id)  # session -> people marked present
    sessions = [(s.id, present.get(s.id, set())) for s in training.sessions]
    # Everyone marked present at the same sessions (sleeping at home or not) earns the
    # same: each such pattern is worked out once (a handful for thousands of people).
    earned: dict[tuple[frozenset[str], bool], _Earned] = {}
    for participant in list_participants(inst, training.id):
        person = participant.person
        rule = settings.rule(person.id)
        eligible, reason = _eligibility(settings, person, rule)
        pattern = (frozenset([sid for sid, there in sessions if person.id in there]), rule.nights)
        if pattern not in earned:
            earned[pattern] = _earned(training, settings, set(pattern[0]), pattern[1])
        yield person, eligible, reason, earned[pattern]


def _add(totals: dict[str, Decimal], amounts: dict[str, Decimal]) -> None:
    for currency, amount in amounts.items():
        totals[currency] = totals.get(currency, Decimal(0)) + amount


def compute_perdiem(inst: Installation, training_id: str) -> PerdiemSheet:
    """Every participant's days, nights, lines and totals, and the sheet's totals."""
    training = get_training(inst, training_id)
    settings = get_settings(inst, training_id)
    people: list[Owed] = []
    totals: dict[str, Decimal] = {}
    for person, eligible, reason, e in _earnings(inst, training, settings):
        mine = dict(e.totals) if eligible else {}
        _add(totals, mine)
        people.append(
            Owed(person.id, person.full_name, person.organisation, person.category, eligible,
                 reason, e.days, e.nights, e.places, e.lines if eligible else (), mine)
        )  # fmt: skip
    return PerdiemSheet(training, settings, tuple(people), totals)


@dataclass(frozen=True)
class PerdiemTotals:
    """A sheet's totals without its rows: what the report and the summary PDF show."""

    totals: dict[str, Decimal]  # currency -> sum, as ``PerdiemSheet.totals``
    paid: int  # people owed something, as ``len(PerdiemSheet.payable)``


def perdiem_totals(inst: Installation, training_id: str) -> PerdiemTotals:
    """:func:`compute_perdiem`'s totals and payees, without a row per participant (the
    report's totals and the summary's section both ask: inside ``read_once``, once)."""
    return once(inst, ("perdiem", training_id), lambda: _perdiem_totals(inst, training_id))


def _perdiem_totals(inst: Installation, training_id: str) -> PerdiemTotals:
    training = get_training(inst, training_id)
    totals: dict[str, Decimal] = {}
    paid = 0
    if not has_rates(inst, training_id):  # nothing to pay, whoever came
        return PerdiemTotals(totals, paid)
    settings = get_settings(inst, training_id)
    for _person, eligible, _reason, e in _earnings(inst, training, settings):
        if eligible:
            _add(totals, e.totals)
            paid += any(e.totals.values())
    return PerdiemTotals(totals, paid)
