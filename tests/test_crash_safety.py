"""A process killed in the middle of a big operation leaves all of it or none of it.

Real subprocesses do the work through the app's own services and commands; the
test SIGKILLs them mid-way (no clean-up code runs), reopens the database with
``open_installation`` and checks ``PRAGMA integrity_check`` and the counts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.db.base import derived_id
from app.paths import Paths
from app.services.installation import open_installation
from app.services.trainings import SessionInput, TrainingInput, create_training
from benchmarks.generate import _Writer
from tests.helpers import MUSTER_EXE, ROOT, connect_database

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX"),
    pytest.mark.timeout(180),  # real processes killed and restarted
]

PARTICIPANTS = 5000
MARKED = 1500  # people marked at each of 3 sessions by the killed edit (ORM path: ~500/s)


def _big_training(paths: Paths) -> tuple[str, list[str], list[str]]:
    """A training with 3 sessions and 5,000 enrolled people (bulk-loaded setup)."""
    inst = open_installation(paths)
    info = create_training(
        inst,
        TrainingInput(
            mission="MONUSCO",
            title="Recensement du personnel judiciaire",
            start=date(2024, 9, 10),
            end=date(2024, 9, 12),
            sessions=tuple(
                SessionInput(date=date(2024, 9, 10 + i), location="Kinshasa") for i in range(3)
            ),
        ),
    )
    inst.close()
    conn = connect_database(paths.database, isolation_level=None)
    writer = _Writer(conn, "test-device", "2024-09-01 00:00:00.000000")
    people = [derived_id("person", "crash-test", str(i)) for i in range(PARTICIPANTS)]
    conn.execute("BEGIN")
    writer.insert(
        "people",
        ("id", "full_name", "name_key", "sex"),
        ((pid, f"Personne {i}", f"personne {i}", "F" if i % 3 else "M")
         for i, pid in enumerate(people)),
    )  # fmt: skip
    writer.insert(
        "enrolments",
        ("id", "training_id", "person_id"),
        ((derived_id("enrolment", info.id, pid), info.id, pid) for pid in people),
    )
    conn.execute("COMMIT")
    conn.close()
    return info.id, [s.id for s in info.sessions], people


def _check_intact(paths: Paths) -> None:
    inst = open_installation(paths)  # the app's own way in: must not fail after a crash
    try:
        with inst.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        inst.close()


def _marks(paths: Paths, training_id: str) -> int:
    conn = connect_database(paths.database)
    try:
        return conn.execute(
            "SELECT count(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id "
            "WHERE s.training_id = ? AND a.deleted = 0",
            (training_id,),
        ).fetchone()[0]
    finally:
        conn.close()


MARKING_SCRIPT = r"""
import sys, time
from pathlib import Path
from app.paths import Paths
from app.services.installation import open_installation
from app.services.attendance import Mark, set_marks

home, mode = Path(sys.argv[1]), sys.argv[2]
sessions = sys.argv[3].split(",")
people = Path(sys.argv[4]).read_text().split()
inst = open_installation(Paths(home))
total = len(sessions) * len(people)

def marks():
    n = 0
    for sid in sessions:
        for pid in people:
            n += 1
            if n == total // 2:
                print("MIDWAY", flush=True)
            yield Mark(sid, pid, "present")

set_marks(inst, marks())   # one transaction: all of these marks or none
print("COMMITTED", flush=True)
if mode == "hang":
    time.sleep(60)           # killed before any clean shutdown or checkpoint
"""


def _start_marking(paths: Paths, sessions: list[str], people: list[str], mode: str, tmp: Path):
    people_file = tmp / "people.txt"
    people_file.write_text("\n".join(people))
    return subprocess.Popen(
        [sys.executable, "-c", MARKING_SCRIPT, str(paths.home), mode, ",".join(sessions),
         str(people_file)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip


def _wait_for(proc: subprocess.Popen[str], marker: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"process ended before {marker}")
        if line.strip() == marker:
            return
    raise AssertionError(f"no {marker} within {timeout} s")


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stdout is not None:
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


def test_killed_in_the_middle_of_a_big_attendance_edit_keeps_none_of_it(paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    training_id, sessions, people = _big_training(paths)
    assert _marks(paths, training_id) == 0
    proc = _start_marking(paths, sessions, people[:MARKED], "exit", tmp_path)
    _wait_for(proc, "MIDWAY")  # half of the marks written inside the transaction
    _kill(proc)
    _check_intact(paths)
    assert _marks(paths, training_id) == 0


def test_killed_after_the_commit_keeps_all_of_it(paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    training_id, sessions, people = _big_training(paths)
    proc = _start_marking(paths, sessions, people[:400], "hang", tmp_path)
    _wait_for(proc, "COMMITTED")
    assert Path(f"{paths.database}-wal").stat().st_size > 0  # still only in the WAL
    _kill(proc)
    _check_intact(paths)
    assert _marks(paths, training_id) == len(sessions) * 400


def _people(paths: Paths) -> int:
    conn = connect_database(paths.database)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


def test_killed_while_a_big_import_commits_keeps_all_or_none(paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``muster participants import`` of 5,000 rows, killed as its commit hits the WAL."""
    training_id, _sessions, _people_ids = _big_training(paths)
    sheet = tmp_path / "liste.csv"
    rows = [f"Participant Importé {i:05d},{'F' if i % 2 else 'M'},Parquet {i % 40}"
            for i in range(PARTICIPANTS)]  # fmt: skip
    sheet.write_text("Nom complet,Sexe,Organisation\n" + "\n".join(rows) + "\n", encoding="utf-8")
    before = _people(paths)
    wal = Path(f"{paths.database}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [*MUSTER_EXE, "--home", str(paths.home), "participants", "import", training_id,
         str(sheet), "--yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 256 * 1024:
            break  # the import's transaction is being written out
        time.sleep(0.002)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    _check_intact(paths)
    after = _people(paths)
    assert after in (before, before + PARTICIPANTS), (before, after)


EXPORT_SCRIPT = r"""
import sys
from pathlib import Path
from app.services.exports import write_table

rows = [[f"Personne {i}", "F", "Organisation de la société civile", i] for i in range(1_500_000)]
print("WRITING", flush=True)
write_table(Path(sys.argv[1]), ["Nom", "Sexe", "Organisation", "N"], rows)
print("DONE", flush=True)
"""


def test_killed_export_leaves_no_file_with_the_final_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "exports" / "participants.csv"
    proc = subprocess.Popen(
        [sys.executable, "-c", EXPORT_SCRIPT, str(target)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    _wait_for(proc, "WRITING")
    deadline = time.monotonic() + 60
    partial: list[Path] = []
    while time.monotonic() < deadline and not partial:
        partial = [p for p in target.parent.glob("*.partial") if p.stat().st_size > 1_000_000]
        time.sleep(0.01)
    assert partial, "the export never started writing"
    _kill(proc)
    assert not target.exists()
