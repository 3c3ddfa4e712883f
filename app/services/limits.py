"""Refusing text longer than its column where it is typed or read from a file.

SQLite does not enforce a String column's length, but HQ's bundle check does: a title of
600 characters saved in the field would make every later bundle of that device refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.db.limits import text_limit
from app.l10n import Phrase


def too_long(value: str, column: Any) -> str | None:
    """The sentence refusing ``value`` for ``column``, or None when it fits."""
    limit = text_limit(column)
    if len(value) <= limit:
        return None
    return Phrase(
        "This is too long: at most {limit} characters, and it has {length}.",
        limit=limit,
        length=len(value),
    )


def check_lengths(errors: dict[str, str], fields: Iterable[tuple[str, str, Any]]) -> None:
    """Add to ``errors`` each (field, value, column) whose value does not fit its column
    (a field that already has an error keeps it)."""
    for name, value, column in fields:
        problem = too_long(value, column)
        if problem is not None and name not in errors:
            errors[name] = problem
