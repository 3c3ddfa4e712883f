"""Archive-grade PDFs: text in four readers, PDF/A-2b structure, certification, HQ time-stamps.

Readers: pdfium (pypdfium2, the engine of Chrome and Edge), pdfminer.six, pypdf and
Poppler's pdftotext. Right-to-left text is where they disagree: pdfium, pypdf and
Poppler expect glyphs in visual order (as Muster writes them) and give Arabic back
in logical order; pdfminer.six has no bidi step at all and returns glyphs left to
right, so its lines are put in reading order with the Unicode bidi algorithm
(python-bidi) before looking for Arabic names. Storing glyphs in logical order
instead would please pdfminer and break pypdf, which reverses every Arabic run.
pdfium reorders each word on its own in mostly-Latin lines, so for Arabic names it
must find every word in order. Latin and Cyrillic must come out verbatim in all four.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.l10n import localize
from app.services import identity, signing
from app.services.installation import Profile
from app.services.pdf import SummaryOptions, export_summary
from app.services.sheets import export_sheets
from app.services.sync import trust
from tests.helpers import needs_tools, run_cli
from tests.test_pdf import PASS, _participant_names, signer, training_ids

__all__ = ["signer"]

needs_poppler = needs_tools("pdftotext", "pdfsig", reason="poppler-utils missing")
ARABIC = re.compile("[\u0600-\u06ff]")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def read_with_all(path: Path) -> dict[str, str]:
    """The document's text as each of the four readers gives it."""
    import pypdf
    import pypdfium2
    from bidi import get_display
    from pdfminer.high_level import extract_text

    data = path.read_bytes()
    document = pypdfium2.PdfDocument(data)
    try:
        pdfium = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    miner = extract_text(io.BytesIO(data))
    poppler = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return {
        "pdfium": _flat(pdfium),
        "pdfminer": _flat("\n".join(get_display(line) for line in miner.splitlines())),
        "pdfminer-raw": _flat(miner),
        "pypdf": _flat(
            "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
        ),
        "pdftotext": _flat(
            poppler.replace("\u202b", "").replace("\u202a", "").replace("\u202c", "")
        ),
    }


def _documents(inst: Any, key: Any, folder: Path, mission: str) -> list[Path]:
    tid = training_ids()[mission]
    summary, sheets = folder / f"{mission}-summary.pdf", folder / f"{mission}-sheets.pdf"
    export_summary(inst, tid, summary, key, SummaryOptions(lang="en"))
    export_sheets(inst, tid, sheets)
    return [summary, sheets]


@needs_poppler
@pytest.mark.timeout(180)
@pytest.mark.parametrize("mission", ["MONUSCO", "UNRCCA", "UNSMIL"])
def test_every_name_extracts_in_every_reader(signer, tmp_path: Path, mission: str) -> None:
    inst, key = signer
    names = _participant_names(inst, training_ids()[mission])
    for pdf in _documents(inst, key, tmp_path, mission):
        texts = read_with_all(pdf)
        for name in names:
            if not ARABIC.search(name):  # Latin with accents, Cyrillic: verbatim everywhere
                for reader in ("pdfium", "pypdf", "pdftotext"):
                    assert name in texts[reader], (pdf.name, reader, name)
                # pdfminer reads a table row line by line across its cells, so a name wrapped
                # in its cell comes out with the row's other cells between its two lines.
                assert all(word in texts["pdfminer-raw"] for word in name.split()), (pdf.name, name)
                continue
            for reader in ("pdfium", "pypdf", "pdftotext", "pdfminer"):
                assert name in texts[reader], (pdf.name, reader, name)
            # Ordinary letters, never presentation forms (U+FB50..U+FEFF).
            assert not re.search("[\ufb50-\ufeff]", texts["pypdf"] + texts["pdftotext"])
        for name in filter(ARABIC.search, names):
            assert pdfium_finds(pdf, name), (pdf.name, name)


def pdfium_finds(path: Path, name: str) -> bool:
    """Whether pdfium's search (Ctrl+F in Chrome) finds ``name`` and copying it gives it back."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        for page in document:
            text = page.get_textpage()
            found = text.search(name).get_next()
            if found is not None:
                return bool(text.get_text_range(*found) == name)
        return False
    finally:
        document.close()


def test_lam_alef_keeps_both_letters() -> None:
    from app.services.pdf_text import visual

    shown = visual("عبد السلام")
    assert any(0xFEF5 <= ord(c) <= 0xFEFC for c in shown)  # drawn as the lam-alef ligature
    assert len([c for c in shown if 0xF000 <= ord(c) <= 0xF0FF]) == 1  # plus one hidden lam


# --- PDF/A-2b ---------------------------------------------------------------------------


def _fonts(resources: Any, seen: set[int]) -> list[Any]:
    """Every font dictionary reachable from ``resources`` (pages, forms, appearances)."""
    out = []
    if resources is None:
        return out
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        out.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        ref = getattr(xobject, "idnum", None)
        if ref in seen:
            continue
        seen.add(ref)
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            out += _fonts(xobject.get("/Resources"), seen)
    return out


def check_pdfa_2b(path: Path) -> None:
    """Each PDF/A-2b requirement Muster's files touch, read from the file's structure."""
    import pypdf
    from pypdf.generic import ArrayObject

    data = path.read_bytes()
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data), "header and binary comment"
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/Encrypt" not in reader.trailer and reader.trailer.get("/ID")
    assert str(root.get("/Version", "/1.7")) <= "/1.7", "PDF/A-2 is PDF 1.7"
    for forbidden in ("/JavaScript", "/AA", "/OpenAction"):
        assert forbidden not in root
    assert "/EmbeddedFiles" not in (root.get("/Names") or {})
    (intent,) = root["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"
    assert profile.get_data()[16:20] == b"RGB "
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata or metadata["/Filter"] in ([], ArrayObject())
    xmp = metadata.get_data().decode("utf-8")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>|pdfaid:part=\"2\"", xmp)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>|conformance=\"B\"", xmp)
    info = reader.trailer["/Info"]
    for key, pattern in (("/Title", "dc:title"), ("/Producer", "pdf:Producer")):
        assert str(info[key]).replace("&", "&amp;") in xmp, (key, pattern)
    created = str(info["/CreationDate"])  # D:YYYYMMDDhhmmss
    assert f"{created[2:6]}-{created[6:8]}-{created[8:10]}T{created[10:12]}:" in xmp
    fonts: list[Any] = []
    seen: set[int] = set()
    for page in reader.pages:
        fonts += _fonts(page.get("/Resources"), seen)
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert int(annot.get("/F", 0)) & 4, "annotations print"
            assert not int(annot.get("/F", 0)) & (1 | 2 | 32), "no hidden annotations"
            normal = (annot.get("/AP") or {}).get("/N")
            if normal is not None:
                fonts += _fonts(normal.get_object().get("/Resources"), seen)
    assert fonts
    for font in fonts:
        assert font["/BaseFont"] != "/Helvetica"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is embedded"
    form = root.get("/AcroForm")
    if form is not None:
        assert not form.get_object().get("/NeedAppearances", False)


def _hq(tmp_path: Path) -> tuple[Any, signing.TimeStampKey]:
    from app.paths import Paths
    from app.services.installation import open_installation

    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="Amina Diallo", title="HQ analyst", role="hq"), PASS)
    key = signing.hq_time_stamp_key(hq, lambda: PASS)
    assert key is not None
    return hq, key


@pytest.mark.timeout(120)
def test_summaries_and_sheets_are_pdfa_2b_signed_and_time_stamped(signer, tmp_path: Path) -> None:
    inst, key = signer
    hq, stamp_key = _hq(tmp_path)
    try:
        for mission in ("UNSMIL", "UNRCCA"):
            summary, sheets = _documents(inst, key, tmp_path, mission)
            check_pdfa_2b(sheets)
            check_pdfa_2b(summary)  # signed
            stamped = tmp_path / f"{mission}-stamped.pdf"
            stamped.write_bytes(signing.timestamp_received_pdf(summary.read_bytes(), stamp_key))
            check_pdfa_2b(stamped)
    finally:
        hq.close()


# --- certification and time-stamps ------------------------------------------------------


def _pdfsig(path: Path) -> str:
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


@needs_poppler
@pytest.mark.timeout(120)
def test_certified_then_time_stamped_by_hq(signer, tmp_path: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    inst, key = signer
    summary = tmp_path / "summary.pdf"
    export_summary(inst, training_ids()["UNSMIL"], summary, key)
    hq, stamp_key = _hq(tmp_path)
    try:
        stamped = tmp_path / "stamped.pdf"
        stamped.write_bytes(signing.timestamp_received_pdf(summary.read_bytes(), stamp_key))
        # pyHanko's validator: a certification with DocMDP P=2, then a document time-stamp.
        reader = PdfFileReader(io.BytesIO(stamped.read_bytes()))
        certification, receipt = reader.embedded_signatures
        assert certification.sig_object["/Reference"][0]["/TransformMethod"] == "/DocMDP"
        status = validate_pdf_signature(
            certification,
            ValidationContext(trust_roots=[certification.signer_cert], allow_fetching=False),
        )
        assert status.intact and status.valid and status.docmdp_ok
        assert certification.docmdp_level == MDPPerm.FILL_FORMS
        assert receipt.sig_object["/Type"] == "/DocTimeStamp"
        tsa = receipt.signer_cert
        assert tsa.extended_key_usage_value.native == ["time_stamping"]
        assert any(e["extn_id"].native == "extended_key_usage" and e["critical"].native
                   for e in tsa["tbs_certificate"]["extensions"])  # fmt: skip
        ts_status = validate_pdf_timestamp(
            receipt, validation_context=ValidationContext(trust_roots=[tsa], allow_fetching=False)
        )
        assert ts_status.intact and ts_status.valid and ts_status.timestamp is not None
        # Poppler sees both.
        report = _pdfsig(stamped)
        assert "MusterSignature" in report and "MusterHQReceipt" in report
        assert "Signature is Valid" in report and "Total document signed" in report

        # Muster: valid at HQ once the field signer is trusted, with who/when/intact/trusted.
        trust.add_trusted(hq, identity.load_identity(inst).certificate_pem)
        result = signing.verify_pdf(hq, stamped)
        assert result.ok and result.certified, result.problems
        (stamp,) = result.timestamps
        assert stamp.intact and stamp.trusted and stamp.authority == "Amina Diallo (time-stamping)"
        code, out, err = run_cli("verify", str(stamped), home=hq.paths.home)
        assert code == 0, err
        assert "the signer's own clock" in out and "Time-stamped:" in out
        assert "by Amina Diallo (time-stamping): intact, trusted" in out
        # The field does not trust that HQ: intact, not trusted, still valid for its signer.
        field_view = signing.verify_pdf(inst, stamped)
        assert field_view.ok and not field_view.timestamps[0].trusted
        # Why, in the reader's language (pyHanko only says whether it holds).
        assert stamp.reason == "issued by HQ (Amina Diallo)."
        assert localize(stamp.reason, "fr") == "émis par le siège (Amina Diallo)."
        assert localize(field_view.timestamps[0].reason, "fr") == (
            "son certificat n'a pas été émis par un certificat du siège de confiance ici."
        )
    finally:
        hq.close()


def test_an_edit_after_certification_is_reported_in_one_line(signer, tmp_path: Path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    inst, key = signer
    path = tmp_path / "summary.pdf"
    export_summary(inst, training_ids()["UNSMIL"], path, key)
    with path.open("rb+") as handle:
        writer = IncrementalPdfFileWriter(handle)
        writer.root["/MusterNote"] = generic.TextStringObject("figures changed later")
        writer.update_root()
        writer.write_in_place()
    result = signing.verify_pdf(inst, path)
    assert result.intact and result.certified and not result.whole_file and not result.ok
    code, _out, err = run_cli("verify", str(path), home=inst.paths.home)
    assert code == 1
    assert err.strip().splitlines() == [f"muster: {result.verdict}"]  # no traceback


def test_a_long_footer_title_ends_with_an_ellipsis_beside_the_page_number(tmp_path: Path) -> None:
    """The footer's title is cut to the room the document id and page number leave."""
    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from app.services.pdf_page import Footer, numbered_canvas, styles

    title = "MONUSCO · " + "Formation des acteurs de la chaîne pénale " * 4
    out = tmp_path / "footer.pdf"
    footer = Footer(left=title, document_id="DOC-1234", lang="fr", margin=40)
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([Paragraph("Texte", styles().body)], canvasmaker=numbered_canvas(footer))
    page = pypdfium2.PdfDocument(str(out))[0]
    text = page.get_textpage().get_text_range()
    line = next(t for t in text.splitlines() if "MONUSCO" in t)
    assert "…" in line and title.strip() not in line
    assert "Document DOC-1234" in text and "Page 1 sur 1" in text


def _container_length(signed: bytes) -> int:
    """Hex digits the signature container really takes in ``signed`` (no padding)."""
    from asn1crypto import cms
    from pyhanko.pdf_utils.reader import PdfFileReader

    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    contents = bytes(embedded.sig_object["/Contents"])
    return 2 * len(cms.ContentInfo.load(contents.rstrip(b"\0")).dump())


@pytest.mark.parametrize("length", [20, 32])  # 32 Arabic letters: the longest name
def test_the_room_for_the_signature_is_set_without_a_trial_signature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    """One signing pass, with room to spare even for the longest name and a long title (the
    certificate, and so the container, grows with it); and if the room is ever too
    small, pyHanko's own trial measures it and the signature still holds."""
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.pdf_text import register_fonts

    register_fonts()
    inst = open_installation(Paths(tmp_path / "home"))
    try:
        name = ("عبد الحميد الورفلي " * 4)[:length]
        title = "Point focal justice et affaires pénitentiaires, " * 20  # no bound on titles
        identity.create_identity(inst, Profile(name=name, title=title, mission="UNSMIL"), PASS)
        key = identity.unlock_private_key(inst, PASS)
        me = identity.require_identity(inst)
        blank = _blank_pdf()
        place = signing.StampPlacement(page=0, box=(40, 40, 240, 100))
        reserved: list[int | None] = []
        real_signed = signing._signed

        def counted(pdf_signer: Any, pdf: bytes, room: int | None) -> bytes:
            reserved.append(room)
            return real_signed(pdf_signer, pdf, room)

        monkeypatch.setattr(signing, "_signed", counted)
        signed = signing.sign_pdf(blank, key, me, place, [("Signed", 8, False)])
        assert len(reserved) == 1 and reserved[0] is not None
        assert _container_length(signed) <= reserved[0]
        (tmp_path / "one.pdf").write_bytes(signed)
        assert signing.verify_pdf(inst, tmp_path / "one.pdf").ok

        reserved.clear()
        monkeypatch.setattr(signing, "_bytes_to_reserve", lambda _cert: 64)
        signed = signing.sign_pdf(blank, key, me, place, [("Signed", 8, False)])
        assert reserved == [64, None]
        (tmp_path / "two.pdf").write_bytes(signed)
        assert signing.verify_pdf(inst, tmp_path / "two.pdf").ok
    finally:
        inst.close()


def _blank_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "A page to sign")
    page.showPage()
    page.save()
    return buffer.getvalue()
