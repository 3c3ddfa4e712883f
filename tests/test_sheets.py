"""Sign-in sheets: real PDFs from the demo data, read back and rendered."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from app.l10n import format_date
from app.services.people import list_participants
from app.services.sheets import BLANK_ROWS, export_sheets
from app.services.trainings import get_training
from tests.helpers import run_cli
from tests.test_pdf import needs_poppler, pdf_text, render, training_ids


@needs_poppler
def test_sheets_for_every_session(demo_installation, tmp_path: Path, artifacts: Path) -> None:
    inst = demo_installation
    training_id = training_ids()["UNSMIL"]
    training = get_training(inst, training_id)
    out = tmp_path / "sheets.pdf"
    result = export_sheets(inst, training_id, out)
    assert result.sessions == len(training.sessions) == 2
    assert result.participants == 28
    layout = pdf_text(out)
    flat = pdf_text(out, layout=False)
    pages = [p for p in layout.split("\f") if p.strip()]
    assert len(pages) == result.pages
    for number, session in enumerate(training.sessions, start=1):
        header = (
            f"UNSMIL · Session {number} of 2 · {format_date(session.date)} · {session.location}"
        )
        assert header in flat
    for column in ("No.", "Name", "Sex", "Category", "Organisation", "Function", "Phone",
                   "Signature"):  # fmt: skip
        assert column in layout
    # Enrolled people pre-filled in name order, then numbered blank rows, for each session.
    names = [p.person.full_name for p in list_participants(inst, training_id)]
    positions = [flat.index(unicodedata.normalize("NFKC", n)) for n in names]
    assert positions == sorted(positions)
    for name in names:
        assert flat.count(unicodedata.normalize("NFKC", name)) == 2  # once per session
    last = len(names) + BLANK_ROWS
    assert len(re.findall(rf"(?m)^\s*{last}\s*$", layout)) == 2
    assert not re.search(rf"(?m)^\s*{last + 1}\s*$", layout)
    # Phones are not printed on a sheet that goes round the room.
    for p in list_participants(inst, training_id):
        if p.person.phone:
            assert p.person.phone not in flat
    for old in artifacts.glob("sheets-unsmil-en*.png"):
        old.unlink()
    assert render(out, artifacts, "sheets-unsmil-en", "1-2")


@needs_poppler
def test_one_session_in_french_with_cyrillic(
    demo_installation, tmp_path: Path, artifacts: Path
) -> None:
    inst = demo_installation
    training_id = training_ids()["UNRCCA"]
    second = get_training(inst, training_id).sessions[1]
    out = tmp_path / "one.pdf"
    code, stdout, err = run_cli(
        "sheet", training_id[:8], "--session", second.id[:6], "-o", str(out), "--lang", "fr",
        home=inst.paths.home,
    )  # fmt: skip
    assert code == 0, err
    assert "1 session(s)" in stdout
    flat = pdf_text(out, layout=False)
    assert "Feuille de présence" in flat
    assert f"Séance 2 sur 3 · {format_date(second.date, 'fr')}" in flat
    assert "Séance 1 sur 3" not in flat and "Séance 3 sur 3" not in flat
    cyrillic = [
        p.person.full_name
        for p in list_participants(inst, training_id)
        if re.search("[а-яА-Я]", p.person.full_name)
    ]
    assert cyrillic and all(n in flat for n in cyrillic)
    for old in artifacts.glob("sheets-unrcca-fr*.png"):
        old.unlink()
    assert render(out, artifacts, "sheets-unrcca-fr", "1")


def test_sheet_refusals(demo_installation, tmp_path: Path) -> None:
    home = demo_installation.paths.home
    out = tmp_path / "x.pdf"
    code, _out, err = run_cli(
        "sheet", training_ids()["MONUSCO"], "--session", "nope", "-o", str(out), home=home
    )
    assert code == 1 and "has no session nope" in err and "Beni" in err and not out.exists()
    code, _out, err = run_cli("sheet", "no such training", "-o", str(out), home=home)
    assert code == 1 and "No training matches" in err
    code, _out, err = run_cli(
        "sheet", training_ids()["MONUSCO"], "-o", str(tmp_path / "missing" / "x.pdf"), home=home
    )
    assert code == 0  # missing folders are created
