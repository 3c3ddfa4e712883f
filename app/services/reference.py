"""Reference lists: missions, locations, partner organisations, participant categories.

Seeded on first run with deterministic ids (derived from their codes), so every
installation's "MONUSCO" is the same record and bundles merge cleanly. Users may
edit them; an item in use can only be retired, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import SEED_DEVICE, SyncStamp, derived_id
from app.db.engine import insert_for
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
from app.l10n import Phrase
from app.services.limits import check_lengths
from app.textnorm import clean_text, fold

if TYPE_CHECKING:
    from app.services.store import Store

SEED_TIME = datetime(2024, 1, 1)

# code, English name, country, French name (the UN's official French names)
SEED_MISSIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the DR Congo",
        "Democratic Republic of the Congo",
        "Mission de l'Organisation des Nations Unies pour la stabilisation en République "
        "démocratique du Congo",
    ),
    (
        "UNRCCA",
        "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
        "Turkmenistan",
        "Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale",
    ),
    (
        "UNSMIL",
        "United Nations Support Mission in Libya",
        "Libya",
        "Mission d'appui des Nations Unies en Libye",
    ),
    (
        "MINUSCA",
        "United Nations Multidimensional Integrated Stabilization Mission in the "
        "Central African Republic",
        "Central African Republic",
        "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation en "
        "République centrafricaine",
    ),
    (
        "UNMISS",
        "United Nations Mission in South Sudan",
        "South Sudan",
        "Mission des Nations Unies au Soudan du Sud",
    ),
    (
        "UNIFIL",
        "United Nations Interim Force in Lebanon",
        "Lebanon",
        "Force intérimaire des Nations Unies au Liban",
    ),
    (
        "MINUSMA",
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        "Mali",
        "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali",
    ),
    (
        "UNAMA",
        "United Nations Assistance Mission in Afghanistan",
        "Afghanistan",
        "Mission d'assistance des Nations Unies en Afghanistan",
    ),
    (
        "UNSOM",
        "United Nations Assistance Mission in Somalia",
        "Somalia",
        "Mission d'assistance des Nations Unies en Somalie",
    ),
    (
        "UNOWAS",
        "United Nations Office for West Africa and the Sahel",
        "Senegal",
        "Bureau des Nations Unies pour l'Afrique de l'Ouest et le Sahel",
    ),
    (
        "UNAMI",
        "United Nations Assistance Mission for Iraq",
        "Iraq",
        "Mission d'assistance des Nations Unies pour l'Iraq",
    ),
    (
        "BINUH",
        "United Nations Integrated Office in Haiti",
        "Haiti",
        "Bureau intégré des Nations Unies en Haïti",
    ),
    (
        "UNMIK",
        "United Nations Interim Administration Mission in Kosovo",
        "Kosovo",
        "Mission d'administration intérimaire des Nations Unies au Kosovo",
    ),
    (
        "UNFICYP",
        "United Nations Peacekeeping Force in Cyprus",
        "Cyprus",
        "Force des Nations Unies chargée du maintien de la paix à Chypre",
    ),
)

# acronym, English name, kind, French acronym, French name
SEED_PARTNERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("UNOCT", "United Nations Office of Counter-Terrorism", "un",
     "BLT", "Bureau de lutte contre le terrorisme de l'Organisation des Nations Unies"),
    ("UNODC", "United Nations Office on Drugs and Crime", "un",
     "ONUDC", "Office des Nations Unies contre la drogue et le crime"),
    ("UNDP", "United Nations Development Programme", "un",
     "PNUD", "Programme des Nations Unies pour le développement"),
    ("CTED", "Counter-Terrorism Committee Executive Directorate", "un",
     "DECT", "Direction exécutive du Comité contre le terrorisme"),
    ("OROLSI", "Office of Rule of Law and Security Institutions", "un",
     "", "Bureau de l'état de droit et des institutions chargées de la sécurité"),
    ("INTERPOL", "International Criminal Police Organization", "other",
     "INTERPOL", "Organisation internationale de police criminelle"),
    ("OHCHR", "Office of the United Nations High Commissioner for Human Rights", "un",
     "HCDH", "Haut-Commissariat des Nations Unies aux droits de l'homme"),
    ("UNWOMEN", "UN Women", "un", "ONU-Femmes", "ONU-Femmes"),
    ("IOM", "International Organization for Migration", "un",
     "OIM", "Organisation internationale pour les migrations"),
    ("UNICRI", "United Nations Interregional Crime and Justice Research Institute", "un",
     "UNICRI", "Institut interrégional de recherche des Nations Unies sur la criminalité et "
     "la justice"),
    ("UNICEF", "United Nations Children's Fund", "un",
     "UNICEF", "Fonds des Nations Unies pour l'enfance"),
    ("DPPA", "Department of Political and Peacebuilding Affairs", "un",
     "DPPA", "Département des affaires politiques et de la consolidation de la paix"),
    ("EU", "European Union", "donor", "UE", "Union européenne"),
)  # fmt: skip

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
    # Revision 0007: never paid per-diem (app/services/audit/perdiem.py); last, so the
    # sort order of the categories above stays what every installation already holds.
    ("un_staff", "UN staff", "Personnel des Nations Unies"),
)


# --- plain records --------------------------------------------------------------------


@dataclass(frozen=True)
class MissionInfo:
    id: str
    code: str
    name: str
    country: str = ""
    retired: bool = False
    name_fr: str = ""

    def label(self, lang: str = "en") -> str:
        """The mission's full name in ``lang`` (English when no French name is known)."""
        return (self.name_fr if lang == "fr" else "") or self.name


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
    acronym_fr: str = ""
    name_fr: str = ""

    def short(self, lang: str = "en") -> str:
        """The acronym readers of ``lang`` know: PNUD for UNDP in French."""
        return (self.acronym_fr if lang == "fr" else "") or self.acronym

    def label(self, lang: str = "en") -> str:
        """The full name in ``lang`` (English when no French name is known)."""
        return (self.name_fr if lang == "fr" else "") or self.name


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
    return MissionInfo(m.id, m.code, m.name, m.country, m.retired, m.name_fr)


def _location(loc: Location) -> LocationInfo:
    return LocationInfo(loc.id, loc.name, loc.country, loc.mission_id, loc.retired)


def _partner(p: Partner) -> PartnerInfo:
    return PartnerInfo(p.id, p.acronym, p.name, p.kind, p.retired, p.acronym_fr, p.name_fr)


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
    return SyncStamp(SEED_TIME, SEED_DEVICE, 0).created()


def seed_reference_data(installation: Store) -> bool:
    """Insert the default lists once per installation; returns True when it seeded."""
    if installation.get_setting("seeded") == "1":
        return False
    base = _seed_fields()
    with installation.db.transaction() as session:
        rows_missions = [
            {**base, "id": mission_id(code), "code": code, "name": name, "country": country,
             "name_fr": name_fr}
            for code, name, country, name_fr in SEED_MISSIONS
        ]  # fmt: skip
        rows_partners = [
            {**base, "id": partner_id(acr), "acronym": acr, "name": name, "kind": kind,
             "acronym_fr": acr_fr, "name_fr": name_fr}
            for acr, name, kind, acr_fr, name_fr in SEED_PARTNERS
        ]  # fmt: skip
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
            session.execute(insert_for(session, model).on_conflict_do_nothing(), rows)
        from app.db.models import Setting

        session.merge(Setting(key="seeded", value="1"))
    return True


# --- queries ---------------------------------------------------------------------------


def list_missions(inst: Store, include_retired: bool = False) -> list[MissionInfo]:
    with inst.db.reading() as s:
        q = select(Mission).where(Mission.deleted.is_(False))
        if not include_retired:
            q = q.where(Mission.retired.is_(False))
        return [_mission(m) for m in s.scalars(q.order_by(Mission.code))]


def list_locations(inst: Store, include_retired: bool = False) -> list[LocationInfo]:
    with inst.db.reading() as s:
        q = select(Location).where(Location.deleted.is_(False))
        if not include_retired:
            q = q.where(Location.retired.is_(False))
        return [_location(x) for x in s.scalars(q.order_by(Location.name))]


def list_partners(inst: Store, include_retired: bool = False) -> list[PartnerInfo]:
    with inst.db.reading() as s:
        q = select(Partner).where(Partner.deleted.is_(False))
        if not include_retired:
            q = q.where(Partner.retired.is_(False))
        return [_partner(x) for x in s.scalars(q.order_by(Partner.acronym))]


def list_categories(inst: Store, include_retired: bool = False) -> list[CategoryInfo]:
    with inst.db.reading() as s:
        q = select(Category).where(Category.deleted.is_(False))
        if not include_retired:
            q = q.where(Category.retired.is_(False))
        return [_category(x) for x in s.scalars(q.order_by(Category.sort_order, Category.code))]


def category_labels(inst: Store, lang: str) -> dict[str, str]:
    """English category name (as reports key them) -> its name in ``lang``."""
    return {c.name_en: c.label(lang) for c in list_categories(inst, include_retired=True)}


def category_code_labels(inst: Store, lang: str) -> dict[str, str]:
    """Category code (as people carry it) -> its name in ``lang``."""
    return {c.code: c.label(lang) for c in list_categories(inst, include_retired=True)}


def partner_labels(inst: Store, lang: str) -> dict[str, str]:
    """Partner acronym (as records and reports key them) -> the acronym readers of ``lang``
    know (UNDP -> PNUD in French); unchanged when there is none."""
    return {p.acronym: p.short(lang) for p in list_partners(inst, include_retired=True)}


def mission_label(inst: Store, mission_id_: str, lang: str) -> str:
    """A mission's full name in ``lang`` (its English name when no French one is known)."""
    with inst.db.reading() as s:
        m = s.get(Mission, mission_id_)
        return _mission(m).label(lang) if m is not None else ""


def find_mission(inst: Store, code: str) -> MissionInfo | None:
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
    """A live partner by its acronym, or by its French acronym (PNUD finds UNDP)."""
    wanted = acronym.strip().upper()
    live = Partner.deleted.is_(False)
    found = session.scalars(
        select(Partner).where(func.upper(Partner.acronym) == wanted, live).limit(1)
    ).first()
    if found is None and wanted:
        found = session.scalars(
            select(Partner).where(func.upper(Partner.acronym_fr) == wanted, live).limit(1)
        ).first()
    return found


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
        raise ValidationError({"location": Phrase("Please give the session's place.")})
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

_Item = TypeVar("_Item", bound=Mission | Location | Partner | Category)

_MODELS: dict[str, type[Mission | Location | Partner | Category]] = {
    "mission": Mission,
    "location": Location,
    "partner": Partner,
    "category": Category,
}
_KIND_WORDS = {"mission": Phrase("mission"), "location": Phrase("location"),
               "partner": Phrase("partner"), "category": Phrase("category")}  # fmt: skip


def save_mission(inst: Store, info: MissionInfo) -> MissionInfo:
    code = clean_text(info.code).upper()
    name = clean_text(info.name)
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = Phrase("Please give the mission's code, for example MONUSCO.")
    if not name:
        errors["name"] = Phrase("Please give the mission's name.")
    check_lengths(errors, (("code", code, Mission.code), ("name", name, Mission.name),
                           ("country", clean_text(info.country), Mission.country),
                           ("name_fr", clean_text(info.name_fr), Mission.name_fr)))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as s:
        other = _find_mission(s, code)
        if other is not None and other.id != info.id:
            raise ValidationError(
                {"code": Phrase("There is already a mission with the code {code}.", code=code)}
            )
        m = s.get(Mission, info.id) if info.id else None
        if m is None:
            m = Mission(id=info.id or mission_id(code))
            s.add(m)
        m.code, m.name, m.country, m.retired = code, name, clean_text(info.country), info.retired
        m.name_fr = clean_text(info.name_fr)
        m.deleted = False
        s.flush()
        return _mission(m)


def save_location(inst: Store, info: LocationInfo) -> LocationInfo:
    name = clean_text(info.name)
    if not name:
        raise ValidationError({"name": Phrase("Please give the place's name.")})
    errors: dict[str, str] = {}
    check_lengths(errors, (("name", name, Location.name),
                           ("country", clean_text(info.country), Location.country)))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as s:
        for other in s.scalars(select(Location).where(Location.deleted.is_(False))):
            if fold(other.name) == fold(name) and other.id != info.id:
                raise ValidationError(
                    {"name": Phrase("There is already a place called {name}.", name=other.name)}
                )
        loc = s.get(Location, info.id) if info.id else None
        if loc is None:
            loc = Location(id=info.id or location_id(name))
            s.add(loc)
        loc.name, loc.country, loc.mission_id = name, clean_text(info.country), info.mission_id
        loc.retired, loc.deleted = info.retired, False
        s.flush()
        return _location(loc)


def save_partner(inst: Store, info: PartnerInfo) -> PartnerInfo:
    acronym = clean_text(info.acronym)
    name = clean_text(info.name) or acronym
    if not acronym:
        raise ValidationError({"acronym": Phrase("Please give the organisation's acronym.")})
    if info.kind not in PARTNER_KINDS:
        raise ValidationError({"kind": Phrase("Please choose what kind of organisation this is.")})
    errors: dict[str, str] = {}
    check_lengths(errors, (
        ("acronym", acronym, Partner.acronym), ("name", name, Partner.name),
        ("acronym_fr", clean_text(info.acronym_fr), Partner.acronym_fr),
        ("name_fr", clean_text(info.name_fr), Partner.name_fr),
    ))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    with inst.db.transaction() as s:
        other = find_partner(s, acronym)
        if other is not None and other.id != info.id:
            raise ValidationError(
                {"acronym": Phrase("There is already a partner called {partner}.", partner=acronym)}
            )
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
        p.acronym_fr, p.name_fr = clean_text(info.acronym_fr), clean_text(info.name_fr)
        s.flush()
        return _partner(p)


def save_category(inst: Store, info: CategoryInfo) -> CategoryInfo:
    code = clean_text(info.code).lower().replace(" ", "_")
    name_en, name_fr = clean_text(info.name_en), clean_text(info.name_fr)
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = Phrase("Please give the category a short code.")
    if not name_en and not name_fr:
        errors["name_en"] = Phrase("Please give the category's name.")
    check_lengths(errors, (("code", code, Category.code), ("name_en", name_en, Category.name_en),
                           ("name_fr", name_fr, Category.name_fr)))  # fmt: skip
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


def usage_counts(inst: Store, kind: str) -> dict[str, int]:
    """How many live records use each item of one list (items nothing uses are absent)."""
    pairs: list[tuple[type, object]]
    if kind == "mission":
        pairs = [(Training, Training.mission_id)]
    elif kind == "location":
        pairs = [(TrainingSession, TrainingSession.location_id)]
    elif kind == "partner":
        pairs = [(TrainingPartner, TrainingPartner.partner_id), (Person, Person.partner_id)]
    elif kind == "category":
        pairs = [(Person, Person.category_id)]
    else:
        raise ValueError(kind)
    counts: dict[str, int] = {}
    with inst.db.reading() as s:
        for model, column in pairs:
            rows = s.execute(
                select(column, func.count())  # type: ignore[call-overload]
                .where(model.deleted.is_(False), column.is_not(None))  # type: ignore[attr-defined]
                .group_by(column)
            ).all()
            for item_id, n in rows:
                counts[item_id] = counts.get(item_id, 0) + int(n)
    return counts


def _get_item(s: Session, model: type[_Item], item_id: str) -> _Item | None:
    """``Session.get`` keeping the model's type (a union of models would widen it to Base)."""
    return s.get(model, item_id)


def set_retired(inst: Store, kind: str, item_id: str, retired: bool = True) -> None:
    """Hide an item from pick lists without touching the records that use it."""
    with inst.db.transaction() as s:
        item = _get_item(s, _MODELS[kind], item_id)
        if item is None or item.deleted:
            raise NotFoundError(Phrase("That item no longer exists."))
        item.retired = retired


def delete_reference(inst: Store, kind: str, item_id: str) -> None:
    """Delete an unused item; one in use can only be retired."""
    with inst.db.transaction() as s:
        item = _get_item(s, _MODELS[kind], item_id)
        if item is None or item.deleted:
            raise NotFoundError(Phrase("That item no longer exists."))
        used = usage_count(s, kind, item_id)
        if used:
            raise UserError(
                Phrase(
                    "This {kind} is used by {used} record(s), so it cannot be deleted. Retire it "
                    "instead: it stays on old records but leaves the pick lists.",
                    kind=_KIND_WORDS.get(kind, kind),
                    used=used,
                )
            )
        item.deleted = True
