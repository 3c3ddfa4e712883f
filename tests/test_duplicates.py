"""One person, one record: transliteration-aware matching and merges that keep attendance."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select

from app.db.base import derived_id
from app.db.models import Attendance, Enrolment, Person
from app.errors import UserError
from app.services import duplicates
from app.services.attendance import Mark, get_grid, set_marks
from app.services.duplicates import (
    find_duplicate_pairs,
    find_similar_people,
    merge_people,
    name_form,
    name_similarity,
    skeleton,
)
from app.services.people import PersonInput, add_participant, create_person, enrol
from app.services.reports import ReportFilter, build_report
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import run_cli

SAME_PEOPLE = [
    ("Юсупова", "Yusupova"),
    ("Юсупова", "Iousoupova"),
    ("Yusupova", "Iousoupova"),
    ("Нурлан", "Nurlan"),
    ("محمد", "Mohamed"),
    ("محمد", "Mohammed"),
    ("محمد", "Muhammad"),
    ("Mohamed", "Mouhammad"),
    ("الورفلي", "Al-Warfalli"),
    ("الورفلي", "Elwerfalli"),
    ("Al-Warfalli", "El Werfalli"),
    ("Александр", "Alexander"),
    ("Чернов", "Tchernov"),
    ("Жанар", "Zhanar"),
    ("أحمد", "Ahmed"),
    ("Déogratias", "DEOGRATIAS"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PEOPLE)
def test_transliteration_pairs_share_a_skeleton(a: str, b: str) -> None:
    assert [skeleton(t) for t in name_form(a).tokens] == [skeleton(t) for t in name_form(b).tokens]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Гульнара Юсупова", "IOUSOUPOVA Goulnara"),
        ("محمد الورفلي", "Mohamed Al-Warfalli"),
        ("محمد الورفلي", "Muhammad Elwerfalli"),
        ("Kahindo Mumbere", "MUMBERE Kahindo"),
        ("Нурлан Абдуллаев", "Nurlan Abdullaev"),
        ("Jean-Pierre Kasereka", "Kasereka Jean Pierre"),
    ],
)
def test_full_names_across_scripts_and_word_order_are_similar(a: str, b: str) -> None:
    assert name_similarity(name_form(a), name_form(b)) >= 0.9


@pytest.mark.parametrize(
    ("a", "b"),
    [("Mohamed Ali", "Ahmed Salem"), ("Kahindo Mumbere", "Kavira Masika"), ("Нурлан", "Жанар")],
)
def test_different_people_are_not_similar(a: str, b: str) -> None:
    assert name_similarity(name_form(a), name_form(b)) < duplicates.MIN_NAME


_name = st.lists(st.sampled_from(["Kahindo", "Mumbere", "Юсупова", "محمد", "Al-Warfalli",
                                  "Déo", "Nurlan", "Esther"]), min_size=1, max_size=4)  # fmt: skip


@given(words=_name, data=st.data())
def test_word_order_and_case_never_matter(words: list[str], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(words))
    a = name_form(" ".join(words))
    b = name_form(" ".join(w.upper() for w in shuffled))
    assert name_similarity(a, b) == pytest.approx(1.0)
    # the word-pair keys do not depend on order (the run-together "=" key does, by design)
    assert {k for k in a.block_keys if k[0] != "="} == {k for k in b.block_keys if k[0] != "="}


def test_find_similar_people_offers_the_existing_person(installation) -> None:  # type: ignore[no-untyped-def]
    kept = create_person(
        installation,
        PersonInput("Гульнара Юсупова", "F", organisation="Supreme Court", phone="+7 701 555 1234"),
    )
    create_person(installation, PersonInput("Nurlan Abdullaev", "M"))
    found = find_similar_people(installation, "Goulnara IOUSOUPOVA", "F", phone="87015551234")
    assert [s.person.id for s in found] == [kept.id]
    assert found[0].score >= 0.9
    assert "same phone" in found[0].reasons and "same sex" in found[0].reasons
    # a different sex lowers the score well below the same-sex one
    other_sex = find_similar_people(installation, "Goulnara Iousoupova", "M")
    assert not other_sex or other_sex[0].score < 0.6
    assert find_similar_people(installation, "Gulnara Yusupova", exclude_ids=[kept.id]) == []
    assert find_similar_people(installation, "   ") == []


def test_index_is_rebuilt_when_people_change(installation) -> None:  # type: ignore[no-untyped-def]
    assert find_similar_people(installation, "Mohamed Al-Warfalli") == []
    create_person(installation, PersonInput("محمد الورفلي", "M"))
    found = find_similar_people(installation, "Mohamed Al-Warfalli", "M")
    assert [s.person.full_name for s in found] == ["محمد الورفلي"]


@pytest.fixture
def two_trainings(installation):  # type: ignore[no-untyped-def]
    beni = create_training(
        installation,
        TrainingInput(
            "Formation Beni", "MONUSCO", date(2024, 3, 4), date(2024, 3, 6),
            sessions=(SessionInput(date(2024, 3, 4), "Beni"), SessionInput(date(2024, 3, 5), "Beni")),
        ),
    )  # fmt: skip
    bunia = create_training(
        installation,
        TrainingInput("Formation Bunia", "MONUSCO", date(2024, 6, 10), date(2024, 6, 10),
                      sessions=(SessionInput(date(2024, 6, 10), "Bunia"),)),
    )  # fmt: skip
    return beni, bunia


@pytest.mark.usefixtures("database")  # SQLite and PostgreSQL
def test_merge_keeps_every_enrolment_and_attendance(installation, two_trainings) -> None:  # type: ignore[no-untyped-def]
    beni, bunia = two_trainings
    day1, day2 = beni.sessions
    (bunia_day,) = bunia.sessions
    first = add_participant(installation, beni.id, PersonInput("Kahindo Mumbere", "M")).person
    second = add_participant(
        installation, beni.id, PersonInput("MUMBERE Kahindo", "X", organisation="PNC Beni",
                                           phone="+243 812 000 111"),
    ).person  # fmt: skip
    enrol(installation, bunia.id, second.id)
    set_marks(
        installation,
        [
            Mark(day1.id, first.id, "absent"),  # both marked on day 1: present wins
            Mark(day1.id, second.id, "present"),
            Mark(day2.id, first.id, "excused"),  # only the kept one on day 2
            Mark(bunia_day.id, second.id, "present"),  # only the merged one in Bunia
        ],
    )
    before = build_report(installation, ReportFilter())
    assert before.participants == 2 and before.attendances == 2

    pairs = find_duplicate_pairs(installation)
    assert [{p.first.person.id, p.second.person.id} for p in pairs] == [{first.id, second.id}]

    kept = merge_people(installation, first.id, second.id)
    assert kept.organisation == "PNC Beni" and kept.phone == "+243 812 000 111"  # blanks filled
    assert kept.sex == "M"
    grid = get_grid(installation, beni.id)
    assert [p.person.id for p in grid.participants] == [first.id]
    assert grid.marks == {(first.id, day1.id): "present", (first.id, day2.id): "excused"}
    assert get_grid(installation, bunia.id).marks == {(first.id, bunia_day.id): "present"}
    after = build_report(installation, ReportFilter())
    assert after.participants == 1
    assert after.attendances == 2 and after.recorded_marks == 3
    with installation.db.reading() as session:
        merged = session.get(Person, second.id)
        assert merged.deleted and merged.merged_into_id == first.id
        old_rows = (
            session.scalars(select(Enrolment).where(Enrolment.person_id == second.id)).all()
            + session.scalars(select(Attendance).where(Attendance.person_id == second.id)).all()
        )
        assert old_rows and all(r.deleted for r in old_rows)  # tombstones for other devices
        new_enrolment = session.get(Enrolment, derived_id("enrolment", bunia.id, first.id))
        assert new_enrolment is not None and not new_enrolment.deleted
    assert find_duplicate_pairs(installation) == []


@pytest.mark.usefixtures("database")  # SQLite and PostgreSQL
def test_merge_refusals_and_chains(installation, two_trainings) -> None:  # type: ignore[no-untyped-def]
    beni, _ = two_trainings
    a = add_participant(installation, beni.id, PersonInput("Esther Kavira", "F")).person
    b = create_person(installation, PersonInput("Esther Kavira", "F"))
    c = create_person(installation, PersonInput("Kavira Esther", "F"))
    with pytest.raises(UserError, match="themselves"):
        merge_people(installation, a.id, a.id)
    merge_people(installation, b.id, a.id)  # a -> b
    merge_people(installation, c.id, b.id)  # b -> c: a now points at c too
    with installation.db.reading() as session:
        assert session.get(Person, a.id).merged_into_id == c.id
    with pytest.raises(UserError, match="no longer exists"):
        merge_people(installation, a.id, c.id)
    assert build_report(installation, ReportFilter()).participants == 1


def test_dismissed_pairs_are_not_offered_again(installation) -> None:  # type: ignore[no-untyped-def]
    a = create_person(installation, PersonInput("Mohamed Salem", "M"))
    b = create_person(installation, PersonInput("Mohammed Salem", "M"))
    assert len(find_duplicate_pairs(installation)) == 1
    duplicates.dismiss_pair(installation, b.id, a.id)
    assert find_duplicate_pairs(installation) == []


def test_people_commands(installation, home) -> None:  # type: ignore[no-untyped-def]
    a = create_person(installation, PersonInput("Нурлан Абдуллаев", "M", phone="+7 777 123 4567"))
    b = create_person(installation, PersonInput("Nurlan Abdullaev", "M", phone="87771234567"))
    code, out, err = run_cli("people", "duplicates", "--json", home=home)
    assert code == 0, err
    assert '"Nurlan Abdullaev"' in out and "same phone" in out
    code, out, err = run_cli("people", "merge", a.id[:8], b.id[:8], home=home)
    assert code == 0, err
    assert "Нурлан Абдуллаев" in out
    code, _, err = run_cli("people", "merge", a.id, b.id, home=home)
    assert code == 1 and "no person" in err
    code, out, _ = run_cli("people", "duplicates", home=home)
    assert code == 0 and "No possible duplicates" in out


def test_index_follows_edits_merges_and_records_from_other_devices(installation) -> None:  # type: ignore[no-untyped-def]
    a = create_person(installation, PersonInput("Aigerim Nazarbayeva", "F"))
    first = duplicates.load_index(installation)
    assert a.id in first.people
    b = create_person(installation, PersonInput("Айгерим Назарбаева", "F"))
    assert duplicates.load_index(installation) is first and b.id in first.people  # incremental
    merge_people(installation, a.id, b.id)
    assert b.id not in duplicates.load_index(installation).people
    with installation.db.transaction() as session:  # a bundle's record keeps its old version
        session.execute(insert(Person).values(id="remote-1", full_name="Nazarbaeva Aiguerim",
                        name_key="x", sex="F", version=5, updated_by="other-device"))  # fmt: skip
    found = find_similar_people(installation, "Aigerim Nazarbayeva", "F")
    assert {s.person.id for s in found} == {a.id, "remote-1"}
