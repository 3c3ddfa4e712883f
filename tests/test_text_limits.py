"""A text longer than its column is refused where it is typed, or cut with a note where a
spreadsheet brings it, so no device stores a record its next bundle would be refused for.

The longest texts that fit are exported and imported by HQ: the form's bound and HQ's
bundle check are the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.models import Training
from app.errors import ValidationError
from app.l10n import localize
from app.services import participant_import as pi
from app.services import reference
from app.services.people import PersonInput, add_participant, create_person, list_participants
from app.services.trainings import SessionInput, TrainingInput, create_training, get_training
from tests.test_participant_import import write_list

PASSPHRASE = "correct horse battery staple"
DAY = date(2024, 9, 10)


def _training(title: str, topic: str = "", location: str = "Beni") -> TrainingInput:
    return TrainingInput(mission="MONUSCO", title=title, start=DAY, end=DAY,
                         sessions=(SessionInput(date=DAY, location=location, topic=topic),))  # fmt: skip


def test_a_training_text_one_character_too_long_is_refused_with_its_field(installation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_training(installation, _training("É" * 501, topic="t" * 501, location="B" * 201))
    errors = caught.value.errors
    assert set(errors) == {"title", "sessions.1.topic", "sessions.1.location"}
    assert errors["title"] == "This is too long: at most 500 characters, and it has 501."
    assert localize(errors["title"], "fr") == (
        "C'est trop long\u00a0: 500 caractères au plus, et il y en a 501."
    )
    assert errors["sessions.1.location"] == (
        "The place of session 1 is too long: at most 200 characters, and it has 201."
    )
    assert localize(errors["sessions.1.topic"], "fr") == (
        "Sujet de la séance 1\u00a0: trop long, 500 caractères au plus, et il y en a 501."
    )
    with installation.db.reading() as session:  # nothing written
        assert session.scalar(select(func.count()).select_from(Training)) == 0


def test_people_and_reference_lists_are_bounded_too(installation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_person(installation, PersonInput(full_name="N" * 301, sex="F",
                                                organisation="O" * 301, phone="1" * 81))  # fmt: skip
    assert set(caught.value.errors) == {"full_name", "organisation", "phone"}
    person = create_person(installation, PersonInput(full_name="N" * 300, sex="F"))
    assert len(person.full_name) == 300
    with pytest.raises(ValidationError) as caught:
        reference.save_partner(installation, reference.PartnerInfo(
            id="", acronym="A" * 41, name="Partner", kind="civil_society"))  # fmt: skip
    assert set(caught.value.errors) == {"acronym"}
    with pytest.raises(ValidationError) as caught:
        reference.save_mission(installation, reference.MissionInfo(
            id="", code="UNX", name="M" * 201, country=""))  # fmt: skip
    assert set(caught.value.errors) == {"name"}


def test_a_spreadsheet_value_too_long_is_cut_with_a_note(installation, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    training = create_training(installation, _training("Formation Beni"))
    headers = ["Nom", "Prénom", "Sexe", "Fonction", "Institution"]
    rows: list[list[object]] = [["Masika", "Furaha", "F", "Juge", "Tribunal de paix " * 40]]
    data = pi.read_sheet(write_list(tmp_path / "liste.xlsx", rows, headers))
    mapping = pi.auto_mapping(installation, training.id, data)
    preview = pi.build_preview(installation, training.id, data, mapping)
    (row,) = preview.valid_rows
    assert len(row.organisation) == 300
    assert any("cut to its first 300 characters" in p for p in row.problems)
    pi.apply_import(installation, preview)
    (stored,) = list_participants(installation, training.id)
    assert stored.person.organisation == row.organisation


def test_the_longest_texts_that_fit_travel_to_hq(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, import_bundles, trust

    monkeypatch.setenv("MUSTER_PASSPHRASE", PASSPHRASE)
    field = open_installation(Paths(tmp_path / "field"))
    hq = open_installation(Paths(tmp_path / "hq"))
    try:
        identity.create_identity(field, Profile(name="Jean", mission="MONUSCO"), PASSPHRASE)
        identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
        trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
        info = create_training(field, _training("Т" * 500, topic="ع" * 500, location="B" * 200))
        add_participant(field, info.id, PersonInput(full_name="N" * 300, sex="F",
                                                    organisation="O" * 300, email="e" * 190 + "@un.org"))  # fmt: skip
        key = identity.unlock_private_key(field, PASSPHRASE)
        bundle = export_bundle(field, tmp_path / "field.muster", key, full=True).path
        outcome = import_bundles(hq, [bundle])
        assert outcome.summaries[0].total("new") > 0
        assert get_training(hq, info.id).title == "Т" * 500
    finally:
        field.close()
        hq.close()


def test_a_writer_that_skips_the_check_cannot_store_a_long_text(installation) -> None:  # type: ignore[no-untyped-def]
    """The net under the forms: the flush refuses, the transaction rolls back."""
    from app.db.limits import TextTooLong
    from app.db.models import Partner

    info = create_training(installation, _training("Atelier"))
    too_long = pytest.raises(TextTooLong, match=r"trainings\.title: 501 characters, at most 500")
    with too_long, installation.db.transaction() as session:
        row = session.get(Training, info.id)
        assert row is not None
        row.title = "É" * 501
        row.theme = "fits"
    assert get_training(installation, info.id).title == "Atelier"  # nothing stored

    too_long = pytest.raises(TextTooLong, match=r"partners\.acronym: 41 characters, at most 40")
    with too_long, installation.db.transaction() as session:
        session.add(Partner(acronym="A" * 41, name="A new partner"))
    with installation.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Partner).where(
            Partner.name == "A new partner")) == 0  # fmt: skip
