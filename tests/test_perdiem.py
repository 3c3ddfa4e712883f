"""Per-diem and transport from attendance: amounts against hand-computed examples.

One training, four days over two places (Beni, Bunia), two currencies (USD for days and
nights, CDF for transport per place), partial attendance, people paid by category, one
by exception, one excluded, UN staff never; 33.335 USD a day shows the rounding rule
(per line, half up: 2 days = 66.67, where rounding each day would give 66.68).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.services import attendance, people, trainings
from app.services.attendance import Mark
from app.services.audit import money
from app.services.audit.perdiem import PersonRule, RateInput, save_settings
from app.services.audit.perdiem_compute import compute_perdiem
from app.services.people import PersonInput
from app.services.trainings import SessionInput, TrainingInput

DAYS = [date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12), date(2025, 3, 13)]
PLACES = ["Beni", "Beni", "Bunia", "Bunia"]
RATES = [
    RateInput("day", "USD", "33.335"),
    RateInput("day", "usd", "50", "Bunia"),
    RateInput("night", "USD", "20,005"),
    RateInput("transport_place", "CDF", "12 500", "Beni"),
    RateInput("transport_place", "CDF", "8000", "Bunia"),
]
# name, category, attendance on the four days (P present, A absent, E excused, - none)
PEOPLE = {
    "Amani Kasereka": ("police", "PPPP"),
    "Bahati Furaha": ("magistrate", "PAPE"),
    "Chantal Mbuyi": ("un_staff", "PPPP"),
    "Dieudonné Paluku": ("civil_society", "P---"),
    "Esther Kavira": ("civil_society", "PP--"),
    "Faustin Muhindo": ("police", "PPP-"),
}
STATUS = {"P": "present", "A": "absent", "E": "excused"}


def make_training(inst: Any) -> tuple[str, dict[str, str]]:
    info = trainings.create_training(
        inst,
        TrainingInput(
            title="Atelier sur les enquêtes", mission="MONUSCO", start=DAYS[0], end=DAYS[-1],
            sessions=tuple(SessionInput(d, p) for d, p in zip(DAYS, PLACES, strict=True)),
        ),
    )  # fmt: skip
    ids: dict[str, str] = {}
    marks = []
    for name, (category, days) in PEOPLE.items():
        person = people.add_participant(inst, info.id, PersonInput(name, category=category))
        ids[name] = person.person.id
        for session, status in zip(info.sessions, days, strict=True):
            if status != "-":
                marks.append(Mark(session.id, person.person.id, STATUS[status]))
    attendance.set_marks(inst, marks)
    return info.id, ids


@pytest.fixture
def sheet_training(installation: Any) -> tuple[Any, str, dict[str, str]]:
    training_id, ids = make_training(installation)
    save_settings(
        installation, training_id, ["police", "magistrate"], RATES,
        [PersonRule(ids["Esther Kavira"], "yes", nights=False),
         PersonRule(ids["Faustin Muhindo"], "no")],
    )  # fmt: skip
    return installation, training_id, ids


def test_amounts_match_the_hand_computed_sheet(sheet_training: Any) -> None:
    inst, training_id, _ids = sheet_training
    sheet = compute_perdiem(inst, training_id)
    owed = {p.name: p for p in sheet.people}
    d = Decimal
    # Amani: Beni 2 days x 33.335 = 66.67 (one line), Bunia 2 x 50 = 100.00, 3 nights
    # x 20.005 = 60.015 -> 60.02; transport Beni 12,500 + Bunia 8,000 CDF.
    amani = owed["Amani Kasereka"]
    assert (amani.days, amani.nights) == (4, 3)
    assert [(x.kind, x.place, x.quantity, x.amount) for x in amani.lines] == [
        ("day", "", 2, d("66.67")), ("day", "Bunia", 2, d("100.00")),
        ("night", "", 3, d("60.02")),
        ("transport_place", "Beni", 1, d("12500.00")), ("transport_place", "Bunia", 1, d("8000.00")),
    ]  # fmt: skip
    assert amani.totals == {"USD": d("226.69"), "CDF": d("20500.00")}
    # Bahati: present on the 10th and 12th only (absent, excused unpaid), so no night.
    bahati = owed["Bahati Furaha"]
    assert (bahati.days, bahati.nights, bahati.totals) == (
        2, 0, {"USD": d("83.34"), "CDF": d("20500.00")})  # fmt: skip
    # Esther: civil society, paid by exception; sleeps at home: 2 days, no night.
    assert owed["Esther Kavira"].totals == {"USD": d("66.67"), "CDF": d("12500.00")}
    assert owed["Esther Kavira"].nights == 0
    # Not paid: UN staff, a category not chosen, a person excluded.
    for name, reason in (("Chantal Mbuyi", "staff"), ("Dieudonné Paluku", "not_category"),
                         ("Faustin Muhindo", "excluded")):  # fmt: skip
        assert (owed[name].eligible, owed[name].reason, owed[name].totals) == (False, reason, {})
    assert sheet.totals == {"USD": d("376.70"), "CDF": d("53500.00")}
    assert [p.name for p in sheet.payable] == ["Amani Kasereka", "Bahati Furaha", "Esther Kavira"]
    data = sheet.to_json()
    assert data["totals"] == {"CDF": "53500.00", "USD": "376.70"}


def test_rounding_is_half_up_to_the_minor_unit() -> None:
    assert money.round_line(Decimal("0.005"), "USD") == Decimal("0.01")
    assert money.round_line(Decimal("0.0049"), "USD") == Decimal("0.00")
    assert money.round_line(Decimal("2.5"), "XAF") == Decimal("3")  # franc CFA: no decimals
    assert money.round_line(Decimal("1.0005"), "LYD") == Decimal("1.001")  # Libya: 3
    assert money.parse_amount("1 234,5") == Decimal("1234.5")
    assert money.parse_amount("1,234.50") == Decimal("1234.50")
    assert money.format_money(Decimal("1234.5"), "USD", "fr") == "1\u202f234,50\u00a0USD"
    for bad in ("-5", "12.34567", "abc", ""):
        with pytest.raises(money.UserError):
            money.parse_amount(bad)


def test_refusals_name_the_rate(sheet_training: Any) -> None:
    from app.errors import ValidationError

    inst, training_id, _ids = sheet_training
    with pytest.raises(ValidationError) as caught:
        save_settings(inst, training_id, ["police"], [
            RateInput("day", "US", "10"), RateInput("day", "USD", "10", "Kinshasa"),
            RateInput("night", "USD", "10"), RateInput("night", "USD", "12"),
        ])  # fmt: skip
    assert set(caught.value.errors) == {"rates.0", "rates.1", "rates.3"}
    with pytest.raises(ValidationError):
        save_settings(inst, training_id, ["un_staff"], [])
