"""PAdES signatures on Muster's PDFs (pyHanko) and their verification.

Signing uses the installation's ECDSA P-256 key and self-signed certificate, with
``subfilter=PAdES`` (pyHanko's default is adbe.pkcs7.detached) and a visible stamp
drawn by ReportLab so the signer's name shows in any script.

Verification answers the questions HQ asks, in plain words: who signed and when;
is the signed content intact; does the signature cover the whole file (pyHanko
calls a document with an edit appended after signing "intact" for the revision it
signed, so we also require coverage of the entire file); and does this
installation trust the signer (self-signed certificates: trust is the list kept
by :mod:`app.services.sync.trust`). pyHanko is imported inside functions (~0.5 s).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.services.identity import (
    CertificateInfo,
    IdentityInfo,
    describe_certificate,
    format_fingerprint,
)
from app.services.installation import Installation

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

FIELD_NAME = "MusterSignature"
DOCUMENT_ID_RE = re.compile(r"muster-document:([0-9a-f-]{36})")


@dataclass(frozen=True)
class StampPlacement:
    """Where the visible signature goes: 0-based page index and box in points."""

    page: int
    box: tuple[float, float, float, float]  # x1, y1, x2, y2


def _stamp_pdf(lines: list[tuple[str, float, bool]], width: float, height: float) -> bytes:
    """A one-page PDF the size of the stamp: the lines (text, size, bold) in any script."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from app.services.pdf_text import SANS, draw_string, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=SANS)
    canvas.setFillColor(colors.HexColor("#eef4fa"))
    canvas.setStrokeColor(colors.HexColor("#1a5f9e"))
    canvas.setLineWidth(1.2)
    canvas.rect(0.6, 0.6, width - 1.2, height - 1.2, fill=1, stroke=1)
    canvas.setFillColor(colors.HexColor("#1a5f9e"))
    y = height - 14
    for text, size, bold in lines:
        draw_string(canvas, 8, y, text, size, bold=bold)
        y -= size + 3.5
        canvas.setFillColor(colors.black)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sign_pdf(
    pdf: bytes,
    private_key: EllipticCurvePrivateKey,
    identity: IdentityInfo,
    placement: StampPlacement,
    stamp_lines: list[tuple[str, float, bool]],
    reason: str = "",
    location: str = "",
) -> bytes:
    """``pdf`` with a PAdES signature by ``identity`` and a visible stamp at ``placement``."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(_pem_to_der(identity.certificate_pem))
    key_info = asn1_keys.PrivateKeyInfo.load(
        private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )
    x1, y1, x2, y2 = placement.box
    with tempfile.TemporaryDirectory(prefix="muster-stamp-") as folder:
        stamp_file = Path(folder) / "stamp.pdf"
        stamp_file.write_bytes(_stamp_pdf(stamp_lines, x2 - x1, y2 - y1))
        style = StaticStampStyle(background=ImportedPdfPage(str(stamp_file)), border_width=0)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason or None,
            location=location or None,
            name=identity.name,
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(
                sig_field_name=FIELD_NAME, on_page=placement.page, box=placement.box
            ),
        )
        output = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=output)
    return output.getvalue()


def _pem_to_der(pem: bytes) -> bytes:
    from asn1crypto import pem as asn1_pem

    if asn1_pem.detect(pem):
        _kind, _headers, der = asn1_pem.unarmor(pem)
        return bytes(der)
    return pem


# --- verification ----------------------------------------------------------------------


@dataclass(frozen=True)
class VerificationResult:
    """What ``muster verify`` and the "Verify a document" window say about a PDF."""

    file: Path
    sha256: str
    signed: bool
    intact: bool = False  # the signed bytes are unchanged and the signature is sound
    whole_file: bool = False  # nothing was added after signing
    signer: CertificateInfo | None = None
    signed_at: datetime | None = None  # as claimed by the signer, UTC
    trusted: bool = False
    trust_reason: str = ""
    document_id: str = ""
    known_here: bool = False  # this installation made or received this very file
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.whole_file and self.trusted

    @property
    def verdict(self) -> str:
        """One sentence: the answer first, then the main reason when it is not good."""
        if self.ok:
            who = self.signer.name if self.signer else "a trusted signer"
            return f"Valid: signed by {who} and unchanged since."
        return "Not valid: " + (self.problems[0] if self.problems else "unknown problem.")

    def to_json(self) -> dict[str, object]:
        signer = self.signer
        return {
            "file": str(self.file),
            "sha256": self.sha256,
            "ok": self.ok,
            "verdict": self.verdict,
            "signed": self.signed,
            "intact": self.intact,
            "covers_whole_file": self.whole_file,
            "trusted": self.trusted,
            "trust_reason": self.trust_reason,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "document_id": self.document_id,
            "known_here": self.known_here,
            "signer": None
            if signer is None
            else {
                "name": signer.name,
                "title": signer.title,
                "mission": signer.mission,
                "role": signer.role,
                "email": signer.email,
                "device_id": signer.device_id,
                "fingerprint": signer.fingerprint,
            },
            "problems": list(self.problems),
        }


def _document_id(reader: object) -> str:
    with contextlib.suppress(Exception):
        info = reader.trailer["/Info"]  # type: ignore[attr-defined]
        match = DOCUMENT_ID_RE.search(str(info.get("/Keywords", "")))
        if match:
            return match.group(1)
    return ""


def verify_pdf(inst: Installation, path: Path) -> VerificationResult:
    """Check a signed PDF: signer, time, integrity, whole-file coverage and trust."""
    from app.services.sync import trust

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"There is no file {path}.") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.") from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.lstrip()[:5] == b"%PDF-":
        raise UserError(f"{path.name} is not a PDF file.")
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return VerificationResult(
            file=path,
            sha256=digest,
            signed=False,
            problems=(f"the file is damaged or was changed, and cannot be read ({exc}).",),
        )
    known = _known_document(inst, digest)
    document_id = _document_id(reader)
    if not signatures:
        return VerificationResult(
            file=path,
            sha256=digest,
            signed=False,
            document_id=document_id,
            known_here=known,
            problems=("the document carries no digital signature.",),
        )
    results = [_check_signature(sig) for sig in signatures]
    signer, signed_at, intact, coverage_ok, problems = results[-1]
    for _s, _t, other_intact, _c, other_problems in results[:-1]:
        if not other_intact:
            intact = False
            problems = [*other_problems, *problems]
    trusted, reason = (False, "")
    if signer is not None:
        trusted, reason = trust.is_trusted(inst, signer.certificate_pem)
        if not trusted:
            problems.append(reason[0].lower() + reason[1:] if reason else "untrusted signer.")
    return VerificationResult(
        file=path,
        sha256=digest,
        signed=True,
        intact=intact,
        whole_file=coverage_ok,
        signer=signer,
        signed_at=signed_at,
        trusted=trusted,
        trust_reason=reason,
        document_id=document_id,
        known_here=known,
        problems=tuple(problems),
    )


def _check_signature(
    sig: object,
) -> tuple[CertificateInfo | None, datetime | None, bool, bool, list[str]]:
    """(signer, signing time, intact, covers whole file, problems) for one signature."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    problems: list[str] = []
    signer: CertificateInfo | None = None
    with contextlib.suppress(Exception):
        signer = describe_certificate(sig.signer_cert.dump())  # type: ignore[attr-defined]
    try:
        context = ValidationContext(
            trust_roots=[sig.signer_cert],  # type: ignore[attr-defined]
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        status = validate_pdf_signature(sig, signer_validation_context=context)  # type: ignore[arg-type]
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        problems.append(
            f"the signature cannot be checked; the file was changed or damaged ({exc})."
        )
        return signer, None, False, False, problems
    signed_at = status.signer_reported_dt
    if signed_at is not None:
        signed_at = signed_at.astimezone(UTC)
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append(
            "the signed content was changed after signing (the signature no longer matches)."
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if intact and not whole:
        problems.append(
            "the document was changed after signing: content was added to the file "
            "after the signature, so what you see may not be what was signed."
        )
    if signer is not None and signed_at is not None:
        at = signed_at.replace(tzinfo=None)
        if not (signer.not_before <= at <= signer.not_after):
            problems.append("it was signed outside the validity dates of the signer's certificate.")
            intact = False
    return signer, signed_at, intact, whole, problems


def _known_document(inst: Installation, sha256: str) -> bool:
    from sqlalchemy import select

    from app.db.models import Document

    with inst.db.reading() as session:
        return session.scalar(select(Document.id).where(Document.sha256 == sha256)) is not None


def describe_result(result: VerificationResult) -> list[tuple[str, str]]:
    """Label/value lines for the CLI and the window (English; the UI translates labels)."""
    lines: list[tuple[str, str]] = [("Result", result.verdict)]
    signer = result.signer
    if signer is not None:
        who = ", ".join(p for p in (signer.name, signer.title, signer.mission) if p)
        lines.append(("Signed by", who))
        lines.append(("Certificate", format_fingerprint(signer.fingerprint)))
    if result.signed_at is not None:
        lines.append(("Signed on", result.signed_at.strftime("%Y-%m-%d %H:%M UTC")))
    if result.signed:
        lines.append(("Intact", "yes" if result.intact else "no: the signed content was changed"))
        lines.append(
            (
                "Whole file signed",
                "yes" if result.whole_file else "no: something was added after signing",
            )
        )
        lines.append(("Trusted", ("yes: " if result.trusted else "no: ") + result.trust_reason))
    if result.document_id:
        lines.append(("Document id", result.document_id))
    return lines
