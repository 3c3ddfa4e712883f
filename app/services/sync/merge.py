"""Merging verified bundle records into the database: last writer wins, order-free.

Rule: for each record the copy with the greater ``(version, updated_by)`` wins
(``version`` is the hybrid logical clock; the device id breaks ties). Deletions are
ordinary records with ``deleted = 1`` and win or lose the same way. Because the
winner is a maximum over every copy ever seen, importing the same bundles in any
order, any number of times, gives the same rows (idempotent, commutative,
convergent); the upsert's WHERE clause enforces the rule inside the database too
(SQLite or PostgreSQL: the same statements, see app/db/raw.py).

Conflicts: two copies from different devices whose contents differ, where the
winner's device had not seen the loser's version when it exported (bundles carry
``seen``: the highest version they held of every other device). Such races are
recorded in ``sync_conflicts`` with both versions (``kept`` = winner, ``other`` =
loser), once per losing version (the id is derived from it), for a person to
review. The record itself still follows the rule above, so the table contents do
not depend on the order; which pairs get noted can (a copy that never met another
is not compared with it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from app.db.base import SEED_DEVICE, derived_id, utcnow
from app.db.models import sync_tables
from app.db.raw import is_postgres, seen_versions, select_in
from app.services.sync.schema import TableData, table_columns

CONTENT_SKIP = {"id", "created_at", "updated_at", "updated_by", "version"}


@dataclass
class TableCounts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: int = 0

    def add(self, other: TableCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        self.conflicts += other.conflicts

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
        }


@dataclass
class MergeResult:
    counts: dict[str, TableCounts] = field(default_factory=dict)
    max_version: int = 0

    @property
    def total(self) -> TableCounts:
        total = TableCounts()
        for c in self.counts.values():
            total.add(c)
        return total


Knowledge = Callable[[str], dict[str, int]]


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _upsert_sql(table: str, columns: tuple[str, ...], keep: tuple[str, ...] = ()) -> str:
    """``keep``: columns left as they are (an older bundle did not carry them)."""
    cols = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id" and c not in keep)
    return (
        f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets} "
        f"WHERE (excluded.version, excluded.updated_by) > ({table}.version, {table}.updated_by)"
    )


# The column saying whose a record is: the mission of a training or location, the training
# of a session, a partner role or an enrolment, the session of an attendance mark.
OWNER_COLUMN = {
    "locations": "mission_id",
    "trainings": "mission_id",
    "training_partners": "training_id",
    "training_sessions": "training_id",
    "enrolments": "training_id",
    "attendance": "session_id",
    # Issue 19's tables: a training's per-diem and evidence, a person's consents and profile.
    "perdiem_plans": "training_id",
    "perdiem_rates": "training_id",
    "perdiem_people": "training_id",
    "evidence_files": "training_id",
    "consents": "person_id",
    "person_profiles": "person_id",
    "test_scores": "training_id",
    "feedback_questions": "mission_id",
    "feedback_answers": "training_id",
}
LocalState = dict[str, tuple[int, str, Any]]  # id -> (version, updated_by, owner column)


def local_state(conn: Any, table: str, ids: list[str]) -> LocalState:
    """(version, updated_by, owner) of the local copies of ``ids``."""
    owner = OWNER_COLUMN.get(table, "NULL")
    local_count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if local_count == 0:
        return {}
    sql = f"SELECT id, version, updated_by, {owner} FROM {table}"
    if local_count <= 2 * len(ids):
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(sql)}
    return {r[0]: (r[1], r[2], r[3]) for r in select_in(conn, f"{sql} WHERE id IN", ids)}


def local_states(conn: Any, tables: dict[str, TableData]) -> dict[str, LocalState]:
    return {t: local_state(conn, t, [r[0] for r in d.rows]) for t, d in tables.items() if d.rows}


def _had_seen(knowledge: dict[str, int], device: str, version: int) -> bool:
    return device == SEED_DEVICE or knowledge.get(device, -1) >= version


def merge_tables(
    conn: Any,
    tables: dict[str, TableData],
    states: dict[str, LocalState],
    *,
    source_device: str,
    source_seen: dict[str, int],
    local_device: str,
    knowledge_of: Knowledge,
) -> MergeResult:
    """Apply ``tables`` on ``conn`` (inside the caller's transaction) and count what changed.

    ``knowledge_of(device)`` tells what ``device`` had seen of others (for conflicts):
    for this installation, what its database holds; for others, their latest bundle.
    """
    result = MergeResult()
    detected_at = utcnow().isoformat(sep=" ", timespec="microseconds")
    for table in sync_tables():
        data = tables.get(table)
        if data is None or not data.rows:
            continue
        columns = table_columns(table)
        v_pos, by_pos, del_pos = (
            columns.index("version"),
            columns.index("updated_by"),
            columns.index("deleted"),
        )
        rows = data.rows
        local = states.get(table, {})
        if not local:  # none of these records is here yet (a first bundle): every row is new
            result.max_version = max(result.max_version, max(map(itemgetter(v_pos), rows)))
            _insert_fresh(conn, table, columns, rows)
            result.counts[table] = TableCounts(new=len(rows))
            continue
        counts = TableCounts()
        to_write: list[list[Any]] = []
        candidates: list[tuple[list[Any], bool]] = []  # (incoming row, incoming wins)
        local_deleted: set[str] = set()
        for row in rows:
            version = row[v_pos]
            if version > result.max_version:
                result.max_version = version
            state = local.get(row[0])
            if state is None:
                counts.new += 1
                to_write.append(row)
                continue
            mine = (version, row[by_pos])
            current = state[:2]
            if mine > current:
                to_write.append(row)
                if current[1] != row[by_pos]:
                    seen = (
                        source_seen if row[by_pos] == source_device else knowledge_of(row[by_pos])
                    )
                    if not _had_seen(seen, current[1], current[0]):
                        candidates.append((row, True))
            elif mine == current:
                counts.unchanged += 1
            else:
                counts.unchanged += 1
                if current[1] != row[by_pos] and not _had_seen(
                    knowledge_of(current[1]), row[by_pos], version
                ):
                    candidates.append((row, False))
        replaced = [r for r in to_write if r[0] in local]
        if replaced:
            local_deleted.update(
                r[0]
                for r in select_in(
                    conn,
                    f"SELECT id FROM {table} WHERE deleted = TRUE AND id IN",
                    [r[0] for r in replaced],
                )
            )
            for r in replaced:
                if r[del_pos] and r[0] not in local_deleted:
                    counts.deleted += 1
                else:
                    counts.updated += 1
        if candidates:
            counts.conflicts = _record_conflicts(conn, table, columns, candidates, detected_at)
        fresh = [r for r in to_write if r[0] not in local]
        if fresh:
            _insert_fresh(conn, table, columns, fresh)
        if replaced:
            conn.executemany(_upsert_sql(table, columns, data.defaulted), replaced)
        result.counts[table] = counts
    return result


def _insert_fresh(conn: Any, table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    """Rows new here: plain inserts (the write lock is held, nobody else adds them); an
    upsert costs SQLite about twice as much, so only replacements pay for it. PostgreSQL
    takes them by COPY (same transaction, same constraints)."""
    if is_postgres(conn):
        conn.copy_rows(table, columns, rows)
    else:
        conn.executemany(_insert_sql(table, columns), rows)


def _record_conflicts(
    conn: Any,
    table: str,
    columns: tuple[str, ...],
    candidates: list[tuple[list[Any], bool]],
    detected_at: str,
) -> int:
    """Note races whose two copies really differ; returns how many were new."""
    cols = ", ".join(columns)
    content = [i for i, c in enumerate(columns) if c not in CONTENT_SKIP]
    found = 0
    for row, incoming_wins in candidates:
        local_row = conn.execute(f"SELECT {cols} FROM {table} WHERE id = ?", (row[0],)).fetchone()
        if local_row is None or all(local_row[i] == row[i] for i in content):
            continue
        incoming = dict(zip(columns, row, strict=True))
        existing = dict(zip(columns, local_row, strict=True))
        kept, other = (incoming, existing) if incoming_wins else (existing, incoming)
        conflict_id = derived_id(
            "conflict", table, row[0], str(other["updated_by"]), str(other["version"])
        )
        cursor = conn.execute(
            "INSERT INTO sync_conflicts "
            "(id, table_name, record_id, kept, other, detected_at, resolved_at) "
            "VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT(id) DO NOTHING",
            (
                conflict_id,
                table,
                row[0],
                json.dumps(kept, ensure_ascii=False),
                json.dumps(other, ensure_ascii=False),
                detected_at,
            ),
        )
        found += cursor.rowcount
    return found


def make_knowledge(conn: Any, local_device: str) -> Knowledge:
    """What each device had seen of others, as of now (call before applying a bundle).

    This installation: the highest version of every device its rows hold. Another
    device: the ``seen`` list of its latest bundle, kept in ``settings``.
    """
    local = seen_versions(conn, sync_tables(), exclude=[SEED_DEVICE])
    cache: dict[str, dict[str, int]] = {local_device: local}

    def knowledge_of(device: str) -> dict[str, int]:
        if device not in cache:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", (f"sync.seen.{device}",)
            ).fetchone()
            cache[device] = {k: int(v) for k, v in json.loads(row[0]).items()} if row else {}
        return cache[device]

    return knowledge_of
