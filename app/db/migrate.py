"""Schema upgrades at start-up: back up the file, then upgrade to head.

Alembic runs on the app's own connection (``config.attributes``), in batch mode
for SQLite. A database that needs an upgrade is copied to the backups folder first
with SQLite's online backup, so a failed upgrade loses nothing.

On a PostgreSQL server the same revisions run in one transaction (PostgreSQL's DDL
is transactional: a failed upgrade changes nothing) under the write lock, so two
analysts starting a new version at once upgrade it once; ``pg_dump`` makes the
backup first when it is installed.

Importing Alembic costs about 0.2 s, so start-up first compares the stored
revision with the head found by reading the revision files' headers, and imports
Alembic only when an upgrade is really needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

import migrations
from app.db.backup import backup_database, timestamped_backup_path
from app.errors import NewerVersionError
from app.l10n import Phrase

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent
_REVISION = re.compile(r'^revision(?::[^=]*)?=\s*["\']([^"\']+)["\']', re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", str(engine.url).replace("%", "%%"))
    return config


@cache
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(all revisions, revisions something else builds on), read from the files' headers."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for source in (MIGRATIONS_DIR / "versions").glob("*.py"):
        body = source.read_text(encoding="utf-8")
        found = _REVISION.search(body)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(body)
        if down is not None:
            parents.update(re.findall(r'["\']([^"\']+)["\']', down.group(1)))
    return frozenset(revisions), frozenset(parents)


def known_revisions() -> set[str]:
    """Every schema revision this version of Muster knows."""
    return set(_revision_graph()[0])


def head_revision() -> str:
    revisions, parents = _revision_graph()
    heads = sorted(revisions - parents)
    assert len(heads) == 1, f"the migrations folder must have one head, not {heads}"
    return heads[0]


def _revision_on(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or None for a new (empty) one."""
    with engine.connect() as conn:
        return _revision_on(conn)


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def _check_known(current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise NewerVersionError(
            Phrase(
                "This database was made by a newer version of Muster. "
                "Install the newer version, or restore a backup."
            )
        )


def upgrade_to_head(
    engine: Engine, database_file: Path | None, backups_dir: Path, key: bytes | None = None
) -> Path | None:
    """Bring the schema to head; return the backup made first (encrypted with ``key``).

    ``database_file`` is None on a PostgreSQL server.
    """
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    _check_known(current)
    if engine.dialect.name == "postgresql":
        return _upgrade_server(engine, current, backups_dir, key)
    backup: Path | None = None
    if database_file is not None and _has_tables(engine) and database_file.exists():
        backup = timestamped_backup_path(backups_dir, f"before-upgrade-{current or 'none'}")
        backup_database(database_file, backup, key)
    _run_alembic(engine, None)
    return backup


FIGURES_REBUILD = "figures_rebuild"  # config attribute: a migration changed the figures


def rebuild_figures_when_done(config: Any) -> None:
    """For a migration that changes the kept figures' tables (``context.config``).

    The recount is the app's own code, written for the newest schema, so it runs once
    the last migration is applied (migrations/env.py calls :func:`rebuild_figures_if_due`),
    in the same transaction.
    """
    config.attributes[FIGURES_REBUILD] = True


def rebuild_figures_if_due(config: Any, connection: Connection) -> None:
    """After migrations: recount the figures if one asked and the schema is the newest
    (an upgrade that stops earlier, in a test, leaves them to the later migration)."""
    if not config.attributes.pop(FIGURES_REBUILD, False):
        return
    if _revision_on(connection) != head_revision():
        return
    from app.services.figures.maintain import ConnectionRunner, rebuild

    rebuild(ConnectionRunner(connection))


def _run_alembic(engine: Engine, before: Callable[[Connection], bool] | None) -> None:
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        if before is not None and not before(connection):
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _upgrade_server(
    engine: Engine, current: str | None, backups_dir: Path, key: bytes | None
) -> Path | None:
    """The upgrade on PostgreSQL: a pg_dump backup when possible, then one locked transaction."""
    from app.db import server
    from app.db.pg_backup import dump_before_upgrade

    backup = None
    if current is not None:
        backup = dump_before_upgrade(engine, backups_dir, key, f"before-upgrade-{current}")

    def locked_and_still_needed(connection: Connection) -> bool:
        connection.exec_driver_sql(server.lock_timeout_statement(server.WRITE_WAIT_S))
        connection.exec_driver_sql(server.lock_statement())
        now = _revision_on(connection)  # another analyst may have upgraded meanwhile
        _check_known(now)
        return now != head_revision()

    _run_alembic(engine, locked_and_still_needed)
    return backup
