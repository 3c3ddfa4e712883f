"""Two kinds of failure: ones the user can act on, and bugs.

A :class:`UserError` carries one plain sentence for a message box or stderr (a
locked file, a full disk, a wrong date). Anything else escaping a service is a bug
and gets the crash dialog with details to copy. Modelled on qutebrowser's
``KnownError``/``BugError`` split.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from enum import Enum

from app.l10n import Phrase


class ErrorKind(Enum):
    """What went wrong, for code that must react differently; never the message text."""

    GENERAL = "general"
    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    NEWER_VERSION = "newer_version"  # made by a newer Muster: install it, or restore


class UserError(Exception):
    """A problem the user can understand and fix; ``str(err)`` is the sentence to show."""

    kind = ErrorKind.GENERAL

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field  # the form field it concerns, so the UI can show it next to it
        self.hint = hint  # an optional way out ("Restore a backup from File > Restore…")

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """Bad input in a form or a file; ``errors`` maps field names to sentences."""

    kind = ErrorKind.VALIDATION

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        first_field, first_message = next(iter(self.errors.items()))
        message = first_message if len(self.errors) == 1 else "; ".join(self.errors.values())
        super().__init__(message, field=first_field)


class NotFoundError(UserError):
    """A record someone asked for by id or name does not exist (or was deleted)."""

    kind = ErrorKind.NOT_FOUND


class NewerVersionError(UserError):
    """A database, backup, key file or bundle made by a newer Muster than this one."""

    kind = ErrorKind.NEWER_VERSION


# SQLite error codes that mean "the user's machine", not "our code".
_SQLITE_USER_CODES: dict[int, Phrase] = {
    5: Phrase("The database is busy: another program is using it. Close it and try again."),  # BUSY
    6: Phrase("The database is locked by another program. Close it and try again."),  # LOCKED
    8: Phrase(
        "The database file is read-only. Check the folder's permissions or copy it elsewhere."
    ),
    10: Phrase("The disk could not be read or written. Check the drive and try again."),  # IOERR
    11: Phrase("The database file is damaged. Restore a backup from File > Restore a backup."),
    13: Phrase("The disk is full. Free some space and try again; nothing was saved."),  # FULL
    14: Phrase(
        "The database file could not be opened. Check that the folder exists and is writable."
    ),
    26: Phrase("This file is not a Muster database, or it is damaged."),  # NOTADB
}


# PostgreSQL SQLSTATEs (or their class, two characters) that mean "the server or the role".
READ_ONLY_ROLE = Phrase(
    "Your database role may only read: saving changes and importing need the importer role "
    "(ask whoever runs the PostgreSQL server)."
)
_POSTGRES_USER_STATES: dict[str, Phrase] = {
    "42501": READ_ONLY_ROLE,  # insufficient_privilege
    "25006": READ_ONLY_ROLE,  # read_only_sql_transaction (a standby server)
    "55P03": Phrase(
        "The shared database is busy: another analyst is importing or saving. Try again "
        "in a few minutes."
    ),  # lock_not_available (lock_timeout)
    "40P01": Phrase("The shared database was busy with another analyst's change; try again."),
    "40001": Phrase("The shared database was busy with another analyst's change; try again."),
    "53100": Phrase("The database server's disk is full; nothing was saved. Tell whoever runs it."),
    "53": Phrase("The database server is out of resources; nothing was saved. Try again later."),
    "57P01": Phrase("The database server was shut down; try again when it is back."),
    "57P03": Phrase("The database server is starting or shutting down; try again in a moment."),
    "28": Phrase(
        "The database server refused the user name or password: check the address in "
        "Preferences (or --database)."
    ),  # invalid_authorization_specification, 28P01
    "3D000": Phrase(
        "The database named in the server address does not exist on the server: check "
        "the address, or ask whoever runs the server to create it."
    ),
    "08": Phrase("The connection to the database server was lost; try again."),
}
NO_SERVER = Phrase(
    "The database server cannot be reached: check its address in Preferences (or "
    "--database) and the network, then try again."
)


def _postgres_user_error(original: BaseException) -> UserError | None:
    state = getattr(original, "sqlstate", None)
    if state is None:
        import psycopg

        # A connection that never opened (refused, no route, timeout) has no SQLSTATE.
        return UserError(NO_SERVER) if isinstance(original, psycopg.OperationalError) else None
    sentence = _POSTGRES_USER_STATES.get(state) or _POSTGRES_USER_STATES.get(state[:2])
    return UserError(sentence) if sentence else None


def user_error_from_sqlite(exc: BaseException) -> UserError | None:
    """Map a database (or SQLAlchemy-wrapped) error to a plain sentence, or None for bugs.

    sqlite3/SQLCipher errors by their error code; psycopg's (PostgreSQL) by SQLSTATE.
    """
    original = getattr(exc, "orig", exc)
    if type(original).__module__.startswith("psycopg"):
        err = _postgres_user_error(original)
        if err is not None:
            err.__cause__ = exc
        return err
    # sqlite3 for plaintext files, sqlcipher3 (same error codes) for the encrypted database.
    if not isinstance(original, sqlite3.Error) and not type(original).__module__.startswith(
        "sqlcipher3"
    ):
        return None
    code = getattr(original, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    sentence = _SQLITE_USER_CODES.get(primary)
    if sentence is None:
        return None
    err = UserError(sentence)
    err.__cause__ = exc
    return err
