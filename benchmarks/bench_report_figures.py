"""The big data set: ``muster report --json`` and the HQ dashboard, kept figures vs recount.

Side by side in one run, each a cold process, alternating (the machine is shared),
median of ``RUNS``, with each child's own peak RSS:

- ``muster report --json``: the kept figures (app.services.figures, migration 0008_report_figures);
- today's queries: the same app process calling ``reports.recount_report`` (the
  DISTINCT over every enrolment the report ran before), printing the same JSON;
- the HQ dashboard's data job (``build_report`` + ``hq.breakdown`` of the chosen
  dimension + device statuses), timed inside the process once the installation is
  open, for the kept figures and for today's queries (``recount_*``), and every
  breakdown dimension of the kept figures.

The figures of both designs are compared: "same figures" must say True. Then the
trainings list and the 5,000-participant training in the UI, offscreen, as before.
Set ``MUSTER_BENCH_BIG`` to a prepared copy of the big data set to skip generation.
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

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3

RECOUNT = r"""
import json, sys
from pathlib import Path
from app.paths import Paths
from app.services.installation import open_installation
from app.services.reports import recount_report
inst = open_installation(Paths(Path(sys.argv[1])))
print(json.dumps(recount_report(inst).to_json(), ensure_ascii=False))
"""

FLOOR = r"""
import sys
from pathlib import Path
from app.paths import Paths
from app.services.installation import open_installation
from app.services import reports
open_installation(Paths(Path(sys.argv[1]))).close()
"""

DASHBOARD = r"""
import json, sys, time
from pathlib import Path
from app.paths import Paths
from app.services.installation import open_installation
from app.services import hq, reports, sync
inst = open_installation(Paths(Path(sys.argv[1])))
design, dimensions = sys.argv[2], sys.argv[3].split(",")
report = reports.build_report if design == "kept" else reports.recount_report
breakdown = hq.breakdown if design == "kept" else hq.recount_breakdown
out = {}
for by in dimensions:
    started = time.perf_counter()
    figures = report(inst)
    rows = breakdown(inst, by)
    sync.device_statuses(inst)
    out[by] = time.perf_counter() - started
    out[by + ":rows"] = sorted((r.key, r.trainings, r.participants, r.women, r.men) for r in rows)
out["participants"] = figures.participants
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
from app.ui.main_window import MainWindow
window = MainWindow(inst)
window.show()
if what != "list":
    while window.worker.busy:
        app.processEvents(); time.sleep(0.001)
    started = time.perf_counter()
    opener = getattr(window, "open_training", None)
    if opener is None:
        raise SystemExit("MainWindow has no open_training(training_id)")
    opener(sys.argv[3], sys.argv[4])
deadline = time.monotonic() + 300
app.processEvents()
while (window.worker.busy or not window.isVisible()) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.001)
app.processEvents()
window.repaint()
elapsed = time.perf_counter() - started
print(f"ELAPSED {elapsed:.6f}", flush=True)
os._exit(0)
"""


def _run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Like a cold ``subprocess.run``, with the child's own peak RSS (wait4)."""
    from benchmarks.generate import bench_env

    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**bench_env(), **(env or {})},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:4]} failed: {err[-600:]}")
    return elapsed, usage.ru_maxrss / 1024, out


def _row(metric: str, value: object, unit: str, note: str = "") -> dict[str, object]:
    return {"benchmark": "report (20k trainings, 2M marks)", "metric": metric, "value": value,
            "unit": unit, "note": note}  # fmt: skip


def _big_home() -> Path:
    """The big data set, generated (when needed) in a process of its own: a child's peak
    RSS from ``wait4`` includes what its parent held when it started, so this process
    stays small for the measured children."""
    prepared = os.environ.get("MUSTER_BENCH_BIG")
    if prepared:
        return Path(prepared)
    made = subprocess.run(
        [sys.executable, "-c", "from benchmarks.generate import ensure_big_home as e; print(e())"],
        check=True, cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return Path(made.stdout.strip().splitlines()[-1])


def _report_rows(home: Path) -> list[dict[str, object]]:
    kept_cmd = [sys.executable, "-m", "app", "--home", str(home), "report", "--json"]
    recount_cmd = [sys.executable, "-c", RECOUNT, str(home)]
    _run(kept_cmd)  # warm the OS file cache
    floor_cmd = [sys.executable, "-c", FLOOR, str(home)]
    times: dict[str, list[float]] = {"kept": [], "recount": [], "floor": []}
    rss: dict[str, list[float]] = {"kept": [], "recount": [], "floor": []}
    outputs: dict[str, dict[str, object]] = {}
    for _ in range(RUNS):
        for name, cmd in (("kept", kept_cmd), ("recount", recount_cmd), ("floor", floor_cmd)):
            seconds, peak, out = _run(cmd)
            times[name].append(seconds)
            rss[name].append(peak)
            if name != "floor":
                outputs[name] = json.loads(out)
    same = outputs["kept"] == outputs["recount"]
    kept, recount = statistics.median(times["kept"]), statistics.median(times["recount"])
    return [
        _row("muster report --json, kept figures (median, cold)", kept, "s",
             f"{RUNS} runs; target < 1 s"),
        _row("same report, today's queries (recount, median)", recount, "s",
             f"same figures: {same}"),
        _row("speed-up", recount / kept, "x"),
        _row("floor: cold process that only opens the installation",
             statistics.median(times["floor"]), "s", "imports, unlock, open; no query"),
        _row("kept figures: peak RSS", max(rss["kept"]), "MiB"),
        _row("today's queries: peak RSS", max(rss["recount"]), "MiB"),
    ]  # fmt: skip


def _dashboard_rows(home: Path) -> list[dict[str, object]]:
    dims = "mission,category,sex,partner,month,quarter,year"
    results: dict[str, dict[str, object]] = {}
    rss: dict[str, float] = {}
    for design, chosen in (("kept", dims), ("recount", "mission")):
        _, rss[design], out = _run([sys.executable, "-c", DASHBOARD, str(home), design, chosen])
        results[design] = json.loads(out)
    kept, recount = results["kept"], results["recount"]
    same = kept["mission:rows"] == recount["mission:rows"]
    rows = [
        _row("dashboard data (report + by mission), kept", kept["mission"], "s",
             "in the open app; target < 1 s"),
        _row("dashboard data (report + by mission), today's", recount["mission"], "s",
             f"same rows: {same}"),
        _row("dashboard process peak RSS, kept / today's", f"{rss['kept']:.0f} / "
             f"{rss['recount']:.0f}", "MiB", "all dimensions / mission only"),
    ]  # fmt: skip
    for by in dims.split(",")[1:]:
        rows.append(_row(f"dashboard data (report + by {by}), kept", kept[by], "s"))
    return rows


def _ui_rows(home: Path) -> list[dict[str, object]]:
    from benchmarks.generate import big_training_id

    rows: list[dict[str, object]] = []
    env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    big = big_training_id(home)
    for label, args in (
        ("trainings list (20,000) to painted rows", ["list"]),
        ("5,000-participant training: participants page", ["training", big, "participants"]),
        ("5,000-participant training: attendance grid", ["training", big, "attendance"]),
    ):
        try:
            _, rss, out = _run([sys.executable, "-c", UI_PROBE, str(home), *args], env)
            seconds = float(out.split("ELAPSED")[1].split()[0])
            rows.append({"benchmark": "ui (big data set)", "metric": label,
                         "value": seconds, "unit": "s", "note": ""})  # fmt: skip
            rows.append({"benchmark": "ui (big data set)", "metric": f"{label}: peak RSS",
                         "value": rss, "unit": "MiB", "note": "whole process"})  # fmt: skip
        except (RuntimeError, IndexError) as exc:
            rows.append({"benchmark": "ui (big data set)", "metric": label,
                         "value": "n/a", "unit": "", "note": str(exc)[:80]})  # fmt: skip
    return rows


def run() -> list[dict[str, object]]:
    big = _big_home()
    with tempfile.TemporaryDirectory(prefix="muster-bench-report-") as tmp:
        home = Path(tmp) / "big"
        shutil.copytree(big, home)  # the app may write (settings, WAL checkpoints)
        rows = _report_rows(home) + _dashboard_rows(home)
        if not os.environ.get("MUSTER_BENCH_SKIP_UI"):
            rows += _ui_rows(home)
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
