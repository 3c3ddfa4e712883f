"""Backups of the database: automatic, manual, rotated, and restored safely.

Automatic backups are made on start-up when the newest one is more than a day
old, before every schema upgrade (app/db/migrate.py) and before every import
(``backup_before(inst, "import")``). Rotation keeps the ten newest automatic
backups plus the newest of each of the last eight weeks; manual backups and the
copies kept before a restore are never deleted by Muster.

A restore checks the chosen file first (it opens with this installation's data
key, ``integrity_check``, a schema revision this version knows, the Muster tables)
on a private copy, keeps a copy of the current database, then swaps the files with
an atomic rename.

Backups are encrypted with the installation's data key, like the database (the
online backup runs between two SQLCipher connections). A plaintext backup of an
earlier release can still be restored: it is encrypted on its way in.

On a PostgreSQL server (app/db/pg_backup.py), ``muster backup`` writes a ``pg_dump``
archive sealed with the data key (``.pgdump``), and a restore replays one with
``pg_restore`` in one transaction, after keeping an archive of what it replaces. The
automatic backups (daily, before an import) are the file's: an import on the server is
one transaction, and the server is backed up by whoever runs it (or ``muster backup``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.backup import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    PARTIAL_SUFFIX,
    backup_database,
    copy_raw_files,
    fsync_directory,
    has_sqlite_header,
    parse_backup_name,
    slug,
    timestamped_backup_path,
)
from app.db.cipher import DB_API_ERRORS, connect, export_encrypted
from app.errors import NewerVersionError, UserError, user_error_from_sqlite
from app.l10n import Phrase
from app.paths import Paths

if TYPE_CHECKING:
    from app.services.installation import Installation

log = logging.getLogger(__name__)

KEEP_AUTOMATIC = 10  # newest automatic backups always kept
KEEP_WEEKS = 8  # plus the newest automatic backup of each of these past weeks
AUTO_INTERVAL = timedelta(days=1)
MANUAL_REASON = "manual"
BEFORE_RESTORE_REASON = "before-restore"
# Reasons Muster never deletes: the user asked for them, or they hold what a restore replaced.
KEPT_REASONS = frozenset({MANUAL_REASON, BEFORE_RESTORE_REASON})
# Tables every Muster database has, whatever its revision.
REQUIRED_TABLES = frozenset(
    {"settings", "missions", "trainings", "training_sessions", "people", "enrolments", "attendance"}
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file in the backups folder."""

    path: Path
    created_at: datetime  # local time, from the file name
    reason: str
    size: int  # bytes

    @property
    def automatic(self) -> bool:
        return self.reason not in KEPT_REASONS


@dataclass(frozen=True)
class BackupCheck:
    """What a backup file holds, found by checking it before a restore."""

    path: Path
    revision: str
    trainings: int
    people: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # the database as it was before the restore
    revision: str
    trainings: int
    people: int


# --- listing and rotation ------------------------------------------------------------------


def list_backups(paths: Paths) -> list[BackupInfo]:
    """Backups in the backups folder, newest first."""
    found: list[BackupInfo] = []
    try:
        entries = list(paths.backups.iterdir())
    except OSError:  # no folder yet, or an unusable one (explained elsewhere)
        return []
    for entry in entries:
        parsed = parse_backup_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        made, reason = parsed
        found.append(BackupInfo(entry, made, reason, entry.stat().st_size))
    found.sort(key=lambda b: b.created_at, reverse=True)
    return found


def newest_backup(paths: Paths) -> BackupInfo | None:
    backups = list_backups(paths)
    return backups[0] if backups else None


def backups_to_delete(backups: Iterable[BackupInfo], now: datetime) -> list[BackupInfo]:
    """Automatic backups beyond the ten newest that are not their week's newest (8 weeks)."""
    automatic = sorted(
        (b for b in backups if b.automatic), key=lambda b: b.created_at, reverse=True
    )
    keep: set[Path] = {b.path for b in automatic[:KEEP_AUTOMATIC]}
    weeks_seen: set[int] = set()
    for backup in automatic:  # newest first, so the first of each week is its newest
        week = max(0, (now - backup.created_at).days) // 7
        if week < KEEP_WEEKS and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(backup.path)
    return [b for b in automatic if b.path not in keep]


def rotate(paths: Paths, now: datetime | None = None) -> list[Path]:
    """Delete automatic backups the rotation no longer keeps, and stale partial files."""
    now = now or datetime.now()
    deleted: list[Path] = []
    for backup in backups_to_delete(list_backups(paths), now):
        try:
            backup.path.unlink()
            deleted.append(backup.path)
        except OSError as exc:  # a locked or vanished file: try again next time
            log.warning("could not delete old backup %s: %s", backup.path, exc)
    for partial in paths.backups.glob(f"{BACKUP_PREFIX}*{PARTIAL_SUFFIX}*"):
        try:
            if now.timestamp() - partial.stat().st_mtime > 3600:
                partial.unlink()
        except OSError:
            pass
    return deleted


# --- making backups ------------------------------------------------------------------------


def _copy(source: Path, destination: Path, key: bytes | None) -> Path:
    """The online backup, with the machine's problems (full disk...) as plain sentences."""
    try:
        return backup_database(source, destination, key)
    except DB_API_ERRORS as exc:
        mapped = user_error_from_sqlite(exc)
        message = mapped.message if mapped else str(exc)
        raise UserError(Phrase("The backup could not be made. {message}", message=message)) from exc
    except OSError as exc:
        raise UserError(
            Phrase(
                "The backup could not be made in {parent}: {reason}.",
                parent=destination.parent,
                reason=exc.strerror or exc,
            )
        ) from exc


def backup_before(inst: Installation, reason: str) -> Path | None:
    """An automatic backup right before a risky operation ("import", "merge"...).

    Returns the backup's path (None on a server). Old automatic backups are rotated
    afterwards.
    """
    if inst.db.is_server:
        return None
    destination = timestamped_backup_path(inst.paths.backups, f"before-{slug(reason)}")
    path = _copy(inst.paths.database, destination, inst.key)
    log.info("backup before %s: %s", reason, path.name)
    rotate(inst.paths)
    return path


def backup_now(inst: Installation, destination: Path | None = None) -> Path:
    """A manual backup: to ``destination``, or into the backups folder (never rotated)."""
    if inst.db.is_server:
        return _server_backup(inst, destination)
    if destination is None:
        destination = timestamped_backup_path(inst.paths.backups, MANUAL_REASON)
    else:
        destination = destination.expanduser()
        if destination.is_dir():
            stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
            destination = destination / f"muster-backup-{stamp}{BACKUP_SUFFIX}"
        if _same_file(destination, inst.paths.database):
            raise UserError(Phrase("Choose another file: that one is the database itself."))
    path = _copy(inst.paths.database, destination, inst.key)
    log.info("manual backup: %s", path)
    return path


def _server_backup(inst: Installation, destination: Path | None) -> Path:
    """``pg_dump`` of the server's database, sealed, into the backups folder or ``destination``."""
    from app.db.backup import SERVER_BACKUP_SUFFIX
    from app.db.pg_backup import write_dump

    assert inst.db.url is not None
    if destination is None:
        destination = timestamped_backup_path(
            inst.paths.backups, MANUAL_REASON, suffix=SERVER_BACKUP_SUFFIX
        )
    else:
        destination = destination.expanduser()
        if destination.is_dir():
            stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
            destination = destination / f"muster-backup-{stamp}{SERVER_BACKUP_SUFFIX}"
    path = write_dump(inst.db.url, destination, inst.key)
    log.info("manual backup of the server: %s", path)
    return path


def auto_backup_if_due(inst: Installation, now: datetime | None = None) -> Path | None:
    """The start-up backup: made when the newest backup is more than a day old."""
    if inst.db.is_server:
        return None
    now = now or datetime.now()
    newest = newest_backup(inst.paths)
    if newest is not None and now - newest.created_at < AUTO_INTERVAL:
        return None
    if not inst.paths.database.is_file():
        return None
    return backup_before(inst, "daily")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


# --- checking and restoring ----------------------------------------------------------------


def _known_revisions() -> set[str]:
    from app.db.migrate import known_revisions

    return known_revisions()


def check_database_file(path: Path, key: bytes | None) -> BackupCheck:
    """Check that ``path`` is a healthy Muster database this version can open.

    ``key`` is the installation's data key; a plaintext file (an earlier release's
    backup) is read as such. Raises UserError with a plain sentence otherwise.
    Opens the file read-only; call it on a private copy when the file must not be
    touched at all.
    """
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise UserError(Phrase("There is no file {path}.", path=path))
    plaintext = has_sqlite_header(path)
    try:
        conn = connect(f"{path.as_uri()}?mode=ro", None if plaintext else key, uri=True)
    except DB_API_ERRORS as exc:
        raise UserError(
            Phrase("{file} could not be opened: {exc}.", file=path.name, exc=exc)
        ) from exc
    try:
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
        except DB_API_ERRORS as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF == 26 and not plaintext:  # NOTADB
                raise UserError(
                    Phrase(
                        "{file} is not a backup of this installation: it is damaged, or it was "
                        "encrypted with another installation's key.",
                        file=path.name,
                    )
                ) from exc
            raise
        if [tuple(r) for r in result] != [("ok",)]:
            raise UserError(Phrase("{file} is damaged, so it cannot be restored.", file=path.name))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or not tables.issuperset(REQUIRED_TABLES):
            raise UserError(
                Phrase("{file} is a database, but not a Muster database.", file=path.name)
            )
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None:
            raise UserError(
                Phrase("{file} is a database, but not a Muster database.", file=path.name)
            )
        if revision[0] not in _known_revisions():
            raise NewerVersionError(
                Phrase(
                    "{file} was made by a newer version of Muster. Install that version to "
                    "restore it.",
                    file=path.name,
                )
            )
        trainings = conn.execute("SELECT count(*) FROM trainings WHERE deleted = 0").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM people WHERE deleted = 0").fetchone()[0]
    except DB_API_ERRORS as exc:
        mapped = user_error_from_sqlite(exc)
        reason = mapped.message if mapped else str(exc)
        raise UserError(
            Phrase("{file} cannot be restored: {reason}", file=path.name, reason=reason)
        ) from exc
    finally:
        conn.close()
    return BackupCheck(path, str(revision[0]), int(trainings), int(people))


def _checkpoint_and_close(database: Path, key: bytes | None) -> None:
    """Fold the WAL into the main file so removing ``-wal`` loses nothing."""
    try:
        conn = connect(database, key, timeout=2)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except DB_API_ERRORS as exc:  # damaged or locked: the copy made first still holds it
        log.warning("could not checkpoint %s before restore: %s", database, exc)


def restore(paths: Paths, file: Path, key: bytes | None) -> RestoreResult:
    """Replace the database with the backup ``file``, after checking it.

    ``key`` is the installation's data key: the restored database is encrypted
    with it (a plaintext backup of an earlier release is encrypted on the way in).

    The installation must be closed (the GUI closes it; the command line refuses
    while the app is open). The current database is first copied into the
    backups folder ("before-restore", never rotated), then the checked copy of
    ``file`` is renamed over it in one step.
    """
    file = Path(file).expanduser().absolute()
    if _same_file(file, paths.database):
        raise UserError(Phrase("That file is the current database; choose a backup instead."))
    if not file.is_file():
        raise UserError(Phrase("There is no file {file}.", file=file))
    paths.home.mkdir(parents=True, exist_ok=True)
    staging = paths.home / f".restoring-{os.getpid()}{BACKUP_SUFFIX}"
    for leftover in (staging, Path(f"{staging}-journal"), Path(f"{staging}-wal")):
        leftover.unlink(missing_ok=True)
    try:
        check_database_file(file, key)  # says plainly what is wrong with it
        try:
            if has_sqlite_header(file) and key is not None:
                export_encrypted(file, staging, key)  # an earlier release's plaintext backup
            else:
                backup_database(file, staging, key)  # consistent even if the backup has a WAL
        except DB_API_ERRORS as exc:
            raise UserError(
                Phrase(
                    "{file} is damaged or is not a Muster backup, so it cannot be restored.",
                    file=file.name,
                )
            ) from exc
        check = check_database_file(staging, key)
        previous: Path | None = None
        if paths.database.exists():
            previous = timestamped_backup_path(paths.backups, BEFORE_RESTORE_REASON)
            try:
                backup_database(paths.database, previous, key)
            except DB_API_ERRORS:  # the current file is damaged: keep its bytes as they are
                copy_raw_files(paths.database, previous)
            _checkpoint_and_close(paths.database, key)
        # The old WAL must never be replayed onto the restored file.
        for sidecar in ("-wal", "-shm", "-journal"):
            Path(f"{paths.database}{sidecar}").unlink(missing_ok=True)
        with staging.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, paths.database)
        fsync_directory(paths.home)
    except OSError as exc:
        raise UserError(
            Phrase("The backup could not be restored: {reason}.", reason=exc.strerror or exc)
        ) from exc
    finally:
        staging.unlink(missing_ok=True)
    log.info("restored %s (previous database kept as %s)", file, previous)
    return RestoreResult(file, previous, check.revision, check.trainings, check.people)


def restore_server(paths: Paths, file: Path, key: bytes | None, url: str) -> RestoreResult:
    """Replace the server database's contents with the archive ``file``, in one transaction.

    An archive of the current contents is kept first (``before-restore``); the schema is
    then brought up to this version's head and the counts read back. Other analysts
    should close Muster first: their open windows would show the old data until then.
    """
    from app.db.backup import SERVER_BACKUP_SUFFIX
    from app.db.pg_backup import restore_dump, write_dump
    from app.services.installation import open_installation

    file = Path(file).expanduser().absolute()
    if not file.is_file():
        raise UserError(Phrase("There is no file {file}.", file=file))
    previous = write_dump(
        url,
        timestamped_backup_path(paths.backups, BEFORE_RESTORE_REASON, suffix=SERVER_BACKUP_SUFFIX),
        key,
    )
    restore_dump(url, file, key)
    inst = open_installation(paths, key=key, url=url)
    try:
        from sqlalchemy import text

        with inst.db.reading() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            trainings = session.execute(
                text("SELECT count(*) FROM trainings WHERE deleted = FALSE")
            ).scalar()
            people = session.execute(
                text("SELECT count(*) FROM people WHERE deleted = FALSE")
            ).scalar()
    finally:
        inst.close()
    log.info("restored %s on the server (previous contents kept as %s)", file, previous)
    return RestoreResult(file, previous, str(revision), int(trainings or 0), int(people or 0))
