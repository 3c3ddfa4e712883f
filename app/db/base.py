"""Declarative base and the sync fields every travelling record carries.

Each synced row has a UUID made on the device (its primary key, so bundles from
many devices merge without id remapping), created/updated times, the device that
last changed it, a hybrid-logical-clock ``version`` that orders edits across
devices (ties broken by device id), and a ``deleted`` flag instead of hard deletes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable names for constraints so Alembic batch migrations on SQLite stay predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Namespace for ids derived from natural keys (seeded reference data, enrolments,
# attendance), so two devices that create "the same" thing make the same id.
MUSTER_NAMESPACE = uuid.UUID("6d1b0d0e-4a53-4c1e-9b7b-2f6f3c1a9e55")

SEED_DEVICE = "seed"


def utcnow() -> datetime:
    """Naive UTC now: SQLite has no time zones, so every stored time is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(kind: str, *parts: str) -> str:
    """A deterministic id for a record identified by its natural key."""
    return str(uuid.uuid5(MUSTER_NAMESPACE, ":".join((kind, *parts))))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: String(),
        int: BigInteger(),
        bool: Boolean(),
        datetime: DateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class SyncMixin:
    """Fields a later offline merge needs. Stamped automatically on flush."""

    if TYPE_CHECKING:
        __tablename__: str  # every synced model is a mapped class with a table

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(36), default="")
    version: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[bool] = mapped_column(default=False, server_default="0")


@dataclass(frozen=True)
class SyncStamp:
    """The sync fields a write gives the rows it creates or changes: the one place they are set.

    Rows a transaction writes in bulk share one stamp (one clock tick), as the ORM
    objects it flushes at once do (``Database.sync_stamp`` makes it).
    """

    at: datetime  # naive UTC
    by: str  # device id
    version: int

    def changed(self) -> dict[str, Any]:
        """The fields of a row this write changes."""
        return {"updated_at": self.at, "updated_by": self.by, "version": self.version}

    def created(self) -> dict[str, Any]:
        """The fields of a (live) row this write creates."""
        return {"created_at": self.at, **self.changed(), "deleted": False}

    def apply(self, obj: SyncMixin, *, new: bool) -> None:
        """Stamp an ORM object; a new one keeps a ``created_at`` it was given."""
        if new and obj.created_at is None:
            obj.created_at = self.at
        obj.updated_at = self.at
        obj.updated_by = self.by
        obj.version = self.version
