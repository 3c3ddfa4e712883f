"""The Linux package against the checkout: start-up to a usable window, the command line, size.

Needs the package ``make dist`` left in build/pyinstaller/dist/muster (it is not built
here: minutes of CPU). Each run is a fresh process on the same data (the demo
trainings, a user and a fresh backup, so no first-run dialog), alternating between the
packaged program and ``python`` on the checkout, with ``MUSTER_STARTUP_PROBE=quit``;
medians of 11 runs per side.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_startup import RUNS, _launch, _prepare

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / "build" / "pyinstaller" / "dist" / "muster"


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120, cwd=ROOT)
    return time.perf_counter() - started


def _size_mib(folder: Path) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def run() -> list[dict[str, object]]:
    name = "package vs checkout"
    packaged = PROGRAM / "muster"
    if not packaged.exists():
        return [{"benchmark": name, "metric": "not measured", "value": 0, "unit": "",
                 "note": "run `make dist` first"}]  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="muster-bench-package-") as tmp:
        home = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "app", "--home", str(home), "demo"],
                       check=True, capture_output=True, cwd=ROOT)  # fmt: skip
        _prepare(home)
        gui_env = {**env, "MUSTER_STARTUP_PROBE": "quit", "MUSTER_HOME": str(home)}
        checkout_gui = [sys.executable, "-c", "from app.launch import gui_main; gui_main()"]
        sides = {"package": [str(packaged)], "checkout": checkout_gui}
        for command in sides.values():
            _launch(command, gui_env)  # warm the file cache once for each
        windows: dict[str, list[float]] = {side: [] for side in sides}
        rss: dict[str, list[float]] = {side: [] for side in sides}
        for _ in range(RUNS):
            for side, command in sides.items():
                seconds, peak, _cpu = _launch(command, gui_env)
                windows[side].append(seconds)
                rss[side].append(peak)
        cli = {"package": [str(packaged)], "checkout": [sys.executable, "-m", "app"]}
        report: dict[str, list[float]] = {side: [] for side in cli}
        cli_env = {**env, "MUSTER_HOME": str(home)}
        for _ in range(RUNS):
            for side, command in cli.items():
                report[side].append(_timed([*command, "report", "--json"], cli_env))
    for side in sides:
        rows.append({"benchmark": name, "metric": f"{side}: launch to usable window (median)",
                     "value": statistics.median(windows[side]), "unit": "s",
                     "note": f"{RUNS} runs, min {min(windows[side]):.3f}"})  # fmt: skip
    rows.append({"benchmark": name, "metric": "ratio package / checkout (window)",
                 "value": statistics.median(windows["package"])
                 / statistics.median(windows["checkout"]), "unit": "x", "note": ""})  # fmt: skip
    for side in sides:
        rows.append({"benchmark": name, "metric": f"{side}: muster report --json (median)",
                     "value": statistics.median(report[side]), "unit": "s", "note": ""})  # fmt: skip
        rows.append({"benchmark": name, "metric": f"{side}: peak RSS of the window",
                     "value": max(rss[side]), "unit": "MiB", "note": ""})  # fmt: skip
    rows.append({"benchmark": name, "metric": "package folder size", "value": _size_mib(PROGRAM),
                 "unit": "MiB", "note": str(PROGRAM.relative_to(ROOT))})  # fmt: skip
    for tarball in sorted((ROOT / "dist").glob("Muster-*-linux-*.tar.gz")):
        rows.append({"benchmark": name, "metric": "tarball (download) size",
                     "value": tarball.stat().st_size / 2**20, "unit": "MiB",
                     "note": tarball.name})  # fmt: skip
    return rows
