"""A first bundle into empty tables: SQLite builds their secondary indexes after the rows.

The bulk path drops each table's own non-unique indexes, inserts, and recreates them from
the schema's own statements, all in the import's transaction. Every index must come back
as it was, the rows must be the field's, and a refused bundle must leave the indexes too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from tests.helpers import connect_database

PASSPHRASE = "correct horse battery staple"
RECORDS = ("people", "enrolments", "attendance", "trainings", "training_sessions")


def _indexes(path: Path) -> set[tuple[str, str]]:
    conn = connect_database(path)
    try:
        return set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    finally:
        conn.close()


def _rows(path: Path) -> dict[str, list[Any]]:
    conn = connect_database(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in RECORDS}
    finally:
        conn.close()


@pytest.fixture
def field_and_hq(tmp_path: Path) -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, trust

    field = open_installation(Paths(tmp_path / "field"))
    identity.create_identity(field, Profile(name="Focal", mission="MONUSCO"), PASSPHRASE)
    load_demo(field)
    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
    trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
    key = identity.unlock_private_key(field, PASSPHRASE)
    bundle = export_bundle(field, tmp_path / "full.muster", key, full=True).path
    yield field, hq, bundle
    field.close()
    hq.close()


def test_a_first_load_builds_every_index_back(field_and_hq: Any, monkeypatch: Any) -> None:
    from app.services.sync import import_bundles, merge
    from tests.test_report_figures import assert_kept_equals_recount

    field, hq, bundle = field_and_hq
    monkeypatch.setattr(merge, "BULK_ROWS", 1)  # the demo's tables take the bulk path
    dropped: list[str] = []
    secondary = merge._secondary_indexes
    monkeypatch.setattr(merge, "_secondary_indexes",
                        lambda conn, t: dropped.extend(n for n, _ in secondary(conn, t))
                        or secondary(conn, t))  # fmt: skip
    before = _indexes(hq.paths.database)
    import_bundles(hq, [bundle])
    assert {"ix_attendance_person_id", "ix_enrolments_person_id", "ix_people_name_key"} <= set(
        dropped
    )
    assert _indexes(hq.paths.database) == before
    assert _rows(hq.paths.database) == _rows(field.paths.database)
    assert_kept_equals_recount(hq)


def test_a_refused_first_load_leaves_the_indexes(field_and_hq: Any, monkeypatch: Any) -> None:
    from app.services.sync import import_bundles, merge

    _field, hq, bundle = field_and_hq
    monkeypatch.setattr(merge, "BULK_ROWS", 1)
    real = merge._insert_sql

    def failing(table: str, columns: tuple[str, ...]) -> str:
        # The last table fails after the others were loaded and their indexes rebuilt.
        return real(table, columns).replace("INTO attendance", "INTO attendance_missing")

    monkeypatch.setattr(merge, "_insert_sql", failing)
    before, rows = _indexes(hq.paths.database), _rows(hq.paths.database)
    with pytest.raises(sqlcipher3.OperationalError, match="attendance_missing"):
        import_bundles(hq, [bundle])
    assert _indexes(hq.paths.database) == before
    assert _rows(hq.paths.database) == rows
