"""Settings kept in the analyst's own data folder, not in the database.

With a PostgreSQL server, the database is shared by an HQ team, but each analyst has
their own profile, signing identity and document language, and chooses which server
to use. Those live here: one small JSON object sealed with the analyst's data key
(``local-settings.sealed``; the server address may hold a password), written
atomically. On the SQLite file they stay in the database's ``settings`` table, as
before; only the server address is kept here in both cases.
"""

from __future__ import annotations

import json
from typing import Any

from app.errors import UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.paths import Paths
from app.services.vault.sealed import seal, unseal

FILE_NAME = "local-settings.sealed"
DATABASE_URL = "database.url"
# Settings each analyst has for themselves when the database is shared.
ANALYST_PREFIXES = ("profile.", "identity.", "documents.language")


def is_analyst_setting(key: str) -> bool:
    return key.startswith(ANALYST_PREFIXES)


class LocalSettings:
    """The sealed settings file of one data folder."""

    def __init__(self, paths: Paths, key: bytes) -> None:
        self.file = paths.home / FILE_NAME
        self.key = key

    def load(self) -> dict[str, str]:
        try:
            blob = self.file.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise UserError(
                Phrase("Cannot read {file}: {strerror}.", file=self.file, strerror=exc.strerror)
            ) from None
        try:
            data = json.loads(unseal(self.key, blob, self.file.name))
        except ValueError:
            raise UserError(
                Phrase("{file} is damaged: remove it and set it up again.", file=self.file)
            ) from None
        if not isinstance(data, dict):
            raise UserError(
                Phrase("{file} is damaged: remove it and set it up again.", file=self.file)
            )
        return {str(k): str(v) for k, v in data.items()}

    def get(self, name: str, default: str = "") -> str:
        return self.load().get(name, default)

    def update(self, values: dict[str, Any]) -> None:
        """Set (or, with None, remove) several settings in one atomic write."""
        data = self.load()
        for name, value in values.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = str(value)
        plain = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
        write_atomically(self.file, seal(self.key, plain), private=True)


def stored_database_url(paths: Paths, key: bytes) -> str | None:
    """The PostgreSQL address chosen in the Preferences (or ``muster server set``), if any."""
    if not (paths.home / FILE_NAME).exists():
        return None
    return LocalSettings(paths, key).get(DATABASE_URL) or None
