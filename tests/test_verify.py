"""Verifying signed summaries: intact, tampered, appended to, untrusted, unsigned, not a PDF."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.services import identity, signing
from app.services.installation import Profile
from app.services.pdf import SummaryOptions, export_summary
from app.services.sync import trust
from tests.helpers import needs_tools, run_cli
from tests.test_pdf import PASS, signer, training_ids

__all__ = ["signer"]  # the fixture, shared with test_pdf

needs_pdfsig = needs_tools("pdfsig", reason="poppler's pdfsig missing")


@pytest.fixture
def signed_pdf(signer, tmp_path: Path) -> tuple[Any, Path]:
    inst, key = signer
    out = tmp_path / "signed.pdf"
    export_summary(inst, training_ids()["UNSMIL"], out, key, SummaryOptions(lang="en"))
    return inst, out


def _pdfsig(path: Path) -> str:
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def test_untouched_summary_is_valid(signed_pdf) -> None:
    inst, path = signed_pdf
    result = signing.verify_pdf(inst, path)
    assert result.ok, result.problems
    assert result.signed and result.intact and result.whole_file and result.trusted
    own = identity.load_identity(inst)
    assert result.signer is not None
    assert (result.signer.name, result.signer.title, result.signer.mission) == (
        "Chantal Mbuyi",
        "Training focal point",
        "MONUSCO",
    )
    assert result.signer.fingerprint == own.fingerprint
    assert result.signed_at is not None and result.known_here
    assert result.trust_reason == "It is this installation's own certificate."
    assert result.verdict == "Valid: signed by Chantal Mbuyi and unchanged since."
    code, out, err = run_cli("verify", str(path), home=inst.paths.home)
    assert code == 0, err
    assert "Valid: signed by Chantal Mbuyi" in out and "Whole file signed: yes" in out


def test_signature_is_pades_with_a_visible_stamp_on_the_last_page(signed_pdf) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    _inst, path = signed_pdf
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    (sig,) = reader.embedded_signatures
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    widget = sig.sig_field["/Kids"][0] if "/Kids" in sig.sig_field else sig.sig_field
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert x2 - x1 > 100 and y2 - y1 > 30  # visible, not a zero-size field
    pages = reader.root["/Pages"]
    last = pages["/Kids"][-1] if pages["/Count"] == len(pages["/Kids"]) else None
    if last is not None:
        assert widget.get("/P") is None or widget["/P"] == last


@needs_pdfsig
def test_pdfsig_says_valid_and_total(signed_pdf) -> None:
    _inst, path = signed_pdf
    report = _pdfsig(path)
    assert "Signature is Valid" in report
    assert "Total document signed" in report
    assert "ETSI.CAdES.detached" in report


def _flip_byte_in_a_content_stream(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = data.index(b"stream", data.index(b"/Contents")) + 40
    data[start] ^= 0x20
    path.write_bytes(bytes(data))


@needs_pdfsig
def test_a_changed_byte_breaks_the_signature(signed_pdf) -> None:
    inst, path = signed_pdf
    _flip_byte_in_a_content_stream(path)
    result = signing.verify_pdf(inst, path)
    assert not result.ok and not result.intact
    assert "changed" in result.verdict
    code, _out, err = run_cli("verify", str(path), home=inst.paths.home)
    assert code == 1 and "Not valid" in err
    assert "Signature is Valid" not in _pdfsig(path)


def test_an_update_appended_after_signing_is_detected(signed_pdf) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    inst, path = signed_pdf
    with path.open("rb+") as handle:
        writer = IncrementalPdfFileWriter(handle)
        writer.root["/MusterNote"] = generic.TextStringObject("figures changed later")
        writer.update_root()
        writer.write_in_place()
    result = signing.verify_pdf(inst, path)
    assert result.intact  # the signed revision itself is untouched...
    assert not result.whole_file and not result.ok  # ...but something came after it
    assert "changed after signing" in result.verdict
    code, out, _err = run_cli("verify", str(path), "--json", home=inst.paths.home)
    assert code == 1
    shown = json.loads(out)
    assert shown["covers_whole_file"] is False and shown["intact"] is True
    if shutil.which("pdfsig"):
        assert "Total document signed" not in _pdfsig(path)


def test_hq_trusts_a_field_signer_once_its_certificate_is_added(signed_pdf, tmp_path: Path) -> None:
    from app.paths import Paths
    from app.services.installation import open_installation

    field, path = signed_pdf
    hq = open_installation(Paths(tmp_path / "hq"))
    try:
        identity.create_identity(hq, Profile(name="HQ Analyst", title="Analyst", role="hq"), PASS)
        result = signing.verify_pdf(hq, path)
        assert result.signed and result.intact and result.whole_file
        assert not result.trusted and not result.ok
        assert "Chantal Mbuyi" in result.verdict and "trusted list" in result.verdict
        code, _out, err = run_cli("verify", str(path), home=hq.paths.home)
        assert code == 1 and "not in this installation's trusted list" in err
        assert not result.known_here

        trust.add_trusted(hq, identity.load_identity(field).certificate_pem)
        result = signing.verify_pdf(hq, path)
        assert result.ok and result.trusted and "trusted list" in result.trust_reason
        code, out, _err = run_cli("verify", str(path), home=hq.paths.home)
        assert code == 0 and "Valid" in out
    finally:
        hq.close()


def test_unsigned_damaged_and_other_files(signer, tmp_path: Path) -> None:
    inst, _key = signer
    from app.services.sheets import export_sheets

    sheet = tmp_path / "sheet.pdf"
    export_sheets(inst, training_ids()["UNSMIL"], sheet)
    result = signing.verify_pdf(inst, sheet)
    assert not result.signed and not result.ok
    assert result.verdict == "Not valid: the document carries no digital signature."
    code, _out, err = run_cli("verify", str(sheet), home=inst.paths.home)
    assert code == 1 and "no digital signature" in err

    text_file = tmp_path / "notes.pdf"
    text_file.write_text("just some notes", encoding="utf-8")
    code, _out, err = run_cli("verify", str(text_file), home=inst.paths.home)
    assert code == 1 and "is not a PDF file" in err

    code, _out, err = run_cli("verify", str(tmp_path / "absent.pdf"), home=inst.paths.home)
    assert code == 1 and "There is no file" in err

    signed = tmp_path / "signed.pdf"
    export_summary(inst, training_ids()["UNSMIL"], signed, _key)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(signed.read_bytes()[: len(signed.read_bytes()) // 2])
    result = signing.verify_pdf(inst, truncated)
    assert not result.ok and result.problems
    code, _out, err = run_cli("verify", str(truncated), home=inst.paths.home)
    assert code == 1 and err.startswith("muster: Not valid")
