"""Per-diem and transport from attendance: amounts against hand-computed examples.

One training, four days over two places (Beni, Bunia), two currencies (USD for days and
nights, CDF for transport per place), partial attendance, people paid by category, one
by exception, one excluded, UN staff never; 33.335 USD a day shows the rounding rule
(per line, half up: 2 days = 66.67, where rounding each day would give 66.68).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.services import attendance, people, trainings
from app.services.attendance import Mark
from app.services.audit import money
from app.services.audit.perdiem import PersonRule, RateInput, save_settings
from app.services.audit.perdiem_compute import compute_perdiem
from app.services.people import PersonInput
from app.services.trainings import SessionInput, TrainingInput
from tests.test_pdf import needs_poppler

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


# --- the payment sheet through the command line -------------------------------------------

PASS = "correct horse battery staple"


@pytest.fixture
def signed_training(sheet_training: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from app.services import identity
    from app.services.installation import Profile

    inst, training_id, ids = sheet_training
    identity.create_identity(inst, Profile(name="Awa Kahindo", title="Finance officer",
                                           mission="MONUSCO"), PASS)  # fmt: skip
    monkeypatch.setenv("MUSTER_PASSPHRASE", PASS)
    return inst, training_id, ids


def test_cli_xlsx_sheet_has_typed_amounts_and_formula_safe_text(
    signed_training: Any, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from app.services.people import update_person
    from tests.helpers import run_cli

    inst, training_id, ids = signed_training
    update_person(inst, ids["Amani Kasereka"], PersonInput(
        "Amani Kasereka", category="police", organisation='=HYPERLINK("http://x","y")'))  # fmt: skip
    out = tmp_path / "perdiem.xlsx"
    code, stdout, err = run_cli("perdiem", training_id[:8], "-o", str(out), "--lang", "fr",
                                "--json", home=inst.paths.home)  # fmt: skip
    assert code == 0, err
    shown = json.loads(stdout)
    assert shown["people"] == 3 and shown["totals"] == {"CDF": "53500.00", "USD": "376.70"}
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["N°", "Nom", "Organisation", "Jours", "Nuits"]
    assert rows[0][5:] == ["Indemnité (CDF)", "Transport (CDF)", "Total (CDF)",
                           "Indemnité (USD)", "Transport (USD)", "Total (USD)"]  # fmt: skip
    amani = rows[1]
    assert amani[1:5] == ["Amani Kasereka", '=HYPERLINK("http://x","y")', 4, 3]
    assert sheet.cell(2, 3).data_type == "s"  # text, never a formula
    assert amani[5:] == [0, 20500, 20500, 226.69, 0, 226.69]
    assert rows[-1][1] == "Total" and rows[-1][7] == 53500 and rows[-1][10] == 376.7
    assert "Chantal Mbuyi" not in str(rows)  # UN staff: not paid, not on the sheet


@needs_poppler
def test_cli_signed_pdf_sheet(signed_training: Any, tmp_path: Path, artifacts: Path) -> None:
    from tests.helpers import run_cli
    from tests.test_pdf import pdf_text, render

    inst, training_id, _ids = signed_training
    for lang in ("en", "fr"):
        out = tmp_path / f"perdiem-{lang}.pdf"
        code, stdout, err = run_cli("perdiem", training_id, "-o", str(out), "--lang", lang,
                                    home=inst.paths.home)  # fmt: skip
        assert code == 0, err
        assert "3 people paid" in stdout and "376.70 USD" in stdout
        text = pdf_text(out)
        for name in ("Amani Kasereka", "Bahati Furaha", "Esther Kavira"):
            assert name in text
        assert "Chantal Mbuyi" not in text and "Faustin Muhindo" not in text
        assert ("376.70" if lang == "en" else "376,70") in text
        assert ("half up" if lang == "en" else "arrondie") in text
        render(out, artifacts, f"perdiem-sheet-{lang}")
    code, stdout, err = run_cli("verify", str(tmp_path / "perdiem-en.pdf"), home=inst.paths.home)
    assert code == 0, err + stdout


def test_cli_refusals_and_usage(signed_training: Any, tmp_path: Path) -> None:
    from tests.helpers import run_cli

    inst, training_id, _ids = signed_training
    home = inst.paths.home
    code, _out, err = run_cli("perdiem", training_id, "-o", str(tmp_path / "x.docx"), home=home)
    assert code == 1 and ".pdf or an .xlsx" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run_cli("perdiem", "no-such-training", "-o", str(tmp_path / "x.pdf"),
                              home=home)  # fmt: skip
    assert code == 1 and "Traceback" not in err
    code, _out, _err = run_cli("perdiem", training_id, "-o", str(tmp_path / "x.pdf"), "--lang",
                               "de", home=home)  # fmt: skip
    assert code == 2
    code, _out, _err = run_cli("perdiem", training_id, home=home)
    assert code == 2
    empty = trainings.create_training(inst, TrainingInput(title="No rates", mission="MONUSCO",
                                                          start=DAYS[0], end=DAYS[0]))  # fmt: skip
    code, _out, err = run_cli("perdiem", empty.id, "-o", str(tmp_path / "x.xlsx"), home=home)
    assert code == 1 and "no per-diem rates" in err and not (tmp_path / "x.xlsx").exists()


def test_cli_evidence_add_and_list(sheet_training: Any, tmp_path: Path) -> None:
    import hashlib

    from tests.helpers import run_cli
    from tests.test_evidence_and_consent import tiny_png

    inst, training_id, _ids = sheet_training
    home = inst.paths.home
    photo = tmp_path / "atelier.png"
    photo.write_bytes(tiny_png((10, 120, 200)))
    code, stdout, err = run_cli("evidence", "add", training_id, str(photo), "--session",
                                "2025-03-12", "--json", home=home)  # fmt: skip
    assert code == 0, err
    added = json.loads(stdout)
    assert added["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert added["media_type"] == "image/png" and added["session_date"] == "2025-03-12"
    code, stdout, err = run_cli("evidence", "list", training_id, home=home)
    assert code == 0 and added["sha256"] in stdout and "atelier.png" in stdout
    code, _out, err = run_cli("evidence", "add", training_id, str(tmp_path / "none.pdf"),
                              home=home)  # fmt: skip
    assert code == 1 and "no file" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run_cli("evidence", "add", training_id, str(photo), "--session", "1999-01-01",
                              home=home)  # fmt: skip
    assert code == 1 and "no session" in err
    code, _out, _err = run_cli("evidence", "frobnicate", training_id, home=home)
    assert code == 2
    code, stdout, _err = run_cli("evidence", "list", training_id, "--json", home=home)
    assert [e["file_name"] for e in json.loads(stdout)] == ["atelier.png"]
