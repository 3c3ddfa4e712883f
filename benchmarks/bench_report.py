"""The big data set: ``muster report --json``, a hand-written SQL baseline, and the UI.

- ``muster report --json`` over 20,000 trainings, 200,000 people and 2,000,000
  attendance marks, as a cold process (wall time and peak RSS), on the encrypted
  data folder and on the same data in a plain SQLite file opened by the same code
  with no key (benchmarks/at_rest.py; their ratio is what encryption costs, goal
  <= 15 %), against a hand-written raw DB-API script on the plain file computing the
  same headline figures (unique participants through merges, women, sessions, marks,
  by mission, category, sex, partner), also a cold process. Runs alternate; all
  three use the same SQLite build (SQLCipher's, without a key for the plain file).
- The trainings list (20,000 rows) and the 5,000-participant training opening
  in the UI, offscreen, in a fresh process each: seconds to a painted view, peak RSS.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.at_rest import PASSPHRASE, command

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
ENCRYPTION_GOAL = 1.15

BASELINE = r"""
import json, sys
import sqlcipher3 as sqlite3  # the app's SQLite build; no key: the plain file
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA cache_size=-65536")
live = "t.deleted = 0 AND t.status != 'cancelled'"
conn.execute(f'''CREATE TEMP TABLE pairs AS
    SELECT DISTINCT t.mission_id AS mission_id, coalesce(p.merged_into_id, p.id) AS pid
    FROM trainings t CROSS JOIN enrolments e ON e.training_id = t.id AND e.deleted = 0
    CROSS JOIN people p ON p.id = e.person_id
    WHERE {live} AND (p.deleted = 0 OR p.merged_into_id IS NOT NULL)''')
conn.execute('''CREATE TEMP TABLE u AS SELECT p.id, p.sex, p.category_id, p.partner_id,
    p.organisation FROM (SELECT DISTINCT pid FROM pairs) x JOIN people p ON p.id = x.pid''')
q = lambda sql: conn.execute(sql).fetchall()
out = {
  "trainings": q(f"SELECT count(*) FROM trainings t WHERE {live}")[0][0],
  "sessions": q(f"SELECT count(*) FROM training_sessions s JOIN trainings t ON t.id = s.training_id WHERE s.deleted = 0 AND {live}")[0][0],
  "participants": q("SELECT count(*) FROM u")[0][0],
  "by_sex": dict(q("SELECT sex, count(*) FROM u GROUP BY sex")),
  "by_mission": dict(q("SELECT m.code, count(*) FROM pairs JOIN missions m ON m.id = pairs.mission_id GROUP BY 1")),
  "by_category": dict(q("SELECT coalesce(c.name_en, '(none)'), count(*) FROM u LEFT JOIN categories c ON c.id = u.category_id GROUP BY 1")),
  "by_partner": dict(q("SELECT coalesce(pa.acronym, '(none)'), count(*) FROM u LEFT JOIN partners pa ON pa.id = u.partner_id GROUP BY 1")),
  "by_organisation": len(q("SELECT organisation, count(*) FROM u GROUP BY 1")),
}
marks = q(f'''SELECT sum(a.status = 'present'), count(a.id) FROM training_sessions s
    JOIN trainings t ON t.id = s.training_id
    JOIN attendance a ON a.session_id = s.id AND a.deleted = 0
    WHERE s.deleted = 0 AND {live}''')[0]
out["attendances"], out["recorded_marks"] = marks
print(json.dumps(out))
"""

UI_PROBE = r"""
import os, sys, time, resource
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
from app.paths import Paths
from app.services.installation import open_installation
inst = open_installation(Paths(Path(sys.argv[1])))
what = sys.argv[2]
started = time.perf_counter()
if what == "list":
    from app.ui.main_window import MainWindow
    window = MainWindow(inst)
    window.show()
    deadline = time.monotonic() + 300
    while (window.worker.busy or not window.isVisible()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    window.repaint()
else:
    from app.ui.main_window import MainWindow
    window = MainWindow(inst)
    window.show()
    while window.worker.busy:
        app.processEvents(); time.sleep(0.001)
    started = time.perf_counter()
    opener = getattr(window, "open_training", None)
    if opener is None:
        raise SystemExit("MainWindow has no open_training(training_id)")
    opener(sys.argv[3], sys.argv[4])
    deadline = time.monotonic() + 300
    app.processEvents()
    while window.worker.busy and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    window.repaint()
elapsed = time.perf_counter() - started
print(f"ELAPSED {elapsed:.6f}", flush=True)
os._exit(0)
"""


def _cold(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN (max of all).
    import resource

    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, rss, out


def _peak(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str, float]:
    """Like _cold, but the peak RSS of this child alone, and its CPU seconds (wait4).

    CPU time (user + system) barely moves with the machine's load, wall time does:
    on two cores shared by several people both are reported.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode})")
    return elapsed, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def run() -> list[dict[str, object]]:
    from benchmarks.generate import BIG_HOME, big_training_id, plain_big_home

    plain_home = plain_big_home()
    rows: list[dict[str, object]] = []
    name = "report (20k trainings, 2M marks)"
    with tempfile.TemporaryDirectory(prefix="muster-bench-report-") as tmp:
        home, plain = Path(tmp) / "big", Path(tmp) / "big-plain"
        shutil.copytree(BIG_HOME, home)  # the app may write (settings, WAL checkpoints)
        shutil.copytree(plain_home, plain)
        env = {"MUSTER_PASSPHRASE": PASSPHRASE}
        arms = {
            "encrypted": command("encrypted", "cli", "--home", str(home), "report", "--json"),
            "plain": command("plain", "cli", "--home", str(plain), "report", "--json"),
            "sql": [sys.executable, "-c", BASELINE, str(plain / "muster.sqlite3")],
        }
        for cmd in arms.values():
            _peak(cmd, env)  # warm the OS file cache
        times: dict[str, list[float]] = {arm: [] for arm in arms}
        cpu: dict[str, list[float]] = {arm: [] for arm in arms}
        rss: dict[str, list[float]] = {arm: [] for arm in arms}
        outputs: dict[str, dict[str, object]] = {}
        loads = [os.getloadavg()[0]]
        for _ in range(RUNS):
            for arm, cmd in arms.items():
                seconds, peak, out, cpu_s = _peak(cmd, env)
                times[arm].append(seconds)
                cpu[arm].append(cpu_s)
                rss[arm].append(peak)
                outputs[arm] = json.loads(out)
        loads.append(os.getloadavg()[0])
        report, baseline = outputs["encrypted"], outputs["sql"]
        figures = ("trainings", "sessions", "participants", "attendances", "recorded_marks")
        same = (
            all(report[key] == baseline[key] for key in figures)
            and report["by_mission"] == baseline["by_mission"]
            and outputs["plain"] == report
        )
        enc, pl, sql = (statistics.median(times[a]) for a in ("encrypted", "plain", "sql"))
        cpu_enc, cpu_pl = (statistics.median(cpu[a]) for a in ("encrypted", "plain"))
        rows += [
            {"benchmark": name, "metric": "muster report --json, encrypted (median, cold)",
             "value": enc, "unit": "s", "note": f"{RUNS} runs each, alternated; "
             f"{min(times['encrypted']):.2f}-{max(times['encrypted']):.2f} s; "
             f"load {loads[0]:.2f} -> {loads[1]:.2f}"},
            {"benchmark": name, "metric": "muster report --json, plain SQLite (median)",
             "value": pl, "unit": "s",
             "note": f"same data; {min(times['plain']):.2f}-{max(times['plain']):.2f} s"},
            {"benchmark": name, "metric": "hand-written SQL script, plain file (median)",
             "value": sql, "unit": "s", "note": f"same figures: {same}"},
            {"benchmark": name, "metric": "encryption cost: encrypted / plain", "value": enc / pl,
             "unit": "x", "note": f"goal <= {ENCRYPTION_GOAL}"},
            {"benchmark": name, "metric": "CPU seconds, encrypted / plain (medians)",
             "value": cpu_enc / cpu_pl, "unit": "x",
             "note": f"{cpu_enc:.2f} s / {cpu_pl:.2f} s (user+sys; load-insensitive)"},
            {"benchmark": name, "metric": "ratio report (encrypted) / hand-written SQL",
             "value": enc / sql, "unit": "x", "note": f"plain / SQL {pl / sql:.2f}"},
            {"benchmark": name, "metric": "muster report peak RSS (encrypted)",
             "value": max(rss["encrypted"]), "unit": "MiB",
             "note": f"plain: {max(rss['plain']):.0f} MiB"},
            {"benchmark": name, "metric": "hand-written script peak RSS", "value": max(rss["sql"]),
             "unit": "MiB", "note": ""},
        ]  # fmt: skip
        if os.environ.get("BENCH_REPORT_UI", "1") == "0":
            return rows
        env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "MUSTER_PASSPHRASE": PASSPHRASE}  # fmt: skip
        for label, args in (
            ("trainings list (20,000) to painted rows", ["list"]),
            (
                "5,000-participant training: participants page",
                ["training", big_training_id(home), "participants"],
            ),
            (
                "5,000-participant training: attendance grid",
                ["training", big_training_id(home), "attendance"],
            ),
        ):
            try:
                _, rss, out, _ = _peak([sys.executable, "-c", UI_PROBE, str(home), *args], env)
                seconds = float(out.split("ELAPSED")[1].split()[0])
                rows.append({"benchmark": "ui (big data set)", "metric": label,
                             "value": seconds, "unit": "s", "note": ""})  # fmt: skip
                rows.append({"benchmark": "ui (big data set)", "metric": f"{label}: peak RSS",
                             "value": rss, "unit": "MiB", "note": "whole process"})  # fmt: skip
            except (RuntimeError, IndexError) as exc:
                rows.append({"benchmark": "ui (big data set)", "metric": label,
                             "value": "n/a", "unit": "", "note": str(exc)[:80]})  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
