"""Opening an installation: unlocking, folders, schema upgrade, device id, seeds and profile."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.db.cipher import has_plaintext_header
from app.db.engine import Database
from app.db.migrate import upgrade_to_head
from app.db.models import ROLES, Setting
from app.errors import UserError, ValidationError, user_error_from_sqlite
from app.l10n import Phrase
from app.paths import Paths
from app.services import vault
from app.services.local_settings import LocalSettings, is_analyst_setting
from app.services.vault.keyfile import STRONG_KDF, KdfParams
from app.textnorm import clean_text

PROFILE_KEYS = ("name", "title", "mission", "role", "email")
# X.509 bounds a common name to 64 bytes of UTF-8 (the signing certificate carries the name).
CERTIFICATE_NAME_BYTES = 64


@dataclass(frozen=True)
class Profile:
    """Who uses this installation and whether it is a field one or HQ."""

    name: str = ""
    title: str = ""
    mission: str = ""  # mission code; required for a field installation
    role: str = "field"
    email: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name)

    @property
    def is_hq(self) -> bool:
        return self.role == "hq"


class Installation:
    """The open database of one data home, plus where its files go.

    On a shared PostgreSQL server, each analyst's own settings (profile, identity,
    document language) are kept in their data folder (app/services/local_settings.py),
    the rest in the shared database.
    """

    def __init__(self, paths: Paths, db: Database) -> None:
        self.paths = paths
        self.db = db
        self._local: LocalSettings | None = None

    @property
    def local(self) -> LocalSettings | None:
        """The analyst's own settings file, on a shared server (None on the SQLite file)."""
        if self._local is None and self.db.is_server and self.db.key is not None:
            self._local = LocalSettings(self.paths, self.db.key)
        return self._local

    def _is_local(self, key: str) -> bool:
        return self.db.is_server and is_analyst_setting(key)

    @property
    def key(self) -> bytes | None:
        """The data key that encrypts the database, its backups and the kept files."""
        return self.db.key

    @property
    def device_id(self) -> str:
        return self.db.device_id

    def get_setting(self, key: str, default: str = "") -> str:
        if self._is_local(key) and self.local is not None:
            return self.local.get(key, default)
        with self.db.reading() as session:
            value = session.get(Setting, key)
            return value.value if value is not None else default

    def set_settings(self, values: dict[str, str]) -> None:
        shared = dict(values)
        if self.db.is_server and self.local is not None:
            mine = {k: v for k, v in values.items() if is_analyst_setting(k)}
            shared = {k: v for k, v in values.items() if k not in mine}
            if mine:
                self.local.update(mine)
        if not shared:
            return
        with self.db.transaction() as session:
            for key, value in shared.items():
                session.merge(Setting(key=key, value=value))

    def profile(self) -> Profile:
        names = [f"profile.{k}" for k in PROFILE_KEYS]
        if self.db.is_server and self.local is not None:
            stored = self.local.load()
            rows = [(name, stored[name]) for name in names if name in stored]
        else:
            with self.db.reading() as session:
                rows = list(
                    session.execute(
                        select(Setting.key, Setting.value).where(Setting.key.in_(names))
                    ).all()
                )
        values = {key.removeprefix("profile."): value for key, value in rows}
        return Profile(**{k: v for k, v in values.items() if k in PROFILE_KEYS})

    def save_profile(self, profile: Profile) -> Profile:
        """Validate and store the profile; returns it cleaned."""
        cleaned = Profile(
            name=clean_text(profile.name),
            title=clean_text(profile.title),
            mission=clean_text(profile.mission).upper(),
            role=profile.role,
            email=clean_text(profile.email),
        )
        errors: dict[str, str] = {}
        if not cleaned.name:
            errors["name"] = Phrase("Please enter your name.")
        elif len(cleaned.name.encode("utf-8")) > CERTIFICATE_NAME_BYTES:
            errors["name"] = Phrase(
                "This name is too long for a signing certificate: at most 64 letters in "
                "Latin script, or 32 in Arabic or Cyrillic script."
            )
        if cleaned.role not in ROLES:
            errors["role"] = Phrase("The role must be 'field' or 'hq'.")
        if cleaned.role == "field" and not cleaned.mission:
            errors["mission"] = Phrase("A field installation needs its mission.")
        if cleaned.role == "field" and self.db.is_server:
            errors["role"] = Phrase("A shared PostgreSQL database is HQ's: choose the HQ role.")
        if cleaned.mission:
            from app.services import reference

            if reference.find_mission(self, cleaned.mission) is None:
                errors["mission"] = Phrase(
                    "There is no mission with the code {mission}.", mission=cleaned.mission
                )
        if errors:
            raise ValidationError(errors)
        self.set_settings({f"profile.{k}": getattr(cleaned, k) for k in PROFILE_KEYS})
        return cleaned

    def close(self) -> None:
        self.db.dispose()


def _has_database(paths: Paths) -> bool:
    try:
        return paths.database.stat().st_size > 0
    except OSError:
        return False


def unlock_data(
    paths: Paths, passphrase: str | None = None, *, kdf: KdfParams = STRONG_KDF
) -> bytes:
    """The data key of this folder, unwrapped by ``passphrase`` (else ``MUSTER_PASSPHRASE``).

    A new folder gets a new key wrapped by the passphrase (refused when guessable,
    with Argon2id cost ``kdf``). An earlier release's plaintext folder gets one too,
    after the passphrase is checked against its signing key.
    """
    if passphrase is None:
        passphrase = vault.passphrase_from_environment()
    if vault.has_key(paths):
        return vault.unlock(paths, passphrase)
    if _has_database(paths) and not has_plaintext_header(paths.database):
        raise UserError(
            Phrase(
                "The database cannot be read: it is not a Muster database, or its key file "
                "{data_key} is missing (put back a copy of the keys folder).",
                data_key=paths.data_key,
            )
        )
    if _has_database(paths):  # an earlier release: the same passphrase as its signing key
        vault.open_signing_key(paths, passphrase)
        paths.keys.mkdir(parents=True, exist_ok=True)
        return vault.create_key(paths, passphrase, kdf=kdf, check=False)
    paths.keys.mkdir(parents=True, exist_ok=True)
    return vault.create_key(paths, passphrase, kdf=kdf)


def database_url(paths: Paths, key: bytes, override: str | None = None) -> str | None:
    """The PostgreSQL server to use, if any: ``override`` (``--database``), else
    ``MUSTER_DATABASE_URL``, else the address chosen in the Preferences; None means the
    SQLite file of the data folder."""
    from app.db.server import parse_url, url_from_environment
    from app.services.local_settings import stored_database_url

    chosen = override or url_from_environment() or stored_database_url(paths, key)
    if not chosen:
        return None
    parse_url(chosen)  # one sentence when it is not an address
    return chosen


def open_installation(
    paths: Paths,
    *,
    upgrade: bool = True,
    key: bytes | None = None,
    passphrase: str | None = None,
    kdf: KdfParams = STRONG_KDF,
    url: str | None = None,
) -> Installation:
    """Unlock, create the folders, upgrade the schema (after a backup) and seed reference data.

    ``key`` is the data key when the caller unlocked it already (the app's unlock
    screen); otherwise ``passphrase`` (else ``MUSTER_PASSPHRASE``) unlocks it.
    An earlier release's plaintext folder is encrypted in place first. ``url`` (else
    ``MUSTER_DATABASE_URL``, else the Preferences) names a PostgreSQL server to use
    instead of the folder's SQLite file.
    """
    from app.services import reference
    from app.services.vault import upgrade as plaintext

    paths.ensure()
    if key is None:
        key = unlock_data(paths, passphrase, kdf=kdf)
    server = database_url(paths, key, url)
    if server is None and plaintext.needs_upgrade(paths):
        plaintext.upgrade(paths, key)
    db = Database(None, key, url=server) if server else Database(paths.database, key)
    try:
        if upgrade:
            upgrade_to_head(db.engine, None if server else paths.database, paths.backups, key)
        installation = Installation(paths, db)
        reference.seed_reference_data(installation)
    except DBAPIError as exc:
        db.dispose()
        mapped = user_error_from_sqlite(exc)
        if mapped is None:
            raise
        raise mapped from exc
    except BaseException:
        db.dispose()
        raise
    return installation


__all__ = ["Installation", "Profile", "UserError", "open_installation", "unlock_data"]
