"""Schema upgrades at start-up: back up the file, then upgrade to head.

Alembic runs on the app's own connection (``config.attributes``), in batch mode
for SQLite. A database that needs an upgrade is copied to the backups folder first
with SQLite's online backup, so a failed upgrade loses nothing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

import migrations
from app.db.backup import backup_database, timestamped_backup_path
from app.errors import UserError

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", str(engine.url))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine, database_file: Path, backups_dir: Path) -> Path | None:
    """Bring the schema to head; return the backup made first, if one was needed."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise UserError(
            "This database was made by a newer version of Muster. "
            "Install the newer version, or restore a backup."
        )
    backup: Path | None = None
    has_tables = bool(inspect(engine).get_table_names())
    if has_tables and database_file.exists():
        backup = timestamped_backup_path(backups_dir, f"before-upgrade-{current or 'none'}")
        backup_database(database_file, backup)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
