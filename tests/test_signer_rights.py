"""Each attack of issue 12, by a trusted (stolen) field laptop, through the real command line.

HQ holds the bundles of two field devices (MONUSCO and UNSMIL). The MONUSCO laptop's own
key then signs forged bundles; every one is refused with one sentence, exit 1, and HQ's
database dump unchanged. Enrolment attacks run against a second HQ that trusts the first.
The laptop's attacks are refused the same way by an HQ on the PostgreSQL server.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import connect_database, dump_database, run_cli

PASSPHRASE = "correct horse battery staple"


@dataclass
class World:
    folder: Path
    hq: Any
    hq2: Any
    monusco: Any
    unsmil: Any
    key: Any  # the MONUSCO laptop's signing key
    enrolment: bytes  # HQ's enrolment of the MONUSCO laptop
    bundles: list[Path]  # the two laptops' first bundles, which HQ imported


def _installation(folder: Path, name: str, role: str = "field", mission: str = "") -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation

    inst = open_installation(Paths(folder))
    identity.create_identity(inst, Profile(name=name, role=role, mission=mission), PASSPHRASE)
    return inst


def _cert(inst: Any) -> bytes:
    from app.services.identity import load_identity

    return load_identity(inst).certificate_pem  # type: ignore[no-any-return,union-attr]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from app.services.demo import demo_training_ids, load_demo
    from app.services.identity import unlock_private_key
    from app.services.pdf import export_summary
    from app.services.sync import export_bundle, import_bundles, trust
    from app.services.sync.enrolment import issue_enrolment

    folder = tmp_path_factory.mktemp("rights")
    hq = _installation(folder / "hq", "HQ New York", "hq")
    hq2 = _installation(folder / "hq2", "HQ Geneva", "hq")
    monusco = _installation(folder / "monusco", "Awa Kahindo", mission="MONUSCO")
    unsmil = _installation(folder / "unsmil", "Salem Ali", mission="UNSMIL")
    bundles = []
    for inst in (monusco, unsmil):
        load_demo(inst)
        trust.add_trusted(hq, _cert(inst))
        key = unlock_private_key(inst, PASSPHRASE)
        if inst is unsmil:
            tunis = demo_training_ids()["unsmil-2024-tunis"]
            export_summary(inst, tunis, folder / "tunis.pdf", key)
        bundles.append(export_bundle(inst, folder / f"{inst.profile().mission}.muster", key,
                                     recipient="").path)  # fmt: skip
    import_bundles(hq, bundles)
    enrolment = issue_enrolment(hq, _cert(monusco), unlock_private_key(hq, PASSPHRASE))
    trust.add_trusted(hq2, _cert(hq))
    yield World(folder, hq, hq2, monusco, unsmil, unlock_private_key(monusco, PASSPHRASE),
                enrolment, bundles)  # fmt: skip
    for inst in (hq, hq2, monusco, unsmil):
        inst.close()


def now_version(offset_s: float = 0) -> int:
    return int((time.time() + offset_s) * 1000) << 16


def rows_of(
    inst: Any, table: str, where: str = "1=1", params: tuple[Any, ...] = ()
) -> list[list[Any]]:
    from app.services.sync import table_columns

    conn = connect_database(inst.db.path)
    try:
        cols = ", ".join(table_columns(table))
        return [list(r) for r in conn.execute(f"SELECT {cols} FROM {table} WHERE {where}", params)]
    finally:
        conn.close()


def col(table: str, name: str) -> int:
    from app.services.sync import table_columns

    return table_columns(table).index(name)


def forge(w: World, out: Path, tables: dict[str, list[list[Any]]], *, cert: bytes | None = None,
          key: Any = None, device_id: str | None = None, enrolment: bytes | None = None,
          edit: Callable[[dict[str, Any]], None] | None = None,
          documents: dict[str, tuple[str | None, str, bytes]] | None = None,
          columns: dict[str, list[str]] | None = None) -> Path:  # fmt: skip
    """A bundle laid out and signed exactly as Muster does, with the given records."""
    import hashlib

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.db.migrate import head_revision
    from app.db.models import sync_tables
    from app.services.sync import table_columns
    from app.services.sync.container import pack_bundle

    key = key or w.key
    members: dict[str, bytes] = {}
    listed = [t for t in sync_tables() if columns is None or t in columns or t in tables]
    for table in listed:
        names = (columns or {}).get(table) or list(table_columns(table))
        payload = {"columns": names, "rows": tables.get(table, [])}
        members[f"data/{table}.json"] = json.dumps(payload).encode()
    members["certificate.pem"] = cert or _cert(w.monusco)
    if enrolment is not None:
        members["enrolment.pem"] = enrolment
    docs = []
    for doc_id, (training_id, file_name, content) in (documents or {}).items():
        members[f"documents/{doc_id}.pdf"] = content
        docs.append({"id": doc_id, "training_id": training_id, "kind": "summary",
                     "file_name": file_name, "sha256": hashlib.sha256(content).hexdigest(),
                     "created_at": "2024-09-12 10:00:00"})  # fmt: skip
    manifest = {
        "format": "muster-bundle", "format_version": 1, "schema": head_revision(),
        "device_id": device_id or w.monusco.device_id, "device_name": "Awa Kahindo",
        "mission": "MONUSCO", "role": "field", "seq": 1000 + len(list(w.folder.iterdir())),
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()), "full": False,
        "since_version": 0, "upto_version": now_version(), "seen": {},
        "counts": {t: len(tables.get(t, [])) for t in listed}, "documents": docs,
    }  # fmt: skip
    if edit:
        edit(manifest)
    data, _ = pack_bundle(manifest, members, lambda raw: key.sign(raw, ec.ECDSA(hashes.SHA256())))
    out.write_bytes(data)
    return out


def _edited(rows: list[list[Any]], table: str, author: str, **changes: Any) -> list[list[Any]]:
    out = []
    for row in rows:
        row = list(row)
        for name, value in changes.items():
            row[col(table, name)] = value
        row[col(table, "version")] = now_version()
        row[col(table, "updated_by")] = author
        out.append(row)
    return out


def unsmil_training(w: World) -> list[list[Any]]:
    from app.services.reference import mission_id

    return rows_of(w.hq, "trainings", "mission_id = ?", (mission_id("UNSMIL"),))


# --- the attacks ----------------------------------------------------------------------------------


def rewrite_other_missions_training(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(unsmil_training(w), "trainings", w.monusco.device_id, title="Annulé")
    return forge(w, out, {"trainings": rows}), "may not change a training"


def delete_other_missions_training(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(unsmil_training(w), "trainings", w.monusco.device_id, deleted=1)
    return forge(w, out, {"trainings": rows}), "(UNSMIL)"


def invent_training_in_other_mission(w: World, out: Path) -> tuple[Path, str]:
    (row,) = _edited(unsmil_training(w), "trainings", w.monusco.device_id, title="Fantôme")
    row[0] = "aaaaaaaa-0000-4000-8000-000000000001"
    return forge(w, out, {"trainings": [row]}), "may not change a training"


def delete_other_missions_participant(w: World, out: Path) -> tuple[Path, str]:
    (tid,) = [r[0] for r in unsmil_training(w)]
    person = rows_of(w.hq, "people", "id IN (SELECT person_id FROM enrolments WHERE training_id = ?)",
                     (tid,))[:1]  # fmt: skip
    rows = _edited(person, "people", w.monusco.device_id, deleted=1)
    return forge(w, out, {"people": rows}), "registered only in other missions' trainings"


def invent_attendance_in_other_mission(w: World, out: Path) -> tuple[Path, str]:
    (tid,) = [r[0] for r in unsmil_training(w)]
    marks = rows_of(w.hq, "attendance", "session_id IN (SELECT id FROM training_sessions WHERE "
                    "training_id = ?)", (tid,))[:1]  # fmt: skip
    rows = _edited(marks, "attendance", w.monusco.device_id, status="absent")
    return forge(w, out, {"attendance": rows}), "may not change an attendance mark"


def rename_mission(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(rows_of(w.hq, "missions", "code = 'UNSMIL'"), "missions", w.monusco.device_id,
                   name="Nothing")  # fmt: skip
    return forge(w, out, {"missions": rows}), "only HQ may change"


def retire_mission(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(rows_of(w.hq, "missions", "code = 'UNSMIL'"), "missions", w.monusco.device_id,
                   retired=1)  # fmt: skip
    return forge(w, out, {"missions": rows}), "the list of missions"


def rename_category(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(rows_of(w.hq, "categories", "code = 'magistrate'"), "categories",
                   w.monusco.device_id, name_en="Clerk")  # fmt: skip
    return forge(w, out, {"categories": rows}), "participant categories"


def edit_common_partner(w: World, out: Path) -> tuple[Path, str]:
    rows = _edited(rows_of(w.hq, "partners", "acronym = 'UNODC'"), "partners",
                   w.monusco.device_id, name="Someone else")  # fmt: skip
    return forge(w, out, {"partners": rows}), "partner organisations"


def credit_edit_to_another_device(w: World, out: Path) -> tuple[Path, str]:
    from app.services.reference import mission_id

    own = rows_of(w.hq, "trainings", "mission_id = ?", (mission_id("MONUSCO"),))
    rows = _edited(own, "trainings", w.unsmil.device_id, title="Signed by someone else")
    return forge(w, out, {"trainings": rows}), "credited to another device"


def year_2200_version(w: World, out: Path) -> tuple[Path, str]:
    from app.services.reference import mission_id

    own = rows_of(w.hq, "trainings", "mission_id = ?", (mission_id("MONUSCO"),))
    rows = _edited(own, "trainings", w.monusco.device_id, title="From the future")
    rows[0][col("trainings", "version")] = 7_258_118_400_000 << 16  # 2200-01-01
    return forge(w, out, {"trainings": rows}), "clock is"


def max_int_version(w: World, out: Path) -> tuple[Path, str]:
    from app.services.reference import mission_id

    own = rows_of(w.hq, "trainings", "mission_id = ?", (mission_id("MONUSCO"),))
    rows = _edited(own, "trainings", w.monusco.device_id, title="Overflow")
    rows[0][col("trainings", "version")] = (1 << 63) - 1
    return forge(w, out, {"trainings": rows}), "ahead"


def huge_upto_version(w: World, out: Path) -> tuple[Path, str]:
    return forge(
        w, out, {}, edit=lambda m: m.__setitem__("upto_version", 10**30)
    ), "invalid manifest"


def huge_seq(w: World, out: Path) -> tuple[Path, str]:
    return forge(w, out, {}, edit=lambda m: m.__setitem__("seq", 10**12)), "invalid manifest"


def document_on_other_missions_training(w: World, out: Path) -> tuple[Path, str]:
    (tid,) = [r[0] for r in unsmil_training(w)]
    docs = {"bbbbbbbb-0000-4000-8000-000000000001": (tid, "tunis.pdf", b"%PDF-1.7 forged")}
    return forge(w, out, {}, documents=docs), "may not attach a document"


def self_promoted_certificate(w: World, out: Path) -> tuple[Path, str]:
    """A new self-signed certificate for the laptop's own key, claiming the HQ role."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.services.identity import _make_certificate
    from app.services.installation import Profile

    cert = _make_certificate(w.key, Profile(name="Awa Kahindo", role="hq"), w.monusco.device_id)
    rows = _edited(rows_of(w.hq, "categories", "code = 'magistrate'"), "categories",
                   w.monusco.device_id, name_en="Clerk")  # fmt: skip
    return forge(w, out, {"categories": rows}, cert=cert.public_bytes(Encoding.PEM),
                 enrolment=w.enrolment), "field device of MONUSCO"  # fmt: skip


def other_device_id_certificate(w: World, out: Path) -> tuple[Path, str]:
    """A new certificate for the laptop's key naming the UNSMIL device, with its enrolment."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.services.identity import _make_certificate
    from app.services.installation import Profile

    cert = _make_certificate(w.key, Profile(name="Salem Ali", mission="UNSMIL"), w.unsmil.device_id)
    rows = _edited(unsmil_training(w), "trainings", w.unsmil.device_id, title="Hijacked")
    return forge(w, out, {"trainings": rows}, cert=cert.public_bytes(Encoding.PEM),
                 enrolment=w.enrolment, device_id=w.unsmil.device_id), "says it comes from device"  # fmt: skip


def change_other_missions_score(w: World, out: Path) -> tuple[Path, str]:
    (tid,) = [r[0] for r in unsmil_training(w)]
    rows = _edited(rows_of(w.hq, "test_scores", "training_id = ?", (tid,))[:1], "test_scores",
                   w.monusco.device_id, score=0)  # fmt: skip
    return forge(w, out, {"test_scores": rows}), "may not change a knowledge-test score"


def invent_feedback_in_other_mission(w: World, out: Path) -> tuple[Path, str]:
    (tid,) = [r[0] for r in unsmil_training(w)]
    (row,) = _edited(rows_of(w.hq, "feedback_answers", "training_id = ?", (tid,))[:1],
                     "feedback_answers", w.monusco.device_id, value=1)  # fmt: skip
    row[0] = "aaaaaaaa-0000-4000-8000-000000000002"
    return forge(w, out, {"feedback_answers": [row]}), "may not change a feedback answer"


def reword_other_missions_question(w: World, out: Path) -> tuple[Path, str]:
    from app.services.evaluation.feedback import question_id
    from app.services.reference import mission_id

    unsmil = mission_id("UNSMIL")
    values = {"id": question_id(unsmil, "overall"), "mission_id": unsmil, "code": "overall",
              "kind": "rating", "text_en": "Rate us 5", "text_fr": "", "sort_order": 10,
              "retired": 0, "created_at": "2024-09-12 10:00:00",
              "updated_at": "2024-09-12 10:00:00", "updated_by": w.monusco.device_id,
              "version": now_version(), "deleted": 0}  # fmt: skip
    from app.services.sync import table_columns

    row = [values[c] for c in table_columns("feedback_questions")]
    return forge(w, out, {"feedback_questions": [row]}), "may not change a feedback question"


HQ_ATTACKS = [
    rewrite_other_missions_training, delete_other_missions_training,
    invent_training_in_other_mission, delete_other_missions_participant,
    invent_attendance_in_other_mission, rename_mission, retire_mission, rename_category,
    edit_common_partner, credit_edit_to_another_device, year_2200_version, max_int_version,
    huge_upto_version, huge_seq, document_on_other_missions_training,
    change_other_missions_score, invent_feedback_in_other_mission, reword_other_missions_question,
]  # fmt: skip
HQ2_ATTACKS = [self_promoted_certificate, other_device_id_certificate]


def _refused(home: Path, path: Path, expected: str, *extra: str, url: str = "") -> str:
    from tests.pg_server import dump_database_at

    def dump() -> str:
        return dump_database_at(url) if url else dump_database(home / "muster.sqlite3")

    before = dump()
    server = ("--database", url) if url else ()
    for args in (("import", "--dry-run", str(path)), ("import", str(path))):
        code, out, err = run_cli(*server, *args, *extra, home=home)
        assert code == 1, (out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("muster: "), err
        assert "internal error" not in err and expected in err, err
    assert dump() == before
    return err


@pytest.fixture(scope="module")
def pg_hq(world: World, pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    tuple[Path, str]
]:  # fmt: skip
    """HQ New York's twin on the PostgreSQL server: the same trust, the same bundles."""
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.sync import import_bundles, trust
    from app.services.vault import KdfParams
    from tests.conftest import FIXTURE_KDF_ARGS

    name = pg_server.create_database(f"muster_rights{os.getpid()}")
    url = pg_server.url(name)
    home = tmp_path_factory.mktemp("rights-pg") / "hq"
    inst = open_installation(Paths(home), kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
    try:
        for field in (world.monusco, world.unsmil):
            trust.add_trusted(inst, _cert(field))
        import_bundles(inst, world.bundles)
    finally:
        inst.close()
    yield home, url
    pg_server.drop_database(name)


@pytest.mark.parametrize("attack", HQ_ATTACKS, ids=lambda a: a.__name__)
def test_attack_by_a_trusted_field_laptop_is_refused(world: World, attack: Callable[..., Any],
                                                     tmp_path: Path) -> None:  # fmt: skip
    path, expected = attack(world, tmp_path / f"{attack.__name__}.muster")
    err = _refused(world.hq.paths.home, path, expected)
    if attack in (rewrite_other_missions_training, delete_other_missions_training):
        assert "Formation" in err or "training '" in err  # names the training and its mission


@pytest.mark.parametrize("attack", HQ_ATTACKS, ids=lambda a: a.__name__)
def test_attack_is_refused_by_an_hq_on_postgresql(world: World, pg_hq: tuple[Path, str],
                                                  attack: Callable[..., Any], tmp_path: Path) -> None:  # fmt: skip
    path, expected = attack(world, tmp_path / f"{attack.__name__}.muster")
    _refused(pg_hq[0], path, expected, url=pg_hq[1])


@pytest.mark.parametrize("attack", HQ2_ATTACKS, ids=lambda a: a.__name__)
def test_enrolment_cannot_promote_or_impersonate(world: World, attack: Callable[..., Any],
                                                 tmp_path: Path) -> None:  # fmt: skip
    path, expected = attack(world, tmp_path / f"{attack.__name__}.muster")
    _refused(world.hq2.paths.home, path, expected)


def test_hq_edits_still_work_after_the_clock_attacks(world: World, tmp_path: Path) -> None:
    """Nothing was stored from the refused bundles: HQ's clock and edits are untouched."""
    from dataclasses import replace

    from app.services.reference import list_categories, save_category

    home = tmp_path / "hq"
    shutil.copytree(world.hq.paths.home, home)
    for attack in (max_int_version, year_2200_version, huge_upto_version):
        path, expected = attack(world, tmp_path / f"{attack.__name__}.muster")
        _refused(home, path, expected)
    from app.paths import Paths
    from app.services.installation import open_installation

    inst = open_installation(Paths(home))
    try:
        category = list_categories(inst)[0]
        save_category(inst, replace(category, name_en=category.name_en + " (HQ)"))  # a real edit
        assert inst.get_setting("hlc") and int(inst.get_setting("hlc")) < (1 << 62)
    finally:
        inst.close()


def _tiny_pdf(text: str) -> bytes:
    """A small, real PDF (HQ time-stamps every PDF it receives, so it must parse)."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, text)
    canvas.save()
    return out.getvalue()


def test_a_document_that_is_not_a_pdf_is_refused(world: World, tmp_path: Path) -> None:
    home = tmp_path / "hq"
    shutil.copytree(world.hq.paths.home, home)
    from app.services.reference import mission_id

    (tid,) = [
        r[0] for r in rows_of(world.hq, "trainings", "mission_id = ?", (mission_id("MONUSCO"),))
    ]
    forged = forge(world, tmp_path / "junk.muster", {}, documents={
        "dddddddd-0000-4000-8000-000000000001": (tid, "beni.pdf", b"%PDF-1.7 junk")})  # fmt: skip
    before = dump_database(home / "muster.sqlite3")
    files = sorted((home / "documents").iterdir())
    code, _, err = run_cli("import", str(forged), home=home)
    assert code == 1, err
    assert "not a readable PDF" in err and len(err.strip().splitlines()) == 1
    assert dump_database(home / "muster.sqlite3") == before
    assert sorted((home / "documents").iterdir()) == files


def test_a_device_cannot_replace_another_devices_pdf(world: World, tmp_path: Path) -> None:
    """Received files are named by content: a same-named PDF lands beside, never over."""
    from app.services.documents import list_documents, viewing_copy
    from app.services.reference import mission_id
    from app.services.signing import verify_pdf

    home = tmp_path / "hq"
    shutil.copytree(world.hq.paths.home, home)
    (tid,) = [
        r[0] for r in rows_of(world.hq, "trainings", "mission_id = ?", (mission_id("MONUSCO"),))
    ]
    forged = forge(world, tmp_path / "pdf.muster", {}, documents={
        "cccccccc-0000-4000-8000-000000000001": (tid, "tunis.pdf", _tiny_pdf("not the same"))})  # fmt: skip
    code, _, err = run_cli("import", str(forged), home=home)
    assert code == 0, err
    from app.paths import Paths
    from app.services.installation import open_installation

    inst = open_installation(Paths(home))
    try:
        docs = list_documents(inst)
        assert len({d.path for d in docs}) == len(docs) == 2
        tunis = next(d for d in docs if d.id != "cccccccc-0000-4000-8000-000000000001")
        assert verify_pdf(inst, viewing_copy(inst, tunis.path.name)).ok  # sealed at rest
    finally:
        inst.close()


def test_trust_remove_is_not_undone_by_the_next_bundle(world: World, tmp_path: Path) -> None:
    """HQ Geneva accepts the enrolled laptop, removes it, and its next bundle stays refused."""
    from app.services.sync import export_bundle
    from app.services.sync.enrolment import set_enrolment
    from app.services.sync.trust import list_trusted

    home = tmp_path / "hq2"
    shutil.copytree(world.hq2.paths.home, home)
    field_home = tmp_path / "field"
    shutil.copytree(world.monusco.paths.home, field_home)
    from app.paths import Paths
    from app.services.installation import open_installation

    field = open_installation(Paths(field_home))
    try:
        set_enrolment(field, world.enrolment)
        first = export_bundle(field, tmp_path / "1.muster", world.key, full=True, recipient="")
        code, _, err = run_cli("import", str(first.path), home=home)
        assert code == 0, err
        hq2 = open_installation(Paths(home))
        (entry,) = [t for t in list_trusted(hq2) if t.mission == "MONUSCO"]
        assert entry.role == "field"
        hq2.close()
        assert run_cli("trust", "remove", entry.fingerprint, home=home)[0] == 0
        from app.services.people import PersonInput, create_person

        create_person(field, PersonInput("Bénédicte Kavira", "F"))
        second = export_bundle(field, tmp_path / "2.muster", world.key, recipient="")
        _refused(home, second.path, "removed from its trusted list")
    finally:
        field.close()


def test_hq_merges_two_people_across_missions_and_it_travels(world: World, tmp_path: Path) -> None:
    """A person registered in MONUSCO and one in UNSMIL are one: HQ merges them, and its
    bundle carries the merge to another HQ (HQ's rights cover every mission)."""
    from app.paths import Paths
    from app.services.duplicates import merge_people
    from app.services.identity import unlock_private_key
    from app.services.installation import open_installation
    from app.services.reference import mission_id
    from app.services.sync import export_bundle, import_bundles

    home, home2 = tmp_path / "hq", tmp_path / "hq2"
    shutil.copytree(world.hq.paths.home, home)
    shutil.copytree(world.hq2.paths.home, home2)

    def person_of(mission: str) -> str:
        (tid,) = [r[0] for r in rows_of(world.hq, "trainings", "mission_id = ?",
                                        (mission_id(mission),))]  # fmt: skip
        return rows_of(world.hq, "enrolments", "training_id = ?", (tid,))[0][
            col("enrolments", "person_id")
        ]

    keep, other = person_of("MONUSCO"), person_of("UNSMIL")
    hq, hq2 = open_installation(Paths(home)), open_installation(Paths(home2))
    try:
        merge_people(hq, keep, other)
        bundle = export_bundle(hq, tmp_path / "hq.muster", unlock_private_key(hq, PASSPHRASE),
                               full=True, recipient="").path  # fmt: skip
        assert import_bundles(hq2, [bundle]).changed
        (merged,) = rows_of(hq2, "people", "id = ?", (other,))
        assert merged[col("people", "deleted")] == 1
        assert merged[col("people", "merged_into_id")] == keep
        moved = rows_of(hq2, "enrolments", "person_id = ? AND deleted = 0", (keep,))
        assert len(moved) == 2  # registered in both missions' trainings now
    finally:
        hq.close()
        hq2.close()


def test_a_huge_sequence_gap_is_reported_without_walking_it(world: World, tmp_path: Path) -> None:
    """Bundle 1,000,000,000 after bundle 1: the gap is counted, not enumerated."""
    from app.services.sync.manifest import MAX_SEQ

    home = tmp_path / "hq"
    shutil.copytree(world.hq.paths.home, home)
    far = forge(world, tmp_path / "far.muster", {}, edit=lambda m: m.__setitem__("seq", MAX_SEQ))
    started = time.perf_counter()
    code, out, err = run_cli("import", str(far), home=home)
    assert code == 0, err
    assert f"and {MAX_SEQ - 2 - 10:,} more" in out, out
    code, out, _ = run_cli("devices", "--json", home=home)
    (device,) = [d for d in json.loads(out) if d["device_id"] == world.monusco.device_id]
    assert device["missing_count"] == MAX_SEQ - 2 and len(device["missing"]) == 10
    assert time.perf_counter() - started < 30


def test_evaluation_records_travel_to_hq(world: World) -> None:
    """Session times, scores and feedback came with the field bundles: HQ's figures agree."""
    from app.services.evaluation.feedback import feedback_summary
    from app.services.reports import ReportFilter, build_report

    for field in (world.monusco, world.unsmil):
        for training in build_report(field).by_mission:  # one mission per laptop
            mine = build_report(field, ReportFilter(mission=training)).to_json()
            at_hq = build_report(world.hq, ReportFilter(mission=training)).to_json()
            for key in ("completed", "completed_by_sex", "hours_attended", "tests"):
                assert at_hq[key] == mine[key], key
            assert mine["tests"]["with_both"] > 0 and mine["hours_attended"] > 0
    (tid,) = [r[0] for r in unsmil_training(world)]
    assert feedback_summary(world.hq, tid) == feedback_summary(world.unsmil, tid)


def test_a_bundle_from_a_0003_device_still_imports(world: World, tmp_path: Path) -> None:
    """An older laptop's bundle: no evaluation tables, no new columns; their defaults apply."""
    from app.paths import Paths
    from app.services.attendance import get_grid
    from app.services.evaluation.completion import training_completion
    from app.services.installation import open_installation
    from app.services.reference import mission_id
    from app.services.sync import table_columns

    new = {"trainings": ("completion_rule", "completion_percent", "test_max_score"),
           "training_sessions": ("start_minute", "end_minute", "required"),
           "attendance": ("minutes",)}  # fmt: skip
    old = {t: [c for c in table_columns(t) if c not in cols] for t, cols in new.items()}
    version, by = now_version(), world.monusco.device_id
    stamp = ["2024-10-01 09:00:00", "2024-10-01 09:00:00", by, version, 0]
    tid, sid = "cccccccc-0000-4000-8000-000000000001", "cccccccc-0000-4000-8000-000000000002"
    person = rows_of(world.hq, "enrolments", "training_id IN (SELECT id FROM trainings WHERE "
                     "mission_id = ?)", (mission_id("MONUSCO"),))[0][col("enrolments", "person_id")]  # fmt: skip
    values = {
        "trainings": {"id": tid, "mission_id": mission_id("MONUSCO"), "title": "Old laptop",
                      "theme": "", "kind": "training", "start_date": "2024-10-01",
                      "end_date": "2024-10-01", "status": "held", "description": "",
                      "trainers": "[]"},
        "training_sessions": {"id": sid, "training_id": tid, "date": "2024-10-01",
                              "location_id": None, "topic": "Day 1"},
        "enrolments": {"id": "cccccccc-0000-4000-8000-000000000003", "training_id": tid,
                       "person_id": person},
        "attendance": {"id": "cccccccc-0000-4000-8000-000000000004", "session_id": sid,
                       "person_id": person, "status": "present"},
    }  # fmt: skip
    sync = dict(zip(("created_at", "updated_at", "updated_by", "version", "deleted"), stamp,
                    strict=True))  # fmt: skip
    tables = {}
    for table, fields in values.items():
        names = old.get(table) or list(table_columns(table))
        row = {**sync, **fields}
        missing = [n for n in names if n not in row]
        assert not missing, (table, missing)
        tables[table] = [[row[n] for n in names]]
    # The old laptop also renames the topic of a session HQ knows with its times.
    session_cols = table_columns("training_sessions")
    (known,) = rows_of(world.hq, "training_sessions", "start_minute IS NOT NULL AND training_id "
                       "IN (SELECT id FROM trainings WHERE mission_id = ?) LIMIT 1",
                       (mission_id("MONUSCO"),))  # fmt: skip
    times = (known[session_cols.index("start_minute")], known[session_cols.index("end_minute")])
    edited = dict(zip(session_cols, known, strict=True))
    edited.update(topic="Renamed on an old laptop", version=version + 1, updated_by=by)
    tables["training_sessions"].append([edited[n] for n in old["training_sessions"]])
    path = forge(world, tmp_path / "old.muster", tables, columns=old)
    home = tmp_path / "hq"
    shutil.copytree(world.hq.paths.home, home)
    code, out, err = run_cli("import", str(path), home=home)
    assert code == 0, (out, err)
    inst = open_installation(Paths(home))
    try:
        grid = get_grid(inst, tid)
        assert [(s.start_minute, s.required) for s in grid.sessions] == [(None, False)]
        assert grid.marks == {(person, sid): "present"} and grid.minutes == {}
        done = training_completion(inst, tid)
        assert (done.rule.kind, done.rule.percent, done.completed) == ("share", 80, 1)
        (kept,) = rows_of(inst, "training_sessions", "id = ?", (known[0],))
        assert kept[session_cols.index("topic")] == "Renamed on an old laptop"
        assert (
            kept[session_cols.index("start_minute")],
            kept[session_cols.index("end_minute")],
        ) == times  # not wiped by the old bundle
    finally:
        inst.close()
