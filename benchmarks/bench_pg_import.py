"""The 100,000-participant bundle imported into PostgreSQL vs raw inserts of the same rows.

The field data and its full bundle (signed, age-encrypted) are those of
bench_import.py. A PostgreSQL server is started for the run (tests/pg_server.py:
initdb + pg_ctl in a temporary folder, Unix socket, fsync off as in the suite, so
both sides skip the same disk flushes). Each attempt gets a fresh database cloned from
one empty migrated template, and the same rows go in three ways, in one transaction:

- raw ``executemany`` of plain ``INSERT`` (psycopg 3, one statement per table);
- raw ``COPY ... FROM STDIN`` (the fastest way PostgreSQL takes rows);
- Muster's whole ``import_bundles``: decryption, every archive check, hashes,
  signature, trust, strict validation of every record, the advisory write lock and
  the merge (``INSERT ... ON CONFLICT``), and the import log.

Best of two alternating attempts each (the machine is shared). Unlocking HQ's key
(scrypt) is once per session and left out, as in bench_import.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from app.db.cipher import connect as _connect
from benchmarks.bench_import import PASSPHRASE, PEOPLE, _populate

# Reference tables the empty schema is seeded with: the same few rows, so both baselines
# insert them with ON CONFLICT DO NOTHING (COPY cannot skip existing rows).
SEEDED = ("missions", "locations", "partners", "categories")
TABLES = ("missions", "locations", "partners", "categories", "trainings",
          "training_partners", "training_sessions", "people", "enrolments", "attendance")  # fmt: skip


def run() -> list[dict[str, Any]]:
    from tests.pg_server import ServerUnavailable, start_server, stop_server

    os.environ.setdefault("MUSTER_PASSPHRASE", PASSPHRASE)
    try:
        server = start_server()
    except ServerUnavailable as exc:
        return [{"benchmark": "pg_import", "metric": "skipped", "value": 0, "unit": "",
                 "note": str(exc)[:60]}]  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="muster-bench-pg-"))
    try:
        return _measure(server, folder)
    finally:
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)


def _field_bundle(folder: Path) -> tuple[Path, bytes, str, dict[str, list[Any]]]:
    """(bundle, field certificate, HQ recipient, the rows) as in bench_import.py."""
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, hq_key, table_columns

    hq = open_installation(Paths(folder / "hq-keys"))
    identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
    recipient = hq_key.ensure_hq_key(hq, PASSPHRASE)
    hq.close()
    field = open_installation(Paths(folder / "field"))
    identity.create_identity(field, Profile(name="Focal", mission="MONUSCO"), PASSPHRASE)
    cert = identity.load_identity(field).certificate_pem  # type: ignore[union-attr]
    _populate(field.paths.database, field.key, field.device_id)
    key = identity.unlock_private_key(field, PASSPHRASE)
    bundle = export_bundle(field, folder / "big.muster", key, full=True, recipient=recipient)
    conn = _connect(field.paths.database, field.key)
    rows = {t: conn.execute(f"SELECT {', '.join(table_columns(t))} FROM {t}").fetchall()
            for t in TABLES}  # fmt: skip
    conn.close()
    field.close()
    return bundle.path, cert, recipient, rows


def _measure(server: Any, folder: Path) -> list[dict[str, Any]]:
    from app.paths import Paths
    from app.services.installation import open_installation

    bundle, cert, _recipient, rows = _field_bundle(folder)
    template = server.create_database("bench_empty")
    open_installation(Paths(folder / "template"), url=server.url(template)).close()
    total_rows = sum(len(r) for r in rows.values())
    times: dict[str, list[float]] = {"executemany": [], "copy": [], "import": []}
    imported = 0
    for attempt in range(2):
        times["executemany"].append(_raw(server, template, rows, f"m{attempt}", copy=False))
        times["copy"].append(_raw(server, template, rows, f"c{attempt}", copy=True))
        seconds, imported = _import(server, template, folder, bundle, cert, attempt)
        times["import"].append(seconds)
    best = {k: min(v) for k, v in times.items()}
    note = f"{total_rows:,} rows ({PEOPLE:,} people, enrolments, attendance)"
    return [
        {"benchmark": "pg_import", "metric": "raw psycopg executemany (INSERT)",
         "value": best["executemany"], "unit": "s", "note": note},
        {"benchmark": "pg_import", "metric": "raw COPY FROM STDIN", "value": best["copy"],
         "unit": "s", "note": "same rows, same schema"},
        {"benchmark": "pg_import", "metric": "bundle import (decrypt+verify+merge)",
         "value": best["import"], "unit": "s", "note": f"{imported:,} records checked"},
        {"benchmark": "pg_import", "metric": "ratio import / executemany",
         "value": best["import"] / best["executemany"], "unit": "x", "note": "target <= 2"},
        {"benchmark": "pg_import", "metric": "ratio import / COPY",
         "value": best["import"] / best["copy"], "unit": "x", "note": ""},
    ]  # fmt: skip


def _raw(server: Any, template: str, rows: dict[str, list[Any]], tag: str, copy: bool) -> float:
    """Baseline: the rows straight into a fresh clone of the empty schema, one transaction.

    Values are as SQLite holds them (0/1 for booleans, ISO text for dates), which both
    COPY's text format and untyped parameters accept, as Muster's own layer sends them.
    """
    from app.db.raw import raw_connection
    from app.db.server import make_server_engine
    from app.services.sync import table_columns

    name = server.create_database(f"bench_raw_{tag}", template)
    engine = make_server_engine(server.url(name))
    try:
        with raw_connection(engine) as conn:
            started = time.perf_counter()
            conn.execute("BEGIN")
            for table, table_rows in rows.items():
                cols = table_columns(table)
                if copy and table not in SEEDED:
                    sql = f"COPY {table} ({', '.join(cols)}) FROM STDIN"
                    with conn.cursor().copy(sql) as pipe:  # type: ignore[attr-defined]
                        for row in table_rows:
                            pipe.write_row(["t" if v is True else v for v in row])
                else:
                    marks = ", ".join("?" * len(cols))
                    conn.executemany(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks}) "
                        "ON CONFLICT (id) DO NOTHING",
                        table_rows,
                    )
            conn.execute("COMMIT")
            return time.perf_counter() - started
    finally:
        engine.dispose()
        server.drop_database(name)


def _import(
    server: Any, template: str, folder: Path, bundle: Path, cert: bytes, attempt: int
) -> tuple[float, int]:
    """Muster: the full import of the encrypted bundle into a fresh clone of the schema."""
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.sync import hq_key, import_bundles, trust

    name = server.create_database(f"bench_import_{attempt}", template)
    home = folder / f"hq{attempt}"
    shutil.copytree(folder / "hq-keys", home)
    (home / "muster.sqlite3").unlink(missing_ok=True)
    hq = open_installation(Paths(home), url=server.url(name))
    try:
        trust.add_trusted(hq, cert)
        identities = hq_key.unlock_hq_identities(hq, PASSPHRASE)
        started = time.perf_counter()
        outcome = import_bundles(hq, [bundle], lambda: identities)
        seconds = time.perf_counter() - started
        summary = outcome.summaries[0]
        return seconds, summary.total("new") + summary.total("unchanged")
    finally:
        hq.close()
        server.drop_database(name)


if __name__ == "__main__":
    for result in run():
        print(result)
