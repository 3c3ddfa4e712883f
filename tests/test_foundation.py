"""Foundation: paths, migrations, the Qt-free core, sync stamping, validation, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select

from app.db.base import Base
from app.db.migrate import current_revision, head_revision, upgrade_to_head
from app.db.models import Person, Training
from app.errors import NotFoundError, UserError, ValidationError
from app.paths import Paths, get_paths
from app.services import attendance, people, reports, trainings
from app.services.people import PersonInput
from app.services.trainings import PartnerRoleInput, SessionInput, TrainingInput
from tests.helpers import ROOT, run_cli, run_muster


def _training(**overrides: object) -> TrainingInput:
    data = {
        "title": "Formation sur la prévention de l'extrémisme violent",
        "mission": "MONUSCO",
        "start": date(2025, 3, 10),
        "end": date(2025, 3, 14),
        "kind": "training",
        "status": "planned",
        "partners": (PartnerRoleInput("UNODC", "lead"), PartnerRoleInput("UNOCT", "funder")),
        "trainers": ("Marie Kabasele",),
        "sessions": (
            SessionInput(date(2025, 3, 10), "Beni", "Ouverture"),
            SessionInput(date(2025, 3, 12), "Bunia"),
        ),
    }
    data.update(overrides)
    return TrainingInput(**data)  # type: ignore[arg-type]


# --- paths -----------------------------------------------------------------------------


def test_home_option_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSTER_HOME", str(tmp_path / "env"))
    assert get_paths().home == (tmp_path / "env").resolve()
    assert get_paths(tmp_path / "cli").home == (tmp_path / "cli").resolve()


def test_everything_is_written_inside_the_home(home: Path) -> None:
    code, _, err = run_cli("demo", home=home)
    assert code == 0, err
    paths = Paths(home)
    for folder in (paths.database, paths.backups, paths.logs, paths.keys, paths.data_key):
        assert folder.resolve().is_relative_to(home.resolve())
    # Exports are plaintext on purpose: the folder suggested for them is outside the home.
    assert not paths.exports.resolve().is_relative_to(home.resolve())
    assert not paths.legacy_exports.exists()


# --- migrations ------------------------------------------------------------------------


def test_empty_database_upgraded_to_head_matches_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade_to_head(engine, tmp_path / "db.sqlite3", tmp_path / "backups")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []
    engine.dispose()


def test_upgrade_backs_up_an_existing_database_first(tmp_path: Path) -> None:
    db_file = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE legacy_notes (x TEXT)")
        conn.exec_driver_sql("INSERT INTO legacy_notes VALUES ('keep me')")
    backup = upgrade_to_head(engine, db_file, tmp_path / "backups")
    assert backup is not None and backup.exists()
    copy = create_engine(f"sqlite:///{backup}")
    with copy.connect() as conn:
        assert conn.exec_driver_sql("SELECT x FROM legacy_notes").scalar() == "keep me"
    copy.dispose()
    assert upgrade_to_head(engine, db_file, tmp_path / "backups") is None  # already at head
    engine.dispose()


def test_database_from_a_newer_muster_is_refused(tmp_path: Path) -> None:
    db_file = tmp_path / "new.sqlite3"
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('9999_future')")
    with pytest.raises(UserError, match="newer version"):
        upgrade_to_head(engine, db_file, tmp_path / "backups")
    engine.dispose()


# --- Qt-free core ----------------------------------------------------------------------


def test_core_imports_no_qt() -> None:
    """app.db, app.services and the CLI core load without PySide6 in the process."""
    code = (
        "import sys, pkgutil, importlib\n"
        "import app.db, app.services\n"
        "for pkg in (app.db, app.services):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "import app.cli, app.paths, app.errors\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_core_sources_do_not_mention_qt() -> None:
    for folder in ("app/db", "app/services"):
        for file in (ROOT / folder).rglob("*.py"):
            text = file.read_text(encoding="utf-8")
            assert "PySide6" not in text and "shiboken6" not in text, file


# --- sync fields -----------------------------------------------------------------------


def test_edits_are_stamped_with_device_and_growing_versions(installation) -> None:  # type: ignore[no-untyped-def]
    info = trainings.create_training(installation, _training())
    with installation.db.reading() as s:
        row = s.get(Training, info.id)
        assert row is not None
        first_version = row.version
        assert row.updated_by == installation.device_id
        assert len(row.id) == 36
    trainings.update_training(installation, info.id, _training(title="Nouvelle formation"))
    with installation.db.reading() as s:
        row = s.get(Training, info.id)
        assert row is not None and row.version > first_version


def test_delete_is_soft_and_undo_restores_everything(installation) -> None:  # type: ignore[no-untyped-def]
    info = trainings.create_training(installation, _training())
    p = people.add_participant(installation, info.id, PersonInput("Esther Mbuyi", "F", "police"))
    attendance.set_attendance(installation, info.sessions[0].id, p.person.id, "present")
    token = trainings.delete_training(installation, info.id)
    assert trainings.count_trainings(installation) == 0
    with installation.db.reading() as s:
        assert s.get(Training, info.id).deleted  # type: ignore[union-attr]
    restored = trainings.restore_training(installation, info.id, token)
    assert restored.participant_count == 1
    grid = attendance.get_grid(installation, info.id)
    assert grid.marks == {(p.person.id, info.sessions[0].id): "present"}


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"end": date(2025, 3, 1)}, "end", "before the start date"),
        ({"title": "   "}, "title", "title"),
        (
            {"sessions": (SessionInput(date(2025, 4, 1), "Beni"),)},
            "sessions.1.date",
            "outside the training's dates",
        ),
        ({"mission": "NOPE"}, "mission", "no mission"),
    ],
)
def test_training_validation_speaks_plainly(installation, overrides, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        trainings.create_training(installation, _training(**overrides))
    assert field in caught.value.errors
    assert words in caught.value.errors[field]
    assert trainings.count_trainings(installation) == 0  # nothing half-saved


def test_duplicate_enrolment_and_empty_name_are_refused(installation) -> None:  # type: ignore[no-untyped-def]
    info = trainings.create_training(installation, _training())
    p = people.add_participant(installation, info.id, PersonInput("Айгерим Серікбаева", "f"))
    with pytest.raises(UserError, match="already registered"):
        people.enrol(installation, info.id, p.person.id)
    with pytest.raises(ValidationError, match="name"):
        people.add_participant(installation, info.id, PersonInput("  ", "M"))
    with installation.db.reading() as s:
        assert len(s.scalars(select(Person)).all()) == 1


def test_unknown_training_gives_a_plain_error(installation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="muster trainings"):
        trainings.resolve_training(installation, "no-such-training")


def test_search_ignores_accents_case_and_script(installation) -> None:  # type: ignore[no-untyped-def]
    info = trainings.create_training(installation, _training())
    people.add_participant(installation, info.id, PersonInput("Déogratias Kambale", "M"))
    people.add_participant(installation, info.id, PersonInput("فاطمة الزوي", "F"))
    assert [p.full_name for p in people.search_people(installation, "DEOGRATIAS")] == [
        "Déogratias Kambale"
    ]
    assert trainings.search_training_ids(installation, trainings.TrainingFilter(text="kambale"))
    assert trainings.search_training_ids(installation, trainings.TrainingFilter(text="bunia"))
    assert trainings.search_training_ids(installation, trainings.TrainingFilter(text="unodc"))
    assert not trainings.search_training_ids(installation, trainings.TrainingFilter(text="goma"))


# --- reports and demo ------------------------------------------------------------------


@pytest.mark.usefixtures("database")  # SQLite and PostgreSQL
def test_report_counts_unique_people_across_trainings(installation) -> None:  # type: ignore[no-untyped-def]
    a = trainings.create_training(installation, _training())
    b = trainings.create_training(installation, _training(title="Second", start=date(2025, 6, 1),
                                                          end=date(2025, 6, 2), sessions=()))  # fmt: skip
    p = people.add_participant(installation, a.id, PersonInput("Jean Mukendi", "M", "magistrate"))
    people.enrol(installation, b.id, p.person.id)
    people.add_participant(installation, b.id, PersonInput("Honorée Kalala", "F", "corrections"))
    report = reports.build_report(installation)
    assert report.trainings == 2
    assert report.participants == 2
    assert report.by_category == {"Corrections officer": 1, "Magistrate / judge": 1}
    assert report.by_sex == {"female": 1, "male": 1, "unspecified": 0}
    june = reports.build_report(installation, reports.ReportFilter(date_from=date(2025, 5, 1)))
    assert (june.trainings, june.participants) == (1, 2)


def test_demo_then_report_through_the_real_command(home: Path) -> None:
    first = run_muster("demo", home=home)
    assert first.returncode == 0, first.stderr

    again = run_muster("demo", home=home)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert run_muster("trainings", "--json", home=home).returncode == 0
    result = run_muster("report", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["trainings"] == 3
    assert data["sessions"] >= 5
    assert data["participants"] >= 125
    assert set(data["by_mission"]) == {"MONUSCO", "UNRCCA", "UNSMIL"}
    for needed in ("Magistrate / judge", "Police officer", "Corrections officer"):
        assert data["by_category"][needed] > 0
    assert sum(data["by_sex"].values()) == data["participants"]


def test_demo_twice_changes_no_row(demo_installation) -> None:  # type: ignore[no-untyped-def]
    from app.services.demo import load_demo

    def snapshot() -> list[tuple[object, ...]]:
        rows: list[tuple[object, ...]] = []
        with demo_installation.db.engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                rows += [(table, *r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}")]
        return sorted(rows, key=repr)

    before = snapshot()
    assert not load_demo(demo_installation).changed
    assert snapshot() == before


def test_field_installation_loads_only_its_mission(installation) -> None:  # type: ignore[no-untyped-def]
    from app.services.demo import load_demo
    from app.services.installation import Profile

    installation.save_profile(Profile(name="Awa Diallo", mission="monusco", role="field"))
    load_demo(installation)
    assert {r.mission for r in trainings.list_trainings(installation)} == {"MONUSCO"}


def test_cli_exit_codes(home: Path) -> None:
    assert run_cli("report", "--from", "2024-13-01", home=home)[0] == 1
    code, _, err = run_cli("report", "--mission", "NOPE", home=home)
    assert code == 1 and "no mission" in err and "\n" not in err.strip()
    assert run_cli("no-such-command", home=home)[0] == 2
    assert run_cli("demo", "--mission", "UNIFIL", home=home)[0] == 1
    for command in ("demo", "trainings", "report"):
        code, out, _ = run_cli(command, "--help", home=home)
        assert code == 0 and "usage" in out


def test_a_database_from_a_newer_muster_is_refused_with_its_kind(installation) -> None:  # type: ignore[no-untyped-def]
    """Code reacts to an error's kind, never to its text (the start-up screen offers no
    restore for a newer database, since a backup would be just as new)."""
    from app.errors import ErrorKind, NewerVersionError
    from app.services.installation import open_installation
    from tests.helpers import connect_database

    paths = installation.paths
    installation.close()
    conn = connect_database(paths.database)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError) as caught:
        open_installation(paths)
    assert caught.value.kind is ErrorKind.NEWER_VERSION
    assert isinstance(caught.value, UserError) and "newer version" in caught.value.message


def test_the_total_comes_with_the_ids(installation) -> None:  # type: ignore[no-untyped-def]
    """Nothing filtered: the ids are every training, so no count is asked; filtered: it is."""
    info = trainings.create_training(installation, _training())
    trainings.create_training(installation, _training())
    ids, total = trainings.search_with_total(installation)
    assert sorted(ids) == sorted(trainings.search_training_ids(installation)) and total == 2
    trainings.delete_training(installation, info.id)
    assert trainings.search_with_total(installation) == ([i for i in ids if i != info.id], 1)
    nothing = trainings.TrainingFilter(text="goma")
    assert trainings.search_with_total(installation, nothing) == ([], 1)  # counted, not matched
    assert not trainings.filters_anything(trainings.TrainingFilter(text="  ", order_by="title"))
    assert trainings.filters_anything(trainings.TrainingFilter(status="held"))
