"""The demo data must mirror the three pilot activities and stay internally consistent.

Only ``app.services.demo_data`` is imported, so these checks run without the database or Qt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from app.services import demo_data
from app.services.demo_data import (
    DEMO_LOCATIONS,
    DEMO_PARTNERS,
    DEMO_PEOPLE,
    DEMO_TRAININGS,
    DemoPerson,
    DemoTraining,
)

CATEGORIES = {
    "magistrate",
    "prosecutor",
    "police",
    "corrections",
    "military",
    "border",
    "government",
    "civil_society",
    "community_leader",
    "other",
}
SEEDED_PARTNERS = {
    "UNOCT",
    "UNODC",
    "UNDP",
    "CTED",
    "OROLSI",
    "INTERPOL",
    "OHCHR",
    "UNWOMEN",
    "IOM",
    "UNICRI",
    "UNICEF",
    "DPPA",
    "EU",
}
SEEDED_MISSIONS = {"MONUSCO", "UNRCCA", "UNSMIL", "MINUSCA", "UNMISS", "UNIFIL", "MINUSMA"}
CYRILLIC = re.compile("[\u0400-\u04ff]")
ARABIC = re.compile("[\u0600-\u06ff]")
PEOPLE = {p.key: p for p in DEMO_PEOPLE}


def training(mission: str) -> DemoTraining:
    (found,) = [t for t in DEMO_TRAININGS if t.mission == mission]
    return found


def participants(t: DemoTraining) -> list[DemoPerson]:
    return [PEOPLE[k] for k in t.participants]


def test_counts_match_the_project_sheet() -> None:
    assert len(DEMO_TRAININGS) == 3
    assert sum(len(t.sessions) for t in DEMO_TRAININGS) >= 8
    assert len(DEMO_PEOPLE) >= 125
    assert len(training("MONUSCO").participants) == 75
    assert len(training("UNRCCA").participants) == 50
    assert len(training("UNSMIL").participants) >= 25
    assert [len(training(m).sessions) for m in ("MONUSCO", "UNRCCA", "UNSMIL")] == [3, 3, 2]


def test_keys_and_names_are_unique() -> None:
    people_keys = [p.key for p in DEMO_PEOPLE]
    assert len(set(people_keys)) == len(people_keys)
    names = [p.full_name for p in DEMO_PEOPLE]
    assert len(set(names)) == len(names)
    assert len({n.casefold() for n in names}) == len(names)
    assert len({t.key for t in DEMO_TRAININGS}) == 3
    session_keys = [s.key for t in DEMO_TRAININGS for s in t.sessions]
    assert len(set(session_keys)) == len(session_keys)
    phones = [p.phone for p in DEMO_PEOPLE]
    assert len(set(phones)) == len(phones)
    acronyms = [p.acronym for p in DEMO_PARTNERS]
    assert len(set(acronyms)) == len(acronyms)
    assert not set(acronyms) & SEEDED_PARTNERS
    assert len({loc.name for loc in DEMO_LOCATIONS}) == len(DEMO_LOCATIONS)


def test_key_formats() -> None:
    assert {t.key for t in DEMO_TRAININGS} == {
        "monusco-2024-prisons",
        "unrcca-2024-tashkent",
        "unsmil-2024-tunis",
    }
    for t in DEMO_TRAININGS:
        prefix = t.mission.lower()
        assert all(re.fullmatch(rf"{prefix}-\d{{3}}", k) for k in t.participants)
        assert all(s.key.startswith(f"{prefix}-") for s in t.sessions)
    assert [s.key for s in training("MONUSCO").sessions] == [
        "monusco-beni",
        "monusco-bunia",
        "monusco-kinshasa",
    ]


def test_every_person_takes_part_in_exactly_one_training() -> None:
    enrolled = Counter(k for t in DEMO_TRAININGS for k in t.participants)
    assert set(enrolled) == set(PEOPLE)
    assert set(enrolled.values()) == {1}


def test_attendance_refers_to_enrolled_people_and_own_sessions() -> None:
    for t in DEMO_TRAININGS:
        enrolled = set(t.participants)
        sessions = {s.key for s in t.sessions}
        pairs = [(person, session) for person, session, _ in t.attendance]
        assert len(set(pairs)) == len(pairs), "one row per person and session"
        for person, session, status in t.attendance:
            assert person in enrolled
            assert session in sessions
            assert status in ("present", "absent", "excused")


def test_monusco_people_attend_only_their_city_session() -> None:
    t = training("MONUSCO")
    rows = Counter(person for person, _, _ in t.attendance)
    assert set(rows) == set(t.participants)
    assert set(rows.values()) == {1}
    per_session = Counter(session for _, session, _ in t.attendance)
    assert all(20 <= n <= 30 for n in per_session.values())
    missed = sum(status != "present" for _, _, status in t.attendance)
    assert 0.05 <= missed / len(t.attendance) <= 0.10


def test_monusco_locations_are_beni_bunia_kinshasa() -> None:
    t = training("MONUSCO")
    assert [s.location for s in t.sessions] == ["Beni", "Bunia", "Kinshasa"]
    assert {p.category for p in participants(t)} >= {
        "magistrate",
        "prosecutor",
        "police",
        "corrections",
    }


@pytest.mark.parametrize("mission", ["UNRCCA", "UNSMIL"])
def test_multi_day_events_expect_everyone_every_day(mission: str) -> None:
    t = training(mission)
    expected = {(p, s.key) for p in t.participants for s in t.sessions}
    assert {(p, s) for p, s, _ in t.attendance} == expected
    missed = [status for _, _, status in t.attendance if status != "present"]
    assert 0 < len(missed) <= 0.15 * len(t.attendance)


def test_unrcca_day_three_has_the_most_gaps() -> None:
    t = training("UNRCCA")
    gaps = Counter(session for _, session, status in t.attendance if status != "present")
    assert gaps["unrcca-day3"] == max(gaps.values())


def test_unrcca_draws_ten_from_each_central_asian_state() -> None:
    by_country = Counter(p.nationality for p in participants(training("UNRCCA")))
    assert by_country == {
        "Kazakhstan": 10,
        "Kyrgyzstan": 10,
        "Tajikistan": 10,
        "Turkmenistan": 10,
        "Uzbekistan": 10,
    }


def test_codes_are_valid() -> None:
    for p in DEMO_PEOPLE:
        assert p.category in CATEGORIES
        assert p.sex in ("F", "M")
        assert p.partner is None or p.partner in SEEDED_PARTNERS | {
            x.acronym for x in DEMO_PARTNERS
        }
        assert p.full_name == p.full_name.strip() and "  " not in p.full_name
        assert p.organisation and p.function and p.nationality and p.phone
    for partner in DEMO_PARTNERS:
        assert partner.kind in ("un", "national", "regional", "civil_society", "donor", "other")
    locations = {loc.name for loc in DEMO_LOCATIONS}
    assert {"Beni", "Bunia", "Kinshasa", "Tashkent", "Tunis"} <= locations
    for loc in DEMO_LOCATIONS:
        assert loc.mission in SEEDED_MISSIONS
    for t in DEMO_TRAININGS:
        assert t.mission in SEEDED_MISSIONS
        assert t.kind in ("training", "workshop", "conference", "side_event")
        assert t.status == "held"
        assert t.title and t.theme and t.description and t.trainers
        for acronym, role in t.partners:
            assert acronym in SEEDED_PARTNERS | {x.acronym for x in DEMO_PARTNERS}
            assert role in ("lead", "co_organiser", "funder")
        for s in t.sessions:
            assert s.location in locations
            assert s.topic


def test_sessions_lie_within_training_dates() -> None:
    for t in DEMO_TRAININGS:
        assert t.start <= t.end
        assert t.start.year == 2024
        for s in t.sessions:
            assert t.start <= s.date <= t.end
    tashkent = training("UNRCCA")
    assert (tashkent.start.isoformat(), tashkent.end.isoformat()) == ("2024-09-10", "2024-09-12")
    tunis = training("UNSMIL")
    assert (tunis.start.isoformat(), tunis.end.isoformat()) == ("2024-11-05", "2024-11-06")


@pytest.mark.parametrize(
    ("mission", "low", "high"),
    [("MONUSCO", 0.25, 0.35), ("UNRCCA", 0.35, 0.45), ("UNSMIL", 0.10, 0.20)],
)
def test_share_of_women(mission: str, low: float, high: float) -> None:
    people = participants(training(mission))
    share = sum(p.sex == "F" for p in people) / len(people)
    assert low <= share <= high


def test_names_in_several_scripts() -> None:
    cyrillic = [p for p in DEMO_PEOPLE if CYRILLIC.search(p.full_name)]
    arabic = [p for p in DEMO_PEOPLE if ARABIC.search(p.full_name)]
    assert len(cyrillic) >= 20
    assert len(arabic) >= 10
    assert {p.key.split("-")[0] for p in cyrillic} == {"unrcca"}
    assert {p.key.split("-")[0] for p in arabic} == {"unsmil"}
    assert any("é" in p.full_name for p in participants(training("MONUSCO")))


def test_contact_details_follow_consent() -> None:
    prefixes = {"MONUSCO": ("+243 ",), "UNSMIL": ("+218 ",)}
    prefixes["UNRCCA"] = ("+7 ", "+996 ", "+992 ", "+993 ", "+998 ")
    for t in DEMO_TRAININGS:
        for p in participants(t):
            assert p.phone.startswith(prefixes[t.mission])
            if not p.consent:
                assert p.email == ""
            elif p.email:
                assert re.fullmatch(r"[a-z0-9.]+@[a-z.]+\.[a-z]+", p.email)
    consent = sum(p.consent for p in DEMO_PEOPLE) / len(DEMO_PEOPLE)
    assert 0.6 <= consent <= 0.8


def _fresh_copy() -> ModuleType:
    """Execute the module's source again under another name, leaving the imported one alone."""
    name = "_demo_data_fresh_copy"
    spec = importlib.util.spec_from_file_location(name, demo_data.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def _snapshot(module: ModuleType) -> str:
    # Each load makes new classes, so compare field values through repr, not instances.
    return repr(
        (module.DEMO_PARTNERS, module.DEMO_LOCATIONS, module.DEMO_PEOPLE, module.DEMO_TRAININGS)
    )


def test_generation_is_deterministic_on_reload() -> None:
    assert _snapshot(_fresh_copy()) == _snapshot(demo_data)


def test_generation_does_not_depend_on_hash_seed() -> None:
    """String hashing changes between processes; the data must not."""
    script = (
        "import hashlib, sys\n"
        "from app.services import demo_data as d\n"
        "data = repr((d.DEMO_PARTNERS, d.DEMO_LOCATIONS, d.DEMO_PEOPLE, d.DEMO_TRAININGS))\n"
        "sys.stdout.write(hashlib.sha256(data.encode()).hexdigest())\n"
    )
    root = Path(demo_data.__file__).resolve().parents[2]
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        digests.add(result.stdout)
    assert digests == {hashlib.sha256(_snapshot(demo_data).encode()).hexdigest()}
