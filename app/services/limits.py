"""Refusing text longer than its column where it is typed or read from a file.

SQLite does not enforce a String column's length, but HQ's bundle check does: a title of
600 characters saved in the field would make every later bundle of that device refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.db.limits import text_limit
from app.l10n import Phrase


def too_long(value: str, column: Any, what: str | None = None) -> str | None:
    """The sentence refusing ``value`` for ``column``, or None when it fits. ``what`` names
    the field when the window shows the sentence away from it (a session's place)."""
    limit = text_limit(column)
    if len(value) <= limit:
        return None
    if what is not None:
        return Phrase("{what} is too long: at most {limit:,} characters, and it has {length:,}.",
                      what=what, limit=limit, length=len(value))  # fmt: skip
    return Phrase(
        "This is too long: at most {limit:,} characters, and it has {length:,}.",
        limit=limit,
        length=len(value),
    )


Field = tuple[str, str, Any] | tuple[str, str, Any, str]  # name, value, column[, what]


def check_lengths(errors: dict[str, str], fields: Iterable[Field]) -> None:
    """Add to ``errors`` each field whose value does not fit its column (a field that
    already has an error keeps it)."""
    for name, value, column, *what in fields:
        problem = too_long(value, column, *what)
        if problem is not None and name not in errors:
            errors[name] = problem
