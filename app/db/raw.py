"""DB-API access for bulk work (bundle export, import, merge), on the installation's engine.

Bulk merges need ``executemany`` at driver speed, which the ORM cannot give, but they
must still use the installation's own engine: its connections carry the pragmas and,
with at-rest encryption, the key. So this module borrows a DB-API connection from the
engine's pool (never ``sqlite3.connect`` on a path), in explicit-transaction mode, and
gives it back as it found it. SQL here sticks to statements both SQLite and PostgreSQL
understand (``INSERT ... ON CONFLICT``, ``IN (...)``); only the write lock differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

CHUNK = 500  # ids per IN (...): below SQLite's default limit of 999 variables


@contextmanager
def raw_connection(engine: Engine) -> Iterator[Any]:
    """A DB-API connection of ``engine`` in autocommit mode: the caller says BEGIN/COMMIT."""
    fairy = engine.raw_connection()
    driver = fairy.driver_connection
    saved = getattr(driver, "isolation_level", None)
    try:
        if hasattr(driver, "isolation_level"):
            driver.isolation_level = None  # pysqlite: no implicit BEGIN; ours say what they lock
        yield driver
    finally:
        try:
            if getattr(driver, "in_transaction", False):
                driver.rollback()
            if hasattr(driver, "isolation_level"):
                driver.isolation_level = saved
        finally:
            fairy.close()


def begin_write(conn: Any) -> None:
    """Start a transaction that holds the write lock from its first statement.

    SQLite: ``BEGIN IMMEDIATE`` (a second writer waits for the busy timeout, then gets
    SQLITE_BUSY); a PostgreSQL port would take ``pg_advisory_xact_lock`` here instead.
    """
    conn.execute("BEGIN IMMEDIATE")


def begin_read(conn: Any) -> None:
    """A read transaction: one consistent snapshot of every table."""
    conn.execute("BEGIN")


def select_in(
    conn: Any, sql: str, ids: Iterable[Any], params: Sequence[Any] = ()
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql`` (ending in ``IN``) for every id, in chunks the driver accepts."""
    id_list = sorted(set(ids))
    for start in range(0, len(id_list), CHUNK):
        chunk = id_list[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"{sql} ({marks})", (*params, *chunk))


def get_setting(conn: Any, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put_setting(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def current_clock(conn: Any) -> int:
    """The hybrid logical clock's last value (see ``app.db.engine.HybridClock``)."""
    value = get_setting(conn, "hlc")
    return int(value) if value else 0


def advance_clock(conn: Any, version: int) -> None:
    """Move the clock to at least ``version`` (never back)."""
    if version > current_clock(conn):
        put_setting(conn, "hlc", str(version))


def seen_versions(conn: Any, tables: Iterable[str], exclude: Iterable[str] = ()) -> dict[str, int]:
    """Highest version the database holds per author device: what it has seen of each."""
    seen: dict[str, int] = {}
    skip = set(exclude)
    for table in tables:
        for device, version in conn.execute(
            f"SELECT updated_by, max(version) FROM {table} GROUP BY updated_by"
        ):
            if device not in skip and version is not None:
                seen[device] = max(seen.get(device, 0), int(version))
    return seen
