"""Cold launch to a usable main window, side by side with a bare PySide6 + SQLAlchemy window.

Each run is a fresh ``python`` process. Muster runs with ``MUSTER_STARTUP_PROBE=quit``
and prints the time when its window has painted with the trainings list loaded;
the bare script imports PySide6 and SQLAlchemy (core and ORM), queries the same
database and prints when its window has painted. Runs alternate between the two,
the median is reported, with peak RSS from ``wait4``. Goal: Muster within 1.3x.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11
GOAL = 1.3

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel, QStandardItem
import sqlalchemy
import sqlalchemy.orm
engine = sqlalchemy.create_engine(f"sqlite:///{sys.argv[1]}")
with engine.connect() as conn:
    ids = [r[0] for r in conn.execute(sqlalchemy.text("SELECT id FROM trainings"))]
app = QApplication(sys.argv)
window = QMainWindow()
model = QStandardItemModel(len(ids), 1)
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1100, 640)

class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.ready)
        return False
    def ready(self):
        window.repaint()
        print(f"MUSTER_READY {time.time():.6f}", flush=True)
        QTimer.singleShot(0, app.quit)

probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _launch(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds from launch to the ready line, peak RSS in MiB) of one cold process."""
    started = time.time()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    ready: float | None = None
    for line in proc.stdout:
        if line.startswith("MUSTER_READY "):
            ready = float(line.split()[1])
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if ready is None:
        raise RuntimeError(f"{command[:3]}: never became ready (exit {proc.returncode})")
    return ready - started, usage.ru_maxrss / 1024


def _measure(home: Path, label: str) -> list[dict[str, object]]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    muster_env = {**env, "MUSTER_STARTUP_PROBE": "quit", "MUSTER_HOME": str(home)}
    database = home / "muster.sqlite3"
    # The desktop entry point (``muster-gui``), as the icon launches it.
    muster_cmd = [sys.executable, "-c", "from app.__main__ import gui_main; gui_main()"]
    bare_cmd = [sys.executable, "-c", BARE_WINDOW, str(database)]
    _launch(muster_cmd, muster_env)  # warm the OS file cache once for both
    _launch(bare_cmd, env)
    muster, bare, muster_rss, bare_rss = [], [], [], []
    for _ in range(RUNS):
        seconds, rss = _launch(bare_cmd, env)
        bare.append(seconds)
        bare_rss.append(rss)
        seconds, rss = _launch(muster_cmd, muster_env)
        muster.append(seconds)
        muster_rss.append(rss)
    m, b = statistics.median(muster), statistics.median(bare)
    name = f"startup ({label})"
    return [
        {"benchmark": name, "metric": "muster launch to usable window (median)", "value": m,
         "unit": "s", "note": f"{RUNS} cold runs, min {min(muster):.3f}"},
        {"benchmark": name, "metric": "bare PySide6+SQLAlchemy window (median)", "value": b,
         "unit": "s", "note": f"min {min(bare):.3f}"},
        {"benchmark": name, "metric": "ratio muster / bare", "value": m / b, "unit": "x",
         "note": f"goal <= {GOAL}"},
        {"benchmark": name, "metric": "muster peak RSS", "value": max(muster_rss), "unit": "MiB",
         "note": ""},
        {"benchmark": name, "metric": "bare window peak RSS", "value": max(bare_rss),
         "unit": "MiB", "note": ""},
    ]  # fmt: skip


def _prepare(home: Path) -> None:
    """An ordinary installation: a user and key (no first-run welcome) and a fresh backup."""
    env = {**os.environ, "MUSTER_PASSPHRASE": "benchmark passphrase"}
    for args in (["init", "--name", "Bench User", "--title", "Analyst", "--role", "hq"],
                 ["backup"]):  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "app", "--home", str(home), *args],
            check=True, capture_output=True, cwd=ROOT, env=env,
        )  # fmt: skip


def run() -> list[dict[str, object]]:
    # An installed Muster has its bytecode cached (Python writes it on first import, and
    # `make` compiles it); this environment may set PYTHONDONTWRITEBYTECODE, which would
    # make every measured launch recompile the app while site-packages stay compiled.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "app", "migrations"], check=True, cwd=ROOT
    )
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="muster-bench-startup-") as tmp:
        home = Path(tmp) / "demo"
        subprocess.run(
            [sys.executable, "-m", "app", "--home", str(home), "demo"],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        _prepare(home)
        rows += _measure(home, "demo data")
    from benchmarks.generate import BIG_HOME, ensure_big_home

    ensure_big_home()
    with tempfile.TemporaryDirectory(prefix="muster-bench-startup-big-") as tmp:
        home = Path(tmp) / "big"  # a copy: a launch may write (settings, checkpoints)
        shutil.copytree(BIG_HOME, home)
        _prepare(home)
        rows += _measure(home, "20,000 trainings")
    return rows
