"""A PostgreSQL server as the database: its address, its engine, and what differs from SQLite.

HQ may share one PostgreSQL database between analysts (``muster --database URL``,
``MUSTER_DATABASE_URL`` or the HQ preference). The address is a libpq URL,
``postgresql://user:password@host:5432/muster`` (``postgresql+psycopg://`` too; a Unix
socket is ``postgresql://user@/muster?host=/run/postgresql``); Muster talks to it
through psycopg 3. Keys, settings and logs stay in each analyst's data folder.

What differs from the SQLite file, decided here and in app/db/raw.py only:

- one writer at a time, as with SQLite: every write transaction first takes the
  transaction-level advisory lock :data:`WRITE_LOCK` (released at COMMIT/ROLLBACK,
  so a killed process never leaves it held); readers never wait;
- the database is not encrypted by Muster (the server's disk and TLS are the
  server's business); the data key still seals kept documents and backups;
- backups are ``pg_dump`` archives (custom format), sealed like the other backups.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import URL, Engine, create_engine, make_url
from sqlalchemy.exc import ArgumentError

from app.errors import UserError
from app.l10n import Phrase
from app.paths import ENV_DATABASE_URL

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 10
# pg_advisory_xact_lock(MUSTER, WRITE): 'MUST' as a 32-bit class id, then the lock's own id.
LOCK_CLASS = 0x4D555354
WRITE_LOCK = 1
# How long a write waits for another analyst's (an import of 100,000 people takes ~1 min).
WRITE_WAIT_S = 600
EDIT_WAIT_S = 120  # an edit in the app waits this long for an import to finish
APPLICATION_NAME = "Muster"


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).split(":", 1)[0].lower() in SCHEMES


def parse_url(value: str) -> URL:
    """The SQLAlchemy URL of a PostgreSQL address, or a sentence saying how to write one."""
    text = (value or "").strip()
    how = Phrase(
        "write it as postgresql://USER:PASSWORD@HOST:5432/DATABASE "
        "(or postgresql://USER@/DATABASE?host=/run/postgresql for a local socket)"
    )
    if not is_server_url(text):
        raise UserError(
            Phrase(
                "'{address}' is not a PostgreSQL address; {how}.",
                address=shown_url(text),
                how=how,
            )
        )
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise UserError(
            Phrase(
                "'{address}' is not a valid PostgreSQL address; {how}.",
                address=shown_url(text),
                how=how,
            )
        ) from None
    if not url.database:
        raise UserError(Phrase("The PostgreSQL address names no database; {how}.", how=how))
    return url.set(drivername="postgresql+psycopg")


def shown_url(value: str | URL) -> str:
    """The address with its password hidden, for messages, logs and the Preferences."""
    try:
        url = value if isinstance(value, URL) else make_url(str(value))
    except (ArgumentError, ValueError):
        return str(value).split("@")[-1][:200]
    text = url.render_as_string(hide_password=True)
    return text.replace("postgresql+psycopg://", "postgresql://", 1)


def make_server_engine(url: str | URL) -> Engine:
    """An engine on a PostgreSQL server (psycopg 3), UTC, named in ``pg_stat_activity``."""
    parsed = parse_url(str(url) if isinstance(url, str) else url.render_as_string(False))
    return create_engine(
        parsed,
        pool_pre_ping=True,  # a server restarted overnight is reconnected, not an error
        pool_size=4,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": APPLICATION_NAME,
            "options": "-c TimeZone=UTC -c DateStyle=ISO,YMD",
        },
    )


def url_from_environment() -> str | None:
    value = os.environ.get(ENV_DATABASE_URL, "").strip()
    return value or None


def lock_statement() -> str:
    return f"SELECT pg_advisory_xact_lock({LOCK_CLASS}, {WRITE_LOCK})"


def lock_timeout_statement(seconds: float) -> str:
    return f"SET LOCAL lock_timeout = '{int(seconds * 1000)}ms'"


def server_facts(conn: Any) -> dict[str, str]:
    """Who this connection is on the server: role, database, host, and whether it may write."""
    row = conn.execute(
        "SELECT current_user, current_database(), coalesce(inet_server_addr()::text, 'socket'), "
        "has_table_privilege('bundles_received', 'INSERT')"
    ).fetchone()
    return {"role": row[0], "database": row[1], "host": row[2], "writer": bool(row[3])}


def roles_sql(
    database: str = "muster",
    importer: str = "muster_importer",
    analyst: str = "muster_analyst",
    bi: str = "muster_bi",
) -> str:
    """The SQL that makes an HQ team's database and its three roles (run once with psql).

    - ``importer`` owns the database: Muster, started with it, creates and upgrades the
      tables (Alembic) and imports bundles;
    - ``analyst`` may read every table (open the app, the dashboard, export tables) and
      write temporary tables (the report's working tables), nothing else;
    - ``bi`` may read only the ``reporting`` views (no table, no contact details).

    Passwords come from psql variables, never from this text: ``psql -v
    importer_password=... -v analyst_password=... -v bi_password=... -f roles.sql``.
    Default privileges make every table and view a later Muster version creates readable
    the same way.
    """
    for name in (database, importer, analyst, bi):
        if not name.replace("_", "").isalnum() or not name[0].isalpha():
            raise UserError(
                Phrase("'{name}' is not a plain PostgreSQL name (letters, digits, _).", name=name)
            )
    return f"""\
-- Muster: an HQ team's shared database, run once as a PostgreSQL superuser:
--   sudo -u postgres psql -v importer_password=... -v analyst_password=... \\
--        -v bi_password=... -f muster-roles.sql
\\set ON_ERROR_STOP on
CREATE ROLE {importer} LOGIN PASSWORD :'importer_password';
CREATE ROLE {analyst} LOGIN PASSWORD :'analyst_password';
CREATE ROLE {bi} LOGIN PASSWORD :'bi_password';
CREATE DATABASE {database} OWNER {importer} ENCODING 'UTF8' TEMPLATE template0;
\\connect {database}
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {importer}, {analyst};
GRANT CONNECT ON DATABASE {database} TO {bi};
-- The importer owns the tables and views Muster makes; the others read them.
GRANT USAGE, CREATE ON SCHEMA public TO {importer};
GRANT USAGE ON SCHEMA public TO {analyst};
ALTER DEFAULT PRIVILEGES FOR ROLE {importer} IN SCHEMA public
    GRANT SELECT ON TABLES TO {analyst};
CREATE SCHEMA reporting AUTHORIZATION {importer};
GRANT USAGE ON SCHEMA reporting TO {analyst}, {bi};
ALTER DEFAULT PRIVILEGES FOR ROLE {importer} IN SCHEMA reporting
    GRANT SELECT ON TABLES TO {analyst}, {bi};
"""
