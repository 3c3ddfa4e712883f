"""Certificates that verify themselves: signed PDFs with a QR statement, checked offline.

Real certificates from the demo data, rendered by Poppler, their QR codes read back from the
page image by zxing-cpp; edited, forged and retyped ones are refused.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from app.paths import Paths
from app.services import identity
from app.services.evaluation.certificates import export_certificates, verify_certificate
from app.services.evaluation.completion import training_completion
from app.services.installation import Profile, open_installation
from app.services.vault import KdfParams
from tests.conftest import FIXTURE_KDF_ARGS
from tests.helpers import run_cli
from tests.test_pdf import PASS, needs_poppler, pdf_text, training_ids

SIGNER = Profile(name="Chantal Mbuyi", title="Training focal point", mission="MONUSCO")


@pytest.fixture(scope="module")
def tunis(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo with a signer, and the Tunis training's certificates (Arabic and Latin
    names) in a folder: issued once for the module, signing is the slow part."""
    folder = tmp_path_factory.mktemp("certificates")
    paths = Paths(folder / "home")
    paths.keys.mkdir(parents=True)
    shutil.copyfile(_demo_template, paths.database)
    shutil.copyfile(_demo_template.parent / "keys" / "data-key.json", paths.data_key)
    inst = open_installation(paths)
    identity.create_identity(inst, SIGNER, PASS)
    key = identity.unlock_private_key(inst, PASS)
    result = export_certificates(inst, training_ids()["UNSMIL"], folder / "certs", key, "fr")
    yield inst, folder / "certs", result
    inst.close()


def _page_image(pdf: Path, stem: Path, dpi: int = 150) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(stem)],
                   check=True)  # fmt: skip
    return stem.with_suffix(".png")


def _arabic(name: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in name)


@needs_poppler
def test_every_completed_participant_gets_a_certificate_that_verifies_from_its_qr(
    tunis, artifacts: Path
) -> None:
    inst, folder, result = tunis
    completion = training_completion(inst, training_ids()["UNSMIL"])
    assert len(result.certificates) == completion.completed > 0
    assert result.skipped == len(completion.people) - completion.completed
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        c.file_name for c in result.certificates
    )
    issued = next(c for c in result.certificates if _arabic(c.name))
    pdf = folder / issued.file_name
    image = _page_image(pdf, artifacts / "certificate-ar-fr")
    found = zxingcpp.read_barcodes(Image.open(image))
    assert [b.format for b in found] == [zxingcpp.BarcodeFormat.QRCode]
    payload = found[0].text
    assert payload == issued.payload  # exactly what was signed, read from the printed page
    check = verify_certificate(inst, payload)
    assert check.ok, check.problems
    assert check.statement is not None and check.statement.name == issued.name
    person = completion.person(issued.person_id)
    assert person is not None and check.statement.hours == f"{person.hours:g}"
    text = pdf_text(pdf, layout=False)
    assert issued.name.split()[0] in text  # the Arabic name reads back whole (shaped, in order)
    assert "Attestation" in text or "Certificat" in text

    code, out, err = run_cli("verify-certificate", payload, "--json", home=inst.paths.home)
    assert code == 0, err
    shown = json.loads(out)
    assert shown["ok"] and shown["signed_content"]["name"] == issued.name
    assert shown["signed_content"]["certificate_id"] == check.statement.certificate_id


def test_certificate_pdf_verifies_and_an_edited_one_is_refused(tunis, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    inst, folder, result = tunis
    pdf = folder / result.certificates[0].file_name
    check = verify_certificate(inst, pdf)
    assert check.ok, check.problems
    assert check.pdf is not None and check.pdf.whole_file and check.pdf.trusted
    code, out, err = run_cli("verify-certificate", str(pdf), home=inst.paths.home)
    assert code == 0, err
    assert result.certificates[0].name in out and "Valid" in out

    edited = tmp_path / "edited.pdf"  # changed after issue, as in the customcert report
    writer = PdfWriter(pdf, incremental=True)
    writer.add_metadata({"/Title": "Certificate of excellence"})
    with edited.open("wb") as out_file:
        writer.write(out_file)
    assert not verify_certificate(inst, edited).ok
    code, out, err = run_cli("verify-certificate", str(edited), home=inst.paths.home)
    assert code == 1 and "Traceback" not in err

    data = bytearray(pdf.read_bytes())  # one byte changed inside the signed range
    at = data.index(b"stream") + 20
    data[at] ^= 0x01
    flipped = tmp_path / "flipped.pdf"
    flipped.write_bytes(bytes(data))
    assert not verify_certificate(inst, flipped).ok


def test_one_changed_letter_in_the_qr_payload_is_refused(tunis) -> None:
    inst, _folder, result = tunis
    payload = result.certificates[0].payload
    values = json.loads(payload)
    name = values[2]
    values[2] = name[:-1] + ("e" if name[-1] != "e" else "a")
    changed = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    check = verify_certificate(inst, changed)
    assert not check.ok and "changed" in check.problems[0]
    hours = json.loads(payload)
    hours[7] = "99"
    assert not verify_certificate(inst, json.dumps(hours, ensure_ascii=False,
                                                   separators=(",", ":"))).ok  # fmt: skip
    code, _out, err = run_cli("verify-certificate", changed, home=inst.paths.home)
    assert code == 1 and "Traceback" not in err
    for junk in ("hello", "[]", '["MC1"]', payload.replace(",", ", ")):
        assert not verify_certificate(inst, junk).ok


def test_certificate_from_an_untrusted_key_is_refused(tunis, tmp_path: Path) -> None:
    from dataclasses import replace

    from app.services.evaluation.certificates import make_certificate
    from app.services.evaluation.statement import parse_payload, sign_statement

    inst, _folder, result = tunis
    genuine, _raw = parse_payload(result.certificates[0].payload)
    other = open_installation(Paths(tmp_path / "forger"), kdf=KdfParams(**FIXTURE_KDF_ARGS))
    try:
        forger = identity.create_identity(other, SIGNER, PASS)  # the same name, another key
        key = identity.unlock_private_key(other, PASS)
        own = replace(genuine, issuer=forger.fingerprint)
        pdf, payload = make_certificate(own, key, forger, "en")
        claimed = sign_statement(genuine, key)  # claims the genuine issuer's fingerprint
    finally:
        other.close()
    check = verify_certificate(inst, payload)
    assert not check.ok and "not in this installation's trusted list" in check.problems[0]
    assert not verify_certificate(inst, claimed).ok
    assert "signature does not match" in verify_certificate(inst, claimed).problems[0]
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(pdf)
    assert not verify_certificate(inst, forged).ok
    code, _out, err = run_cli("verify-certificate", str(forged), home=inst.paths.home)
    assert code == 1 and "Traceback" not in err


@needs_poppler
def test_certificates_command_writes_one_zip(tunis, tmp_path: Path, artifacts: Path) -> None:
    inst, _folder, _result = tunis
    out = tmp_path / "tunis.zip"
    code, stdout, err = run_cli("certificates", training_ids()["UNSMIL"][:8], "-o", str(out),
                                "--json", home=inst.paths.home)  # fmt: skip
    assert code == 0, err
    made = json.loads(stdout)
    assert made["zip"] and made["certificates"]
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(c["file"] for c in made["certificates"])
        first = tmp_path / "first.pdf"
        first.write_bytes(archive.read(made["certificates"][0]["file"]))
    _page_image(first, artifacts / "certificate-en", dpi=70)
    assert verify_certificate(inst, first).ok
