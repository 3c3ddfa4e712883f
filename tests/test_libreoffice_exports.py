"""LibreOffice, in a French locale, opens Muster's exports the way an analyst's Excel would.

``soffice --headless`` converts the French-dialect CSV files (semicolons, decimal
comma, French language 1036 in the import filter) to .xlsx, and openpyxl checks that
names, dates and numbers landed in the right columns with the right types; then it
re-saves an .xlsx holding the injection payloads, which must come out as the same
text, never evaluated. CI installs LibreOffice (.ci/run); elsewhere the test says why
it skips. Slow (LibreOffice starts twice): about 15 s.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.services.demo import demo_training_ids
from app.services.people import PersonInput, add_participant
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import run_cli

TUNIS = demo_training_ids()["unsmil-2024-tunis"]
TASHKENT = demo_training_ids()["unrcca-2024-tashkent"]
FRENCH_CSV = "CSV:59,34,76,1,,1036"  # separator ;, quote ", UTF-8, from line 1, French


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice must be installed in CI (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return found


def convert(files: list[Path], to: str, out: Path, infilter: str | None, profile: Path) -> None:
    command = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(out), *map(str, files)]
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": "fr"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    for f in files:
        assert (out / f.with_suffix(f".{to.split(':')[0]}").name).exists(), done.stdout


def rows_of(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path)
    try:
        return [tuple(c.value for c in row) for row in book.active.iter_rows()]
    finally:
        book.close()


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_french_libreoffice_reads_semicolon_csv_into_typed_columns(  # type: ignore[no-untyped-def]
    demo_installation, home: Path, tmp_path: Path
) -> None:
    soffice()
    exports = {
        "people": ("participants", "export", TASHKENT, "--lang", "fr"),
        "sessions": ("export-table", "by_session", "--training", TUNIS, "--lang", "fr"),
        "trainings": ("hq-tables", "--by", "trainings", "--lang", "fr"),
        "missions": ("hq-tables", "--by", "mission", "--lang", "fr", "--hxl"),
    }
    files = []
    for name, args in exports.items():
        path = tmp_path / f"{name}.csv"
        code, _out, err = run_cli(*args, "-o", str(path), home=home)
        assert code == 0, err
        files.append(path)
    out = tmp_path / "lo"
    convert(files, "xlsx", out, FRENCH_CSV, tmp_path / "profile")

    people = rows_of(out / "people.xlsx")
    with (tmp_path / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle, delimiter=";"))
    assert people[0][:4] == ("Nom", "Sexe", "Catégorie", "Organisation")
    assert len(people) == len(written) == 51
    for sheet_row, csv_row in zip(people[1:], written[1:], strict=True):
        assert sheet_row[0] == csv_row[0]  # names (Cyrillic too) in column A, whole
        assert sheet_row[9] == int(csv_row[9])  # "Séances suivies" read as a number
        assert sheet_row[10] in ("présent", "absent", "excusé", None)
    assert any("\u0400" <= ch <= "\u04ff" for r in people[1:] for ch in str(r[0]))

    sessions = rows_of(out / "sessions.xlsx")
    assert sessions[0][:4] == ("Date", "Lieu", "Sujet", "Présent")
    assert all(isinstance(r[0], datetime) for r in sessions[1:])  # ISO dates became dates
    assert [r[0].date() for r in sessions[1:]] == [date(2024, 11, 5), date(2024, 11, 6)]
    assert all(isinstance(v, int) for r in sessions[1:] for v in r[3:6])

    trainings = rows_of(out / "trainings.xlsx")
    assert trainings[0][:4] == ("Mission", "Intitulé", "Début", "Fin")
    assert all(isinstance(r[2], datetime) and isinstance(r[3], datetime) for r in trainings[1:])
    assert all(isinstance(r[6], int) and isinstance(r[7], int) for r in trainings[1:])

    missions = rows_of(out / "missions.xlsx")
    assert missions[1][0] == "#org+mission"  # the HXL row stays a row of text
    for row in missions[2:]:
        assert isinstance(row[0], str) and all(isinstance(v, int) for v in row[1:5])
        assert isinstance(row[5], float) and 0 < row[5] < 1  # "30,7%" read as 0.307


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_libreoffice_never_runs_a_payload(installation, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    soffice()
    info = create_training(
        installation,
        TrainingInput("=1+1", "MONUSCO", date(2024, 3, 4), date(2024, 3, 4),
                      sessions=(SessionInput(date(2024, 3, 4), "@SUM(2+2)"),)),
    )  # fmt: skip
    payloads = ['=HYPERLINK("http://evil.example","Ali")', "+1+1", "-2+3", "@SUM(1+1)"]
    for payload in payloads:
        add_participant(installation, info.id, PersonInput(payload, organisation=payload))
    xlsx, semicolons = tmp_path / "p.xlsx", tmp_path / "p.csv"
    for path in (xlsx, semicolons):
        code, _out, err = run_cli("participants", "export", info.id, "-o", str(path), "--lang",
                                  "fr", home=home)  # fmt: skip
        assert code == 0, err
    out = tmp_path / "lo"
    convert([xlsx], "csv:Text - txt - csv (StarCalc):59,34,76,1", out, None, tmp_path / "pr")
    with (out / "p.csv").open(encoding="utf-8", newline="") as handle:
        resaved = list(csv.reader(handle, delimiter=";"))
    names = sorted(r[0] for r in resaved[1:])
    assert names == sorted(payloads)  # text, as typed: LibreOffice computed nothing
    assert sorted(r[3] for r in resaved[1:]) == sorted(payloads)
    assert "2024-03-04 @SUM(2+2)" in resaved[0]
    convert([semicolons], "xlsx", out, FRENCH_CSV, tmp_path / "pr")
    cells = [v for row in rows_of(out / "p.xlsx")[1:] for v in row[:4]]
    assert all(v is None or isinstance(v, str) for v in cells)  # no result of a formula
    assert {v.lstrip("'") for v in cells if v} >= set(payloads)
