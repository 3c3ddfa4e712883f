"""Consistent copies of the database with SQLite's online backup API.

The online backup reads one snapshot of the database (the main file plus whatever
committed pages still sit in the WAL), so a copy made while the app is writing is
still a consistent database. Copies are switched to a rollback journal so a backup
is one self-contained file, written under a temporary name, synced to disk and
renamed: a half-made backup never carries the final name.

Backups of an encrypted database are encrypted with the same data key: the online
backup runs between two SQLCipher connections keyed alike, page by page, so no
plaintext is ever written.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime
from pathlib import Path

from app.db.cipher import connect, has_plaintext_header

BACKUP_PREFIX = "muster-"
BACKUP_SUFFIX = ".sqlite3"
SERVER_BACKUP_SUFFIX = ".pgdump"  # a PostgreSQL server's archive (app/db/pg_backup.py)
PARTIAL_SUFFIX = ".partial"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME_PATTERN = re.compile(
    rf"^{BACKUP_PREFIX}(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})-(?P<reason>[a-z0-9-]+)"
    rf"(?:{re.escape(BACKUP_SUFFIX)}|{re.escape(SERVER_BACKUP_SUFFIX)})$"
)


def slug(reason: str) -> str:
    """A file-name-safe version of a backup reason ("before import" -> "before-import")."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return cleaned[:60] or "backup"


def timestamped_backup_path(backups_dir: Path, reason: str, suffix: str = BACKUP_SUFFIX) -> Path:
    """A new file name in the backups folder saying when and why it was made."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime(_STAMP_FORMAT)
    return backups_dir / f"{BACKUP_PREFIX}{stamp}-{slug(reason)}{suffix}"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(local time made, reason) from a name made by :func:`timestamped_backup_path`."""
    match = _NAME_PATTERN.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match["stamp"], _STAMP_FORMAT), match["reason"]
    except ValueError:
        return None


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open directories
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def has_sqlite_header(path: Path) -> bool:
    """True for a plaintext SQLite file (see app/db/cipher.py)."""
    return has_plaintext_header(path)


def backup_database(source: Path, destination: Path, key: bytes | None = None) -> Path:
    """Copy ``source`` to ``destination`` consistently, even while it is in use.

    Both are encrypted with ``key`` (plaintext when None). The copy is written
    beside the destination and renamed, so a half-made backup never carries the
    final name. Errors (a full disk, a damaged source) leave no partial file behind
    and propagate as a DB-API error (``DB_API_ERRORS``) or ``OSError``.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
    if not source.is_file():
        raise FileNotFoundError(source)
    partial.unlink(missing_ok=True)
    try:
        src = connect(source, key)
        try:
            dst = connect(partial, key)
            try:
                src.backup(dst)
                # One self-contained file: no -wal beside the copy.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        Path(str(partial) + "-journal").unlink(missing_ok=True)
        raise
    fsync_directory(destination.parent)
    return destination


def copy_raw_files(source: Path, destination: Path) -> Path:
    """Byte copy of a database that SQLite cannot read (kept before replacing it).

    Used only when the online backup fails because the file is damaged: the user
    may still want it for a specialist. Its ``-wal`` is copied beside it when present.
    """
    import shutil

    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
    shutil.copyfile(source, partial)
    os.replace(partial, destination)
    wal = Path(f"{source}-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, Path(f"{destination}-wal"))
    fsync_directory(destination.parent)
    return destination
