"""DB-API access for bulk work (bundle export, import, merge), on the installation's engine.

Bulk merges need ``executemany`` at driver speed, which the ORM cannot give, but they
must still use the installation's own engine: its connections carry the pragmas and,
with at-rest encryption, the key. So this module borrows a DB-API connection from the
engine's pool (never ``sqlite3.connect`` on a path), in explicit-transaction mode, and
gives it back as it found it.

One way to run on both databases. Callers write SQLite's DB-API dialect: ``?``
placeholders and SQL both understand (``INSERT ... ON CONFLICT``, row values, ``IN
(...)``, ``CASE`` instead of the two-argument ``max``). On PostgreSQL the connection is
wrapped (:class:`PgConnection`) so that, in this one place:

- ``?`` becomes ``%s`` (and a literal ``%`` becomes ``%%``), cached per statement;
- parameters travel as untyped literals, so the server reads ``1`` as ``true`` for a
  boolean column and ``'2024-09-10'`` as a date, as SQLite's dynamic types do;
- values come back as SQLite gives them (booleans 0/1, dates and times as ISO text,
  JSON as its text), so bundles, merges and comparisons see the same rows on both;
- the write lock is ``pg_advisory_xact_lock`` instead of ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from app.db.cipher import DB_API_ERRORS
from app.errors import UserError
from app.l10n import Phrase

CHUNK = 500  # ids per IN (...): below SQLite's default limit of 999 variables
READ_ONLY_IMPORT = Phrase(
    "Your database role may only read: importing and other changes need the importer role "
    "(ask whoever runs the PostgreSQL server)."
)


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (the SQL here has no ``?`` in text)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _pg_adapters() -> tuple[Any, ...]:
    """(loaders, int dumper) giving PostgreSQL values SQLite's shape, made once."""
    from psycopg.adapt import Dumper, Loader

    class UntypedInt(Dumper):
        oid = 0  # "unknown": the server types it from where it goes (bigint, boolean...)

        def dump(self, obj: Any) -> bytes:
            return str(int(obj)).encode("ascii")

    class BoolAsInt(Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) == b"t" else 0

    class Text(Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode("utf-8")

    class TimestampText(Loader):
        def load(self, data: Any) -> str:
            value = bytes(data).decode("ascii")
            if len(value) == 19:
                return value + ".000000"
            head, _, fraction = value.partition(".")
            return f"{head}.{fraction.ljust(6, '0')}"

    loaders = (("bool", BoolAsInt), ("date", Text), ("json", Text), ("jsonb", Text),
               ("timestamp", TimestampText))  # fmt: skip
    return loaders, UntypedInt


_ADAPTERS: tuple[Any, ...] | None = None


class PgConnection:
    """A psycopg connection speaking the DB-API dialect the SQLite code uses (see above)."""

    dialect = "postgresql"

    def __init__(self, driver: Any) -> None:
        global _ADAPTERS
        if _ADAPTERS is None:
            _ADAPTERS = _pg_adapters()
        self.driver = driver
        self._loaders, self._int_dumper = _ADAPTERS

    def cursor(self) -> Any:
        cursor = self.driver.cursor()
        adapters = cursor.adapters
        for name, loader in self._loaders:
            adapters.register_loader(name, loader)
        adapters.register_dumper(int, self._int_dumper)
        return cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cursor = self.cursor()
        cursor.execute(pg_sql(sql), tuple(params))
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.cursor()
        cursor.executemany(pg_sql(sql), rows)
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """``COPY table (columns) FROM STDIN``: PostgreSQL's fastest way to take new rows
        (about three times ``executemany``), values in the SQLite shapes above."""
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.cursor().copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.driver.info.transaction_status != TransactionStatus.IDLE)

    def rollback(self) -> None:
        self.driver.rollback()


def is_postgres(conn: Any) -> bool:
    return isinstance(conn, PgConnection)


@contextmanager
def raw_connection(engine: Engine, *, references_checked: bool = False) -> Iterator[Any]:
    """A DB-API connection of ``engine`` in autocommit mode: the caller says BEGIN/COMMIT.

    ``references_checked``: the caller proves every reference it writes resolves, set by
    set, before writing (the bundle import: app.services.sync.rights.check_references),
    so SQLite's own lookup of each row's parents would only repeat it: two index searches
    per attendance mark, 0.6 s of a 100,000-participant import. SQLite then skips them
    for this connection's transactions; they are back on before the connection returns
    to the pool, or the connection is closed. PostgreSQL always checks.
    """
    fairy = engine.raw_connection()
    driver = fairy.driver_connection
    assert driver is not None  # None only once the connection is invalidated
    if engine.dialect.name == "postgresql":
        try:
            driver.autocommit = True
            yield PgConnection(driver)
        finally:
            try:
                if driver.info.transaction_status != 0:  # not IDLE
                    driver.rollback()
                driver.autocommit = False
            finally:
                fairy.close()
        return
    saved = getattr(driver, "isolation_level", None)
    try:
        if hasattr(driver, "isolation_level"):
            driver.isolation_level = None  # pysqlite: no implicit BEGIN; ours say what they lock
        if references_checked:
            driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or a no-op
        yield driver
    finally:
        try:
            try:
                if getattr(driver, "in_transaction", False):
                    driver.rollback()
            finally:
                if references_checked:
                    _foreign_keys_back_on(fairy, driver)
            if hasattr(driver, "isolation_level"):
                driver.isolation_level = saved
        finally:
            fairy.close()


@contextmanager
def roomy_cache(conn: Any) -> Iterator[None]:
    """SQLite's page cache at IMPORT_CACHE_KIB for a big write, then back to its size.

    Pages are allocated only as they are used (a small import stays small), and going
    back frees what is over: measured, 0.3 s less and 60 MB more at the peak of a
    100,000-participant import (whose parsed records take some 500 MB anyway).
    """
    if is_postgres(conn):
        yield
        return
    from app.db.engine import CACHE_KIB, IMPORT_CACHE_KIB  # engine uses this module

    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        # A broken connection keeps its error (raised by whatever broke it), not this one.
        with suppress(*DB_API_ERRORS):
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _foreign_keys_back_on(fairy: Any, driver: Any) -> None:
    """Checks on again for the pool's next user; a connection that refuses is dropped."""
    try:
        driver.execute("PRAGMA foreign_keys = ON")
        on = driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    except Exception:  # a broken connection: never reused, whatever broke it
        on = False
    if not on:
        fairy.invalidate()


def begin_write(conn: Any, wait_s: float | None = None) -> None:
    """Start a transaction that holds the write lock from its first statement.

    SQLite: ``BEGIN IMMEDIATE`` (a second writer waits for the busy timeout, then gets
    SQLITE_BUSY). PostgreSQL: ``BEGIN`` then the advisory write lock, waiting up to
    ``wait_s`` (default :data:`app.db.server.WRITE_WAIT_S`) for another analyst's
    import; a role that may only read is told so in one sentence, before anything.
    """
    if not is_postgres(conn):
        conn.execute("BEGIN IMMEDIATE")
        return
    from app.db import server

    conn.execute("BEGIN")
    may_write = conn.execute("SELECT has_table_privilege('bundles_received', 'INSERT')").fetchone()[
        0
    ]
    if not may_write:
        conn.execute("ROLLBACK")
        raise UserError(READ_ONLY_IMPORT)
    conn.execute(server.lock_timeout_statement(wait_s or server.WRITE_WAIT_S))
    conn.execute(server.lock_statement())


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
