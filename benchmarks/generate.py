"""The big synthetic data set the benchmarks run on: a year of HQ at scale.

20,000 trainings, 200,000 people, about 400,000 enrolments and 2,000,000
attendance marks across the seeded missions, plus one 5,000-participant
training for the UI benchmark. Names come in Latin, Cyrillic and Arabic script;
a share of people attend several trainings, 1 % were merged into another record,
3 % of trainings were cancelled, attendance is mostly present.

The database is made by the app itself (``open_installation``: real migrations,
seeds and, as every installation now, SQLCipher with a data key wrapped by
``benchmarks.at_rest.PASSPHRASE``), then filled with raw DB-API bulk inserts on a
keyed connection (30 times faster than ORM objects), its secondary indexes dropped
during the load and rebuilt after, then vacuumed (the plain copy below is written
compact by ``sqlcipher_export``: the two files get the same layout). No ``ANALYZE``
is run: a user's database has no statistics either. The result is cached in
``benchmarks/data/big/`` and rebuilt only when this generator's version or the
schema changes; ``benchmarks/data/big-plain/`` is the same folder with its database
decrypted, for the plain-SQLite baselines (``plain_big_home``).
``python -m benchmarks.generate [--force]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BIG_HOME = DATA / "big"
PLAIN_BIG_HOME = DATA / "big-plain"
GENERATOR_VERSION = "6"  # 4: encrypted (SQLCipher); 5: kept report figures; 6: with completions
MARKER_KEY = "bench.generated"

TRAININGS = 20_000
PEOPLE = 200_000
ATTENDANCE = 2_000_000
BIG_TRAINING_PARTICIPANTS = 5_000
BIG_TRAINING_SESSIONS = 3
BIG_TRAINING_TITLE = "Benchmark: national census of judicial staff (5,000 participants)"
SEED = 20_240_910
CHUNK = 50_000

MUSTER_NAMESPACE = uuid.UUID("6d1b0d0e-4a53-4c1e-9b7b-2f6f3c1a9e55")  # app.db.base

LATIN_FIRST_F = ("Aminata", "Claire", "Marie", "Fatou", "Grâce", "Nadège", "Chantal", "Élodie")
LATIN_FIRST_M = ("Jean", "Pierre", "Laurent", "Moïse", "Patrice", "Désiré", "Amadou", "Joël")
LATIN_LAST = ("Mbala", "Kabila", "Lokuli", "Nsimba", "Coulibaly", "Fontaine", "Mukendi", "Ilunga",
              "Kasongo", "Tshibanda", "Bolamba", "Ngoy", "Mwamba", "Kalala", "Diallo", "Sow")  # fmt: skip
CYR_FIRST_F = ("Айгуль", "Гульнара", "Динара", "Зарина", "Мадина", "Нигора")
CYR_FIRST_M = ("Азамат", "Бахтиёр", "Ержан", "Тимур", "Рустам", "Фаррух")
CYR_LAST = ("Абдуллаев", "Исмаилов", "Каримов", "Назаров", "Садыков", "Юсупов", "Ахмедов")
AR_FIRST_F = ("فاطمة", "مريم", "خديجة", "سعاد", "نور", "أمينة")
AR_FIRST_M = ("محمد", "أحمد", "علي", "عمر", "يوسف", "خالد")
AR_LAST = ("الطرابلسي", "المصراتي", "البنغازي", "الزنتاني", "الورفلي", "السنوسي")
THEMES = ("Counter-terrorism investigations", "Human rights in detention", "Prison security",
          "Gender-based violence", "Juvenile justice", "Rule of law", "Border management",
          "Déradicalisation en milieu carcéral", "Enquêtes financières", "Procédure pénale")  # fmt: skip
KINDS = (("training", 60), ("workshop", 20), ("seminar", 8), ("conference", 6),
         ("side_event", 3), ("other", 3))  # fmt: skip


def derived_id(kind: str, *parts: str) -> str:
    """Same as ``app.db.base.derived_id`` (kept here to stay import-light)."""
    return str(uuid.uuid5(MUSTER_NAMESPACE, ":".join((kind, *parts))))


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _chunks(rows: Iterable[tuple[Any, ...]], size: int = CHUNK) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Bulk inserts that fill NOT NULL columns it was not given (other teams add columns)."""

    def __init__(self, conn: Any, device: str, stamp: str) -> None:
        self.conn = conn
        self.device = device
        self.stamp = stamp
        self.version = 1 << 40

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
        sync = {"created_at": self.stamp, "updated_at": self.stamp, "updated_by": self.device,
                "deleted": 0}  # fmt: skip
        extra: list[tuple[str, Any]] = []
        for _cid, name, kind, notnull, default, pk in info:
            if name in columns or pk:
                continue
            if name in sync:
                extra.append((name, sync[name]))
            elif name == "version":
                extra.append((name, None))  # filled per row below
            elif notnull and default is None:
                upper = (kind or "").upper()
                numeric = any(t in upper for t in ("INT", "BOOL", "NUM", "REAL"))
                extra.append((name, 0 if numeric else "[]" if "JSON" in upper else ""))
        names = [*columns, *(n for n, _ in extra)]
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        count = 0
        for batch in _chunks(rows):
            full = []
            for row in batch:
                self.version += 1
                full.append((*row, *((self.version if v is None else v) for _, v in extra)))
            self.conn.executemany(sql, full)
            count += len(batch)
        return count


def _name(rng: random.Random, script: str, sex: str) -> str:
    if script == "cyrillic":
        first = rng.choice(CYR_FIRST_F if sex == "F" else CYR_FIRST_M)
        last = rng.choice(CYR_LAST) + ("а" if sex == "F" else "")
    elif script == "arabic":
        first, last = rng.choice(AR_FIRST_F if sex == "F" else AR_FIRST_M), rng.choice(AR_LAST)
    else:
        first = rng.choice(LATIN_FIRST_F if sex == "F" else LATIN_FIRST_M)
        last = f"{rng.choice(LATIN_LAST)} {rng.choice(LATIN_LAST)}"
    return f"{first} {last} {rng.randrange(10_000):04d}"  # unique-ish, like real rosters


def _script_for(mission: str) -> str:
    return {"UNRCCA": "cyrillic", "UNSMIL": "arabic", "UNAMI": "arabic"}.get(mission, "latin")


def _enrolment_sizes(rng: random.Random, trainings: int, total: int) -> list[int]:
    """Participants per training: mostly 10-35, a long tail to 150, summing to ``total``."""
    sizes = [max(3, min(150, int(rng.lognormvariate(2.9, 0.45)))) for _ in range(trainings)]
    scale = total / sum(sizes)
    return [max(3, min(150, round(s * scale))) for s in sizes]


def _index_sql(conn: Any, tables: Sequence[str]) -> list[tuple[str, str]]:
    marks = ",".join("?" * len(tables))
    return conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        list(tables),
    ).fetchall()


def _fill(database: Path, key: bytes, progress: bool) -> dict[str, int]:
    from app.db import cipher
    from app.textnorm import fold

    rng = random.Random(SEED)
    conn = cipher.connect(database, key, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-524288")
    conn.execute("PRAGMA foreign_keys=OFF")
    device = conn.execute("SELECT value FROM settings WHERE key='device_id'").fetchone()
    writer = _Writer(conn, device[0] if device else "bench", "2025-01-01 00:00:00.000000")
    big_tables = ("trainings", "training_sessions", "people", "enrolments", "attendance",
                  "locations", "training_partners")  # fmt: skip
    indexes = _index_sql(conn, big_tables)
    conn.execute("BEGIN")
    for name, _sql in indexes:
        conn.execute(f"DROP INDEX {name}")

    def say(text: str) -> None:
        if progress:
            print(f"  {text}", file=sys.stderr, flush=True)

    missions = conn.execute("SELECT id, code FROM missions ORDER BY code").fetchall()
    mission_weight = {"MONUSCO": 8, "UNSMIL": 4, "UNRCCA": 3, "MINUSCA": 4, "UNMISS": 4}
    weights = [mission_weight.get(code, 1) for _, code in missions]
    categories = [r[0] for r in conn.execute("SELECT id FROM categories")]
    partners = [r[0] for r in conn.execute("SELECT id FROM partners")]

    # Locations: 20 per mission.
    locations: dict[str, list[str]] = {}
    loc_rows = []
    for mid, code in missions:
        for i in range(20):
            lid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            locations.setdefault(mid, []).append(lid)
            loc_rows.append((lid, f"{code.title()} site {i + 1}", "", mid, 0))
    writer.insert("locations", ("id", "name", "country", "mission_id", "retired"), loc_rows)

    # People, each belonging to one mission's pool.
    say("people")
    pools: dict[str, list[str]] = {mid: [] for mid, _ in missions}
    person_sex: dict[str, str] = {}
    orgs = [f"Organisation {i}" for i in range(600)]

    def people_rows() -> Iterator[tuple[Any, ...]]:
        for _ in range(PEOPLE):
            mid, code = rng.choices(missions, weights=weights)[0]
            pid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            sex = "F" if rng.random() < 0.36 else ("M" if rng.random() < 0.97 else "X")
            name = _name(rng, _script_for(code), sex)
            pools[mid].append(pid)
            person_sex[pid] = sex
            yield (pid, name, fold(name), sex, rng.choice(categories), rng.choice(orgs),
                   rng.choice(partners) if rng.random() < 0.3 else None, "Officer", "",
                   "", "", int(rng.random() < 0.6), None)  # fmt: skip

    people_cols = ("id", "full_name", "name_key", "sex", "category_id", "organisation",
                   "partner_id", "function", "nationality", "phone", "email", "consent",
                   "merged_into_id")  # fmt: skip
    writer.insert("people", people_cols, people_rows())

    # Trainings, their sessions and partners.
    say("trainings and sessions")
    start_day = date(2016, 1, 1)
    span_days = (date(2025, 12, 31) - start_day).days
    trainings: list[tuple[str, str, list[str]]] = []  # (training id, mission id, session ids)
    training_rows, session_rows, partner_rows = [], [], []
    for n in range(TRAININGS + 1):
        big = n == TRAININGS
        mid = next(m for m, c in missions if c == "MONUSCO") if big else (
            rng.choices(missions, weights=weights)[0][0])  # fmt: skip
        tid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        sessions = BIG_TRAINING_SESSIONS if big else min(10, 1 + int(rng.expovariate(1 / 4.0)))
        start = start_day + timedelta(days=rng.randrange(span_days))
        end = start + timedelta(days=max(0, sessions - 1) + rng.randrange(3))
        status = "cancelled" if rng.random() < 0.03 else ("planned" if start.year >= 2025
                                                          and rng.random() < 0.5 else "held")  # fmt: skip
        title = BIG_TRAINING_TITLE if big else f"{rng.choice(THEMES)} #{n + 1}"
        training_rows.append((tid, mid, title, rng.choice(THEMES), _weighted(rng, KINDS),
                              start.isoformat(), end.isoformat(), "held" if big else status, "",
                              json.dumps(["Trainer A", "Trainer B"])))  # fmt: skip
        sids = []
        for s in range(sessions):
            sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            day = min(end, start + timedelta(days=s))
            session_rows.append((sid, tid, day.isoformat(), rng.choice(locations[mid]), ""))
            sids.append(sid)
        for pid in rng.sample(partners, k=rng.randrange(0, 3)):
            partner_rows.append(
                (derived_id("training-partner", tid, pid), tid, pid, "co_organiser")
            )
        trainings.append((tid, mid, sids))
    writer.insert("trainings", ("id", "mission_id", "title", "theme", "kind", "start_date",
                                "end_date", "status", "description", "trainers"), training_rows)  # fmt: skip
    writer.insert("training_sessions", ("id", "training_id", "date", "location_id", "topic"),
                  session_rows)  # fmt: skip
    writer.insert("training_partners", ("id", "training_id", "partner_id", "role"), partner_rows)

    # Enrolments and attendance, sized so that marks total ATTENDANCE.
    say("enrolments and attendance")
    regular = trainings[:-1]
    big_tid, _big_mid, big_sids = trainings[-1]
    marks_budget = ATTENDANCE - BIG_TRAINING_PARTICIPANTS * BIG_TRAINING_SESSIONS
    avg_sessions = sum(len(s) for _, _, s in regular) / len(regular)
    sizes = _enrolment_sizes(rng, len(regular), round(1.05 * marks_budget / avg_sessions))
    statuses = ("present",) * 17 + ("absent",) * 2 + ("excused",)
    counts = {"enrolments": 0, "attendance": 0}

    def enrolment_pairs() -> Iterator[tuple[str, list[str], str]]:
        for (tid, mid, sids), size in zip(regular, sizes, strict=True):
            pool = pools[mid]
            for pid in rng.sample(pool, k=min(size, len(pool))):
                yield tid, sids, pid
        everyone = [p for pool in pools.values() for p in pool]
        for pid in rng.sample(everyone, k=BIG_TRAINING_PARTICIPANTS):
            yield big_tid, big_sids, pid

    pairs = list(enrolment_pairs())
    # Trim or pad the last regular enrolments' marks so attendance is exactly ATTENDANCE.
    total_marks = sum(len(sids) for _, sids, _ in pairs)
    surplus = total_marks - ATTENDANCE

    def enrolment_rows() -> Iterator[tuple[Any, ...]]:
        for tid, _sids, pid in pairs:
            yield derived_id("enrolment", tid, pid), tid, pid

    def attendance_rows() -> Iterator[tuple[Any, ...]]:
        nonlocal surplus
        for tid, sids, pid in pairs:
            use = sids
            if surplus > 0 and tid != big_tid and len(sids) > 1:
                drop = min(surplus, len(sids) - 1)
                use, surplus = sids[: len(sids) - drop], surplus - drop
            for sid in use:
                yield derived_id("attendance", sid, pid), sid, pid, rng.choice(statuses)

    counts["enrolments"] = writer.insert("enrolments", ("id", "training_id", "person_id"),
                                         enrolment_rows())  # fmt: skip
    counts["attendance"] = writer.insert("attendance", ("id", "session_id", "person_id", "status"),
                                         attendance_rows())  # fmt: skip

    # 1 % of people turned out to be someone else already registered.
    say("merges")
    victims: list[tuple[str, str]] = []
    for pool in pools.values():
        if len(pool) < 4:
            continue
        chosen = rng.sample(pool, k=len(pool) // 100)
        chosen_set = set(chosen)
        survivors = [p for p in pool if p not in chosen_set]
        victims.extend((rng.choice(survivors), pid) for pid in chosen)
    conn.executemany("UPDATE people SET merged_into_id = ?, deleted = 1 WHERE id = ?", victims)
    merged = len(victims)
    say("rebuilding indexes")
    for _index, sql in indexes:
        conn.execute(sql)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (MARKER_KEY, _marker()),
    )
    conn.execute("COMMIT")
    # Compact, as sqlcipher_export leaves the plain copy: both files get the same layout.
    say("vacuum")
    conn.execute("VACUUM")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return {"trainings": len(trainings), "sessions": len(session_rows), "people": PEOPLE,
            "merged": merged, **counts}  # fmt: skip


def _marker() -> str:
    """Changes with this generator, its sizes and the schema (index changes included)."""
    import hashlib

    schema = hashlib.sha256()
    for source in sorted((HERE.parent / "migrations" / "versions").glob("*.py")):
        schema.update(source.read_bytes())
    sizes = f"{TRAININGS}:{PEOPLE}:{ATTENDANCE}"
    return f"{GENERATOR_VERSION}:{schema.hexdigest()[:16]}:{sizes}"


def _read_marker(database: Path, key: bytes | None) -> str | None:
    from app.db import cipher

    if not database.is_file():
        return None
    try:
        conn = cipher.connect(f"{database.as_uri()}?mode=ro", key, uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (MARKER_KEY,)).fetchone()
        finally:
            conn.close()
    except cipher.DB_API_ERRORS:
        return None
    return None if row is None else str(row[0])


def _key(home: Path) -> bytes | None:
    from app.errors import UserError
    from benchmarks.at_rest import data_key

    try:
        return data_key(home)
    except UserError:
        return None


def is_current(home: Path = BIG_HOME) -> bool:
    key = _key(home)
    return key is not None and _read_marker(home / "muster.sqlite3", key) == _marker()


def ensure_big_home(force: bool = False, progress: bool = True) -> Path:
    """The (encrypted) data home holding the big data set, generated on first use (minutes)."""
    if not force and is_current():
        return BIG_HOME
    sys.path.insert(0, str(HERE.parent))
    from app.db import cipher
    from app.paths import Paths
    from app.services.installation import open_installation
    from benchmarks.at_rest import PASSPHRASE

    started = time.perf_counter()
    building = DATA / "big.building"
    shutil.rmtree(building, ignore_errors=True)
    inst = open_installation(Paths(building), passphrase=PASSPHRASE)
    _ = inst.device_id
    key = inst.key
    assert key is not None
    inst.close()
    database = building / "muster.sqlite3"
    conn = cipher.connect(database, key)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    counts = _fill(database, key, progress)
    _fill_figures(database, key, progress)
    shutil.rmtree(BIG_HOME, ignore_errors=True)
    building.rename(BIG_HOME)
    if progress:
        size = (BIG_HOME / "muster.sqlite3").stat().st_size / 1_048_576
        print(
            f"  generated {counts} in {time.perf_counter() - started:.0f} s ({size:.0f} MB)",
            file=sys.stderr,
        )
    return BIG_HOME


def plain_big_home(progress: bool = True) -> Path:
    """The big data home with its database decrypted (same rows, same layout), cached."""
    ensure_big_home(progress=progress)
    plain_db = PLAIN_BIG_HOME / "muster.sqlite3"
    if (
        _read_marker(plain_db, None) == _marker()
        and plain_db.stat().st_mtime >= (BIG_HOME / "muster.sqlite3").stat().st_mtime
    ):
        return PLAIN_BIG_HOME
    from benchmarks.at_rest import plain_copy

    started = time.perf_counter()
    building = DATA / "big-plain.building"
    plain_copy(BIG_HOME, building)
    shutil.rmtree(PLAIN_BIG_HOME, ignore_errors=True)
    building.rename(PLAIN_BIG_HOME)
    if progress:
        print(f"  decrypted a plain copy in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return PLAIN_BIG_HOME


def bench_env() -> dict[str, str]:
    """The environment a benchmark process needs to open the generated folder."""
    from benchmarks.at_rest import PASSPHRASE

    return {**os.environ, "MUSTER_PASSPHRASE": PASSPHRASE}


def _fill_figures(database: Path, key: bytes, progress: bool) -> None:
    """The kept report figures (the migration filled them while the tables were empty)."""
    from sqlalchemy.dialects import sqlite

    from app.db import cipher
    from app.services.figures import DbApiRunner, rebuild

    if progress:
        print("  report figures", file=sys.stderr, flush=True)
    conn = cipher.connect(database, key, isolation_level=None)
    try:
        conn.execute("BEGIN")
        rebuild(DbApiRunner(conn, sqlite.dialect()))
        conn.execute("COMMIT")
    finally:
        conn.close()


def big_training_id(home: Path = BIG_HOME) -> str:
    from app.db import cipher

    database = home / "muster.sqlite3"
    conn = cipher.connect(f"{database.as_uri()}?mode=ro", _key(home), uri=True)
    try:
        row = conn.execute("SELECT id FROM trainings WHERE title = ?", (BIG_TRAINING_TITLE,))
        return str(row.fetchone()[0])
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    print(ensure_big_home(force=args.force))
    print(plain_big_home())
    return 0


if __name__ == "__main__":
    sys.exit(main())
