"""raw_connection(references_checked=True): SQLite's foreign-key lookups off for the
caller's transaction only, and on again for whoever takes the connection next."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from app.db.engine import make_engine
from app.db.raw import raw_connection

GHOST = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "fk.sqlite3", None)
    with raw_connection(engine) as conn:
        conn.execute("CREATE TABLE parents (id TEXT PRIMARY KEY)")
        conn.execute(
            "CREATE TABLE children (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parents(id))"
        )
    yield engine
    engine.dispose()


def _checks_on(engine: Engine) -> int:
    with raw_connection(engine) as conn:
        return int(conn.execute("PRAGMA foreign_keys").fetchone()[0])


def _driver(engine: Engine) -> int:
    fairy = engine.raw_connection()
    try:
        return id(fairy.driver_connection)
    finally:
        fairy.close()


def test_checks_are_off_inside_and_back_on_for_the_same_pooled_connection(engine: Engine) -> None:
    first = _driver(engine)
    with raw_connection(engine, references_checked=True) as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO children VALUES ('c', ?)", (GHOST,))  # no lookup: accepted
        conn.execute("ROLLBACK")
    assert _driver(engine) == first  # the very connection the import had
    assert _checks_on(engine) == 1
    with raw_connection(engine) as conn, pytest.raises(Exception, match="FOREIGN KEY"):
        conn.execute("INSERT INTO children VALUES ('c', ?)", (GHOST,))


def test_an_error_inside_an_open_transaction_still_turns_them_back_on(engine: Engine) -> None:
    with pytest.raises(RuntimeError), raw_connection(engine, references_checked=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO parents VALUES ('p')")
        raise RuntimeError("a refusal half way")
    assert _checks_on(engine) == 1
    with raw_connection(engine) as conn:
        assert conn.execute("SELECT count(*) FROM parents").fetchone()[0] == 0


def test_a_connection_that_cannot_be_restored_is_never_reused(engine: Engine) -> None:
    first = _driver(engine)
    with (
        pytest.raises(sqlite3.ProgrammingError),
        raw_connection(engine, references_checked=True) as conn,
    ):
        conn.close()  # broken under the caller: neither ROLLBACK nor the PRAGMA can run
    assert _driver(engine) != first
    assert _checks_on(engine) == 1


def test_a_roomy_cache_for_the_import_only(engine: Engine) -> None:
    from app.db.engine import CACHE_KIB, IMPORT_CACHE_KIB
    from app.db.raw import roomy_cache

    def size(conn: Any) -> int:
        return int(conn.execute("PRAGMA cache_size").fetchone()[0])

    with raw_connection(engine) as conn:
        assert size(conn) == -CACHE_KIB
        with pytest.raises(RuntimeError), roomy_cache(conn):
            assert size(conn) == -IMPORT_CACHE_KIB
            raise RuntimeError("a refusal half way")
        assert size(conn) == -CACHE_KIB
