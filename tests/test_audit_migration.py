"""Revision 0007_audit on a database full of 0003 records: every record kept, new tables empty
but for the UN staff category and the old consent flag mapped to follow-up consent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text

AUDIT_TABLES = {"perdiem_plans", "perdiem_rates", "perdiem_people", "consents",
                "person_profiles", "evidence_files", "evidence_sent"}  # fmt: skip


def _migrate(engine: Any, target: str, down: bool = False) -> None:
    from alembic import command

    from app.db.migrate import alembic_config

    config = alembic_config(engine)
    with engine.connect() as conn:
        # Downgrades rebuild tables that others point to (SQLite's batch mode): with foreign
        # keys enforced, dropping the old trainings table would fail. Muster itself only
        # ever upgrades; downgrades exist for tests like this one.
        conn.exec_driver_sql(f"PRAGMA foreign_keys={'OFF' if down else 'ON'}")
        conn.commit()  # ends SQLAlchemy's autobegun transaction (the driver began none)
        with conn.begin():
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, target)
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


def _dump(engine: Any, columns: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, in the columns it had at 0003 (later revisions add some)."""
    dumped = {}
    with engine.connect() as conn:
        for table, names in columns.items():
            listed = ", ".join(f'"{name}"' for name in names)
            rows = conn.execute(text(f'SELECT {listed} FROM "{table}"'))
            dumped[table] = sorted(
                tuple(map(str, r))
                for r in rows
                if not (table == "settings" and r[0] == "hlc")  # the clock moves: it stamps rows
            )
    return dumped


def test_0007_keeps_every_record_of_0003(demo_installation: Any) -> None:
    from app.db.base import derived_id
    from app.db.migrate import current_revision, head_revision

    engine = demo_installation.db.engine
    with engine.begin() as conn:  # the old yes/no flag on a few people
        conn.execute(text("UPDATE people SET consent = 1 WHERE id IN "
                          "(SELECT id FROM people ORDER BY id LIMIT 3)"))  # fmt: skip
    _migrate(engine, "0003_reference_names", down=True)
    old_tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    assert not AUDIT_TABLES & set(old_tables)
    inspector = inspect(engine)
    old_columns = {t: [c["name"] for c in inspector.get_columns(t)] for t in old_tables}
    before = _dump(engine, old_columns)
    assert sum(len(rows) for rows in before.values()) > 500
    _migrate(engine, "head")
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= AUDIT_TABLES
    after = _dump(engine, old_columns)
    staff = derived_id("category", "un_staff")
    for table in old_tables:
        kept = set(before[table])
        assert kept <= set(after[table]), table
        added = set(after[table]) - kept
        if table == "categories":
            assert len(added) == 1 and staff in next(iter(added))
        else:
            assert not added, (table, sorted(added)[:3])
    with engine.connect() as conn:
        consents = conn.execute(text("SELECT person_id, purpose, granted FROM consents")).all()
        flagged = conn.execute(
            text("SELECT id FROM people WHERE consent = 1 AND deleted = 0")
        ).all()
    assert len(flagged) >= 3
    assert sorted(consents) == sorted((pid, "follow_up", 1) for (pid,) in flagged)
