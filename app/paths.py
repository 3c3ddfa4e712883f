"""Every folder Muster writes to, decided in one place.

The data home comes from ``--home DIR``, else ``MUSTER_HOME``, else the user data
folder that platformdirs picks for this OS. Everything Muster keeps is written inside
it (encrypted: see app/services/vault/), so tests point it at ``tmp_path`` and a
portable install can live on a USB stick.

The one exception is the default folder offered for exports (PDFs, spreadsheets,
bundles the user saves to send): those are plaintext on purpose, so they are never
suggested inside the data folder but in the user's documents folder
(``MUSTER_EXPORTS`` overrides it).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "MUSTER_HOME"
ENV_EXPORTS = "MUSTER_EXPORTS"
# A PostgreSQL server instead of the folder's file (app/db/server.py reads it).
ENV_DATABASE_URL = "MUSTER_DATABASE_URL"
DATABASE_NAME = "muster.sqlite3"
DATA_KEY_NAME = "data-key.json"


def default_home() -> Path:
    """Where Muster keeps its data when nobody says otherwise."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("Muster", appauthor=False, roaming=True))


def default_exports() -> Path:
    """Where exports are suggested: ``MUSTER_EXPORTS``, else Documents/Muster exports."""
    env = os.environ.get(ENV_EXPORTS, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Muster exports"


def resolve_home(cli_home: str | os.PathLike[str] | None = None) -> Path:
    """The data home: the command-line option wins over the environment variable."""
    if cli_home:
        return Path(cli_home).expanduser().resolve()
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return default_home()


@dataclass(frozen=True)
class Paths:
    """The folders and files of one Muster installation."""

    home: Path

    @property
    def database(self) -> Path:
        return self.home / DATABASE_NAME

    @property
    def keys(self) -> Path:
        return self.home / "keys"

    @property
    def data_key(self) -> Path:
        """The database's data key, wrapped by the passphrase and by the recovery key."""
        return self.keys / DATA_KEY_NAME

    @property
    def exports(self) -> Path:
        """The folder suggested for exports: outside the data folder (they are plaintext)."""
        return default_exports()

    @property
    def legacy_exports(self) -> Path:
        """Where earlier releases suggested exports (inside the data folder)."""
        return self.home / "exports"

    @property
    def upgrade_marker(self) -> Path:
        """Present while an earlier release's plaintext files are being encrypted."""
        return self.home / "encryption-upgrade.pending"

    @property
    def documents(self) -> Path:
        """Signed PDFs this installation made or received in bundles."""
        return self.home / "documents"

    @property
    def evidence(self) -> Path:
        """Evidence files (scans of signed sheets, photos), sealed, named by their SHA-256."""
        return self.home / "evidence"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def settings_file(self) -> Path:
        """Qt settings (window layout, filters, language) kept as an ini in the home."""
        return self.home / "settings.ini"

    @property
    def lock_file(self) -> Path:
        return self.home / "muster.lock"

    def ensure(self) -> Paths:
        """Create the home and its folders; keys are private to the user."""
        for folder in (self.home, self.documents, self.evidence, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        self.keys.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # e.g. FAT-formatted USB sticks have no modes
            os.chmod(self.keys, 0o700)
        return self


def get_paths(cli_home: str | os.PathLike[str] | None = None) -> Paths:
    """Paths for the home chosen by the option, the environment or the OS default."""
    return Paths(resolve_home(cli_home))
