"""Importing a big bundle: into an encrypted database, a plain one, and raw ``executemany``.

A field installation holds 100,000 participants in 1,000 trainings (2 sessions
each: 100,000 enrolments, 200,000 attendance marks). Its full bundle, signed and
encrypted to HQ, is imported into HQ's empty migrated database: decryption, every
archive check, hashes, signature, trust, strict validation of every record, the
backup before the import and the merge in one transaction. Side by side, alternated:

- HQ's database encrypted (SQLCipher with its data key), as users run it;
- the same database decrypted to a plain SQLite file, opened by the same code
  with no key (``Database(path, None)``, benchmarks/at_rest.py): the difference is
  what encryption costs (goal <= 15 %);
- raw DB-API inserting the very same rows into the plain copy with one
  ``executemany`` per table in one transaction (goal: the import within 2x), with
  SQLite checking every foreign key as it inserts;
- the same raw inserts with those checks off, as the import writes (it checks every
  reference itself, set by set, before writing: app/db/raw.py), for comparison.

Every arm runs on the same SQLite build, SQLCipher's (``sqlcipher3``; keyless files
included, see benchmarks/at_rest.py).

Unlocking HQ's key (scrypt, once per session) is reported separately.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from benchmarks.at_rest import PASSPHRASE, export_plain, use_sqlcipher_sqlite_without_key

PEOPLE = int(os.environ.get("BENCH_IMPORT_PEOPLE", "100000"))
TRAININGS = 1_000
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "3"))  # per arm
ENCRYPTION_GOAL = 1.15


def _populate(db: Path, key: bytes | None, device: str) -> None:
    """Write the synthetic field data straight into SQLite (the fastest way to set it up)."""
    from app.db.base import derived_id
    from app.services.reference import mission_id

    stamp = "2024-09-10 08:00:00.000000"
    version = [1 << 40]

    def sync() -> list[Any]:
        version[0] += 1
        return [stamp, stamp, device, version[0], 0]

    mission = mission_id("MONUSCO")
    trainings, sessions, people, enrolments, attendance = [], [], [], [], []
    start = date(2024, 1, 8)
    per_training = PEOPLE // TRAININGS
    for t in range(TRAININGS):
        tid = derived_id("bench-training", str(t))
        day = start + timedelta(days=t % 300)
        trainings.append([tid, mission, f"Atelier {t}", "", "training", day.isoformat(),
                          (day + timedelta(days=1)).isoformat(), "held", "", "[]", *sync()])  # fmt: skip
        sids = []
        for s in range(2):
            sid = derived_id("bench-session", str(t), str(s))
            sids.append(sid)
            sessions.append([sid, tid, (day + timedelta(days=s)).isoformat(), None, "", *sync()])
        for p in range(per_training):
            n = t * per_training + p
            pid = derived_id("bench-person", str(n))
            name = f"Participant {n} Mukendi"
            people.append([pid, name, name.lower(), "FM"[n % 2], None, "Tribunal de Goma", None,
                           "Magistrat", "RDC", "", "", 1, None, *sync()])  # fmt: skip
            enrolments.append([derived_id("enrolment", tid, pid), tid, pid, *sync()])
            for sid in sids:
                attendance.append(
                    [derived_id("attendance", sid, pid), sid, pid, "present", *sync()]
                )
    from app.db import cipher

    conn = cipher.connect(db, key)
    conn.execute("PRAGMA foreign_keys=ON")
    with conn:
        for table, rows in (("trainings", trainings), ("training_sessions", sessions),
                            ("people", people), ("enrolments", enrolments),
                            ("attendance", attendance)):  # fmt: skip
            cols = _columns_in_value_order(table)
            marks = ",".join("?" * len(cols))
            conn.executemany(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({marks})", rows)
        conn.execute(
            "INSERT INTO settings(key, value) VALUES ('hlc', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(version[0]),),
        )
    conn.close()


def _columns_in_value_order(table: str) -> list[str]:
    """The order _populate writes values in: own columns, then the sync fields."""
    own = {
        "trainings": ["id", "mission_id", "title", "theme", "kind", "start_date", "end_date",
                      "status", "description", "trainers"],
        "training_sessions": ["id", "training_id", "date", "location_id", "topic"],
        "people": ["id", "full_name", "name_key", "sex", "category_id", "organisation",
                   "partner_id", "function", "nationality", "phone", "email", "consent",
                   "merged_into_id"],
        "enrolments": ["id", "training_id", "person_id"],
        "attendance": ["id", "session_id", "person_id", "status"],
    }[table]  # fmt: skip
    return [*own, "created_at", "updated_at", "updated_by", "version", "deleted"]


def run() -> list[dict[str, Any]]:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, hq_key, table_columns, trust

    use_sqlcipher_sqlite_without_key()
    folder = Path(tempfile.mkdtemp(prefix="muster-bench-import-"))
    try:
        hq = open_installation(Paths(folder / "hq"), passphrase=PASSPHRASE)
        identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
        recipient = hq_key.ensure_hq_key(hq, PASSPHRASE)
        field = open_installation(Paths(folder / "field"), passphrase=PASSPHRASE)
        identity.create_identity(field, Profile(name="Focal", mission="MONUSCO"), PASSPHRASE)
        trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
        hq_data_key = hq.key
        assert hq_data_key is not None and field.key is not None
        with hq.db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        hq.close()
        # HQ before the import, both ways: the same rows (its seeds, trust, settings).
        empty = {"encrypted": folder / "empty-encrypted.sqlite3",
                 "plain": folder / "empty-plain.sqlite3"}  # fmt: skip
        shutil.copyfile(folder / "hq" / "muster.sqlite3", empty["encrypted"])
        export_plain(empty["encrypted"], empty["plain"], hq_data_key)
        keys = {"encrypted": hq_data_key, "plain": None}

        _populate(field.paths.database, field.key, field.device_id)
        started = time.perf_counter()
        key = identity.unlock_private_key(field, PASSPHRASE)
        bundle = export_bundle(field, folder / "big.muster", key, full=True, recipient=recipient)
        export_s = time.perf_counter() - started
        with field.db.engine.connect() as conn:
            rows = {
                t: [tuple(r) for r in conn.exec_driver_sql(
                    f"SELECT {', '.join(table_columns(t))} FROM {t}")]
                for t in ("missions", "locations", "partners", "categories", "trainings",
                          "training_partners", "training_sessions", "people", "enrolments",
                          "attendance")
            }  # fmt: skip
        field.close()
        total_rows = sum(len(r) for r in rows.values())
        hq = _open(folder / "hq", hq_data_key)
        started = time.perf_counter()
        identities = hq_key.unlock_hq_identities(hq, PASSPHRASE)
        unlock_s = time.perf_counter() - started
        hq.close()

        # Side by side, alternated run by run (the machine is shared): medians.
        times: dict[str, list[float]] = {"raw": [], "raw_unchecked": [], "plain": [],
                                         "encrypted": []}  # fmt: skip
        cpu: dict[str, list[float]] = {"plain": [], "encrypted": []}
        loads = [os.getloadavg()[0]]
        imported = 0
        for _ in range(RUNS):
            times["raw"].append(_raw_insert(folder, empty["plain"], rows))
            times["raw_unchecked"].append(
                _raw_insert(folder, empty["plain"], rows, foreign_keys=False)
            )
            for mode in ("plain", "encrypted"):
                seconds, cpu_s, imported = _bundle_import(
                    folder / "hq", empty[mode], keys[mode], bundle.path, identities
                )
                times[mode].append(seconds)
                cpu[mode].append(cpu_s)
        loads.append(os.getloadavg()[0])
        raw_s, unchecked_s, plain_s, enc_s = (
            statistics.median(times[m]) for m in ("raw", "raw_unchecked", "plain", "encrypted")
        )
        cpu_pl, cpu_enc = (statistics.median(cpu[m]) for m in ("plain", "encrypted"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    note = f"{total_rows:,} rows ({PEOPLE:,} people with enrolments and attendance)"
    spread = {m: f"{min(t):.2f}-{max(t):.2f} s" for m, t in times.items()}
    return [
        {"benchmark": "import", "metric": "bundle import, encrypted database (median)",
         "value": enc_s, "unit": "s", "note": f"{RUNS} runs each, alternated; {spread['encrypted']}; "
         f"load {loads[0]:.2f} -> {loads[1]:.2f}"},
        {"benchmark": "import", "metric": "bundle import, plain SQLite, same data (median)",
         "value": plain_s, "unit": "s", "note": f"{spread['plain']}; {imported:,} records checked"},
        {"benchmark": "import", "metric": "raw executemany, plain file (median)", "value": raw_s,
         "unit": "s", "note": f"{spread['raw']}; {note}"},
        {"benchmark": "import", "metric": "raw executemany, foreign-key checks off (median)",
         "value": unchecked_s, "unit": "s", "note": f"{spread['raw_unchecked']}; as the import "
         f"writes; encrypted / this {enc_s / unchecked_s:.2f}, plain / this "
         f"{plain_s / unchecked_s:.2f}"},
        {"benchmark": "import", "metric": "encryption cost: encrypted / plain",
         "value": enc_s / plain_s, "unit": "x", "note": f"goal <= {ENCRYPTION_GOAL}"},
        {"benchmark": "import", "metric": "CPU seconds, encrypted / plain (medians)",
         "value": cpu_enc / cpu_pl, "unit": "x",
         "note": f"{cpu_enc:.2f} s / {cpu_pl:.2f} s (process time; load-insensitive)"},
        {"benchmark": "import", "metric": "ratio import (encrypted) / raw", "value": enc_s / raw_s,
         "unit": "x", "note": f"target <= 2; plain / raw {plain_s / raw_s:.2f}"},
        {"benchmark": "import", "metric": "bundle size", "value": bundle.size / 2**20,
         "unit": "MiB", "note": "signed, age-encrypted"},
        {"benchmark": "import", "metric": "export full bundle", "value": export_s, "unit": "s",
         "note": "incl. unlocking the signing key (PBKDF2 600k)"},
        {"benchmark": "import", "metric": "unlock HQ key (scrypt)", "value": unlock_s,
         "unit": "s", "note": "once per session, not in the ratio"},
    ]  # fmt: skip


def _raw_insert(
    folder: Path, empty_db: Path, rows: dict[str, list[Any]], *, foreign_keys: bool = True
) -> float:
    """Baseline: raw executemany into a copy of the plain empty database, one transaction."""
    from app.db.engine import IMPORT_CACHE_KIB
    from app.services.sync import table_columns

    raw_db = folder / "raw.sqlite3"
    shutil.copyfile(empty_db, raw_db)
    conn = sqlcipher3.connect(str(raw_db), isolation_level=None)
    conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")  # as the import's connection
    started = time.perf_counter()
    conn.execute("BEGIN")
    for table, table_rows in rows.items():
        cols = table_columns(table)
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            table_rows,
        )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    raw_db.unlink()
    return seconds


def _open(home: Path, key: bytes | None) -> Any:
    """HQ's installation on ``key`` (None: the plain file), by the same code either way."""
    from app.db.engine import Database
    from app.paths import Paths
    from app.services.installation import Installation

    paths = Paths(home)
    return Installation(paths, Database(paths.database, key))


def _bundle_import(
    home: Path, empty_db: Path, key: bytes | None, bundle: Path, identities: list[Any]
) -> tuple[float, float, int]:
    """Muster: the full import (wall and CPU seconds) of the encrypted bundle into HQ's (empty) database."""
    from app.services.sync import import_bundles

    target = home / "muster.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(home / "backups", ignore_errors=True)  # the backup before each import
    shutil.copyfile(empty_db, target)
    hq = _open(home, key)
    try:
        _ = hq.device_id
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = import_bundles(hq, [bundle], lambda: identities)
        seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        hq.close()
    summary = outcome.summaries[0]
    return seconds, cpu_s, summary.total("new") + summary.total("unchanged")


if __name__ == "__main__":
    for row in run():
        print(row)
