"""Demo data: the three pilot activities of the CT/PVE focal-point network, as plain records.

The project sheet (MONUSCO trainings in Beni, Bunia and Kinshasa; the UNRCCA/UNOCT early-warning
conference in Tashkent; the UNSMIL code-of-conduct workshop in Tunis) is the closest picture of
what users record, so the demo reproduces it: realistic names in Latin, Cyrillic and Arabic
script, French and English institutions, and attendance with the usual gaps.

Standard library only, so it loads without the database or Qt. People are combined from
per-region name pools with fixed-seed ``random.Random`` instances: every run gives identical data,
which keeps demo databases, screenshots and tests reproducible.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

__all__ = [
    "DEMO_LOCATIONS",
    "DEMO_PARTNERS",
    "DEMO_PEOPLE",
    "DEMO_TRAININGS",
    "DemoLocation",
    "DemoPartner",
    "DemoPerson",
    "DemoSession",
    "DemoTraining",
]


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPartner:
    """A partner organisation the demo needs beyond the seeded UN ones."""

    acronym: str
    name: str
    kind: str  # "un", "national", "regional", "civil_society", "donor" or "other"


@dataclass(frozen=True)
class DemoLocation:
    """A place where sessions happen, tied to the mission that works there."""

    name: str
    mission: str  # mission code
    country: str  # English country name


@dataclass(frozen=True)
class DemoPerson:
    """A participant; ``key`` is a stable slug so trainings can refer to people."""

    key: str
    full_name: str
    sex: str  # "F" or "M"
    category: str  # seeded category code
    organisation: str
    partner: str | None  # partner acronym (seeded or DemoPartner)
    function: str
    nationality: str  # English country name
    phone: str
    email: str
    consent: bool  # consent to be contacted


@dataclass(frozen=True)
class DemoSession:
    """One sitting of a training: a day in one place."""

    key: str
    date: date
    location: str  # DemoLocation name
    topic: str


@dataclass(frozen=True)
class DemoTraining:
    """A training with its partners, sessions, enrolled people and attendance."""

    key: str
    mission: str
    title: str
    theme: str
    kind: str  # "training" | "workshop" | "conference" | "side_event"
    start: date
    end: date
    status: str  # "held"
    description: str
    partners: tuple[tuple[str, str], ...]  # (acronym, "lead" | "co_organiser" | "funder")
    trainers: tuple[str, ...]
    sessions: tuple[DemoSession, ...]
    participants: tuple[str, ...]  # DemoPerson keys enrolled
    attendance: tuple[tuple[str, str, str], ...]  # (person key, session key, status)


# --- reference lists -------------------------------------------------------------------

DEMO_PARTNERS: tuple[DemoPartner, ...] = (
    DemoPartner("PNC", "Police nationale congolaise", "national"),
    DemoPartner("CSM", "Conseil supérieur de la magistrature (RDC)", "national"),
    DemoPartner("MJGS", "Ministère de la Justice et Garde des Sceaux (RDC)", "national"),
    DemoPartner("JMC", "5+5 Joint Military Commission (Libya)", "national"),
)

_DRC = "Democratic Republic of the Congo"

DEMO_LOCATIONS: tuple[DemoLocation, ...] = (
    DemoLocation("Beni", "MONUSCO", _DRC),
    DemoLocation("Bunia", "MONUSCO", _DRC),
    DemoLocation("Kinshasa", "MONUSCO", _DRC),
    DemoLocation("Goma", "MONUSCO", _DRC),
    DemoLocation("Bukavu", "MONUSCO", _DRC),
    DemoLocation("Tashkent", "UNRCCA", "Uzbekistan"),
    DemoLocation("Almaty", "UNRCCA", "Kazakhstan"),
    DemoLocation("Bishkek", "UNRCCA", "Kyrgyzstan"),
    DemoLocation("Dushanbe", "UNRCCA", "Tajikistan"),
    DemoLocation("Ashgabat", "UNRCCA", "Turkmenistan"),
    DemoLocation("Tunis", "UNSMIL", "Tunisia"),
    DemoLocation("Tripoli", "UNSMIL", "Libya"),
    DemoLocation("Benghazi", "UNSMIL", "Libya"),
)

_SEED = 20240910  # first day of the Tashkent conference; any fixed value would do

# A name as shown, and its Latin spelling (used to derive an e-mail address).
_Name = tuple[str, str]


# --- shared helpers ----------------------------------------------------------------------


def _ascii(text: str) -> str:
    """Lower-case ASCII letters only, for e-mail local parts ("Déogratias" -> "deogratias")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha())


def _name_key(full_name: str) -> str:
    """Case- and accent-insensitive form, so the demo never holds two near-identical names."""
    decomposed = unicodedata.normalize("NFKD", full_name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _unique_name(make: Callable[[], _Name], used: set[str]) -> _Name:
    """Draw names until one is new; the pools are large enough that this ends quickly."""
    for _ in range(500):
        shown, latin = make()
        key = _name_key(shown)
        if key not in used:
            used.add(key)
            return shown, latin
    raise RuntimeError("demo name pools exhausted")


def _phone(rng: random.Random, pattern: str, prefixes: Sequence[str], used: set[str]) -> str:
    """A number in the country's usual layout: ``{p}`` is a mobile prefix, ``#`` a digit."""
    while True:
        number = pattern.replace("{p}", rng.choice(prefixes))
        number = "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in number)
        if number not in used:
            used.add(number)
            return number


def _email(rng: random.Random, latin: str, domains: Sequence[str]) -> str:
    """A plausible personal address built from the Latin spelling of the name."""
    words = [_ascii(w) for w in latin.replace("-", " ").split()]
    words = [w for w in words if w and w not in ("al", "el", "ben", "kyzy", "uulu")] or ["contact"]
    first, last = words[0], words[-1]
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}", f"{last}.{first}")
    )
    if rng.random() < 0.4:
        local += str(rng.randrange(1, 99))
    return f"{local}@{rng.choice(domains)}"


def _consent_and_email(rng: random.Random, latin: str, domains: Sequence[str]) -> tuple[bool, str]:
    """About 70% agree to be contacted; only they leave an address, and not all of them."""
    consent = rng.random() < 0.7
    email = _email(rng, latin, domains) if consent and rng.random() < 0.85 else ""
    return consent, email


def _organisation(rng: random.Random, pool: Sequence[str], sex: str) -> str:
    """An organisation from ``pool``; men are not placed in women's organisations."""
    return rng.choice([o for o in pool if sex == "F" or "Women" not in o])


def _sexes(rng: random.Random, count: int, women: int) -> list[str]:
    """Exactly ``women`` women among ``count`` people, at shuffled positions."""
    sexes = ["F"] * women + ["M"] * (count - women)
    rng.shuffle(sexes)
    return sexes


def _gaps(rng: random.Random, keys: Sequence[str], count: int) -> dict[str, str]:
    """``count`` people (by key) who missed a session, each marked absent or excused."""
    return {key: rng.choice(("absent", "excused")) for key in rng.sample(list(keys), count)}


# --- MONUSCO: criminal justice actors in Beni, Bunia, Kinshasa ----------------------------

_DRC_MEN = (
    "Jean-Pierre", "Jean-Claude", "Jean-Paul", "Patrick", "Papy", "Trésor", "Fiston", "Héritier",
    "Christian", "Serge", "Blaise", "Aimé", "Thierry", "Didier", "Dieudonné", "Déogratias",
    "Célestin", "Faustin", "Josué", "Augustin", "Emmanuel", "Théophile", "Innocent", "Gilbert",
    "Désiré", "Bienvenu", "Patient", "Jérémie", "Sylvestre", "Moïse", "Kizito", "Alphonse",
    "Norbert", "Honoré", "Godefroid", "Prosper", "Crispin", "Fidèle", "Justin", "Cédric",
    "Olivier", "Richard",
)  # fmt: skip
_DRC_WOMEN = (
    "Esther", "Honorée", "Bénédicte", "Espérance", "Francine", "Générose", "Joséphine",
    "Claudine", "Solange", "Anuarite", "Marie-Claire", "Nathalie", "Chantal", "Rachel", "Grâce",
    "Gisèle", "Mireille", "Clarisse", "Rébecca", "Carine", "Pétronie", "Véronique", "Béatrice",
    "Jeanine", "Micheline", "Sandrine", "Odette", "Thérèse", "Consolée", "Dorcas", "Séraphine",
    "Marthe",
)  # fmt: skip

# Nande (Beni, Butembo): birth-order names differ for men and women; a family name follows.
_NANDE_ORDER_MEN = (
    "Kambale", "Paluku", "Kasereka", "Kakule", "Muhindo", "Mumbere", "Katembo", "Mbusa", "Kitsa",
)  # fmt: skip
_NANDE_ORDER_WOMEN = (
    "Kavira", "Masika", "Kahindo", "Kavugho", "Kasoki", "Mbambu", "Kyakimwa", "Kaswera", "Kanyere",
)  # fmt: skip
_NANDE_FAMILY = (
    "Muhindo", "Vahwere", "Syauswa", "Mathe", "Vindu", "Malembe", "Kighoma", "Kamate", "Muhasa",
    "Kataliko", "Bwambale", "Sikuli", "Musubao", "Ngeleza", "Kasereka", "Paluku",
)  # fmt: skip

# Ituri (Bunia): Hema, Lendu and Alur names; both names come from the same community.
_ITURI_POOLS = (
    ("Kisembo", "Byaruhanga", "Bagonza", "Mugisa", "Kabagambe", "Baguma", "Tibasima", "Kahwa"),
    ("Ngudjolo", "Ndjabu", "Lonu", "Dhedonga", "Lotsove", "Ngabu", "Dhekana", "Ndjango", "Bura"),
    ("Upio", "Ukumu", "Unencan", "Ucircan", "Ucama", "Ungiwu", "Ucoun", "Upoki", "Ukelo"),
)

# Kinshasa: Luba, Kongo and Mongo names; magistrates and police are posted nationwide.
_KIN_POOLS = (
    (
        "Mukendi", "Kabongo", "Mbuyi", "Kalala", "Tshibangu", "Ilunga", "Kasongo", "Kabeya",
        "Tshimanga", "Mulumba", "Nkongolo", "Lukusa", "Ngoy", "Kazadi", "Mutombo", "Mpoyi",
    ),
    (
        "Nsimba", "Makiese", "Nzuzi", "Mavungu", "Matondo", "Kiese", "Mbemba", "Ndombasi",
        "Luzolo", "Kiala", "Nlandu", "Mpanzu", "Lutete",
    ),
    ("Bolamba", "Ekofo", "Boketshu", "Bosenge", "Lokuli", "Bokele", "Ilonga", "Efoloko", "Wetshi"),
)  # fmt: skip
_LUBA_WOMEN = ("Ngalula", "Kapinga", "Mujinga", "Mbombo", "Kabedi", "Ngandu")


def _drc_name(rng: random.Random, city: str, sex: str) -> _Name:
    """Christian first name, then two Congolese names typical of the city's communities."""
    given = rng.choice(_DRC_WOMEN if sex == "F" else _DRC_MEN)
    posted = city != "Kinshasa" and rng.random() < 0.2  # colleagues posted from elsewhere
    if city == "Beni" and not posted:
        order = rng.choice(_NANDE_ORDER_WOMEN if sex == "F" else _NANDE_ORDER_MEN)
        family = rng.choice([n for n in _NANDE_FAMILY if n != order])
        names = [order, family]
    elif city == "Bunia" and not posted:
        names = rng.sample(rng.choice(_ITURI_POOLS), 2)
    else:
        pool_index = rng.randrange(len(_KIN_POOLS))
        names = rng.sample(_KIN_POOLS[pool_index], 2)
        if sex == "F" and pool_index == 0 and rng.random() < 0.5:
            names[0] = rng.choice(_LUBA_WOMEN)
    full = " ".join([given, *names])
    return full, full


_DRC_ORGS: dict[str, dict[str, tuple[str, ...]]] = {
    "Beni": {
        "magistrate": (
            "Tribunal de grande instance de Beni",
            "Tribunal de paix de Beni",
            "Tribunal militaire de garnison de Beni-Butembo",
            "Cour militaire opérationnelle du Nord-Kivu",
            "Tribunal de grande instance de Butembo",
        ),
        "prosecutor": (
            "Parquet de grande instance de Beni",
            "Auditorat militaire de garnison de Beni-Butembo",
            "Parquet de grande instance de Butembo",
        ),
        "police": (
            "Commissariat urbain de la PNC de Beni",
            "Police judiciaire des parquets, Beni",
            "Commissariat urbain de la PNC de Butembo",
        ),
        "corrections": (
            "Prison centrale de Kangbayi (Beni)",
            "Prison centrale de Kakwangura (Butembo)",
        ),
        "government": ("Antenne du P-DDRCS de Beni",),
    },
    "Bunia": {
        "magistrate": (
            "Tribunal de grande instance de Bunia",
            "Tribunal de paix de Bunia",
            "Tribunal militaire de garnison de Bunia",
            "Cour militaire de l'Ituri",
        ),
        "prosecutor": (
            "Parquet de grande instance de Bunia",
            "Auditorat militaire de garnison de Bunia",
            "Auditorat militaire supérieur de l'Ituri",
        ),
        "police": (
            "Commissariat provincial de la PNC Ituri",
            "Commissariat urbain de la PNC de Bunia",
            "Police judiciaire des parquets, Bunia",
        ),
        "corrections": ("Prison centrale de Bunia",),
        "civil_society": ("Justice Plus (ONG de défense des droits humains, Bunia)",),
    },
    "Kinshasa": {
        "magistrate": (
            "Tribunal de grande instance de Kinshasa/Gombe",
            "Tribunal de grande instance de Kinshasa/Kalamu",
            "Cour d'appel de Kinshasa/Gombe",
            "Haute Cour militaire",
        ),
        "prosecutor": (
            "Parquet de grande instance de Kinshasa/Gombe",
            "Parquet général près la Cour d'appel de Kinshasa/Gombe",
            "Auditorat militaire supérieur de Kinshasa/Gombe",
        ),
        "police": (
            "Commissariat provincial de la PNC Ville de Kinshasa",
            "Direction centrale de la Police judiciaire, PNC",
        ),
        "corrections": (
            "Centre pénitentiaire et de rééducation de Kinshasa (Prison centrale de Makala)",
            "Prison militaire de Ndolo",
        ),
        "other": ("Aumônerie catholique des prisons de Kinshasa",),
    },
}

# (masculine, feminine) forms, as they appear on Congolese attendance sheets.
_DRC_FUNCTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "magistrate": (
        ("Juge", "Juge"),
        ("Juge", "Juge"),
        ("Juge président", "Juge présidente"),
        ("Président de chambre", "Présidente de chambre"),
    ),
    "magistrate_military": (("Juge militaire", "Juge militaire"),),
    "magistrate_appeal": (("Conseiller à la Cour d'appel", "Conseillère à la Cour d'appel"),),
    "prosecutor": (
        ("Substitut du procureur de la République", "Substitut du procureur de la République"),
        ("Substitut du procureur de la République", "Substitut du procureur de la République"),
        (
            "Premier substitut du procureur de la République",
            "Première substitut du procureur de la République",
        ),
    ),
    "prosecutor_military": (
        ("Substitut de l'auditeur militaire", "Substitut de l'auditeur militaire"),
        ("Premier substitut de l'auditeur militaire", "Première substitut de l'auditeur militaire"),
    ),
    "prosecutor_general": (("Avocat général", "Avocate générale"),),
    "police": (
        ("Commissaire supérieur principal", "Commissaire supérieure principale"),
        ("Commissaire principal", "Commissaire principale"),
        ("Commissaire", "Commissaire"),
        ("Commissaire adjoint", "Commissaire adjointe"),
        ("Sous-commissaire, chef de poste", "Sous-commissaire, cheffe de poste"),
        (
            "Inspecteur principal, officier de police judiciaire",
            "Inspectrice principale, officier de police judiciaire",
        ),
        ("Inspecteur judiciaire", "Inspectrice judiciaire"),
    ),
    "corrections": (
        ("Directeur de prison", "Directrice de prison"),
        ("Directeur adjoint de prison", "Directrice adjointe de prison"),
        (
            "Chef du service de sécurité pénitentiaire",
            "Cheffe du service de sécurité pénitentiaire",
        ),
        ("Surveillant pénitentiaire", "Surveillante pénitentiaire"),
        ("Surveillant pénitentiaire", "Surveillante pénitentiaire"),
        ("Greffier pénitentiaire", "Greffière pénitentiaire"),
        ("Chef du service social", "Cheffe du service social"),
    ),
    "government": (
        ("Chargé de la réinsertion communautaire", "Chargée de la réinsertion communautaire"),
    ),
    "civil_society": (
        ("Chargé de programme, droits des détenus", "Chargée de programme, droits des détenus"),
    ),
    "other": (("Aumônier de prison", "Aumônière de prison"),),
}


def _drc_function(rng: random.Random, category: str, organisation: str, sex: str) -> str:
    """A function that fits the institution: military courts and appeal courts differ."""
    pool = category
    if category in ("magistrate", "prosecutor") and "militaire" in organisation:
        pool = f"{category}_military"
    elif category == "magistrate" and "Cour d'appel" in organisation:
        pool = "magistrate_appeal"
    elif category == "prosecutor" and "Parquet général" in organisation:
        pool = "prosecutor_general"
    masculine, feminine = rng.choice(_DRC_FUNCTIONS[pool])
    return feminine if sex == "F" else masculine


def _drc_partner(category: str, organisation: str) -> str | None:
    """Civil magistrates answer to the CSM, prisons to the Ministry; military justice to neither."""
    if "militaire" in organisation.lower():
        return None
    return {"magistrate": "CSM", "prosecutor": "CSM", "police": "PNC", "corrections": "MJGS"}.get(
        category
    )


# City, number of women among its 25, and the one "other" participant it adds.
_MONUSCO_CITIES = (
    ("Beni", 8, "government"),
    ("Bunia", 7, "civil_society"),
    ("Kinshasa", 8, "other"),
)
_MONUSCO_CORE = ["magistrate"] * 6 + ["prosecutor"] * 6 + ["police"] * 7 + ["corrections"] * 5
_MONUSCO_SESSIONS = (
    DemoSession(
        "monusco-beni",
        date(2024, 5, 14),
        "Beni",
        "Prévention de la radicalisation en milieu carcéral et gestion des détenus extrémistes "
        "violents",
    ),
    DemoSession(
        "monusco-bunia",
        date(2024, 5, 28),
        "Bunia",
        "Évaluation des risques, enquêtes et poursuites en matière de terrorisme dans le respect "
        "des droits humains",
    ),
    DemoSession(
        "monusco-kinshasa",
        date(2024, 6, 11),
        "Kinshasa",
        "Désengagement, réhabilitation et réinsertion des détenus associés aux groupes "
        "extrémistes violents",
    ),
)


def _monusco(used_names: set[str], used_phones: set[str]) -> tuple[list[DemoPerson], DemoTraining]:
    """75 criminal justice actors, 25 per city, each expected only at their own city's session."""
    rng = random.Random(_SEED + 1)
    people: list[DemoPerson] = []
    attendance: list[tuple[str, str, str]] = []
    for (city, women, extra), session in zip(_MONUSCO_CITIES, _MONUSCO_SESSIONS, strict=True):
        categories = [*_MONUSCO_CORE, extra]
        rng.shuffle(categories)
        for category, sex in zip(categories, _sexes(rng, len(categories), women), strict=True):
            full_name, latin = _unique_name(partial(_drc_name, rng, city, sex), used_names)
            organisation = rng.choice(_DRC_ORGS[city][category])
            consent, email = _consent_and_email(rng, latin, ("gmail.com", "yahoo.fr", "outlook.fr"))
            key = f"monusco-{len(people) + 1:03d}"
            people.append(
                DemoPerson(
                    key=key,
                    full_name=full_name,
                    sex=sex,
                    category=category,
                    organisation=organisation,
                    partner=_drc_partner(category, organisation),
                    function=_drc_function(rng, category, organisation, sex),
                    nationality=_DRC,
                    phone=_phone(
                        rng,
                        "+243 {p} ### ####",
                        ("81", "82", "84", "85", "89", "97", "99"),
                        used_phones,
                    ),
                    email=email,
                    consent=consent,
                )
            )
            attendance.append((key, session.key, "present"))
    missed = _gaps(rng, [p.key for p in people], 6)  # 8% of 75
    attendance = [(p, s, missed.get(p, status)) for p, s, status in attendance]
    training = DemoTraining(
        key="monusco-2024-prisons",
        mission="MONUSCO",
        title=(
            "Formation des acteurs de la chaîne pénale sur la déradicalisation et la réinsertion "
            "des détenus"
        ),
        theme="Prévention de la radicalisation et de l'extrémisme violent en milieu carcéral",
        kind="training",
        start=_MONUSCO_SESSIONS[0].date,
        end=_MONUSCO_SESSIONS[-1].date,
        status="held",
        description=(
            "Sessions de formation à Beni, Bunia et Kinshasa pour les magistrats, les officiers "
            "de la Police nationale congolaise et les agents pénitentiaires sur la "
            "déradicalisation et la réinsertion des détenus et la prévention de la radicalisation "
            "et de l'extrémisme violent en milieu carcéral. Les participants ont reçu des outils "
            "pour évaluer les risques et conduire des enquêtes."
        ),
        partners=(("MJGS", "co_organiser"), ("UNOCT", "funder")),
        trainers=("Aminata Coulibaly", "Laurent Mbala Nsimba", "Claire Fontaine"),
        sessions=_MONUSCO_SESSIONS,
        participants=tuple(p.key for p in people),
        attendance=tuple(attendance),
    )
    return people, training


# --- UNRCCA: Counter-Terrorism Early Warning Network for Central Asia, Tashkent -------------


@dataclass(frozen=True)
class _Country:
    """Name pools and institutions of one Central Asian state; pairs are (Cyrillic, Latin)."""

    name: str
    cyrillic: int  # how many of its 10 participants sign in Cyrillic
    men: tuple[_Name, ...]
    women: tuple[_Name, ...]
    surnames: tuple[_Name, ...]  # masculine forms; feminine ones are derived
    patronymic: str  # "kazakh", "kyrgyz" or "" (none)
    phone: str
    prefixes: tuple[str, ...]
    domains: tuple[str, ...]
    orgs: dict[str, tuple[str, ...]]
    community: tuple[tuple[str, str, str], ...]  # (organisation, man's function, woman's function)


_KAZAKHSTAN = _Country(
    name="Kazakhstan",
    cyrillic=7,
    men=(
        ("Ерлан", "Yerlan"), ("Нұрлан", "Nurlan"), ("Асқар", "Askar"), ("Дәурен", "Dauren"),
        ("Бауыржан", "Bauyrzhan"), ("Ержан", "Yerzhan"), ("Марат", "Marat"), ("Серік", "Serik"),
        ("Данияр", "Daniyar"), ("Арман", "Arman"),
    ),
    women=(
        ("Айгерім", "Aigerim"), ("Гүлнар", "Gulnar"), ("Динара", "Dinara"), ("Жанар", "Zhanar"),
        ("Сәуле", "Saule"), ("Әсел", "Assel"), ("Мадина", "Madina"), ("Ақмарал", "Akmaral"),
        ("Назгүл", "Nazgul"), ("Айжан", "Aizhan"),
    ),
    surnames=(
        ("Серікбаев", "Serikbayev"), ("Ахметов", "Akhmetov"), ("Жұмабаев", "Zhumabayev"),
        ("Омаров", "Omarov"), ("Нұрғалиев", "Nurgaliyev"), ("Сәтбаев", "Satbayev"),
        ("Байжанов", "Baizhanov"), ("Қасымов", "Kassymov"), ("Мұқанов", "Mukanov"),
        ("Әбілов", "Abilov"), ("Есенов", "Yessenov"), ("Төлеуов", "Toleuov"),
    ),
    patronymic="kazakh",
    phone="+7 {p} ### ## ##",
    prefixes=("701", "702", "705", "707", "747", "777", "778"),
    domains=("mail.ru", "gmail.com", "mail.kz"),
    orgs={
        "government": (
            "Ministry of Foreign Affairs of Kazakhstan",
            "Anti-Terrorist Centre of the National Security Committee of Kazakhstan",
            "Committee for Religious Affairs, Ministry of Culture and Information of Kazakhstan",
        ),
        "police": ("Ministry of Internal Affairs of Kazakhstan",),
        "border": (
            "Border Service of the National Security Committee of Kazakhstan",
            "State Revenue Committee of Kazakhstan, Customs Control",
        ),
        "prosecutor": ("Prosecutor General's Office of Kazakhstan",),
        "civil_society": ("Public Foundation Akniet", "Legal Policy Research Centre"),
    },
    community=(
        ("Spiritual Administration of Muslims of Kazakhstan", "Imam", "Theologian"),
        ("Assembly of People of Kazakhstan, Turkestan region", "Member", "Member"),
    ),
)  # fmt: skip

_KYRGYZSTAN = _Country(
    name="Kyrgyzstan",
    cyrillic=7,
    men=(
        ("Нурбек", "Nurbek"), ("Азамат", "Azamat"), ("Бакыт", "Bakyt"), ("Эрлан", "Erlan"),
        ("Улан", "Ulan"), ("Тилек", "Tilek"), ("Медер", "Meder"), ("Чыңгыз", "Chyngyz"),
        ("Канат", "Kanat"), ("Жыргалбек", "Zhyrgalbek"),
    ),
    women=(
        ("Айпери", "Aiperi"), ("Жылдыз", "Zhyldyz"), ("Гүлзат", "Gulzat"), ("Нургүл", "Nurgul"),
        ("Бермет", "Bermet"), ("Чолпон", "Cholpon"), ("Айзада", "Aizada"), ("Мээрим", "Meerim"),
        ("Асель", "Asel"), ("Элнура", "Elnura"),
    ),
    surnames=(
        ("Асанбеков", "Asanbekov"), ("Токтогулов", "Toktogulov"), ("Абдыкадыров", "Abdykadyrov"),
        ("Мамбетов", "Mambetov"), ("Осмонов", "Osmonov"), ("Сыдыков", "Sydykov"),
        ("Турдубаев", "Turdubaev"), ("Кыдыралиев", "Kydyraliev"), ("Бообеков", "Boobekov"),
        ("Исаков", "Isakov"), ("Эсенгулов", "Esengulov"), ("Жумабеков", "Zhumabekov"),
    ),
    patronymic="kyrgyz",
    phone="+996 {p} ### ###",
    prefixes=("555", "550", "700", "705", "770", "777"),
    domains=("mail.ru", "gmail.com"),
    orgs={
        "government": (
            "Ministry of Foreign Affairs of the Kyrgyz Republic",
            "State Commission for Religious Affairs of the Kyrgyz Republic",
            "Security Council Secretariat of the Kyrgyz Republic",
        ),
        "police": ("Ministry of Internal Affairs of the Kyrgyz Republic",),
        "border": (
            "Border Service of the State Committee for National Security of the Kyrgyz Republic",
            "State Customs Service of the Kyrgyz Republic",
        ),
        "prosecutor": ("Prosecutor General's Office of the Kyrgyz Republic",),
        "civil_society": (
            "Foundation for Tolerance International",
            "Search for Common Ground Kyrgyzstan",
        ),
    },
    community=(
        ("Spiritual Administration of Muslims of Kyrgyzstan", "Imam", "Theologian"),
        ("Aksakal court, Osh", "Chairperson", "Member"),
    ),
)  # fmt: skip

_TAJIKISTAN = _Country(
    name="Tajikistan",
    cyrillic=8,
    men=(
        ("Фаррух", "Farrukh"), ("Бахтиёр", "Bakhtiyor"), ("Шерали", "Sherali"),
        ("Рустам", "Rustam"), ("Фирдавс", "Firdavs"), ("Далер", "Daler"), ("Суҳроб", "Suhrob"),
        ("Ҷамшед", "Jamshed"), ("Умед", "Umed"), ("Парвиз", "Parviz"),
    ),
    women=(
        ("Нигина", "Nigina"), ("Мадина", "Madina"), ("Зарина", "Zarina"), ("Шаҳло", "Shahlo"),
        ("Манижа", "Manizha"), ("Гулноза", "Gulnoza"), ("Фарзона", "Farzona"),
        ("Дилафрӯз", "Dilafruz"), ("Таҳмина", "Tahmina"), ("Меҳрангез", "Mehrangez"),
    ),
    surnames=(
        ("Раҳимов", "Rahimov"), ("Назаров", "Nazarov"), ("Саидов", "Saidov"),
        ("Каримов", "Karimov"), ("Шарипов", "Sharipov"), ("Қурбонов", "Qurbonov"),
        ("Мирзоев", "Mirzoev"), ("Ҳасанзода", "Hasanzoda"), ("Раҷабзода", "Rajabzoda"),
        ("Сафарзода", "Safarzoda"), ("Абдуллозода", "Abdullozoda"), ("Давлатзода", "Davlatzoda"),
    ),
    patronymic="",
    phone="+992 {p} ### ####",
    prefixes=("93", "92", "90", "98", "91", "55", "88"),
    domains=("mail.ru", "gmail.com", "inbox.ru"),
    orgs={
        "government": (
            "Ministry of Foreign Affairs of Tajikistan",
            "Committee on Religion, Regulation of Traditions, Celebrations and Ceremonies",
            "Committee for Youth and Sports of Tajikistan",
        ),
        "police": ("Ministry of Internal Affairs of Tajikistan",),
        "border": (
            "Border Troops of the State Committee for National Security of Tajikistan",
            "Customs Service under the Government of Tajikistan",
        ),
        "prosecutor": ("Prosecutor General's Office of Tajikistan",),
        "civil_society": (
            "Bureau on Human Rights and Rule of Law",
            "Association of Young Lawyers Amparo",
        ),
    },
    community=(
        ("Islamic Centre of Tajikistan", "Imam-khatib", "Religious educator (bibiotun)"),
        ("Mahalla committee, Khujand", "Chairperson", "Chairperson"),
    ),
)  # fmt: skip

_TURKMENISTAN = _Country(
    name="Turkmenistan",
    cyrillic=1,
    men=(
        ("Мердан", "Merdan"), ("Сердар", "Serdar"), ("Довлет", "Dovlet"), ("Батыр", "Batyr"),
        ("Арслан", "Arslan"), ("Максат", "Maksat"), ("Мырат", "Myrat"),
        ("Нурмухаммет", "Nurmuhammet"), ("Бегенч", "Begench"), ("Ровшен", "Rovshen"),
    ),
    women=(
        ("Айна", "Ayna"), ("Дженнет", "Jennet"), ("Гульшат", "Gulshat"), ("Марал", "Maral"),
        ("Бахар", "Bahar"), ("Огулнабат", "Ogulnabat"), ("Лейли", "Leyli"), ("Селби", "Selbi"),
        ("Махри", "Mahri"), ("Айджемал", "Ayjemal"),
    ),
    surnames=(
        ("Аннаев", "Annayev"), ("Оразов", "Orazov"), ("Бердиев", "Berdiyev"),
        ("Гурбанов", "Gurbanov"), ("Ходжаев", "Hojayev"), ("Атаев", "Atayev"),
        ("Мурадов", "Muradov"), ("Нурмурадов", "Nurmuradov"), ("Овезов", "Ovezov"),
        ("Чарыев", "Charyyev"), ("Аллабердиев", "Allaberdiyev"), ("Гелдиев", "Geldiyev"),
    ),
    patronymic="",
    phone="+993 {p} ## ## ##",
    prefixes=("61", "62", "63", "64", "65", "71"),
    domains=("online.tm", "gmail.com"),
    orgs={
        "government": (
            "Ministry of Foreign Affairs of Turkmenistan",
            "Ministry of Adalat (Justice) of Turkmenistan",
            "Institute of State, Law and Democracy of Turkmenistan",
        ),
        "police": ("Ministry of Internal Affairs of Turkmenistan",),
        "border": ("State Border Service of Turkmenistan", "State Customs Service of Turkmenistan"),
        "prosecutor": ("Prosecutor General's Office of Turkmenistan",),
        "civil_society": (
            "Youth Organization of Turkmenistan named after Magtymguly",
            "Women's Union of Turkmenistan",
        ),
    },
    community=(
        ("Muftiate of Turkmenistan", "Imam", "Religious educator"),
        ("Community council, Mary velayat", "Chairperson", "Member"),
    ),
)  # fmt: skip

_UZBEKISTAN = _Country(
    name="Uzbekistan",
    cyrillic=3,
    men=(
        ("Сардор", "Sardor"), ("Жасур", "Jasur"), ("Отабек", "Otabek"), ("Шерзод", "Sherzod"),
        ("Бекзод", "Bekzod"), ("Улуғбек", "Ulug'bek"), ("Жаҳонгир", "Jahongir"),
        ("Даврон", "Davron"), ("Азиз", "Aziz"), ("Баҳодир", "Bahodir"),
    ),
    women=(
        ("Дилноза", "Dilnoza"), ("Нилуфар", "Nilufar"), ("Гулнора", "Gulnora"),
        ("Малика", "Malika"), ("Шаҳноза", "Shahnoza"), ("Дилдора", "Dildora"), ("Феруза", "Feruza"),
        ("Зулфия", "Zulfiya"), ("Моҳира", "Mohira"), ("Нодира", "Nodira"),
    ),
    surnames=(
        ("Юсупов", "Yusupov"), ("Рашидов", "Rashidov"), ("Турсунов", "Tursunov"),
        ("Абдуллаев", "Abdullayev"), ("Холматов", "Xolmatov"), ("Эргашев", "Ergashev"),
        ("Мирзаев", "Mirzayev"), ("Собиров", "Sobirov"), ("Қодиров", "Qodirov"),
        ("Умаров", "Umarov"), ("Исмоилов", "Ismoilov"), ("Норматов", "Normatov"),
    ),
    patronymic="",
    phone="+998 {p} ### ## ##",
    prefixes=("90", "91", "93", "94", "97", "99", "33", "88"),
    domains=("mail.ru", "gmail.com", "umail.uz"),
    orgs={
        "government": (
            "Ministry of Foreign Affairs of Uzbekistan",
            "Committee on Religious Affairs under the Cabinet of Ministers of Uzbekistan",
            "Ministry of Justice of Uzbekistan",
        ),
        "police": ("Ministry of Internal Affairs of Uzbekistan",),
        "border": (
            "Border Troops of the State Security Service of Uzbekistan",
            "Customs Committee of Uzbekistan",
        ),
        "prosecutor": ("Prosecutor General's Office of Uzbekistan",),
        "civil_society": ("Youth Union of Uzbekistan", "Istiqbolli Avlod"),
    },
    community=(
        ("Muslim Board of Uzbekistan", "Imam-khatib", "Otin-oy (religious educator)"),
        ("Mahalla citizens' assembly, Namangan", "Chairperson", "Adviser on women and family"),
    ),
)  # fmt: skip

_CENTRAL_ASIA = (_KAZAKHSTAN, _KYRGYZSTAN, _TAJIKISTAN, _TURKMENISTAN, _UZBEKISTAN)

_CA_CATEGORIES = [
    "government",
    "government",
    "government",
    "police",
    "police",
    "border",
    "border",
    "prosecutor",
    "civil_society",
    "community_leader",
]
_CA_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "government": (
        "Chief Specialist",
        "Head of Division",
        "Senior Adviser",
        "Deputy Head of Department",
        "Counsellor",
    ),
    "police": (
        "Major of Police, Counter-Extremism Department",
        "Lieutenant Colonel of Police, Senior Inspector",
        "Colonel of Police, Deputy Head of Department",
        "Captain of Police, Community Policing Division",
    ),
    "border": (
        "Major, Border Service",
        "Lieutenant Colonel, Deputy Head of Border Detachment",
        "Captain, Border Checkpoint Commander",
    ),
    "customs": (
        "Senior Customs Inspector",
        "Head of Risk Analysis Unit",
        "Deputy Head of Customs Post",
    ),
    "prosecutor": (
        "Senior Prosecutor",
        "Prosecutor, Department for Supervision of Counter-Terrorism Laws",
        "Senior Assistant to the Prosecutor General",
    ),
    "civil_society": ("Programme Coordinator", "Director", "Project Manager", "Researcher"),
}


def _feminine(surname: _Name) -> _Name:
    """Russian-style surnames take -а/-a for women; Tajik -zoda forms do not change."""
    cyr, lat = surname
    if cyr.endswith(("ов", "ев", "ин")):
        return cyr + "а", lat + "a"
    return surname


def _ca_name(rng: random.Random, country: _Country, sex: str, cyrillic: bool) -> _Name:
    """Given name and surname; some Kazakhs add a patronymic, some Kyrgyz use one instead."""
    given = rng.choice(country.women if sex == "F" else country.men)
    surname = rng.choice(country.surnames)
    if sex == "F":
        surname = _feminine(surname)
    father = rng.choice(country.men)
    if country.patronymic == "kyrgyz" and rng.random() < 0.2:
        suffix = ("кызы", "kyzy") if sex == "F" else ("уулу", "uulu")
        surname = (f"{father[0]} {suffix[0]}", f"{father[1]} {suffix[1]}")
    elif country.patronymic == "kazakh" and cyrillic and rng.random() < 0.3:
        ending = "қызы" if sex == "F" else "ұлы"
        surname = (f"{father[0]}{ending} {surname[0]}", surname[1])
    latin = f"{given[1]} {surname[1]}"
    return (f"{given[0]} {surname[0]}" if cyrillic else latin), latin


def _unrcca(used_names: set[str], used_phones: set[str]) -> tuple[list[DemoPerson], DemoTraining]:
    """50 representatives, 10 per Central Asian state, expected on all three days."""
    rng = random.Random(_SEED + 2)
    people: list[DemoPerson] = []
    for country in _CENTRAL_ASIA:
        categories = list(_CA_CATEGORIES)
        rng.shuffle(categories)
        sexes = _sexes(rng, len(categories), 4)
        scripts = [True] * country.cyrillic + [False] * (len(categories) - country.cyrillic)
        rng.shuffle(scripts)
        for category, sex, cyrillic in zip(categories, sexes, scripts, strict=True):
            full_name, latin = _unique_name(
                partial(_ca_name, rng, country, sex, cyrillic), used_names
            )
            if category == "community_leader":
                organisation, man, woman = rng.choice(country.community)
                function = woman if sex == "F" else man
            else:
                organisation = _organisation(rng, country.orgs[category], sex)
                customs = category == "border" and "Customs" in organisation
                function = rng.choice(_CA_FUNCTIONS["customs" if customs else category])
            consent, email = _consent_and_email(rng, latin, country.domains)
            people.append(
                DemoPerson(
                    key=f"unrcca-{len(people) + 1:03d}",
                    full_name=full_name,
                    sex=sex,
                    category=category,
                    organisation=organisation,
                    partner=None,
                    function=function,
                    nationality=country.name,
                    phone=_phone(rng, country.phone, country.prefixes, used_phones),
                    email=email,
                    consent=consent,
                )
            )
    sessions = (
        DemoSession(
            "unrcca-day1",
            date(2024, 9, 10),
            "Tashkent",
            "Building community resilience to extremist ideology",
        ),
        DemoSession(
            "unrcca-day2",
            date(2024, 9, 11),
            "Tashkent",
            "Regional insecurity and the impact of the situation in Afghanistan",
        ),
        DemoSession(
            "unrcca-day3",
            date(2024, 9, 12),
            "Tashkent",
            "Exchange of information on the latest security-related trends in Central Asia",
        ),
    )
    keys = [p.key for p in people]
    attendance: list[tuple[str, str, str]] = []
    for session, missing in zip(sessions, (2, 3, 6), strict=True):  # more leave early on day 3
        missed = _gaps(rng, keys, missing)
        attendance.extend((k, session.key, missed.get(k, "present")) for k in keys)
    training = DemoTraining(
        key="unrcca-2024-tashkent",
        mission="UNRCCA",
        title=(
            "Regional conference and training of the Counter-Terrorism Early Warning Network for "
            "Central Asia"
        ),
        theme="Counter-terrorism early warning and community resilience to violent extremism",
        kind="conference",
        start=sessions[0].date,
        end=sessions[-1].date,
        status="held",
        description=(
            "Co-hosted by UNRCCA and UNOCT for the Counter-Terrorism Early Warning Network for "
            "Central Asia. Training to build community resilience to extremist ideology and to "
            "address regional insecurity and how it is affected by the situation in Afghanistan, "
            "with an exchange of information on the latest security-related trends. Participants "
            "came from state institutions and civil society organisations of Kazakhstan, "
            "Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan."
        ),
        partners=(("UNOCT", "co_organiser"),),
        trainers=("Farida Azimova", "Thomas Lindqvist", "Natalia Gerasimova"),
        sessions=sessions,
        participants=tuple(keys),
        attendance=tuple(attendance),
    )
    return people, training


# --- UNSMIL: Code of Conduct workshop for military and security actors, Tunis --------------

_LY_MEN: tuple[_Name, ...] = (
    ("محمد", "Mohamed"), ("أحمد", "Ahmed"), ("علي", "Ali"), ("عبد الحميد", "Abdulhamid"),
    ("عبد الرحمن", "Abdulrahman"), ("خالد", "Khaled"), ("مصطفى", "Mustafa"), ("صالح", "Saleh"),
    ("عمر", "Omar"), ("إبراهيم", "Ibrahim"), ("يوسف", "Youssef"), ("فرج", "Faraj"),
    ("عادل", "Adel"), ("ناصر", "Nasser"), ("حسين", "Hussein"), ("سالم", "Salem"),
    ("مفتاح", "Muftah"), ("عبد السلام", "Abdulsalam"), ("ميلاد", "Milad"), ("رمضان", "Ramadan"),
    ("جمعة", "Jumaa"), ("طارق", "Tarek"),
)  # fmt: skip
_LY_WOMEN: tuple[_Name, ...] = (
    ("فاطمة", "Fatima"), ("سعاد", "Souad"), ("أسماء", "Asma"), ("مريم", "Maryam"),
    ("نجلاء", "Najla"), ("هدى", "Huda"), ("آمنة", "Amna"), ("خديجة", "Khadija"), ("زينب", "Zainab"),
)  # fmt: skip
_LY_FAMILIES: tuple[_Name, ...] = (
    ("الورفلي", "Al-Warfalli"), ("الزوي", "Al-Zway"), ("المبروك", "Al-Mabrouk"),
    ("المصراتي", "Al-Misrati"), ("الترهوني", "Al-Tarhouni"), ("العبيدي", "Al-Obeidi"),
    ("المغربي", "Al-Maghrebi"), ("الفيتوري", "Al-Fitouri"), ("الزنتاني", "Al-Zintani"),
    ("البرعصي", "Al-Baraasi"), ("الشريف", "Al-Sharif"), ("الأنصاري", "Al-Ansari"),
    ("السنوسي", "Al-Senussi"), ("الحاسي", "Al-Hassi"), ("بن عمران", "Ben Omran"),
    ("الفرجاني", "Al-Ferjani"), ("القماطي", "Al-Gmati"), ("الدرسي", "Al-Dersi"),
    ("بوشناف", "Bushnaf"), ("الجهاني", "Al-Jehani"), ("الأوجلي", "Al-Awjali"),
    ("الحضيري", "Al-Hodairi"),
)  # fmt: skip

# Both sides of the security track are represented, with neutral geographic labels.
_LY_ORGS: dict[str, tuple[str, ...]] = {
    "military": (
        "Libyan Army General Staff (Tripoli)",
        "Libyan Arab Armed Forces General Command (Benghazi)",
        "Western Military Region Command",
        "Central Military Region Command (Misrata)",
        "Southern Military Region Command (Sabha)",
    ),
    "police": (
        "Ministry of Interior, Criminal Investigation Department (Tripoli)",
        "Security Directorate of Benghazi",
        "Security Directorate of Misrata",
        "Security Directorate of Sabha",
    ),
    "border": (
        "Border Guard, Western Sector",
        "Libyan Coast Guard and Port Security",
        "Desert and Border Security Department (Sabha)",
        "Passports and Nationality Authority, Ras Ajdir crossing",
    ),
    "government": (
        "High National Reconciliation Commission",
        "Ministry of Defence (Tripoli)",
        "Ministry of Interior (Benghazi)",
    ),
    "civil_society": ("Libyan Women's Platform for Peace", "Fezzan Youth Network for Dialogue"),
}
_LY_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "military": (
        "Major General",
        "Brigadier General, Directorate of Military Operations",
        "Colonel, Military Police",
        "Colonel, Staff Officer",
        "Lieutenant Colonel, Legal Affairs Branch",
        "Major, Training Directorate",
    ),
    "police": (
        "Colonel, Criminal Investigation Department",
        "Major, Counter-Terrorism Unit",
        "Lieutenant Colonel, Security Directorate",
        "Captain, Community Police",
    ),
    "government": ("Adviser", "Director of Security Affairs", "Head of the Legal Office"),
    "civil_society": ("Programme Officer", "Coordinator"),
}
# Border posts differ too much for one list of functions.
_LY_BORDER_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "Border Guard, Western Sector": ("Colonel, Sector Commander", "Major, Border Guard"),
    "Libyan Coast Guard and Port Security": ("Major, Coast Guard", "Captain, Port Security"),
    "Desert and Border Security Department (Sabha)": (
        "Lieutenant Colonel, Desert Patrols",
        "Colonel, Sector Commander",
    ),
    "Passports and Nationality Authority, Ras Ajdir crossing": (
        "Head of Section, Border Crossings",
        "Passport Control Officer",
    ),
}
_LY_CATEGORIES = (
    ["military"] * 12 + ["police"] * 6 + ["border"] * 5 + ["government"] * 3 + ["civil_society"] * 2
)


def _ly_name(rng: random.Random, sex: str, arabic: bool) -> _Name:
    """Given name, often the father's name, then the family or tribal name."""
    given = rng.choice(_LY_WOMEN if sex == "F" else _LY_MEN)
    family = rng.choice(_LY_FAMILIES)
    parts = [given]
    if rng.random() < (0.6 if arabic else 0.3):
        parts.append(rng.choice(_LY_MEN))
    parts.append(family)
    latin = " ".join(p[1] for p in parts)
    return (" ".join(p[0] for p in parts) if arabic else latin), latin


def _ly_function(rng: random.Random, category: str, organisation: str) -> str:
    """A function that fits the post: border units and the reconciliation body differ."""
    if category == "border":
        return rng.choice(_LY_BORDER_FUNCTIONS[organisation])
    if "Reconciliation" in organisation:
        return rng.choice(("Member of the Commission", "Adviser"))
    return rng.choice(_LY_FUNCTIONS[category])


def _unsmil(used_names: set[str], used_phones: set[str]) -> tuple[list[DemoPerson], DemoTraining]:
    """28 Libyan military and security actors from different sides, expected on both days."""
    rng = random.Random(_SEED + 3)
    categories = list(_LY_CATEGORIES)
    rng.shuffle(categories)
    eligible = [i for i, c in enumerate(categories) if c != "military"]
    women = set(rng.sample(eligible, 4))  # few women, none of them among the officers here
    arabic = [True] * 14 + [False] * (len(categories) - 14)
    rng.shuffle(arabic)
    jmc_left = 4  # some officers also sit on the 5+5 Joint Military Commission
    people: list[DemoPerson] = []
    for i, category in enumerate(categories):
        sex = "F" if i in women else "M"
        full_name, latin = _unique_name(partial(_ly_name, rng, sex, arabic[i]), used_names)
        partner = None
        if category == "military" and jmc_left and rng.random() < 0.5:
            partner, jmc_left = "JMC", jmc_left - 1
        organisation = _organisation(rng, _LY_ORGS[category], sex)
        consent, email = _consent_and_email(rng, latin, ("gmail.com", "yahoo.com", "hotmail.com"))
        people.append(
            DemoPerson(
                key=f"unsmil-{i + 1:03d}",
                full_name=full_name,
                sex=sex,
                category=category,
                organisation=organisation,
                partner=partner,
                function=_ly_function(rng, category, organisation),
                nationality="Libya",
                phone=_phone(rng, "+218 {p} ### ####", ("91", "92", "94", "95"), used_phones),
                email=email,
                consent=consent,
            )
        )
    sessions = (
        DemoSession(
            "unsmil-day1",
            date(2024, 11, 5),
            "Tunis",
            "Principles of a code of conduct for military and security actors",
        ),
        DemoSession(
            "unsmil-day2",
            date(2024, 11, 6),
            "Tunis",
            "Common ground on border management and preventing the spread of violent extremism",
        ),
    )
    keys = [p.key for p in people]
    attendance: list[tuple[str, str, str]] = []
    for session, missing in zip(sessions, (1, 3), strict=True):
        missed = _gaps(rng, keys, missing)
        attendance.extend((k, session.key, missed.get(k, "present")) for k in keys)
    training = DemoTraining(
        key="unsmil-2024-tunis",
        mission="UNSMIL",
        title="Code of Conduct Training Workshop for Military and Security Actors",
        theme="Code of conduct, border management and prevention of violent extremism",
        kind="workshop",
        start=sessions[0].date,
        end=sessions[-1].date,
        status="held",
        description=(
            "Workshop convened by UNSMIL in Tunis for Libyan military and security actors. "
            "Concurrently, OROLSI supported a side event that brought together opposing national "
            "actors to explore common ground on border management and preventing the spread of "
            "violent extremism, co-facilitated by the Head of the Policy and Operational Support "
            "Team of OASG/ROLSI."
        ),
        partners=(("OROLSI", "co_organiser"), ("UNOCT", "funder")),
        trainers=("Hassan El-Amrani", "Sophie Martin", "Kwame Mensah"),
        sessions=sessions,
        participants=tuple(keys),
        attendance=tuple(attendance),
    )
    return people, training


# --- assembly ----------------------------------------------------------------------------


def _build() -> tuple[tuple[DemoPerson, ...], tuple[DemoTraining, ...]]:
    """All people and trainings; names and phone numbers are unique across the whole demo."""
    used_names: set[str] = set()
    used_phones: set[str] = set()
    people: list[DemoPerson] = []
    trainings: list[DemoTraining] = []
    for make in (_monusco, _unrcca, _unsmil):
        group, training = make(used_names, used_phones)
        people.extend(group)
        trainings.append(training)
    return tuple(people), tuple(trainings)


DEMO_PEOPLE, DEMO_TRAININGS = _build()
