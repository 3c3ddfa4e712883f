"""Reference lists: missions, locations, partner organisations, participant categories.

Seeded on first run with deterministic ids (derived from their codes), so every
installation's "MONUSCO" is the same record and bundles merge cleanly. Users may
edit them; an item in use can only be retired, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.base import SEED_DEVICE, derived_id
from app.db.models import (
    PARTNER_KINDS,
    Category,
    Location,
    Mission,
    Partner,
    Person,
    Training,
    TrainingPartner,
    TrainingSession,
)
from app.errors import NotFoundError, UserError, ValidationError
from app.textnorm import clean_text, fold

if TYPE_CHECKING:
    from app.services.installation import Installation

SEED_TIME = datetime(2024, 1, 1)

SEED_MISSIONS: tuple[tuple[str, str, str], ...] = (
    (
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the DR Congo",
        "Democratic Republic of the Congo",
    ),
    (
        "UNRCCA",
        "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
        "Turkmenistan",
    ),
    ("UNSMIL", "United Nations Support Mission in Libya", "Libya"),
    (
        "MINUSCA",
        "United Nations Multidimensional Integrated Stabilization Mission in the "
        "Central African Republic",
        "Central African Republic",
    ),
    ("UNMISS", "United Nations Mission in South Sudan", "South Sudan"),
    ("UNIFIL", "United Nations Interim Force in Lebanon", "Lebanon"),
    ("MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali", "Mali"),
    ("UNAMA", "United Nations Assistance Mission in Afghanistan", "Afghanistan"),
    ("UNSOM", "United Nations Assistance Mission in Somalia", "Somalia"),
    ("UNOWAS", "United Nations Office for West Africa and the Sahel", "Senegal"),
    ("UNAMI", "United Nations Assistance Mission for Iraq", "Iraq"),
    ("BINUH", "United Nations Integrated Office in Haiti", "Haiti"),
    ("UNMIK", "United Nations Interim Administration Mission in Kosovo", "Kosovo"),
    ("UNFICYP", "United Nations Peacekeeping Force in Cyprus", "Cyprus"),
)

SEED_PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("UNOCT", "United Nations Office of Counter-Terrorism", "un"),
    ("UNODC", "United Nations Office on Drugs and Crime", "un"),
    ("UNDP", "United Nations Development Programme", "un"),
    ("CTED", "Counter-Terrorism Committee Executive Directorate", "un"),
    ("OROLSI", "Office of Rule of Law and Security Institutions", "un"),
    ("INTERPOL", "International Criminal Police Organization", "other"),
    ("OHCHR", "Office of the United Nations High Commissioner for Human Rights", "un"),
    ("UNWOMEN", "UN Women", "un"),
    ("IOM", "International Organization for Migration", "un"),
    ("UNICRI", "United Nations Interregional Crime and Justice Research Institute", "un"),
    ("UNICEF", "United Nations Children's Fund", "un"),
    ("DPPA", "Department of Political and Peacebuilding Affairs", "un"),
    ("EU", "European Union", "donor"),
)

# code, English, French
SEED_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("magistrate", "Magistrate / judge", "Magistrat / juge"),
    ("prosecutor", "Prosecutor", "Procureur"),
    ("police", "Police officer", "Officier de police"),
    ("corrections", "Corrections officer", "Agent pénitentiaire"),
    ("military", "Military", "Militaire"),
    ("border", "Border / customs officer", "Agent des frontières / douanes"),
    ("government", "Government official", "Agent de l'État"),
    ("civil_society", "Civil society", "Société civile"),
    ("community_leader", "Community / religious leader", "Leader communautaire / religieux"),
    ("other", "Other", "Autre"),
)


# --- plain records --------------------------------------------------------------------


@dataclass(frozen=True)
class MissionInfo:
    id: str
    code: str
    name: str
    country: str = ""
    retired: bool = False


@dataclass(frozen=True)
class LocationInfo:
    id: str
    name: str
    country: str = ""
    mission_id: str | None = None
    retired: bool = False


@dataclass(frozen=True)
class PartnerInfo:
    id: str
    acronym: str
    name: str
    kind: str = "other"
    retired: bool = False


@dataclass(frozen=True)
class CategoryInfo:
    id: str
    code: str
    name_en: str
    name_fr: str
    sort_order: int = 100
    retired: bool = False

    def label(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


def _mission(m: Mission) -> MissionInfo:
    return MissionInfo(m.id, m.code, m.name, m.country, m.retired)


def _location(loc: Location) -> LocationInfo:
    return LocationInfo(loc.id, loc.name, loc.country, loc.mission_id, loc.retired)


def _partner(p: Partner) -> PartnerInfo:
    return PartnerInfo(p.id, p.acronym, p.name, p.kind, p.retired)


def _category(c: Category) -> CategoryInfo:
    return CategoryInfo(c.id, c.code, c.name_en, c.name_fr, c.sort_order, c.retired)


# --- ids -------------------------------------------------------------------------------


def mission_id(code: str) -> str:
    return derived_id("mission", code.strip().upper())


def partner_id(acronym: str) -> str:
    return derived_id("partner", acronym.strip().upper())


def category_id(code: str) -> str:
    return derived_id("category", code.strip().lower())


def location_id(name: str) -> str:
    return derived_id("location", fold(name))


# --- seeding ---------------------------------------------------------------------------


def _seed_fields() -> dict[str, object]:
    return {
        "created_at": SEED_TIME,
        "updated_at": SEED_TIME,
        "updated_by": SEED_DEVICE,
        "version": 0,
        "deleted": False,
    }


def seed_reference_data(installation: Installation) -> bool:
    """Insert the default lists once per installation; returns True when it seeded."""
    if installation.get_setting("seeded") == "1":
        return False
    base = _seed_fields()
    with installation.db.transaction() as session:
        rows_missions = [
            {**base, "id": mission_id(code), "code": code, "name": name, "country": country}
            for code, name, country in SEED_MISSIONS
        ]
        rows_partners = [
            {**base, "id": partner_id(acr), "acronym": acr, "name": name, "kind": kind}
            for acr, name, kind in SEED_PARTNERS
        ]
        rows_categories = [
            {
                **base,
                "id": category_id(code),
                "code": code,
                "name_en": en,
                "name_fr": fr,
                "sort_order": (i + 1) * 10,
            }
            for i, (code, en, fr) in enumerate(SEED_CATEGORIES)
        ]
        for model, rows in (
            (Mission, rows_missions),
            (Partner, rows_partners),
            (Category, rows_categories),
        ):
            session.execute(insert(model).prefix_with("OR IGNORE"), rows)
        from app.db.models import Setting

        session.merge(Setting(key="seeded", value="1"))
    return True


# --- queries ---------------------------------------------------------------------------


def list_missions(inst: Installation, include_retired: bool = False) -> list[MissionInfo]:
    with inst.db.reading() as s:
        q = select(Mission).where(Mission.deleted.is_(False))
        if not include_retired:
            q = q.where(Mission.retired.is_(False))
        return [_mission(m) for m in s.scalars(q.order_by(Mission.code))]


def list_locations(inst: Installation, include_retired: bool = False) -> list[LocationInfo]:
    with inst.db.reading() as s:
        q = select(Location).where(Location.deleted.is_(False))
        if not include_retired:
            q = q.where(Location.retired.is_(False))
        return [_location(x) for x in s.scalars(q.order_by(Location.name))]


def list_partners(inst: Installation, include_retired: bool = False) -> list[PartnerInfo]:
    with inst.db.reading() as s:
        q = select(Partner).where(Partner.deleted.is_(False))
        if not include_retired:
            q = q.where(Partner.retired.is_(False))
        return [_partner(x) for x in s.scalars(q.order_by(Partner.acronym))]


def list_categories(inst: Installation, include_retired: bool = False) -> list[CategoryInfo]:
    with inst.db.reading() as s:
        q = select(Category).where(Category.deleted.is_(False))
        if not include_retired:
            q = q.where(Category.retired.is_(False))
        return [_category(x) for x in s.scalars(q.order_by(Category.sort_order, Category.code))]


def category_labels(inst: Installation, lang: str) -> dict[str, str]:
    """English category name (as reports key them) -> its name in ``lang``."""
    return {c.name_en: c.label(lang) for c in list_categories(inst, include_retired=True)}


def find_mission(inst: Installation, code: str) -> MissionInfo | None:
    with inst.db.reading() as s:
        m = _find_mission(s, code)
        return _mission(m) if m else None


def _find_mission(session: Session, code: str) -> Mission | None:
    return session.scalars(
        select(Mission)
        .where(func.upper(Mission.code) == code.strip().upper(), Mission.deleted.is_(False))
        .limit(1)
    ).first()


def find_partner(session: Session, acronym: str) -> Partner | None:
    return session.scalars(
        select(Partner)
        .where(func.upper(Partner.acronym) == acronym.strip().upper(), Partner.deleted.is_(False))
        .limit(1)
    ).first()


def find_category(session: Session, code_or_name: str) -> Category | None:
    """A category by code or by its English or French name, ignoring case and accents."""
    wanted = fold(code_or_name)
    for cat in session.scalars(select(Category).where(Category.deleted.is_(False))):
        if wanted in (fold(cat.code), fold(cat.name_en), fold(cat.name_fr)):
            return cat
    return None


def ensure_location(session: Session, name: str, mission_id_: str | None = None) -> Location:
    """The live location called ``name`` (any case/accents), made when missing."""
    cleaned = clean_text(name)
    if not cleaned:
        raise ValidationError({"location": "Please give the session's place."})
    key = fold(cleaned)
    for loc in session.scalars(select(Location).where(Location.deleted.is_(False))):
        if fold(loc.name) == key:
            return loc
    existing = session.get(Location, location_id(cleaned))
    if existing is not None:  # a deleted one: bring it back
        existing.deleted = False
        existing.retired = False
        return existing
    country = ""
    if mission_id_:
        mission = session.get(Mission, mission_id_)
        country = mission.country if mission else ""
    loc = Location(id=location_id(cleaned), name=cleaned, country=country, mission_id=mission_id_)
    session.add(loc)
    return loc


# --- editing ---------------------------------------------------------------------------

REFERENCE_KINDS = ("mission", "location", "partner", "category")
_MODELS = {"mission": Mission, "location": Location, "partner": Partner, "category": Category}


def save_mission(inst: Installation, info: MissionInfo) -> MissionInfo:
    code = clean_text(info.code).upper()
    name = clean_text(info.name)
    errors = {}
    if not code:
        errors["code"] = "Please give the mission's code, for example MONUSCO."
    if not name:
        errors["name"] = "Please give the mission's name."
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as s:
        other = _find_mission(s, code)
        if other is not None and other.id != info.id:
            raise ValidationError({"code": f"There is already a mission with the code {code}."})
        m = s.get(Mission, info.id) if info.id else None
        if m is None:
            m = Mission(id=info.id or mission_id(code))
            s.add(m)
        m.code, m.name, m.country, m.retired = code, name, clean_text(info.country), info.retired
        m.deleted = False
        s.flush()
        return _mission(m)


def save_location(inst: Installation, info: LocationInfo) -> LocationInfo:
    name = clean_text(info.name)
    if not name:
        raise ValidationError({"name": "Please give the place's name."})
    with inst.db.transaction() as s:
        for other in s.scalars(select(Location).where(Location.deleted.is_(False))):
            if fold(other.name) == fold(name) and other.id != info.id:
                raise ValidationError({"name": f"There is already a place called {other.name}."})
        loc = s.get(Location, info.id) if info.id else None
        if loc is None:
            loc = Location(id=info.id or location_id(name))
            s.add(loc)
        loc.name, loc.country, loc.mission_id = name, clean_text(info.country), info.mission_id
        loc.retired, loc.deleted = info.retired, False
        s.flush()
        return _location(loc)


def save_partner(inst: Installation, info: PartnerInfo) -> PartnerInfo:
    acronym = clean_text(info.acronym)
    name = clean_text(info.name) or acronym
    if not acronym:
        raise ValidationError({"acronym": "Please give the organisation's acronym."})
    if info.kind not in PARTNER_KINDS:
        raise ValidationError({"kind": "Please choose what kind of organisation this is."})
    with inst.db.transaction() as s:
        other = find_partner(s, acronym)
        if other is not None and other.id != info.id:
            raise ValidationError({"acronym": f"There is already a partner called {acronym}."})
        p = s.get(Partner, info.id) if info.id else None
        if p is None:
            p = Partner(id=info.id or partner_id(acronym))
            s.add(p)
        p.acronym, p.name, p.kind, p.retired, p.deleted = (
            acronym,
            name,
            info.kind,
            info.retired,
            False,
        )
        s.flush()
        return _partner(p)


def save_category(inst: Installation, info: CategoryInfo) -> CategoryInfo:
    code = clean_text(info.code).lower().replace(" ", "_")
    name_en, name_fr = clean_text(info.name_en), clean_text(info.name_fr)
    errors = {}
    if not code:
        errors["code"] = "Please give the category a short code."
    if not name_en and not name_fr:
        errors["name_en"] = "Please give the category's name."
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as s:
        c = s.get(Category, info.id) if info.id else None
        if c is None:
            c = Category(id=info.id or category_id(code))
            s.add(c)
        c.code, c.name_en, c.name_fr = code, name_en or name_fr, name_fr or name_en
        c.sort_order, c.retired, c.deleted = info.sort_order, info.retired, False
        s.flush()
        return _category(c)


def usage_count(session: Session, kind: str, item_id: str) -> int:
    """How many live records point at a reference item."""
    if kind == "mission":
        q = select(func.count()).where(Training.mission_id == item_id, Training.deleted.is_(False))
    elif kind == "location":
        q = select(func.count()).where(
            TrainingSession.location_id == item_id, TrainingSession.deleted.is_(False)
        )
    elif kind == "partner":
        n = session.scalar(
            select(func.count()).where(Person.partner_id == item_id, Person.deleted.is_(False))
        )
        q = select(func.count() + (n or 0)).where(
            TrainingPartner.partner_id == item_id, TrainingPartner.deleted.is_(False)
        )
    elif kind == "category":
        q = select(func.count()).where(Person.category_id == item_id, Person.deleted.is_(False))
    else:
        raise ValueError(kind)
    return int(session.scalar(q) or 0)


def set_retired(inst: Installation, kind: str, item_id: str, retired: bool = True) -> None:
    """Hide an item from pick lists without touching the records that use it."""
    with inst.db.transaction() as s:
        item = s.get(_MODELS[kind], item_id)
        if item is None or item.deleted:
            raise NotFoundError("That item no longer exists.")
        item.retired = retired


def delete_reference(inst: Installation, kind: str, item_id: str) -> None:
    """Delete an unused item; one in use can only be retired."""
    with inst.db.transaction() as s:
        item = s.get(_MODELS[kind], item_id)
        if item is None or item.deleted:
            raise NotFoundError("That item no longer exists.")
        used = usage_count(s, kind, item_id)
        if used:
            raise UserError(
                f"This {kind} is used by {used} record(s), so it cannot be deleted. "
                "Retire it instead: it stays on old records but leaves the pick lists."
            )
        item.deleted = True
