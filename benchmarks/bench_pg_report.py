"""The big data set on PostgreSQL: ``muster report --json`` and the HQ dashboard (issue 17).

The big data set (benchmarks/generate.py: 20,001 trainings, 200,000 people, 2,000,000
marks, with its kept figures) is copied row for row from its SQLite file into a
PostgreSQL database that Muster's own migrations created (``COPY``, one transaction),
then analysed, as autovacuum would do on a real server. A server is started for the run
(tests/pg_server.py, as in the suite). Side by side, each a cold process, alternating:

- ``muster --database URL report --json``: the kept figures;
- the same app process calling ``reports.recount_report`` (today's queries), once;
- the dashboard's data job (report + one breakdown + device statuses) in an open process,
  kept figures, for every breakdown dimension.
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
from typing import Any

from benchmarks.bench_report_figures import DASHBOARD, RECOUNT, _run

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
DIMENSIONS = ("mission", "category", "sex", "partner", "month", "quarter", "year")


def _row(metric: str, value: object, unit: str, note: str = "") -> dict[str, object]:
    return {"benchmark": "report on PostgreSQL (big data set)", "metric": metric,
            "value": value, "unit": unit, "note": note}  # fmt: skip


def _copy_in_a_child(server: Any, folder: Path) -> tuple[Path, str, int]:
    """:func:`_copy_big_set` in a process of its own, so this one stays small (a child's
    peak RSS from ``wait4`` includes what its parent held when it started)."""
    import json

    url = server.url(server.create_database("bench_big"))
    code = ("import json, sys; from pathlib import Path; "
            "from benchmarks.bench_pg_report import _copy_big_set; "
            "h, u, n = _copy_big_set(sys.argv[1], Path(sys.argv[2])); "
            "print(json.dumps([str(h), u, n]))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, url, str(folder)], check=True, cwd=ROOT,
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    home, url, copied = json.loads(done.stdout.strip().splitlines()[-1])
    return Path(home), url, int(copied)


def _copy_big_set(url: str, folder: Path) -> tuple[Path, str, int]:
    """A data folder on the server database ``url`` holding the big data set; (home, url,
    rows)."""
    from psycopg.types.json import Json
    from sqlalchemy import JSON, select

    from app.db.base import Base
    from app.db.raw import raw_connection
    from app.paths import Paths
    from app.services.installation import open_installation
    from benchmarks.generate import ensure_big_home

    big = ensure_big_home(progress=True)
    home = folder / "pg-home"
    shutil.copytree(big, home, ignore=shutil.ignore_patterns("muster.sqlite3*", "backups"))
    target = open_installation(Paths(home), url=url)
    source = open_installation(Paths(big))
    tables = [t for t in Base.metadata.sorted_tables]
    copied = 0
    with raw_connection(target.db.engine) as conn, source.db.engine.connect() as read:
        conn.execute("BEGIN")
        conn.execute("TRUNCATE " + ", ".join(t.name for t in tables) + " CASCADE")
        for table in tables:
            names = ", ".join(f'"{c.name}"' for c in table.columns)  # "full" is reserved
            sql = f'COPY "{table.name}" ({names}) FROM STDIN'
            as_json = [isinstance(c.type, JSON) for c in table.columns]
            with conn.cursor().copy(sql) as pipe:  # type: ignore[attr-defined]
                for row in read.execute(select(*table.columns)).yield_per(20_000):
                    pipe.write_row(
                        tuple(
                            Json(v) if j and v is not None else v
                            for v, j in zip(row, as_json, strict=True)
                        )
                    )
                    copied += 1
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    source.close()
    target.close()
    return home, url, copied


def _measure(home: Path, url: str) -> list[dict[str, object]]:
    import json

    env = {"MUSTER_DATABASE_URL": url}
    app = [sys.executable, "-m", "app", "--home", str(home)]
    kept: list[float] = []
    peak = 0.0
    kept_out = ""
    for _ in range(RUNS):
        seconds, rss, kept_out = _run([*app, "report", "--json"], env)
        kept.append(seconds)
        peak = max(peak, rss)
    recount, recount_rss, recount_out = _run([sys.executable, "-c", RECOUNT, str(home)], env)
    same = json.loads(kept_out) == json.loads(recount_out)
    rows = [
        _row("muster report --json, kept figures (median, cold)", statistics.median(kept), "s",
             f"{RUNS} runs; target < 1 s"),
        _row("same report, today's queries (recount, one cold run)", recount, "s",
             f"same figures: {same}"),
        _row("peak RSS kept / recount", f"{peak:.0f} / {recount_rss:.0f}", "MiB",
             "wait4, children of a small parent"),
    ]  # fmt: skip
    _, _, out = _run([sys.executable, "-c", DASHBOARD, str(home), "kept", ",".join(DIMENSIONS)],
                     env)  # fmt: skip
    timings = json.loads(out)
    for by in DIMENSIONS:
        rows.append(_row(f"dashboard data (report + by {by}), kept", timings[by], "s",
                         "in the open app; target < 1 s"))  # fmt: skip
    return rows


def run() -> list[dict[str, object]]:
    from benchmarks.at_rest import PASSPHRASE
    from tests.pg_server import ServerUnavailable, start_server, stop_server

    os.environ.setdefault("MUSTER_PASSPHRASE", PASSPHRASE)
    try:
        server = start_server()
    except ServerUnavailable as exc:
        return [_row("skipped", 0, "", str(exc)[:60])]
    folder = Path(tempfile.mkdtemp(prefix="muster-bench-pg-report-"))
    try:
        started = time.perf_counter()
        home, url, copied = _copy_in_a_child(server, folder)
        rows = [_row("big data set copied into PostgreSQL", time.perf_counter() - started, "s",
                     f"{copied:,} rows by COPY, then ANALYZE")]  # fmt: skip
        return rows + _measure(home, url)
    finally:
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
