"""Opening an installation: folders, schema upgrade, device id, seeds and profile."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.migrate import upgrade_to_head
from app.db.models import ROLES, Setting
from app.errors import ValidationError
from app.paths import Paths
from app.textnorm import clean_text

PROFILE_KEYS = ("name", "title", "mission", "role", "email")


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
    """The open database of one data home, plus where its files go."""

    def __init__(self, paths: Paths, db: Database) -> None:
        self.paths = paths
        self.db = db

    @property
    def device_id(self) -> str:
        return self.db.device_id

    def get_setting(self, key: str, default: str = "") -> str:
        with self.db.reading() as session:
            value = session.get(Setting, key)
            return value.value if value is not None else default

    def set_settings(self, values: dict[str, str]) -> None:
        with self.db.transaction() as session:
            for key, value in values.items():
                session.merge(Setting(key=key, value=value))

    def profile(self) -> Profile:
        with self.db.reading() as session:
            rows = session.execute(
                select(Setting.key, Setting.value).where(
                    Setting.key.in_([f"profile.{k}" for k in PROFILE_KEYS])
                )
            ).all()
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
            errors["name"] = "Please enter your name."
        if cleaned.role not in ROLES:
            errors["role"] = "The role must be 'field' or 'hq'."
        if cleaned.role == "field" and not cleaned.mission:
            errors["mission"] = "A field installation needs its mission."
        if cleaned.mission:
            from app.services import reference

            if reference.find_mission(self, cleaned.mission) is None:
                errors["mission"] = f"There is no mission with the code {cleaned.mission}."
        if errors:
            raise ValidationError(errors)
        self.set_settings({f"profile.{k}": getattr(cleaned, k) for k in PROFILE_KEYS})
        return cleaned

    def close(self) -> None:
        self.db.dispose()


def open_installation(paths: Paths, *, upgrade: bool = True) -> Installation:
    """Create the folders, upgrade the schema (after a backup) and seed reference data."""
    from app.services import reference

    paths.ensure()
    db = Database(paths.database)
    if upgrade:
        upgrade_to_head(db.engine, paths.database, paths.backups)
    installation = Installation(paths, db)
    reference.seed_reference_data(installation)
    return installation
