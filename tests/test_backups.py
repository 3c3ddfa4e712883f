"""Backups: consistent copies, rotation, checks before a restore, the commands."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db.backup import parse_backup_name, timestamped_backup_path
from app.db.cipher import connect
from app.errors import UserError
from app.paths import Paths
from app.services import backups
from app.services.installation import open_installation
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import connect_database, run_cli


def _counts(database: Path) -> tuple[int, int, int]:
    conn = connect_database(database)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
            for t in ("trainings", "people", "attendance")
        )
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_training(inst, title: str = "Atelier sur la chaîne pénale") -> str:  # type: ignore[no-untyped-def]
    info = create_training(
        inst,
        TrainingInput(
            mission="MONUSCO",
            title=title,
            start=date(2024, 9, 10),
            end=date(2024, 9, 10),
            sessions=(SessionInput(date=date(2024, 9, 10), location="Beni"),),
        ),
    )
    return info.id


def test_backup_while_in_use_is_consistent_and_self_contained(demo_installation) -> None:  # type: ignore[no-untyped-def]
    inst = demo_installation
    _add_training(inst)  # sits in the WAL, not yet checkpointed into the main file
    assert Path(f"{inst.paths.database}-wal").stat().st_size > 0
    path = backups.backup_now(inst)
    assert path.parent == inst.paths.backups
    assert not Path(f"{path}-wal").exists()  # one file, no sidecar
    check = backups.check_database_file(path, inst.key)
    assert (check.trainings, check.people) == _counts(inst.paths.database)[:2]
    assert check.trainings == 4
    assert backups.list_backups(inst.paths)[0].reason == "manual"


def test_backup_to_a_chosen_file_and_refuses_the_database_itself(installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = backups.backup_now(installation, tmp_path / "usb" / "muster.sqlite3")
    assert backups.check_database_file(out, installation.key).revision
    assert b"SQLite format 3" not in out.read_bytes()[:100]  # encrypted like the database
    folder_target = backups.backup_now(installation, tmp_path / "usb")
    assert folder_target.parent == tmp_path / "usb"
    with pytest.raises(UserError, match="database itself"):
        backups.backup_now(installation, installation.paths.database)


def test_backup_before_names_the_reason_and_rotates(installation) -> None:  # type: ignore[no-untyped-def]
    for _ in range(backups.KEEP_AUTOMATIC + 3):
        path = backups.backup_before(installation, "import")
    assert parse_backup_name(path.name)[1] == "before-import"  # type: ignore[index]
    kept = backups.list_backups(installation.paths)
    assert len(kept) == backups.KEEP_AUTOMATIC  # all made today: the week keeps no extra
    assert kept[0].path == path


def test_daily_backup_only_when_the_newest_is_a_day_old(installation) -> None:  # type: ignore[no-untyped-def]
    first = backups.auto_backup_if_due(installation)
    assert first is not None and "daily" in first.name
    assert backups.auto_backup_if_due(installation) is None
    later = datetime.now() + timedelta(days=1, minutes=1)
    assert backups.auto_backup_if_due(installation, now=later) is not None


def _fake_backup(folder: Path, made: datetime, reason: str) -> Path:
    stamp = made.strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"muster-{stamp}-{reason}.sqlite3"
    path.write_bytes(b"x")
    return path


@given(
    ages=st.lists(st.integers(min_value=0, max_value=120 * 24), min_size=0, max_size=40),
    manual=st.lists(st.integers(min_value=0, max_value=200 * 24), max_size=5),
)
def test_rotation_keeps_newest_weekly_and_every_manual(
    tmp_path_factory: pytest.TempPathFactory, ages: list[int], manual: list[int]
) -> None:
    folder = tmp_path_factory.mktemp("rotation")
    paths = Paths(folder)
    paths.backups.mkdir()
    now = datetime(2025, 6, 1, 12, 0)
    auto = {
        _fake_backup(paths.backups, now - timedelta(hours=h, microseconds=i), "before-daily")
        for i, h in enumerate(ages)
    }
    hand = {
        _fake_backup(paths.backups, now - timedelta(hours=h, microseconds=i), "manual")
        for i, h in enumerate(manual)
    }
    before = backups.list_backups(paths)
    backups.rotate(paths, now=now)
    left = {b.path for b in backups.list_backups(paths)}
    assert hand <= left  # manual backups are never deleted
    newest_auto = [b.path for b in before if b.automatic][: backups.KEEP_AUTOMATIC]
    assert set(newest_auto) <= left
    kept_auto = left & auto
    assert len(kept_auto) <= backups.KEEP_AUTOMATIC + backups.KEEP_WEEKS
    for week in range(backups.KEEP_WEEKS):  # each recent week keeps its newest backup
        in_week = [b for b in before if b.automatic and (now - b.created_at).days // 7 == week]
        if in_week:
            assert in_week[0].path in left


def test_restore_round_trip_keeps_the_replaced_database(demo_installation) -> None:  # type: ignore[no-untyped-def]
    inst = demo_installation
    paths = inst.paths
    snapshot = backups.backup_now(inst)
    before = _counts(paths.database)
    _add_training(inst, "Formation ajoutée après la sauvegarde")
    after_edit = _counts(paths.database)
    assert after_edit[0] == before[0] + 1
    inst.close()
    result = backups.restore(paths, snapshot, inst.key)
    assert _counts(paths.database) == before
    assert result.previous_copy is not None
    assert _counts(result.previous_copy) == after_edit  # nothing is ever lost
    assert not Path(f"{paths.database}-wal").exists() or (
        Path(f"{paths.database}-wal").stat().st_size == 0
    )
    reopened = open_installation(paths)
    try:
        assert _counts(paths.database) == before
        assert backups.list_backups(paths)[0].reason == "before-restore"
    finally:
        reopened.close()


def _bad_files(tmp_path: Path, good: Path, key: bytes) -> dict[str, tuple[Path, str]]:
    garbage = tmp_path / "photo.sqlite3"
    garbage.write_bytes(b"\xff\xd8\xff\xe0 not a database at all" * 100)
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    conn = connect(newer, key)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 5):  # scribble over b-tree pages
        data[offset : offset + 64] = b"\x0d" * 64
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.sqlite3"  # another installation's: another data key
    conn = connect(foreign, os.urandom(32))
    conn.execute("CREATE TABLE alembic_version(version_num)")
    conn.commit()
    conn.close()
    return {
        "garbage": (garbage, "not a backup of this installation"),
        "foreign": (foreign, "another installation's key"),
        "truncated": (truncated, "damaged|cannot be restored"),
        "other": (other, "not a Muster database"),
        "newer": (newer, "newer version"),
        "damaged": (damaged, "damaged|cannot be restored"),
        "missing": (tmp_path / "nowhere.sqlite3", "There is no file"),
    }


def test_restore_refuses_bad_files_and_touches_nothing(demo_installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    inst = demo_installation
    paths = inst.paths
    good = backups.backup_now(inst, tmp_path / "good.sqlite3")
    inst.close()
    before_digest = _digest(paths.database)
    before_backups = backups.list_backups(paths)
    for name, (file, message) in _bad_files(tmp_path, good, inst.key).items():
        with pytest.raises(UserError, match=message):
            backups.restore(paths, file, inst.key)
        assert _digest(paths.database) == before_digest, name
        assert backups.list_backups(paths) == before_backups, name
    assert not list(paths.home.glob(".restoring-*"))


def test_cli_backup_list_and_restore(demo_installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = demo_installation.paths.home
    demo_installation.close()
    out = tmp_path / "stick" / "backup.sqlite3"
    code, stdout, stderr = run_cli("backup", "-o", str(out), home=home)
    assert code == 0, stderr
    assert out.is_file() and "Backup written" in stdout
    code, stdout, _ = run_cli("backup", home=home)
    assert code == 0
    code, stdout, _ = run_cli("backups", "--json", home=home)
    listed = json.loads(stdout)
    assert [b["reason"] for b in listed] == ["manual"]
    # Without --yes and without a terminal: refused, nothing changed.
    digest = _digest(home / "muster.sqlite3")
    code, _, stderr = run_cli("restore", str(out), home=home)
    assert code == 1 and "--yes" in stderr
    assert _digest(home / "muster.sqlite3") == digest
    code, stdout, stderr = run_cli("restore", str(out), "--yes", home=home)
    assert code == 0, stderr
    assert "3 trainings" in stdout and "kept as" in stdout
    # A backup can be named by its file name in the backups folder.
    name = Path(listed[0]["file"]).name
    code, _, stderr = run_cli("restore", name, "--yes", home=home)
    assert code == 0, stderr
    code, _, stderr = run_cli("restore", "no-such-backup.sqlite3", "--yes", home=home)
    assert code == 1 and "muster backups" in stderr


def test_cli_restore_takes_a_path_relative_to_the_current_folder(
    demo_installation, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    home = demo_installation.paths.home
    demo_installation.close()
    stick = tmp_path / "stick"
    code, _, stderr = run_cli("backup", "-o", str(stick / "backup.sqlite3"), home=home)
    assert code == 0, stderr
    monkeypatch.chdir(tmp_path)
    for relative in ("stick/backup.sqlite3", "./stick/../stick/backup.sqlite3"):
        code, stdout, stderr = run_cli("restore", relative, "--yes", home=home)
        assert code == 0, stderr
        assert "Restored backup.sqlite3" in stdout
    monkeypatch.chdir(stick)
    code, stdout, stderr = run_cli("restore", "backup.sqlite3", "--yes", home=home)
    assert code == 0, stderr
    # Refused in one sentence, never a traceback: a folder, a missing file, garbage.
    (stick / "photo.sqlite3").write_bytes(b"not a database " * 300)
    digest = _digest(home / "muster.sqlite3")
    for bad, said in (("..", "is a folder"), ("nope/x.sqlite3", "There is no file"),
                      ("photo.sqlite3", "not a backup of this installation")):  # fmt: skip
        code, stdout, stderr = run_cli("restore", bad, "--yes", home=home)
        assert code == 1, (bad, stderr)
        assert stderr.count("\n") == 1 and said in stderr and "Traceback" not in stderr
    assert _digest(home / "muster.sqlite3") == digest


def test_upgrade_backup_goes_through_the_backups_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = timestamped_backup_path(tmp_path, "before-upgrade-none")
    made, reason = parse_backup_name(path.name)  # type: ignore[misc]
    assert reason == "before-upgrade-none"
    assert abs((datetime.now() - made).total_seconds()) < 60
