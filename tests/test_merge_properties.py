"""Merge properties over random edits on three real installations (hypothesis).

Each example copies three field installations (real SQLite files with identities,
built once) and an HQ, applies random edits, deletions and device-to-device
exchanges through the ORM (so versions are stamped as in the app), exports real
bundles and imports them at HQ in different orders, with duplicates and in
separate batches. Properties: the synced tables end identical whatever the order
(order independence), re-importing changes nothing (idempotence), every record is
the newest copy from any bundle (convergence, deletions included), and a batch
holding one bad bundle changes nothing (atomicity).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.base import derived_id, sync_tables
from tests.helpers import connect_database

PASSPHRASE = "correct horse battery staple"
DEVICES = 3
PEOPLE = 4
EXAMPLES = max(8, settings.default.max_examples // 4)


@dataclass
class Templates:
    folder: Path
    devices: list[Path]
    hq: Path
    keys: list[Any]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    from app.paths import Paths
    from app.services import identity, trust
    from app.services.installation import Profile, open_installation

    folder = tmp_path_factory.mktemp("merge-templates")
    devices, keys, certs = [], [], []
    for i in range(DEVICES):
        inst = open_installation(Paths(folder / f"dev{i}"))
        identity.create_identity(inst, Profile(name=f"Device {i}", mission="MONUSCO"), PASSPHRASE)
        keys.append(identity.unlock_private_key(inst, PASSPHRASE))
        certs.append(identity.load_identity(inst).certificate_pem)  # type: ignore[union-attr]
        devices.append(inst)
    hq = open_installation(Paths(folder / "hq"))
    for inst in [*devices, hq]:
        for cert in certs:
            trust.add_trusted(inst, cert)
    for inst in [*devices, hq]:
        with inst.db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        inst.close()
    yield Templates(folder, [folder / f"dev{i}" for i in range(DEVICES)], folder / "hq", keys)


def _open_copy(template: Path, target: Path) -> Any:
    from app.db.engine import Database
    from app.paths import Paths
    from app.services import vault
    from app.services.installation import Installation

    shutil.copytree(template, target)
    paths = Paths(target)
    return Installation(paths, Database(paths.database, vault.unlock(paths, PASSPHRASE)))


TRAINING = derived_id("prop-training", "t")
SESSION = derived_id("prop-session", "s")


def _ensure_training(session: Any) -> None:
    from datetime import date

    from app.db.models import Training, TrainingSession
    from app.services.reference import mission_id

    if session.get(Training, TRAINING) is None:
        session.add(Training(id=TRAINING, mission_id=mission_id("MONUSCO"), title="Atelier",
                             start_date=date(2024, 9, 10), end_date=date(2024, 9, 12)))  # fmt: skip
        session.flush()
        session.add(TrainingSession(id=SESSION, training_id=TRAINING, date=date(2024, 9, 10)))
        session.flush()


def _person_id(k: int) -> str:
    return derived_id("prop-person", str(k))


NAMES = ("Aïcha Benali", "Иван Петров", "محمد علي", "Jean Mukendi")

operation = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, DEVICES - 1),
        st.integers(0, PEOPLE - 1),
        st.sampled_from(NAMES),
        st.sampled_from("FMX"),
    ),
    st.tuples(st.just("delete"), st.integers(0, DEVICES - 1), st.integers(0, PEOPLE - 1)),
    st.tuples(
        st.just("attend"),
        st.integers(0, DEVICES - 1),
        st.integers(0, PEOPLE - 1),
        st.sampled_from(("present", "absent", "excused")),
    ),
    st.tuples(st.just("export"), st.integers(0, DEVICES - 1)),
    st.tuples(st.just("exchange"), st.integers(0, DEVICES - 1), st.integers(0, DEVICES - 1)),
)


def _apply(op: tuple[Any, ...], devices: list[Any], keys: list[Any], bundles: list[Path],
           folder: Path) -> None:  # fmt: skip
    from app.db.models import Attendance, Person
    from app.services.bundles import export_bundle
    from app.services.sync import import_bundles

    kind, dev = op[0], devices[op[1]]
    if kind == "export" or kind == "exchange":
        path = export_bundle(
            dev, folder / f"b{len(bundles)}.muster", keys[op[1]], recipient=""
        ).path
        bundles.append(path)
        if kind == "exchange" and op[2] != op[1]:
            import_bundles(devices[op[2]], [path])
        return
    with dev.db.transaction() as session:
        pid = _person_id(op[2])
        person = session.get(Person, pid)
        if kind == "edit":
            if person is None:
                session.add(Person(id=pid, full_name=op[3], sex=op[4]))
            else:
                person.full_name, person.sex, person.deleted = op[3], op[4], False
        elif kind == "delete":
            if person is not None:
                person.deleted = True
        elif kind == "attend":
            if person is None:
                session.add(Person(id=pid, full_name=NAMES[op[2]], sex="X"))
                session.flush()
            _ensure_training(session)
            aid = derived_id("attendance", SESSION, pid)
            mark = session.get(Attendance, aid)
            if mark is None:
                session.add(Attendance(id=aid, session_id=SESSION, person_id=pid, status=op[3]))
            else:
                mark.status = op[3]


def synced_content(inst: Any) -> dict[str, list[tuple[Any, ...]]]:
    conn = connect_database(inst.db.path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in sync_tables()}
    finally:
        conn.close()


def full_dump(inst: Any) -> str:
    conn = connect_database(inst.db.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.timeout(300)  # a property test of many real imports, not a hang
@settings(max_examples=EXAMPLES)
@given(
    ops=st.lists(operation, min_size=1, max_size=12),
    order=st.randoms(use_true_random=False),
)
def test_bundles_merge_the_same_whatever_the_order(templates: Templates, ops, order) -> None:  # type: ignore[no-untyped-def]
    from app.services.bundles import read_bundle, table_columns
    from app.services.sync import import_bundles

    folder = Path(tempfile.mkdtemp(prefix="merge-prop-"))
    opened: list[Any] = []
    try:
        devices = [_open_copy(t, folder / f"dev{i}") for i, t in enumerate(templates.devices)]
        opened += devices
        bundles: list[Path] = []
        for op in ops:
            _apply(op, devices, templates.keys, bundles, folder)
        for i in range(DEVICES):  # every change leaves in some bundle
            _apply(("export", i), devices, templates.keys, bundles, folder)

        hq_a, hq_b, hq_c = (_open_copy(templates.hq, folder / n) for n in ("a", "b", "c"))
        opened += [hq_a, hq_b, hq_c]
        import_bundles(hq_a, bundles)
        shuffled = list(bundles)
        order.shuffle(shuffled)
        import_bundles(hq_b, shuffled + shuffled[:2])  # duplicates in one batch
        for path in reversed(bundles):  # one at a time, newest first
            import_bundles(hq_c, [path])

        # Order independence and convergence of the three HQ copies.
        content = synced_content(hq_a)
        assert synced_content(hq_b) == content
        assert synced_content(hq_c) == content

        # Every record is the newest copy any bundle carried (deletions included).
        newest: dict[str, dict[str, list[Any]]] = {}
        for path in bundles:
            verified = read_bundle(hq_a, path)
            for table, data in verified.tables.items():
                v, by = (
                    table_columns(table).index("version"),
                    table_columns(table).index("updated_by"),
                )
                bucket = newest.setdefault(table, {})
                for row in data.rows:
                    best = bucket.get(row[0])
                    if best is None or (row[v], row[by]) > (best[v], best[by]):
                        bucket[row[0]] = row
        conn = connect_database(hq_a.db.path)
        try:
            for table, rows in newest.items():
                cols = ", ".join(table_columns(table))
                for rid, row in rows.items():
                    stored = conn.execute(
                        f"SELECT {cols} FROM {table} WHERE id = ?", (rid,)
                    ).fetchone()
                    assert list(stored) == row, (table, rid)
        finally:
            conn.close()
        # The last word of each device about a person is what its final state says.
        for dev in devices:
            for table, rows in synced_content(dev).items():
                for row in rows:
                    assert row in content[table] or _older_than_hq(table, row, content[table])

        # Idempotence: importing everything again changes nothing at all.
        before = full_dump(hq_a)
        outcome = import_bundles(hq_a, bundles)
        assert not outcome.changed
        assert all(s.already_received for s in outcome.summaries)
        assert full_dump(hq_a) == before

        # Atomicity: a batch with one bad bundle leaves the database exactly as it was.
        bad = folder / "bad.muster"
        data = bytearray(bundles[-1].read_bytes())
        data[len(data) // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
        fresh = _open_copy(templates.hq, folder / "d")
        opened.append(fresh)
        before = full_dump(fresh)
        with pytest.raises(Exception, match=r"bad\.muster"):
            import_bundles(fresh, [*bundles, bad])
        assert full_dump(fresh) == before
    finally:
        for inst in opened:
            inst.close()
        shutil.rmtree(folder, ignore_errors=True)


def _older_than_hq(table: str, row: tuple[Any, ...], hq_rows: list[tuple[Any, ...]]) -> bool:
    """A device's copy may be older than HQ's (another device won), never newer."""
    from app.db.base import Base

    cols = [c.name for c in Base.metadata.tables[table].columns]
    rid, v, by = cols.index("id"), cols.index("version"), cols.index("updated_by")
    for other in hq_rows:
        if other[rid] == row[rid]:
            return (other[v], other[by]) > (row[v], row[by])
    return False


def test_a_race_is_kept_as_a_conflict_with_both_versions(templates: Templates) -> None:
    """Two devices edit the same person without seeing each other: newest wins, both kept."""
    from app.db.models import Person
    from app.services.bundles import export_bundle
    from app.services.sync import import_bundles, list_conflicts

    folder = Path(tempfile.mkdtemp(prefix="merge-race-"))
    opened: list[Any] = []
    try:
        a, b = (_open_copy(t, folder / f"dev{i}") for i, t in enumerate(templates.devices[:2]))
        hq = _open_copy(templates.hq, folder / "hq")
        opened += [a, b, hq]
        pid = _person_id(0)
        for dev, name in ((a, "Aïcha Benali"), (b, "Aicha Ben Ali")):
            with dev.db.transaction() as session:
                session.add(Person(id=pid, full_name=name, sex="F"))
        bundles = [
            export_bundle(dev, folder / f"{i}.muster", templates.keys[i], recipient="").path
            for i, dev in enumerate((a, b))
        ]
        outcome = import_bundles(hq, bundles)
        assert sum(s.total("conflicts") for s in outcome.summaries) == 1
        (conflict,) = list_conflicts(hq)
        assert {conflict.kept["full_name"], conflict.other["full_name"]} == {
            "Aïcha Benali",
            "Aicha Ben Ali",
        }
        assert conflict.kept["full_name"] == "Aicha Ben Ali"  # b edited last
        # Once b has seen a's version, b's next edit is no race.
        import_bundles(b, [bundles[0]])
        with b.db.transaction() as session:
            session.get(Person, pid).full_name = "Aïcha Ben Ali"  # type: ignore[union-attr]
        later = export_bundle(b, folder / "2.muster", templates.keys[1], recipient="").path
        outcome = import_bundles(hq, [later])
        assert outcome.summaries[0].total("conflicts") == 0
        assert outcome.summaries[0].total("updated") == 1
    finally:
        for inst in opened:
            inst.close()
        shutil.rmtree(folder, ignore_errors=True)
