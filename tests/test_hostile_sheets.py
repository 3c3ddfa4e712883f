"""Hostile and odd spreadsheets through the real command line, in a child process.

Each refusal is one sentence on stderr with exit 1 and an unchanged database; the
memory cases check the child's peak resident memory (its VmHWM, see ``PEAK_WRAPPER``). Footer, note and repeated-header rows are skipped with their reason,
and names come in cleaned.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from app.services.trainings import SessionInput, TrainingInput, create_training
from tests import hostile_sheets
from tests.helpers import ROOT, dump_database

PEAK_MIB = 250  # the interpreter, Qt-free app modules and openpyxl take ~70 MiB

# ``python -m app`` that writes its peak resident memory when it exits. Not getrusage: a
# child's ru_maxrss starts at its parent's size at fork (Linux carries it over exec), so
# under a big pytest process it says nothing about the child; VmHWM is the high-water
# mark of the memory the child itself mapped after exec.
PEAK_WRAPPER = """
import atexit, os, sys

def _peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(os.environ["MUSTER_TEST_PEAK_FILE"], "w") as out:
                    out.write(line.split()[1])

atexit.register(_peak)
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_measured(*args: str, home: Path) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, peak MiB, seconds) of ``muster --home HOME ARGS``."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        env = {**os.environ, "PYTHONWARNINGS": "ignore", "MUSTER_TEST_PEAK_FILE": str(peak_file)}
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, "--home", str(home), *args],
            capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL, env=env,
            timeout=300, check=False,
        )  # fmt: skip
        elapsed = time.monotonic() - started
        peak = int(peak_file.read_text()) / 1024
    return done.returncode, done.stdout, done.stderr, peak, elapsed


@pytest.fixture
def training(installation):  # type: ignore[no-untyped-def]
    return create_training(
        installation,
        TrainingInput("Formation Beni", "MONUSCO", date(2024, 3, 4), date(2024, 3, 5),
                      sessions=(SessionInput(date(2024, 3, 4), "Beni"),
                                SessionInput(date(2024, 3, 5), "Beni"))),
    )  # fmt: skip


def assert_refused(installation, training, home: Path, path: Path, words: str) -> float:  # type: ignore[no-untyped-def]
    """Import ``path``: exit 1, one sentence naming ``words``, nothing changed; peak MiB."""
    before = dump_database(installation.paths.database)
    code, out, err, peak, _seconds = run_measured(
        "participants", "import", training.id, str(path), "--yes", home=home
    )
    assert code == 1, (out, err)
    assert err.startswith("muster: ") and len(err.strip().splitlines()) == 1, err
    assert words in err and "Traceback" not in err and "internal error" not in err
    assert dump_database(installation.paths.database) == before
    assert peak < PEAK_MIB, f"peak {peak:.0f} MiB"
    return peak


# --- XML ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prolog", "entity"),
    [(hostile_sheets.BILLION_LAUGHS, "i"), (hostile_sheets.EXTERNAL_ENTITY, "secret")],
    ids=["entity-bomb", "external-entity"],
)
def test_entities_in_the_worksheet_are_refused(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path, prolog: str, entity: str
) -> None:
    path = hostile_sheets.with_entities(tmp_path / "liste.xlsx", prolog, entity)
    assert_refused(installation, training, home, path, "declares XML entities")


def test_a_plain_hand_written_workbook_still_imports(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    path = hostile_sheets.plain_list(tmp_path / "liste.xlsx")
    code, out, err, peak, _s = run_measured(
        "participants", "import", training.id, str(path), "--yes", home=home
    )
    assert code == 0, err
    assert "Imported 3 participant(s): 3 new" in out and peak < PEAK_MIB


# --- size claims --------------------------------------------------------------------------


@pytest.mark.timeout(120)
def test_sheet_without_dimension_is_read_in_bounded_time_and_memory(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    """The kind of file that took 205 s and 5 GB: refused after 50,000 rows, in little memory."""
    path = hostile_sheets.no_dimension(tmp_path / "liste.xlsx", rows=200_000)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_refused(installation, training, home, path, "more than 50,000 rows")


def test_sheet_claiming_every_cell_reads_only_its_rows(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    path = hostile_sheets.huge_dimension(tmp_path / "liste.xlsx")
    code, out, err, peak, seconds = run_measured(
        "participants", "import", training.id, str(path), "--yes", "--dry-run", home=home
    )
    assert code == 0, err
    assert "3 row(s) to import" in out and peak < PEAK_MIB and seconds < 30


@pytest.mark.timeout(120)
def test_row_with_a_million_cells_is_refused_in_bounded_memory(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    path = hostile_sheets.one_wide_row(tmp_path / "liste.xlsx", cells=600_000)
    assert_refused(installation, training, home, path, "more than 500,000 cells")


# --- CSV --------------------------------------------------------------------------------------


def test_csv_line_longer_than_the_field_limit(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Nom,Sexe\nKahindo,H\n" + "A" * 200_000 + ",F\n", encoding="utf-8")
    assert_refused(installation, training, home, path, "longer than 131,072 characters")
    path.write_text('Nom,Sexe\nKahindo,H\n"' + "A\n" * 70_000 + '",F\n', encoding="utf-8")
    assert_refused(installation, training, home, path, "cannot be read as CSV")


# --- rows that are not people -----------------------------------------------------------------

SIGN_IN_SHEET = """MONUSCO - Liste de présence;;;
Formation Beni, 4-5 mars 2024;;;
N°;Nom et prénom;Sexe;Institution
1;Kahindo Mumbere;H;Parquet de Beni
2;Masika Furaha;F;Tribunal de paix
3;Paluku Jean;H;Police nationale
4;Kavira Esther;F;Prison centrale
5;Mbusa Baraka;H;Parquet de Beni
6;Nzanzu Sifa;F;Tribunal de paix
;Sous-total : 6;;
N°;Nom et prénom;Sexe;Institution
7;Kambale Amani;H;Police nationale
8;Muhindo Zawadi;F;Parquet de Beni
9;Katembo Tumaini;H;Tribunal de paix
10;Kasereka Pierre;H;Police nationale
11;Vahwere Madina;F;Prison centrale
12;Sikuli Omar;H;Police nationale
13;Lukogo Fatima;F;Parquet de Beni
;Total participants : 13;;
;Totaux;6 F;7 H
NB : les participants absents le 2e jour ont été excusés par leur hiérarchie;;;
;Signature du formateur;;
;Jean Dupont;;
"""


def test_footers_notes_and_repeated_headers_are_not_participants(  # type: ignore[no-untyped-def]
    installation, training, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(SIGN_IN_SHEET, encoding="utf-8")
    code, out, err, _peak, _s = run_measured(
        "participants", "import", training.id, str(path), "--yes", "--dry-run", home=home
    )
    assert code == 0, err
    assert "13 row(s) to import, 7 to skip." in out
    for line, reason in [
        (10, "Sous-total : 6: skipped, a total line"),
        (11, "skipped, the column titles again (a new printed page)"),
        (19, "Total participants : 13: skipped, a total line"),
        (20, "Totaux: skipped, a total line"),
        (21, "skipped, a note under the table"),
        (22, "Signature du formateur: skipped, a signature line"),
        (23, "Jean Dupont: skipped, below the table's total or signature line"),
    ]:
        assert any(f"row {line}:" in row and reason in row for row in out.splitlines()), (line, out)
    code, out, err, _peak, _s = run_measured(
        "participants", "import", training.id, str(path), "--yes", home=home
    )
    assert code == 0, err
    assert "Imported 13 participant(s): 13 new" in out  # no 14th participant
