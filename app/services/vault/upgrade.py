"""An earlier release's plaintext data folder, encrypted in place at the first unlock.

One step that survives a SIGKILL anywhere: the plaintext database stays the
database until an encrypted copy, checked and synced to disk, is renamed over it
(an atomic rename). Before that, an encrypted copy is kept in ``backups/`` (the
backup the upgrade makes first). A marker file says the rest is still to do; each
of those steps is idempotent and is simply redone after a crash:

- old plaintext backups are encrypted in place (written beside, then renamed);
- kept documents are sealed in place;
- files in the old default export folder inside the data folder move to the new
  one outside it (they are the user's exports, never deleted);
- old logs (which could hold a name in a crash report) are removed.

A plaintext file renamed over is gone from the folder; its old disk blocks are
the file system's to reuse (no secure erase is possible on SSDs or USB sticks).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from app.db.backup import PARTIAL_SUFFIX, fsync_directory, timestamped_backup_path
from app.db.cipher import DB_API_ERRORS, export_encrypted, has_plaintext_header, is_readable
from app.errors import UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.paths import Paths
from app.services.vault.sealed import file_is_sealed, seal

log = logging.getLogger(__name__)

STAGING_NAME = ".muster.sqlite3.encrypting"
UPGRADE_REASON = "before-encryption"


def needs_upgrade(paths: Paths) -> bool:
    """True for an earlier release's plaintext database, or an upgrade not finished."""
    return has_plaintext_header(paths.database) or paths.upgrade_marker.exists()


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fold_wal(database: Path) -> None:
    """Make the plaintext file the whole database: WAL folded in, rollback journal mode."""
    conn = sqlite3.connect(database, timeout=10)
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()  # checkpoints, removes -wal
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    if Path(f"{database}-wal").exists() and Path(f"{database}-wal").stat().st_size:
        raise UserError(
            Phrase("The database is in use by another program. Close it and try again.")
        )


def encrypt_database(paths: Paths, key: bytes) -> Path:
    """Replace the plaintext database by an encrypted one; returns the backup made first."""
    database = paths.database
    write_atomically(paths.upgrade_marker, b"encrypting the data folder\n")
    _fold_wal(database)
    backup = timestamped_backup_path(paths.backups, UPGRADE_REASON)
    partial = backup.with_name(backup.name + PARTIAL_SUFFIX)
    staging = paths.home / STAGING_NAME
    try:
        partial.unlink(missing_ok=True)
        export_encrypted(database, partial, key)
        _fsync_file(partial)
        os.replace(partial, backup)
        fsync_directory(paths.backups)
        staging.unlink(missing_ok=True)
        shutil.copyfile(backup, staging)
        _fsync_file(staging)
        if not is_readable(staging, key):
            raise UserError(
                Phrase("The encrypted copy of the database could not be checked; nothing changed.")
            )
        for sidecar in ("-wal", "-shm", "-journal"):
            Path(f"{database}{sidecar}").unlink(missing_ok=True)
        os.replace(staging, database)
        fsync_directory(paths.home)
    finally:
        partial.unlink(missing_ok=True)
        staging.unlink(missing_ok=True)
    log.info("database encrypted in place; backup %s", backup.name)
    return backup


def _encrypt_old_backups(paths: Paths, key: bytes) -> None:
    for file in sorted(paths.backups.glob("*")):
        if not file.is_file() or not has_plaintext_header(file):
            continue
        partial = file.with_name(file.name + PARTIAL_SUFFIX)
        partial.unlink(missing_ok=True)
        try:
            export_encrypted(file, partial, key)
            _fsync_file(partial)
            os.replace(partial, file)
        except DB_API_ERRORS:  # a damaged old backup: unusable anyway, and it holds names
            log.warning("removing a damaged plaintext backup %s", file.name)
            file.unlink()
        finally:
            partial.unlink(missing_ok=True)
        Path(f"{file}-journal").unlink(missing_ok=True)
    fsync_directory(paths.backups)


def _seal_documents(paths: Paths, key: bytes) -> None:
    for file in sorted(paths.documents.glob("*")):
        if file.is_file() and not file.name.endswith(".partial") and not file_is_sealed(file):
            write_atomically(file, seal(key, file.read_bytes()), private=True)


def _move_old_exports(paths: Paths) -> None:
    old = paths.legacy_exports
    if not old.is_dir():
        return
    files = [f for f in old.rglob("*") if f.is_file()]
    if files:
        target = paths.exports
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            destination = target / file.name
            stem, n = destination.stem, 1
            while destination.exists():
                n += 1
                destination = target / f"{stem} ({n}){file.suffix}"
            shutil.move(str(file), destination)
    shutil.rmtree(old, ignore_errors=True)


def _remove_old_logs(paths: Paths) -> None:
    """Emptied, not deleted: this process's log handler may have the current one open."""
    for file in paths.logs.glob("muster.log*"):
        with contextlib.suppress(OSError):
            if file.name == "muster.log":
                file.open("w").close()
            else:
                file.unlink()


def finish(paths: Paths, key: bytes) -> None:
    """The idempotent rest of the upgrade: no plaintext file is left in the data folder."""
    for partial in paths.backups.glob(f"*{PARTIAL_SUFFIX}"):  # left by a killed upgrade
        partial.unlink(missing_ok=True)
    (paths.home / STAGING_NAME).unlink(missing_ok=True)
    _encrypt_old_backups(paths, key)
    _seal_documents(paths, key)
    _move_old_exports(paths)
    _remove_old_logs(paths)
    paths.upgrade_marker.unlink(missing_ok=True)
    fsync_directory(paths.home)


def upgrade(paths: Paths, key: bytes) -> Path | None:
    """Encrypt an earlier release's folder (or finish an interrupted upgrade)."""
    backup = encrypt_database(paths, key) if has_plaintext_header(paths.database) else None
    finish(paths, key)
    return backup
