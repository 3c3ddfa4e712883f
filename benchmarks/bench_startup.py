"""Cold launch to a usable main window: encrypted, plain SQLite, and a bare PySide6 window.

Each run is a fresh ``python`` process. Muster runs with ``MUSTER_STARTUP_PROBE=quit``
and prints the time when its window has painted with the trainings list loaded.
The passphrase is given as ``MUSTER_PASSPHRASE`` (what the unlock screen hands over
when answered), so the clock starts when the passphrase is entered and the key
derivation (Argon2id at the app's cost) is part of the measure.

Three arms, alternated run by run (the machine is shared), medians reported, peak
RSS from ``wait4``:

- Muster on its encrypted data folder (SQLCipher), as users run it;
- Muster on the same data in a plain SQLite file, through the same code with no key
  (benchmarks/at_rest.py); the difference is what encryption costs (goal <= 15 %);
- a bare script that imports PySide6 and SQLAlchemy (core and ORM), queries the
  plain file and prints when its window has painted. Goal: Muster within 1.3x.
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

from benchmarks.at_rest import PASSPHRASE, command, plain_copy

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11
GOAL = 1.3
ENCRYPTION_GOAL = 1.15

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


def _launch(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to the ready line, peak RSS in MiB, CPU seconds) of one cold process.

    The CPU seconds (user + system, the whole process, its exit included) barely move
    with the machine's load.
    """
    started = time.time()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
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
        raise RuntimeError(f"{cmd[:5]}: never became ready (exit {proc.returncode})")
    return ready - started, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def load_average() -> str:
    """The 1-minute load average now (the machine's two cores are shared)."""
    return f"{os.getloadavg()[0]:.2f}"


def _measure(home: Path, plain_home: Path, label: str) -> list[dict[str, object]]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("MUSTER_PASSPHRASE", None)
    probe = {**env, "MUSTER_STARTUP_PROBE": "quit", "MUSTER_PASSPHRASE": PASSPHRASE}
    arms = {  # the desktop entry point (``muster-gui``), as the icon launches it
        "encrypted": (command("encrypted", "gui"), {**probe, "MUSTER_HOME": str(home)}),
        "plain": (command("plain", "gui"), {**probe, "MUSTER_HOME": str(plain_home)}),
        "bare": ([sys.executable, "-c", BARE_WINDOW, str(plain_home / "muster.sqlite3")], env),
    }
    for cmd, arm_env in arms.values():
        _launch(cmd, arm_env)  # warm the OS file cache once for each
    times: dict[str, list[float]] = {arm: [] for arm in arms}
    rss: dict[str, list[float]] = {arm: [] for arm in arms}
    cpu: dict[str, list[float]] = {arm: [] for arm in arms}
    loads = [load_average()]
    for _ in range(RUNS):
        for arm, (cmd, arm_env) in arms.items():
            seconds, peak, cpu_s = _launch(cmd, arm_env)
            cpu[arm].append(cpu_s)
            times[arm].append(seconds)
            rss[arm].append(peak)
    loads.append(load_average())
    enc, plain, bare = (statistics.median(times[a]) for a in ("encrypted", "plain", "bare"))
    cpu_enc, cpu_plain = (statistics.median(cpu[a]) for a in ("encrypted", "plain"))
    name = f"startup ({label})"
    load = f"load {loads[0]} -> {loads[1]}"
    return [
        {"benchmark": name, "metric": "muster encrypted: launch to usable window (median)",
         "value": enc, "unit": "s", "note": f"{RUNS} cold runs each, alternated; "
         f"min {min(times['encrypted']):.3f}; {load}"},
        {"benchmark": name, "metric": "muster plain SQLite, same data (median)", "value": plain,
         "unit": "s", "note": f"min {min(times['plain']):.3f}"},
        {"benchmark": name, "metric": "bare PySide6+SQLAlchemy window (median)", "value": bare,
         "unit": "s", "note": f"min {min(times['bare']):.3f}"},
        {"benchmark": name, "metric": "encryption cost: encrypted / plain", "value": enc / plain,
         "unit": "x", "note": f"goal <= {ENCRYPTION_GOAL}"},
        {"benchmark": name, "metric": "CPU seconds, encrypted / plain (medians)",
         "value": cpu_enc / cpu_plain, "unit": "x",
         "note": f"{cpu_enc:.2f} s / {cpu_plain:.2f} s (user+sys, whole process)"},
        {"benchmark": name, "metric": "ratio muster (encrypted) / bare", "value": enc / bare,
         "unit": "x", "note": f"goal <= {GOAL}"},
        {"benchmark": name, "metric": "muster encrypted peak RSS", "value": max(rss["encrypted"]),
         "unit": "MiB", "note": f"plain: {max(rss['plain']):.0f} MiB"},
        {"benchmark": name, "metric": "bare window peak RSS", "value": max(rss["bare"]),
         "unit": "MiB", "note": ""},
    ]  # fmt: skip


def _prepare(home: Path) -> None:
    """An ordinary installation: a user and key (no first-run welcome) and a fresh backup."""
    env = {**os.environ, "MUSTER_PASSPHRASE": PASSPHRASE}
    for args in (["init", "--name", "Bench User", "--title", "Analyst", "--role", "hq"],
                 ["backup"]):  # fmt: skip
        subprocess.run(
            command("encrypted", "cli", "--home", str(home), *args),
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
            command("encrypted", "cli", "--home", str(home), "demo"), check=True,
            capture_output=True, cwd=ROOT, env={**os.environ, "MUSTER_PASSPHRASE": PASSPHRASE},
        )  # fmt: skip
        _prepare(home)
        rows += _measure(home, plain_copy(home, Path(tmp) / "demo-plain"), "demo data")
    from benchmarks.generate import BIG_HOME, ensure_big_home

    ensure_big_home()
    with tempfile.TemporaryDirectory(prefix="muster-bench-startup-big-") as tmp:
        home = Path(tmp) / "big"  # a copy: a launch may write (settings, checkpoints)
        shutil.copytree(BIG_HOME, home)
        _prepare(home)
        rows += _measure(home, plain_copy(home, Path(tmp) / "big-plain"), "20,000 trainings")
    return rows
