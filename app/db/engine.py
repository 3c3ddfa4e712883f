"""Opening the database: encryption, pragmas, sessions, the version clock, errors.

The database is one SQLite file (the default), or a PostgreSQL server an HQ team
shares (app/db/server.py: its URL, its write lock, what differs).

The file is encrypted with SQLCipher through SQLAlchemy's ``sqlite+pysqlcipher``
dialect, keyed on connect with the installation's raw 256-bit data key (see
app/db/cipher.py); ``key=None`` opens a plaintext file (only to convert an old
release's database). Temporary tables and sorts stay in memory (``temp_store``).

Pragmas: WAL so readers never block the writer and a killed process leaves a
consistent file; ``synchronous=FULL`` so a committed transaction survives a power
cut too (WAL+NORMAL may lose the last commits on power loss, and field laptops lose
power); foreign keys on; a page cache of up to 128 MiB per connection. The cache
grows only as pages are read (a field database of a few MiB never fills it); 64 MiB
sped big imports ~1.5x, and 128 MiB is what HQ's report over 2,000,000 marks needs
to read each page once: every page read past the cache is decrypted again, which
made the encrypted report 38 % slower than a plain file at 64 MiB (measured by
benchmarks/bench_report.py).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import URL, Engine, Result, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.db.base import SyncMixin, SyncStamp, new_id, utcnow
from app.db.cipher import DB_API_ERRORS, pin_settings, raw_key_literal
from app.db.limits import refuse_long_texts
from app.errors import UserError, user_error_from_sqlite

BUSY_TIMEOUT_MS = 5000
_DB_ERRORS: tuple[type[Exception], ...] = (DBAPIError, *DB_API_ERRORS)
CACHE_KIB = 128 * 1024
# A bundle import's connection, while it runs (app.db.raw.roomy_cache): a mission's first
# 100,000-participant bundle writes some 180 MB of pages, then reads them back for the
# figures; within 128 MiB, SQLite spills and re-reads (and decrypts) part of them.
IMPORT_CACHE_KIB = 384 * 1024


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    if type(dbapi_connection).__module__.startswith("sqlcipher3"):
        pin_settings(cursor)  # right after the dialect's PRAGMA key, before any read
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine on ``path``, encrypted with ``key``, with Muster's pragmas on every connection.

    QueuePool as for plain SQLite files (the dialect's default, one connection per
    thread, would close the worker's connection behind its back).
    """
    if key is None:
        engine = create_engine(f"sqlite+pysqlite:///{path}")
    else:
        url = URL.create("sqlite+pysqlcipher", password=raw_key_literal(key), database=str(path))
        engine = create_engine(url, poolclass=QueuePool)
    event.listen(engine, "connect", _set_pragmas)
    return engine


class HybridClock:
    """Hybrid logical clock: ``(wall ms << 16) | counter``, persisted in ``settings``.

    Versions only grow, even when the laptop's clock jumps back, and an import
    advances the clock past every version it saw, so the next local edit wins over
    what was just received (causality), while concurrent edits order by wall time.
    """

    KEY = "hlc"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @staticmethod
    def _wall() -> int:
        return int(time.time() * 1000) << 16

    def tick(self, session: Session) -> int:
        """The next version, stored in the same transaction as the edit it stamps.

        The write transaction holds the write lock (SQLite's, or the advisory lock on
        PostgreSQL), so no other writer reads the same last value.
        """
        with self._lock:
            conn = session.connection()
            row = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": self.KEY})
            last = int(row.scalar() or 0)
            version = max(self._wall(), last + 1)
            conn.execute(
                text(
                    "INSERT INTO settings(key, value) VALUES (:k, :v) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                ),
                {"k": self.KEY, "v": str(version)},
            )
            return version


class Database:
    """One SQLite file (or a PostgreSQL server), its engine, and transactions that stamp
    sync fields.

    ``url`` (a PostgreSQL address) replaces the file: ``path`` is then None and ``key``
    only seals what the data folder keeps (documents, backups), not the database.
    """

    def __init__(self, path: Path | None, key: bytes | None = None, *, url: str | None = None):
        self.path = path
        self.key = key
        self.url = url
        if url is not None:
            from app.db.server import make_server_engine

            self.engine = make_server_engine(url)
        else:
            assert path is not None, "a database needs a file or a server URL"
            self.engine = make_engine(path, key)
        self.clock = HybridClock()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        event.listen(self._sessions, "before_flush", self._stamp_sync_fields)
        event.listen(self._sessions, "before_flush", refuse_long_texts)
        from app.services import figures  # report figures kept in each write transaction

        figures.install(self._sessions)
        self._device_id: str | None = None

    @property
    def is_server(self) -> bool:
        """True on a PostgreSQL server (shared by an HQ team), False on the SQLite file."""
        return self.url is not None

    def where(self) -> str:
        """Where the data is, for people: the file, or the server address without password."""
        if self.url is not None:
            from app.db.server import shown_url

            return shown_url(self.url)
        return str(self.path)

    # -- identity of this device ---------------------------------------------------------

    @property
    def device_id(self) -> str:
        """This installation's device id, made once and kept in ``settings``.

        On a shared server it is the HQ database's id, the same for every analyst
        (two analysts starting at once make one: the second insert does nothing).
        """
        if self._device_id is None:
            select_id = text("SELECT value FROM settings WHERE key = 'device_id'")
            with self.engine.connect() as conn:
                value = conn.execute(select_id).scalar()
            if not value:
                with self.engine.begin() as conn:
                    conn.execute(
                        text(
                            "INSERT INTO settings(key, value) VALUES ('device_id', :v) "
                            "ON CONFLICT(key) DO NOTHING"
                        ),
                        {"v": new_id()},
                    )
                    value = conn.execute(select_id).scalar()
            self._device_id = str(value)
        return self._device_id

    # -- sessions ------------------------------------------------------------------------

    def sync_stamp(self, session: Session) -> SyncStamp:
        """The stamp for what ``session`` writes now: the clock's next version, now, this device."""
        version = self.clock.tick(session)
        return SyncStamp(utcnow(), self.device_id, version)

    def _stamp_sync_fields(self, session: Session, _context: Any, _instances: Any) -> None:
        changed = [
            obj
            for obj in (*session.new, *session.dirty)
            if isinstance(obj, SyncMixin) and (obj in session.new or session.is_modified(obj))
        ]
        if not changed:
            return
        stamp = self.sync_stamp(session)
        for obj in changed:
            stamp.apply(obj, new=obj in session.new)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: all of it is committed, or none of it.

        On a server the transaction first takes the write lock, as SQLite's writer
        does: one writer at a time, so versions, merges and imports never interleave.
        """
        _ = self.device_id  # make sure it exists before the transaction starts
        try:
            with self._sessions() as session, session.begin():
                if self.is_server:
                    from app.db import server

                    conn = session.connection()
                    conn.exec_driver_sql(server.lock_timeout_statement(server.EDIT_WAIT_S))
                    conn.exec_driver_sql(server.lock_statement())
                yield session
        except _DB_ERRORS as exc:
            _reraise_as_user_error(exc)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; whatever it did is rolled back."""
        try:
            with self._sessions() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except _DB_ERRORS as exc:
            _reraise_as_user_error(exc)

    def raw_connection(self) -> Any:
        """A DB-API connection of its own, keyed like the engine's, in autocommit mode.

        For code that drives transactions itself (``BEGIN`` … ``COMMIT``) at DB-API
        speed: the connection leaves the pool, so closing it really closes it.
        """
        pooled = self.engine.raw_connection()
        pooled.detach()
        conn = pooled.dbapi_connection
        assert conn is not None  # None only once the connection is invalidated
        conn.isolation_level = None
        return conn

    def dispose(self) -> None:
        self.engine.dispose()


def _reraise_as_user_error(exc: BaseException) -> NoReturn:
    """Raise the plain-sentence error for a disk/lock problem, else the original bug."""
    mapped = user_error_from_sqlite(exc)
    if mapped is None:
        raise exc
    raise mapped from exc


def insert_for(session: Session, table: Any) -> Any:
    """``INSERT`` with ``ON CONFLICT`` clauses in the session's own dialect (SQLite or
    PostgreSQL: both have ``on_conflict_do_nothing``/``_do_update`` and ``excluded``)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def batched_rows(result: Result[Any], size: int = 500) -> Iterator[Any]:
    """The rows of ``result``, fetched ``size`` at a time.

    Iterating a result fetches one row per driver call (15,000 calls for a 1,000-person
    summary); ``.all()`` keeps every row of a 10,000-row list alive at once, which the
    garbage collector then walks. Batches are one driver call each and stay small."""
    for part in result.partitions(size):
        yield from part


__all__ = ["Database", "HybridClock", "UserError", "batched_rows", "insert_for", "make_engine"]
