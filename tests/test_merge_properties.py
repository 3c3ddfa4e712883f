"""Merge and rights properties over random edits by random signers (hypothesis).

Four real installations sign bundles: two field devices of MONUSCO, one of UNSMIL and
one HQ device. Random operations edit trainings, people, registrations and attendance
through the ORM (versions stamped as in the app); some operations are outside the
device's rights (a field device renaming a category), and the bundle carrying them must
be refused. HQ imports the bundles one at a time in two random orders and in one batch.
Properties: the same bundles are accepted in every order and exactly those without an
offence; HQ's synced tables end identical (order independence); every record is the
newest copy any accepted bundle carried (convergence, deletions included); every record
a field device authored lies inside its mission (rights); re-importing changes nothing
(idempotence); a batch holding one damaged bundle changes nothing (atomicity).

The HQ side runs on both databases: the SQLite file, and a real PostgreSQL server
(tests/pg_server.py) with fewer examples (each HQ copy is a database cloned on the server).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.db.base import derived_id
from app.db.models import sync_tables
from app.errors import UserError
from tests.helpers import connect_database
from tests.test_report_figures import assert_kept_equals_recount

PASSPHRASE = "correct horse battery staple"
# (role, mission) of each signing device; the last one is an HQ installation.
SIGNERS = (("field", "MONUSCO"), ("field", "MONUSCO"), ("field", "UNSMIL"), ("hq", ""))
DEVICES = len(SIGNERS)
HQ_DEVICE = DEVICES - 1
PEOPLE = 3
# About two seconds an example (four real installations, real bundles): CI's larger
# profile gets 12, which keeps this test near 25 s on two cores.
EXAMPLES = max(6, min(12, settings.default.max_examples // 5))
PG_EXAMPLES = max(2, EXAMPLES // 4)  # each example clones four databases on the server
_hq_names = itertools.count(1)


@dataclass
class Templates:
    folder: Path
    devices: list[Path]
    hq: Path
    keys: list[Any]
    certificates: list[bytes]
    pg: Any = None  # the PostgreSQL server the HQ copies live on (None: SQLite files)
    hq_database: str = ""  # the server's HQ template database
    made: list[str] = dataclasses.field(default_factory=list)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import trust

    folder = tmp_path_factory.mktemp("merge-templates")
    devices, keys, certs = [], [], []
    for i, (role, mission) in enumerate(SIGNERS):
        inst = open_installation(Paths(folder / f"dev{i}"))
        profile = Profile(name=f"Device {i}", role=role, mission=mission)
        identity.create_identity(inst, profile, PASSPHRASE)
        keys.append(identity.unlock_private_key(inst, PASSPHRASE))
        certs.append(identity.load_identity(inst).certificate_pem)  # type: ignore[union-attr]
        devices.append(inst)
    hq = open_installation(Paths(folder / "hq"))
    for inst in [*devices, hq]:
        for cert, (role, mission) in zip(certs, SIGNERS, strict=True):
            trust.add_trusted(inst, cert, role=role, mission=mission)
    for inst in [*devices, hq]:
        with inst.db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        inst.close()
    yield Templates(
        folder, [folder / f"dev{i}" for i in range(DEVICES)], folder / "hq", keys, certs
    )


@pytest.fixture(scope="module")
def pg_templates(templates: Templates, pg_server: Any) -> Iterator[Templates]:
    """The same devices, with HQ on the PostgreSQL server: a template database to clone."""
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.sync import trust
    from app.services.vault import KdfParams
    from tests.conftest import FIXTURE_KDF_ARGS

    name = pg_server.create_database(f"muster_hq{os.getpid()}")
    hq = open_installation(Paths(templates.folder / "hq-pg"), kdf=KdfParams(**FIXTURE_KDF_ARGS),
                           passphrase=PASSPHRASE, url=pg_server.url(name))  # fmt: skip
    for cert, (role, mission) in zip(templates.certificates, SIGNERS, strict=True):
        trust.add_trusted(hq, cert, role=role, mission=mission)
    hq.close()
    pg = dataclasses.replace(templates, hq=templates.folder / "hq-pg", pg=pg_server,
                             hq_database=name, made=[])  # fmt: skip
    yield pg
    for made in pg.made:
        pg_server.drop_database(made)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_templates(request: pytest.FixtureRequest) -> Templates:
    """HQ on the SQLite file or on the PostgreSQL server."""
    name = "templates" if request.param == "sqlite" else "pg_templates"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def _open_hq(templates: Templates, target: Path) -> Any:
    """A fresh HQ copy: a copied SQLite folder, or a database cloned on the server."""
    if templates.pg is None:
        return _open_copy(templates.hq, target)
    from app.db.engine import Database
    from app.paths import Paths
    from app.services import vault
    from app.services.installation import Installation

    name = f"muster_hq{os.getpid()}_{next(_hq_names)}"
    templates.pg.create_database(name, templates.hq_database)
    templates.made.append(name)
    shutil.copytree(templates.hq, target)
    paths = Paths(target)
    key = vault.unlock(paths, PASSPHRASE)
    return Installation(paths, Database(None, key, url=templates.pg.url(name)))


def _drop_copies(templates: Templates) -> None:
    while templates.made:
        templates.pg.drop_database(templates.made.pop())


def _assert_no_dangling_reference(inst: Any) -> None:
    """SQLite's own check, row by row, over everything the imports wrote without it."""
    if inst.db.engine.dialect.name != "sqlite":
        return  # PostgreSQL checks every foreign key as it writes
    with _connect(inst) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@contextlib.contextmanager
def _connect(inst: Any) -> Iterator[Any]:
    """A connection on an HQ copy (either database) with ``?`` placeholders and values
    shaped as in a bundle (app/db/raw.py), for looking inside."""
    from app.db.raw import raw_connection

    with raw_connection(inst.db.engine) as conn:
        yield conn


def _open_copy(template: Path, target: Path) -> Any:
    from app.db.engine import Database
    from app.paths import Paths
    from app.services import vault
    from app.services.installation import Installation

    shutil.copytree(template, target)
    paths = Paths(target)
    return Installation(paths, Database(paths.database, vault.unlock(paths, PASSPHRASE)))


def _training_id(mission: str, k: int = 0) -> str:
    return derived_id("prop-training", mission, str(k))


def _session_id(mission: str) -> str:
    return derived_id("prop-session", mission)


def _person_id(mission: str, k: int) -> str:
    return derived_id("prop-person", mission, str(k))


def _ensure_training(session: Any, mission: str, k: int = 0, title: str = "Atelier") -> Any:
    from datetime import date

    from app.db.models import Training, TrainingSession
    from app.services.reference import mission_id

    training = session.get(Training, _training_id(mission, k))
    if training is None:
        training = Training(id=_training_id(mission, k), mission_id=mission_id(mission),
                            title=title, start_date=date(2024, 9, 10), end_date=date(2024, 9, 12))  # fmt: skip
        session.add(training)
        session.flush()
    if k == 0 and session.get(TrainingSession, _session_id(mission)) is None:
        session.add(TrainingSession(id=_session_id(mission), training_id=training.id,
                                    date=date(2024, 9, 10)))  # fmt: skip
        session.flush()
    return training


NAMES = ("Aïcha Benali", "Иван Петров", "محمد علي", "Jean Mukendi")
MISSIONS = ("MONUSCO", "UNSMIL")

operation = st.one_of(
    st.tuples(st.just("training"), st.integers(0, DEVICES - 1), st.integers(0, 1),
              st.sampled_from(("Atelier", "Séminaire", "Formation")), st.integers(0, 1)),
    st.tuples(st.just("person"), st.integers(0, DEVICES - 2), st.integers(0, PEOPLE - 1),
              st.sampled_from(NAMES), st.sampled_from("FMX")),
    st.tuples(st.just("delete"), st.integers(0, DEVICES - 2), st.integers(0, PEOPLE - 1)),
    st.tuples(st.just("attend"), st.integers(0, DEVICES - 2), st.integers(0, PEOPLE - 1),
              st.sampled_from(("present", "absent", "excused"))),
    st.tuples(st.just("category"), st.integers(0, DEVICES - 1)),
    st.tuples(st.just("export"), st.integers(0, DEVICES - 1)),
)  # fmt: skip


def _mission_of(device: int, pick: int = 0) -> str:
    role, mission = SIGNERS[device]
    return MISSIONS[pick] if role == "hq" else mission


def _apply(op: tuple[Any, ...], devices: list[Any], keys: list[Any], bundles: list[Path],
           folder: Path, counter: list[int]) -> None:  # fmt: skip
    from app.db.models import Attendance, Category, Enrolment, Person
    from app.services.sync import export_bundle

    kind, d = op[0], op[1]
    dev = devices[d]
    counter[0] += 1
    if kind == "export":
        path = export_bundle(dev, folder / f"b{len(bundles)}-dev{d}.muster", keys[d],
                             recipient="").path  # fmt: skip
        bundles.append(path)
        return
    with dev.db.transaction() as session:
        if kind == "training":
            training = _ensure_training(session, _mission_of(d, op[4]), op[2])
            training.title = f"{op[3]} {counter[0]}"
            return
        if kind == "category":  # an offence for a field device, a right for HQ
            category = session.get(Category, derived_id("category", "magistrate"))
            if category is not None:
                category.name_en = f"Magistrate (device {d}, edit {counter[0]})"
            return
        mission = _mission_of(d)
        pid = _person_id(mission, op[2])
        person = session.get(Person, pid)
        if kind == "delete":
            if person is not None:
                person.deleted = True
            return
        training = _ensure_training(session, mission)
        if person is None:
            person = Person(id=pid, full_name=NAMES[op[2]], sex="X")
            session.add(person)
            session.flush()
        eid = derived_id("enrolment", training.id, pid)
        if session.get(Enrolment, eid) is None:
            session.add(Enrolment(id=eid, training_id=training.id, person_id=pid))
        if kind == "person":
            person.full_name, person.sex, person.deleted = op[3], op[4], False
        else:
            aid = derived_id("attendance", _session_id(mission), pid)
            mark = session.get(Attendance, aid)
            if mark is None:
                session.add(Attendance(id=aid, session_id=_session_id(mission), person_id=pid,
                                       status=op[3]))  # fmt: skip
            else:
                mark.status = op[3]


def synced_content(inst: Any) -> dict[str, list[tuple[Any, ...]]]:
    with _connect(inst) as conn:
        return {
            t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()]
            for t in sync_tables()
        }


def full_dump(inst: Any) -> str:
    if inst.db.is_server:
        from tests.pg_server import dump_database_at

        return dump_database_at(inst.db.url)
    conn = connect_database(inst.db.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def _one_by_one(inst: Any, bundles: list[Path]) -> set[Path]:
    """Import each bundle alone; the set of those accepted."""
    from app.services.sync import import_bundles

    accepted = set()
    for path in bundles:
        try:
            import_bundles(inst, [path])
        except UserError:
            continue
        accepted.add(path)
    return accepted


def _offends(path: Path, inst: Any, device_of: dict[Path, int]) -> bool:
    """Whether a bundle carries a change outside its signer's rights (a field category edit)."""
    from app.services.sync import read_bundle, table_columns

    if SIGNERS[device_of[path]][0] == "hq":
        return False
    verified = read_bundle(inst, path)
    data = verified.tables.get("categories")
    if data is None:
        return False
    name = table_columns("categories").index("name_en")
    return any(str(row[name]).startswith("Magistrate (device") for row in data.rows)


def _check_rights(inst: Any, devices: list[Any]) -> None:
    """Every record a field device authored at HQ lies inside that device's mission."""
    from app.services.reference import mission_id

    field = {dev.device_id: mission_id(SIGNERS[i][1]) for i, dev in enumerate(devices)
             if SIGNERS[i][0] == "field"}  # fmt: skip
    with _connect(inst) as conn:
        for table in ("missions", "categories"):
            for (author,) in conn.execute(f"SELECT updated_by FROM {table}"):
                assert author not in field, (table, author)
        for author, mid in conn.execute("SELECT updated_by, mission_id FROM trainings"):
            assert author not in field or field[author] == mid
        for table, parent in (("training_sessions", "training_id"), ("enrolments", "training_id")):
            sql = (f"SELECT x.updated_by, t.mission_id FROM {table} x "
                   f"JOIN trainings t ON t.id = x.{parent}")  # fmt: skip
            for author, mid in conn.execute(sql):
                assert author not in field or field[author] == mid, table
        sql = ("SELECT a.updated_by, t.mission_id FROM attendance a JOIN training_sessions s "
               "ON s.id = a.session_id JOIN trainings t ON t.id = s.training_id")  # fmt: skip
        for author, mid in conn.execute(sql):
            assert author not in field or field[author] == mid, "attendance"
        sql = ("SELECT p.updated_by, t.mission_id FROM people p JOIN enrolments e "
               "ON e.person_id = p.id JOIN trainings t ON t.id = e.training_id")  # fmt: skip
        missions_of: dict[str, set[str]] = {}
        for author, mid in conn.execute(sql):
            missions_of.setdefault(author, set()).add(mid)
        for author, mids in missions_of.items():
            assert author not in field or field[author] in mids, "people"


@pytest.mark.timeout(300)  # a property test of many real imports, not a hang
@settings(max_examples=EXAMPLES)
@given(ops=st.lists(operation, min_size=1, max_size=10), seed=st.integers(0, 2**32 - 1))
@example(
    ops=[
        ("category", 0),
        ("person", 0, 0, "Jean Mukendi", "M"),
        ("export", 0),
        ("category", 3),
        ("training", 3, 0, "Atelier", 1),
        ("attend", 2, 1, "absent"),
    ],
    seed=1,
)  # an offence, HQ's rights and a second mission, always tried
def test_bundles_merge_within_rights_whatever_the_order(templates: Templates, ops, seed) -> None:  # type: ignore[no-untyped-def]
    _merge_property(templates, ops, seed)


@pytest.mark.timeout(300)
@settings(max_examples=PG_EXAMPLES)
@given(ops=st.lists(operation, min_size=1, max_size=10), seed=st.integers(0, 2**32 - 1))
@example(ops=[("category", 0), ("person", 0, 0, "محمد علي", "M"), ("export", 0),
              ("training", 3, 0, "Séminaire", 1), ("delete", 1, 0)], seed=2)  # fmt: skip
def test_bundles_merge_the_same_on_postgresql(pg_templates: Templates, ops, seed) -> None:  # type: ignore[no-untyped-def]
    _merge_property(pg_templates, ops, seed)


def _merge_property(templates: Templates, ops: list[tuple[Any, ...]], seed: int) -> None:
    from app.services.sync import import_bundles, read_bundle, table_columns

    folder = Path(tempfile.mkdtemp(prefix="merge-prop-"))
    opened: list[Any] = []
    try:
        devices = [_open_copy(t, folder / f"dev{i}") for i, t in enumerate(templates.devices)]
        opened += devices
        bundles: list[Path] = []
        counter = [0]
        for op in ops:
            _apply(op, devices, templates.keys, bundles, folder, counter)
        for i in range(DEVICES):  # every change leaves in some bundle
            _apply(("export", i), devices, templates.keys, bundles, folder, counter)
        device_of = {p: int(p.stem.rsplit("dev", 1)[1]) for p in bundles}

        hq_a, hq_b, hq_c = (_open_hq(templates, folder / n) for n in ("a", "b", "c"))
        opened += [hq_a, hq_b, hq_c]
        shuffled = list(bundles)
        random.Random(seed).shuffle(shuffled)
        accepted = _one_by_one(hq_a, shuffled)
        assert _one_by_one(hq_b, list(reversed(bundles))) == accepted
        assert accepted == {p for p in bundles if not _offends(p, hq_a, device_of)}
        ordered = [p for p in shuffled if p in accepted]
        import_bundles(hq_c, ordered + ordered[:2])  # one batch, duplicates in it

        # Order independence and convergence of the three HQ copies.
        content = synced_content(hq_a)
        assert synced_content(hq_b) == content
        assert synced_content(hq_c) == content
        _check_rights(hq_a, devices)
        for inst in (hq_a, hq_b, hq_c):  # the import's own reference check held everywhere
            _assert_no_dangling_reference(inst)

        # Every record is the newest copy an accepted bundle carried (deletions included).
        newest: dict[str, dict[str, list[Any]]] = {}
        for path in accepted:
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
        with _connect(hq_a) as conn:
            for table, rows in newest.items():
                cols = ", ".join(table_columns(table))
                for rid, row in rows.items():
                    stored = conn.execute(
                        f"SELECT {cols} FROM {table} WHERE id = ?", (rid,)
                    ).fetchone()
                    assert list(stored) == row, (table, rid)

        # Idempotence: importing everything again changes nothing at all.
        before = full_dump(hq_a)
        outcome = import_bundles(hq_a, ordered)
        assert not outcome.changed
        assert all(s.already_received for s in outcome.summaries)
        assert full_dump(hq_a) == before
        # The report figures the imports kept (same transaction) equal a full recount.
        assert_kept_equals_recount(hq_a)

        # Atomicity: a batch with one bad bundle leaves the database exactly as it was.
        bad = folder / "bad.muster"
        data = bytearray(bundles[-1].read_bytes())
        data[len(data) // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
        fresh = _open_hq(templates, folder / "d")
        opened.append(fresh)
        before = full_dump(fresh)
        with pytest.raises(Exception, match=r"bad\.muster"):
            import_bundles(fresh, [*ordered, bad])
        assert full_dump(fresh) == before
    finally:
        for inst in opened:
            inst.close()
        if templates.pg is not None:
            _drop_copies(templates)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_race_is_kept_as_a_conflict_with_both_versions(hq_templates: Templates) -> None:
    """Two devices edit the same person without seeing each other: newest wins, both kept."""
    from app.db.models import Person
    from app.services.sync import export_bundle, import_bundles, list_conflicts

    folder = Path(tempfile.mkdtemp(prefix="merge-race-"))
    opened: list[Any] = []
    try:
        templates = hq_templates
        a, b = (_open_copy(t, folder / f"dev{i}") for i, t in enumerate(templates.devices[:2]))
        hq = _open_hq(templates, folder / "hq")
        opened += [a, b, hq]
        pid = _person_id("MONUSCO", 0)
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
        if hq_templates.pg is not None:
            _drop_copies(hq_templates)
        shutil.rmtree(folder, ignore_errors=True)
