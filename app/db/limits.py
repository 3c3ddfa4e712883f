"""How long a stored text may be: a String column's length, else ``MAX_TEXT``.

The bundle check at HQ (app/services/sync/schema.py) and every form and file that writes
text here (app/services/limits.py) read the bound from this one place, so a device never
stores a value that its next bundle would be refused for.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column
from sqlalchemy.orm import InstrumentedAttribute

MAX_TEXT = 100_000  # characters in one Text value


def text_limit(column: Column[Any] | InstrumentedAttribute[Any]) -> int:
    """The most characters ``column`` (a table column or a mapped attribute) may hold."""
    if isinstance(column, InstrumentedAttribute):
        column = column.property.columns[0]
    return getattr(column.type, "length", None) or MAX_TEXT
