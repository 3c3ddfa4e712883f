"""Hostile .xlsx files: openpyxl's own reader (what Muster used) against the bounded one.

Each reading runs in a child process; reported are its wall time and peak resident
memory (VmHWM, read from /proc while it runs: getrusage would count the parent's
pages inherited at fork). The baseline gets at most 120 s and 4 GiB of address space, so
"timeout" or "out of memory" means at least that much. Files (``tests.hostile_sheets``):
no ``<dimension>`` with a cell in column XFD on every row; a dimension claiming
A1:XFD1048576 around a three-person list; one row of two million cells.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_SECONDS = 120
BASELINE_BYTES = 4 * 1024**3

OLD_READER = """
import sys, warnings
from openpyxl import load_workbook
from app.services.spreadsheets import cell_text
warnings.simplefilter("ignore")
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
sheet = book[book.sheetnames[0]]
rows = [tuple(cell_text(v) for v in values[:200]) for values in sheet.iter_rows(values_only=True)]
print(len(rows))
import time
time.sleep(0.2)  # lets the parent read the last high-water mark
"""
NEW_READER = """
import sys, time
from app.errors import UserError
from app.services.participant_import import read_sheet
try:
    print(len(read_sheet(sys.argv[1]).rows))
except UserError as err:
    print("refused:", err)
time.sleep(0.2)  # lets the parent read the last high-water mark
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (BASELINE_BYTES, BASELINE_BYTES))


def _measure(code: str, path: Path, baseline: bool) -> tuple[float, float, str]:
    """(seconds, peak MiB, outcome) of one reading in a child process."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, preexec_fn=_limit_memory if baseline else None,
    )  # fmt: skip
    outcome, peak_kib = "", 0
    deadline = started + (BASELINE_SECONDS if baseline else 600)
    while True:
        peak_kib = max(peak_kib, _high_water_kib(proc.pid))
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            _pid, status, _usage = os.wait4(proc.pid, 0)
            outcome = "timeout"
            break
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    output = proc.stdout.read().decode().strip() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    if not outcome:
        outcome = output[:60] if proc.returncode == 0 else "out of memory / crashed"
    return time.monotonic() - started, peak_kib / 1024, outcome


def _high_water_kib(pid: int) -> int:
    """The child's VmHWM so far (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run() -> list[dict[str, object]]:
    from tests import hostile_sheets

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "no dimension, 5,000 rows": hostile_sheets.no_dimension(Path(folder) / "a.xlsx", 5_000),
            "no dimension, 1,000,000 rows": hostile_sheets.no_dimension(
                Path(folder) / "b.xlsx", 1_000_000
            ),
            "dimension A1:XFD1048576": hostile_sheets.huge_dimension(Path(folder) / "c.xlsx"),
            "one row of 2,000,000 cells": hostile_sheets.one_wide_row(Path(folder) / "d.xlsx"),
        }
        for label, path in files.items():
            size = f"{path.stat().st_size / 1024:,.0f} KiB file"
            for side, code in (("openpyxl read-only (before)", OLD_READER),
                               ("bounded reader (after)", NEW_READER)):  # fmt: skip
                seconds, peak, outcome = _measure(code, path, baseline=side.endswith("(before)"))
                name = f"xlsx {label}"
                rows.append({"benchmark": name, "metric": f"{side} time", "value": seconds,
                             "unit": "s", "note": f"{size}; {outcome}"})  # fmt: skip
                rows.append({"benchmark": name, "metric": f"{side} peak memory", "value": peak,
                             "unit": "MiB"})  # fmt: skip
    return rows
