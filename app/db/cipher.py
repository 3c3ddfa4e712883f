"""SQLCipher: the page-level cipher under the database, its backups and restores.

The database is encrypted with SQLCipher 4 (AES-256-CBC per page, HMAC-SHA512 per
page, a random salt per file) through the ``sqlcipher3`` driver, which ships
self-contained wheels for Linux and Windows. The key is a random 256-bit data key
given to SQLCipher as a raw key (``x'…'``), so opening skips SQLCipher's own
PBKDF2: the slow, memory-hard derivation happens once, when the passphrase
unwraps the data key (app/services/vault/keyfile.py).

Everything here works on DB-API connections; the engine (app/db/engine.py) uses
SQLAlchemy's own ``sqlite+pysqlcipher`` dialect with the same raw key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

SQLITE_HEADER = b"SQLite format 3\x00"
# Both drivers' errors: plaintext files (an old release's) are read with sqlite3.
DB_API_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)


def raw_key_literal(key: bytes) -> str:
    """SQLCipher's raw-key syntax, ``x'<64 hex digits>'`` (no key derivation on open)."""
    if len(key) != 32:
        raise ValueError("the data key must be 32 bytes")
    return f"x'{key.hex()}'"


def apply_key(dbapi_connection: Any, key: bytes) -> None:
    """Key a fresh connection before it reads anything; SQLCipher 4 settings pinned."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f'PRAGMA key = "{raw_key_literal(key)}"')
    pin_settings(cursor)
    cursor.close()


def pin_settings(cursor: Any) -> None:
    """SQLCipher 4's format even if a later SQLCipher changes its defaults; no stderr log."""
    cursor.execute("PRAGMA cipher_compatibility = 4")
    cursor.execute("PRAGMA cipher_log_level = NONE")


def connect(path: Path | str, key: bytes | None, **kwargs: Any) -> Any:
    """A DB-API connection on ``path``: SQLCipher with ``key``, or plain SQLite without."""
    if key is None:
        return sqlite3.connect(path, **kwargs)
    conn = sqlcipher3.connect(str(path), **kwargs)
    apply_key(conn, key)
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def has_plaintext_header(path: Path) -> bool:
    """True for an unencrypted SQLite file (an encrypted one starts with random salt)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def export_encrypted(plain: Path, destination: Path, key: bytes) -> None:
    """Write an encrypted copy of the plaintext database ``plain`` (sqlcipher_export).

    In one transaction: on its own, each table and index the export creates is a
    commit with its fsyncs (0.85 s for the 62 of a small database, 0.04 s in one).
    Callers write to a file of their own and fsync it before using it.
    """
    conn = sqlcipher3.connect(f"{plain.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        pin_settings(conn.cursor())
        literal = raw_key_literal(key)
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(destination), literal))
        conn.execute("BEGIN")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def is_readable(path: Path, key: bytes | None) -> bool:
    """Whether ``path`` opens with ``key`` (None: as plaintext)."""
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)
    except DB_API_ERRORS:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except DB_API_ERRORS:
        return False
    finally:
        conn.close()
