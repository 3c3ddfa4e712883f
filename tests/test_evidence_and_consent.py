"""Evidence files and consent to be named, from a field laptop through a real bundle to HQ.

The field attaches a photo and a scanned sheet to a training, one participant refuses
to be named; the bundle carries the files (HQ opens them, their SHA-256 is the one
the field listed) and carries the refusing person without name, contacts or function
(a byte scan of every member), while HQ's counts stay whole.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from tests.test_pdf import needs_poppler, pdf_text, render

PASSPHRASE = "correct horse battery staple"
HIDDEN = "Zawadi Hiddenname"  # refuses to be named
HIDDEN_PHONE = "+243 990 111 222"
SHOWN = "Amani Shownname"


def tiny_png(colour: tuple[int, int, int]) -> bytes:
    """A real 2x2 PNG (any image reader opens it)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes(colour) * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + \
        chunk(b"IEND", b"")  # fmt: skip


@dataclass
class World:
    folder: Path
    field: Any
    hq: Any
    training_id: str
    session_id: str
    people: dict[str, str]
    bundle: Path
    files: dict[str, bytes]  # file name -> content attached in the field


def _installation(folder: Path, name: str, role: str = "field", mission: str = "") -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation

    inst = open_installation(Paths(folder))
    identity.create_identity(inst, Profile(name=name, role=role, mission=mission), PASSPHRASE)
    return inst


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from app.services import attendance, people, trainings
    from app.services.attendance import Mark
    from app.services.audit.consent import ConsentAnswer, set_consents
    from app.services.audit.evidence import add_evidence
    from app.services.identity import load_identity, unlock_private_key
    from app.services.participants_export import export_participants
    from app.services.pdf import SummaryOptions, export_summary
    from app.services.people import PersonInput
    from app.services.sync import export_bundle, import_bundles, trust
    from app.services.trainings import SessionInput, TrainingInput

    folder = tmp_path_factory.mktemp("evidence")
    field = _installation(folder / "field", "Awa Kahindo", mission="MONUSCO")
    hq = _installation(folder / "hq", "HQ New York", "hq")
    info = trainings.create_training(field, TrainingInput(
        title="Atelier preuves", mission="MONUSCO", start=date(2025, 3, 10), end=date(2025, 3, 10),
        sessions=(SessionInput(date(2025, 3, 10), "Beni"),)))  # fmt: skip
    ids = {}
    for name, sex in ((HIDDEN, "F"), (SHOWN, "M")):
        person = people.add_participant(
            field, info.id, PersonInput(name, sex, phone=HIDDEN_PHONE if name == HIDDEN else None,
                                        function="Juge d'instruction"))  # fmt: skip
        ids[name] = person.person.id
    attendance.set_marks(field, [Mark(info.sessions[0].id, pid, "present") for pid in ids.values()])
    set_consents(
        field, ids[HIDDEN], [ConsentAnswer("named_in_reports", "refused", date(2025, 3, 10)),
                             ConsentAnswer("photos", "refused", date(2025, 3, 10))]
    )  # fmt: skip
    set_consents(field, ids[SHOWN], [ConsentAnswer("photos", "given", date(2025, 3, 10))])
    files = {
        "photo.png": tiny_png((200, 30, 30)),
        "sheet.pdf": b"%PDF-1.4\n% scanned sheet\n%%EOF\n",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
        add_evidence(field, info.id, folder / name,
                     session_id=info.sessions[0].id if name == "photo.png" else None)  # fmt: skip
    trust.add_trusted(hq, load_identity(field).certificate_pem)  # type: ignore[union-attr]
    key = unlock_private_key(field, PASSPHRASE)
    export_summary(field, info.id, folder / "summary.pdf", key, SummaryOptions("fr"))
    export_participants(field, info.id, folder / "participants.xlsx")
    bundle = export_bundle(field, folder / "field.muster", key, recipient="").path
    import_bundles(hq, [bundle])
    yield World(folder, field, hq, info.id, info.sessions[0].id, ids, bundle, files)
    field.close()
    hq.close()


def test_hq_opens_the_files_the_field_attached_with_the_same_hashes(world: World) -> None:
    from app.services.audit.evidence import list_evidence, read_evidence

    sent = {e.file_name: e for e in list_evidence(world.field, world.training_id)}
    received = {e.file_name: e for e in list_evidence(world.hq, world.training_id)}
    assert set(received) == set(world.files)
    for name, content in world.files.items():
        assert received[name].sha256 == sent[name].sha256 == hashlib.sha256(content).hexdigest()
        info, data = read_evidence(world.hq, received[name].id)
        assert data == content and info.available
    assert received["photo.png"].is_image and received["photo.png"].session_date == "2025-03-10"
    assert received["sheet.pdf"].media_type == "application/pdf"
    # Kept sealed at rest: the photo's bytes are not in HQ's data folder as such.
    kept = (world.hq.paths.evidence / received["photo.png"].sha256).read_bytes()
    assert world.files["photo.png"] not in kept


def _members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_a_person_who_refused_to_be_named_is_not_in_the_bundle_by_name(world: World) -> None:
    from app.services.reports import ReportFilter, build_report

    members = _members(world.bundle)
    assert any(m.startswith("evidence/") for m in members)
    raw = world.bundle.read_bytes() + b"".join(members.values())
    for secret in (HIDDEN, "Hiddenname", HIDDEN_PHONE):
        for form in (secret.encode(), json.dumps(secret)[1:-1].encode()):
            assert form not in raw, secret
    assert SHOWN.encode() in b"".join(members.values())  # the other one is named
    report = build_report(world.hq, ReportFilter(training_id=world.training_id))
    assert report.participants == 2 and report.by_sex["female"] == 1
    assert report.attendances == 2


def test_evidence_caps_refuse_with_one_sentence(world: World, tmp_path: Path) -> None:
    from app.services.audit import evidence

    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    big = tmp_path / "big.tif"
    with big.open("wb") as handle:
        handle.truncate(evidence.MAX_FILE_BYTES + 1)
    for path, words in ((empty, "empty"), (big, "at most"), (tmp_path / "none.png", "no file")):
        with pytest.raises(UserError) as caught:
            evidence.add_evidence(world.field, world.training_id, path)
        assert words in str(caught.value) and "\n" not in str(caught.value)
    assert len(evidence.list_evidence(world.field, world.training_id)) == 2


@needs_poppler
def test_summary_names_the_evidence_hashes_hq_receives_and_not_the_hidden_person(
    world: World, artifacts: Path
) -> None:
    from app.services.audit.evidence import list_evidence
    from app.services.documents import list_documents, read_document

    received = list_evidence(world.hq, world.training_id)
    [document] = list_documents(world.hq, world.training_id)
    pdf = world.folder / "at-hq.pdf"
    pdf.write_bytes(read_document(world.hq, document.path.name))
    text = pdf_text(pdf, layout=False)
    for e in received:
        assert e.sha256 in text.replace(" ", "")  # the hash HQ's own copy has
    assert SHOWN in text and HIDDEN not in text and "Hiddenname" not in text
    assert "1 participant(s) n'ont pas consenti" in text
    assert "Tranche d'âge" in text and "Non renseigné" in text
    render(pdf, artifacts, "summary-audit-fr", "1-2")


def test_participant_export_leaves_out_who_may_not_be_named(world: World) -> None:
    from openpyxl import load_workbook

    path = world.folder / "participants.xlsx"
    with zipfile.ZipFile(path) as zf:
        content = b"".join(zf.read(n) for n in zf.namelist())
    assert b"Hiddenname" not in content and HIDDEN_PHONE.encode() not in content
    names = [r[0].value for r in load_workbook(path).worksheets[0].iter_rows(min_row=2)]
    assert names == [SHOWN]


@needs_poppler
def test_sign_in_sheet_shows_each_photo_choice(world: World, artifacts: Path) -> None:
    from app.services.sheets import export_sheets

    out = world.folder / "sheet-fr.pdf"
    export_sheets(world.field, world.training_id, out, lang="fr")
    lines = pdf_text(out).splitlines()
    assert any("Photos" in line and "Signature" in line for line in lines)
    [hidden] = [line for line in lines if "Hiddenname" in line]
    [shown] = [line for line in lines if "Shownname" in line]
    assert hidden.split()[-1] == "non" and shown.split()[-1] == "oui"
    render(out, artifacts, "sheet-photos-fr")
