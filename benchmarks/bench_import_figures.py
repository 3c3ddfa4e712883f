"""Import: a 100,000-participant bundle with and without the kept report figures (issue 17).

A field installation holds 100,000 participants in 1,000 trainings (2 sessions
each: 100,000 enrolments, 200,000 attendance marks). Its full bundle, signed and
encrypted to HQ, is imported into an empty migrated database: decryption, every
archive check, hashes, signature, trust, strict validation of every record and
the merge in one transaction. The baseline inserts the very same rows into a copy
of the same empty database with one ``executemany`` per table in one transaction.
Unlocking HQ's key (scrypt, once per session) is reported separately.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from app.db import cipher

# The same synthetic field data as bench_import.py, made by its own code.
from benchmarks.bench_import import PASSPHRASE, PEOPLE, _populate


def run() -> list[dict[str, Any]]:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, hq_key, table_columns, trust

    os.environ.setdefault("MUSTER_PASSPHRASE", PASSPHRASE)  # each installation's data key
    folder = Path(tempfile.mkdtemp(prefix="muster-bench-import-"))
    try:
        empty = open_installation(Paths(folder / "empty"))
        with empty.db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        empty.close()

        hq = open_installation(Paths(folder / "hq"))
        identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
        recipient = hq_key.ensure_hq_key(hq, PASSPHRASE)
        field = open_installation(Paths(folder / "field"))
        identity.create_identity(field, Profile(name="Focal", mission="MONUSCO"), PASSPHRASE)
        trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
        _populate(field.paths.database, field.key, field.device_id)
        started = time.perf_counter()
        key = identity.unlock_private_key(field, PASSPHRASE)
        bundle = export_bundle(field, folder / "big.muster", key, full=True, recipient=recipient)
        export_s = time.perf_counter() - started
        field_conn = cipher.connect(field.paths.database, field.key)
        rows = {
            t: field_conn.execute(f"SELECT {', '.join(table_columns(t))} FROM {t}").fetchall()
            for t in ("missions", "locations", "partners", "categories", "trainings",
                      "training_partners", "training_sessions", "people", "enrolments",
                      "attendance")
        }  # fmt: skip
        field_conn.close()
        field.close()
        hq.close()
        total_rows = sum(len(r) for r in rows.values())

        # Side by side, twice each, alternating (the machine is shared): the best of each.
        # Without the report figures too (refresh skipped): what keeping them costs.
        raw_times, import_times, bare_times, unlock_s, imported = [], [], [], 0.0, 0
        for attempt in range(2):
            raw_times.append(_raw_insert(folder, empty.paths.database, empty.key, rows, attempt))
            seconds, unlock_s, imported = _bundle_import(folder, empty.paths.database, bundle.path,
                                                         attempt)  # fmt: skip
            import_times.append(seconds)
            bare_times.append(_bundle_import(folder, empty.paths.database, bundle.path, attempt,
                                             figures=False)[0])  # fmt: skip
        raw_s, import_s, bare_s = min(raw_times), min(import_times), min(bare_times)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    note = f"{total_rows:,} rows ({PEOPLE:,} people with enrolments and attendance)"
    return [
        {"benchmark": "import", "metric": "raw sqlite3 executemany", "value": raw_s,
         "unit": "s", "note": note},
        {"benchmark": "import", "metric": "bundle import (decrypt+verify+merge)",
         "value": import_s, "unit": "s", "note": f"{imported:,} records checked"},
        {"benchmark": "import", "metric": "ratio import / raw", "value": import_s / raw_s,
         "unit": "x", "note": "target <= 2"},
        {"benchmark": "import", "metric": "same import without report figures",
         "value": bare_s, "unit": "s", "note": "figures refresh skipped"},
        {"benchmark": "import", "metric": "cost of keeping the report figures",
         "value": import_s - bare_s, "unit": "s",
         "note": f"{(import_s - bare_s) / bare_s:+.0%} of the import"},
        {"benchmark": "import", "metric": "bundle size", "value": bundle.size / 2**20,
         "unit": "MiB", "note": "signed, age-encrypted"},
        {"benchmark": "import", "metric": "export full bundle", "value": export_s, "unit": "s",
         "note": "incl. unlocking the signing key (PBKDF2 600k)"},
        {"benchmark": "import", "metric": "unlock HQ key (scrypt)", "value": unlock_s,
         "unit": "s", "note": "once per session, not in the ratio"},
    ]  # fmt: skip


def _raw_insert(
    folder: Path, empty_db: Path, key: bytes | None, rows: dict[str, list[Any]], attempt: int
) -> float:
    """Baseline: raw executemany into a copy of the empty database, one transaction."""
    from app.services.sync import table_columns

    raw_db = folder / f"raw{attempt}.sqlite3"
    shutil.copyfile(empty_db, raw_db)
    conn = cipher.connect(raw_db, key, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA cache_size=-65536")
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


def _bundle_import(
    folder: Path, empty_db: Path, bundle: Path, attempt: int, figures: bool = True
) -> tuple[float, float, int]:
    """Muster: the full import of the encrypted bundle into HQ's (empty) database."""
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.sync import hq_key, import_bundles, trust

    home = folder / "hq"
    target = home / "muster.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(empty_db, target)
    # The copy is encrypted under the empty installation's data key: HQ opens it with that.
    shutil.copyfile(empty_db.parent / "keys" / "data-key.json", home / "keys" / "data-key.json")
    hq = open_installation(Paths(home))
    trust.add_trusted(hq, (folder / "field" / "keys" / "certificate.pem").read_bytes())
    started = time.perf_counter()
    identities = hq_key.unlock_hq_identities(hq, PASSPHRASE)
    unlock_s = time.perf_counter() - started
    from app.services import figures as kept

    refresh = kept.refresh
    if not figures:
        kept.refresh = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        outcome = import_bundles(hq, [bundle], lambda: identities)
        seconds = time.perf_counter() - started
    finally:
        kept.refresh = refresh  # type: ignore[assignment]
    summary = outcome.summaries[0]
    hq.close()
    return seconds, unlock_s, summary.total("new") + summary.total("unchanged")


if __name__ == "__main__":
    for row in run():
        print(row)
