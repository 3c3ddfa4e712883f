"""Races between devices kept for a person to review: list them, keep one version or the other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.db.base import utcnow
from app.db.raw import raw_connection
from app.errors import UserError
from app.l10n import Phrase
from app.services import figures
from app.services.installation import Installation


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table_name: str
    record_id: str
    kept: dict[str, Any]
    other: dict[str, Any]
    detected_at: str
    resolved: bool

    def differences(self) -> list[tuple[str, Any, Any]]:
        from app.services.sync.merge import CONTENT_SKIP

        return [
            (k, self.kept.get(k), self.other.get(k))
            for k in self.kept
            if k not in CONTENT_SKIP and self.kept.get(k) != self.other.get(k)
        ]


def list_conflicts(inst: Installation, include_resolved: bool = False) -> list[ConflictInfo]:
    with raw_connection(inst.db.engine) as conn:
        where = "" if include_resolved else " WHERE resolved_at IS NULL"
        rows = conn.execute(
            "SELECT id, table_name, record_id, kept, other, detected_at, resolved_at "
            f"FROM sync_conflicts{where} ORDER BY detected_at DESC, table_name, record_id"
        ).fetchall()
    return [
        ConflictInfo(i, t, r, json.loads(k), json.loads(o), str(d)[:19], res is not None)
        for i, t, r, k, o, d, res in rows
    ]


def resolve_conflict(inst: Installation, conflict_id: str, use_other: bool = False) -> None:
    """Close a conflict; with ``use_other`` the losing version's content becomes a new edit."""
    from sqlalchemy import update

    from app.db.base import Base
    from app.db.models import SyncConflict
    from app.services.sync.merge import CONTENT_SKIP

    with inst.db.transaction() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise UserError(Phrase("This conflict no longer exists."))
        if use_other:
            table = Base.metadata.tables[conflict.table_name]
            values = {k: v for k, v in conflict.other.items() if k not in CONTENT_SKIP}
            values.update(inst.db.sync_stamp(session).changed())
            for col in table.columns:
                if col.name in values and values[col.name] is not None:
                    values[col.name] = _from_stored(col, values[col.name])
            session.execute(update(table).where(table.c.id == conflict.record_id).values(values))
            figures.touch_record(session, conflict.table_name, conflict.record_id)
        conflict.resolved_at = utcnow()


def _from_stored(col: Any, value: Any) -> Any:
    from datetime import date as date_cls

    from sqlalchemy import Boolean, Date, DateTime
    from sqlalchemy.types import JSON

    if isinstance(col.type, DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(col.type, Date) and isinstance(value, str):
        return date_cls.fromisoformat(value)
    if isinstance(col.type, Boolean):
        return bool(value)
    if isinstance(col.type, JSON) and isinstance(value, str):
        return json.loads(value)
    return value
