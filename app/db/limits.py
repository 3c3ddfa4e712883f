"""How long a stored text may be: a String column's length, else ``MAX_TEXT``.

The bundle check at HQ (app/services/sync/schema.py) and every form and file that writes
text here (app/services/limits.py) read the bound from this one place, so a device never
stores a value that its next bundle would be refused for. Under them, every ORM flush
refuses a synced record whose text is longer (:func:`refuse_long_texts`): a writer that
forgets its check fails loudly instead of breaking that device's bundles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, inspect
from sqlalchemy.orm import InstrumentedAttribute, Mapper, Session

from app.db.base import SyncMixin

MAX_TEXT = 100_000  # characters in one Text value


def text_limit(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> int:
    """The most characters ``column`` (a table column or a mapped attribute) may hold."""
    if isinstance(column, InstrumentedAttribute):
        column = column.property.columns[0]
    return getattr(column.type, "length", None) or MAX_TEXT


class TextTooLong(Exception):
    """A writer skipped its length check: a bug, shown with details (never stored)."""


def _text_columns(cls: type) -> list[tuple[str, int]]:
    """(attribute key, limit) of every text column of a mapped class."""
    mapper: Mapper[Any] = inspect(cls)
    return [
        (attr.key, text_limit(attr.columns[0]))
        for attr in mapper.column_attrs
        if isinstance(attr.columns[0].type, String)
    ]


_COLUMNS: dict[type, list[tuple[str, int]]] = {}


def refuse_long_texts(session: Session, _context: Any, _instances: Any) -> None:
    """``before_flush``: no synced record is stored with a text longer than its column.

    Every form and file refuses or cuts such a text first, with a sentence naming the
    field (app/services/limits.py); this is the net under them, for a writer that
    forgets: the flush fails and the transaction rolls back, instead of the device
    storing a record that HQ would refuse in every later bundle.
    """
    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, SyncMixin):
            continue
        cls = type(obj)
        columns = _COLUMNS.get(cls)
        if columns is None:
            columns = _COLUMNS[cls] = _text_columns(cls)
        values = obj.__dict__  # loaded values only: nothing is fetched here
        for key, limit in columns:
            value = values.get(key)
            if isinstance(value, str) and len(value) > limit:
                raise TextTooLong(
                    f"{obj.__tablename__}.{key}: {len(value):,} characters, at most {limit:,}"
                )
