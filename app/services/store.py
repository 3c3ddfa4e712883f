"""What a service needs when the database is all it needs: a contract, not the installation.

Modules that the installation itself uses (the reference lists it seeds when it opens)
take a :class:`Store` instead of :class:`~app.services.installation.Installation`, so
the two never import each other. Every ``Installation`` is a ``Store``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.db.engine import Database


class Store(Protocol):
    """An open database and its settings."""

    @property
    def db(self) -> Database: ...

    def get_setting(self, key: str, default: str = "") -> str: ...
