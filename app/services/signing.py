"""PAdES signatures on Muster's PDFs (pyHanko) and their verification.

Signing uses the installation's ECDSA P-256 key and self-signed certificate, with
``subfilter=PAdES`` (pyHanko's default is adbe.pkcs7.detached) and a visible stamp
drawn by ReportLab so the signer's name shows in any script. The signature
*certifies* the document (DocMDP P=2: later signatures, such as HQ's time-stamp,
are allowed; any other change is reported). The signing time is the signer's own
clock, written in the signature dictionary's /M entry, which the signature covers:
PAdES baseline (ETSI EN 319 142-1) forbids the CMS signing-time attribute, so
pyHanko leaves it out and so do we. The file stays PDF 1.7, so PDF/A-2b holds
(pyHanko would declare PDF 2.0 for an ECDSA key; see :class:`_Pdf17Signer`).

HQ vouches for receipt with a document time-stamp (RFC 3161, ETSI.RFC3161): an
offline time-stamping authority whose certificate (extendedKeyUsage timeStamping,
critical) is issued by HQ's own certificate for HQ's own key.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.l10n import LoweredPhrase, Phrase, lower_first
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
TIMESTAMP_FIELD = "MusterHQReceipt"
DOCUMENT_ID_RE = re.compile(r"muster-document:([0-9a-f-]{36})")


@dataclass(frozen=True)
class StampPlacement:
    """Where the visible signature goes: 0-based page index and box in points."""

    page: int
    box: tuple[float, float, float, float]  # x1, y1, x2, y2


def _stamp_pdf(lines: list[tuple[str, float, bool]], width: float, height: float) -> bytes:
    """A one-page PDF the size of the stamp: the lines (text, size, bold) in any script."""
    from reportlab.lib import colors

    from app.services.pdf_text import SANS, arabic_text_canvas, draw_string, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = arabic_text_canvas()(buffer, pagesize=(width, height), initialFontName=SANS)
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
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError
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
    from pyhanko.sign.fields import MDPPerm

    x1, y1, x2, y2 = placement.box
    with tempfile.TemporaryDirectory(prefix="muster-stamp-") as folder:
        stamp_file = Path(folder) / "stamp.pdf"
        stamp_file.write_bytes(_stamp_pdf(stamp_lines, x2 - x1, y2 - y1))
        style = StaticStampStyle(background=ImportedPdfPage(str(stamp_file)), border_width=0)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason or None,
            location=location or None,
            name=identity.name,
            certify=True,
            docmdp_permissions=MDPPerm.FILL_FORMS,  # later signatures and time-stamps only
        )
        pdf_signer = _pdf17_signer_class()(
            meta,
            signer=signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(
                sig_field_name=FIELD_NAME,
                on_page=placement.page,
                box=placement.box,  # type: ignore[arg-type]  # pyHanko annotates ints; PDF takes reals
            ),
        )
        try:
            return _signed(pdf_signer, pdf, _bytes_to_reserve(cert))
        except SigningError:
            # The room set aside was too small (a certificate unlike the ones Muster
            # makes): let pyHanko measure it with a trial signature, as by default.
            return _signed(pdf_signer, pdf, None)


def _bytes_to_reserve(cert: Any) -> int:
    """Room for the signature container in the file, in hex digits, without a trial run.

    pyHanko's default signs twice: once with a dummy digest to measure the container,
    once for real (a third of the signing time). The container holds the certificate,
    its issuer and serial twice more (signer id, signing-certificate attribute) and
    fixed-size attributes, digests and an ECDSA signature: under three times the
    certificate plus 2 KiB, twice that in hex."""
    return 2 * (3 * len(cert.dump()) + 2048)


def _signed(pdf_signer: Any, pdf: bytes, bytes_reserved: int | None) -> bytes:
    output = io.BytesIO()
    pdf_signer.sign_pdf(_metadata_keeping_writer(pdf), output=output, bytes_reserved=bytes_reserved)
    return output.getvalue()


@dataclass(frozen=True)
class TimeStampKey:
    """HQ's key material for time-stamping received documents."""

    private_key: EllipticCurvePrivateKey
    certificate_pem: bytes  # HQ's own certificate: it issues the time-stamping certificate


def hq_time_stamp_key(inst: Installation, passphrase: Callable[[], str]) -> TimeStampKey | None:
    """This HQ installation's key material for time-stamps; None on a field installation."""
    from app.services.identity import load_identity, unlock_private_key

    own = load_identity(inst)
    if own is None or own.role != "hq":
        return None
    return TimeStampKey(unlock_private_key(inst, passphrase()), own.certificate_pem)


def timestamp_received_pdf(pdf: bytes, hq: TimeStampKey) -> bytes:
    """``pdf`` with HQ's document time-stamp appended (RFC 3161, incremental update).

    Anyone holding HQ's certificate can later check that the document existed,
    unchanged, when HQ received it. Earlier signatures stay valid: a certified
    document allows time-stamps, and the update changes no byte they cover.
    """
    from pyhanko.sign.signers import PdfTimeStamper

    tsa_cert, issuer, key = _tsa_material(hq.private_key, hq.certificate_pem)
    stamper = _local_tsa_class()(tsa_cert=tsa_cert, tsa_key=key, certs_to_embed=[issuer])
    writer = _metadata_keeping_writer(pdf)
    field_name = TIMESTAMP_FIELD
    taken = {str(f.get_object().get("/T", "")) for f in _form_fields(writer)}
    number = 1
    while field_name in taken:
        number += 1
        field_name = f"{TIMESTAMP_FIELD}{number}"
    output = io.BytesIO()
    PdfTimeStamper(stamper, field_name=field_name).timestamp_pdf(writer, "sha256", output=output)
    return output.getvalue()


def _local_tsa_class() -> type:
    """pyHanko's in-process RFC 3161 authority, signing with HQ's ECDSA key (it is RSA-only)."""
    from asn1crypto import algos, cms, core
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    class LocalTimeStamper(DummyTimeStamper):
        def _sign_tst_info(
            self, tst_info_data: bytes, md_algorithm: str, dt: datetime
        ) -> tuple[bytes, Any]:
            digest = hashes.Hash(hashes.SHA256())
            digest.update(tst_info_data)
            signed_attrs = cms.CMSAttributes(
                [
                    simple_cms_attribute("content_type", "tst_info"),
                    simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                    simple_cms_attribute(
                        "signing_certificate_v2", as_signing_certificate_v2(self.tsa_cert)
                    ),
                    simple_cms_attribute("message_digest", digest.finalize()),
                ]
            )
            key = serialization.load_der_private_key(self.tsa_key.dump(), password=None)
            assert isinstance(key, ec.EllipticCurvePrivateKey)  # the time-stamp key is ECDSA
            signature = key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
            return signature, signed_attrs

        def _build_signed_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            data: dict[str, Any] = super()._build_signed_data(*args, **kwargs)
            for info in data["signer_infos"]:
                info["signature_algorithm"] = algos.SignedDigestAlgorithm(
                    {"algorithm": "sha256_ecdsa"}
                )
            return data

    return LocalTimeStamper


def _form_fields(writer: object) -> list[Any]:
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        return list(writer.root["/AcroForm"]["/Fields"])  # type: ignore[attr-defined]
    return []


_TSA_CACHE: dict[tuple[bytes, int], tuple[object, object, object]] = {}


def _tsa_material(private_key: EllipticCurvePrivateKey, hq_pem: bytes) -> tuple[Any, Any, Any]:
    """(time-stamping certificate, HQ certificate, key) as asn1crypto objects, made once."""
    cached = _TSA_CACHE.get((hq_pem, id(private_key)))
    if cached is not None:
        return cached
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    issuer = x509.load_pem_x509_certificate(hq_pem)
    public = private_key.public_key()
    names = [a for a in issuer.subject if a.oid != NameOID.COMMON_NAME]
    common = issuer.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    holder = str(common[0].value) if common else "HQ"
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, f"{holder} (time-stamping)"), *names]
    )
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(issuer.not_valid_before_utc)
        .not_valid_after(issuer.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(private_key, hashes.SHA256())
    )
    key_der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    material = (
        asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        asn1_x509.Certificate.load(issuer.public_bytes(serialization.Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(key_der),
    )
    _TSA_CACHE[(hq_pem, id(private_key))] = material
    return material


def _metadata_keeping_writer(pdf: bytes) -> Any:
    """An incremental writer that leaves the info dictionary and XMP as they are.

    pyHanko would rewrite the producer and modification date in the two differently
    (PDF/A requires them to agree); the signing time is in the signature anyway.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class _Writer(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            return None

    return _Writer(io.BytesIO(pdf), strict=False)


def _pdf17_signer_class() -> type:
    """pyHanko's PdfSigner, minus the PDF 2.0 bump for ECDSA keys (PDF/A-2 is PDF 1.7)."""
    from pyhanko.sign.signers import PdfSigner, constants

    class _Pdf17Signer(PdfSigner):
        def register_extensions(self, pdf_out: object, *, md_algorithm: str) -> None:
            # PAdES in PDF 1.7 is declared by the ESIC extension; the ISO 32002 one
            # (ECDSA in PDF 2.0) would turn the file into PDF 2.0 and out of PDF/A-2.
            pdf_out.ensure_output_version(version=(1, 7))  # type: ignore[attr-defined]
            pdf_out.register_extension(constants.ESIC_EXTENSION_1)  # type: ignore[attr-defined]

    return _Pdf17Signer


def _pem_to_der(pem: bytes) -> bytes:
    from asn1crypto import pem as asn1_pem

    if asn1_pem.detect(pem):
        _kind, _headers, der = asn1_pem.unarmor(pem)
        return bytes(der)
    return pem


# --- verification ----------------------------------------------------------------------


@dataclass(frozen=True)
class TimeStampInfo:
    """A document time-stamp found in a PDF: who vouched for it, when, and whether it holds."""

    authority: str  # the time-stamping certificate's name, e.g. "Amina Diallo (time-stamping)"
    issuer: str  # who issued that certificate (HQ's name)
    time: datetime | None  # UTC, from the RFC 3161 token
    intact: bool  # the token is sound and the bytes it covers are unchanged
    trusted: bool  # its certificate was issued by an HQ certificate trusted here
    reason: str = ""


@dataclass(frozen=True)
class VerificationResult:
    """What ``muster verify`` and the "Verify a document" window say about a PDF."""

    file: Path
    sha256: str
    signed: bool
    intact: bool = False  # the signed bytes are unchanged and the signature is sound
    whole_file: bool = False  # nothing but time-stamps was added after signing
    signer: CertificateInfo | None = None
    signed_at: datetime | None = None  # as claimed by the signer (their own clock), UTC
    trusted: bool = False
    trust_reason: str = ""
    document_id: str = ""
    known_here: bool = False  # this installation made or received this very file
    certified: bool = False  # a certification signature (DocMDP) locks the document
    timestamps: tuple[TimeStampInfo, ...] = ()
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
            "certified": self.certified,
            "trusted": self.trusted,
            "trust_reason": self.trust_reason,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "signed_at_source": "the signer's own clock",
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
            "timestamps": [
                {
                    "authority": t.authority,
                    "issuer": t.issuer,
                    "time": t.time.isoformat() if t.time else None,
                    "intact": t.intact,
                    "trusted": t.trusted,
                    "reason": t.reason,
                }
                for t in self.timestamps
            ],
            "problems": list(self.problems),
        }


def _document_id(reader: object) -> str:
    with contextlib.suppress(Exception):
        info = reader.trailer["/Info"]  # type: ignore[attr-defined]
        match = DOCUMENT_ID_RE.search(str(info.get("/Keywords", "")))
        if match:
            return match.group(1)
    return ""


def _quiet_pyhanko() -> None:
    """pyHanko logs a traceback when it meets an edit it does not allow; we say it in words."""
    import logging

    logger = logging.getLogger("pyhanko")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def verify_pdf(inst: Installation, path: Path) -> VerificationResult:
    """Check a signed PDF: signer, time, integrity, whole-file coverage, trust, time-stamps."""
    from app.services.sync.trust import is_trusted

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(Phrase("There is no file {path}.", path=path)) from None
    except OSError as exc:
        raise UserError(
            Phrase("Cannot read {path}: {strerror}.", path=path, strerror=exc.strerror)
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.lstrip()[:5] == b"%PDF-":
        raise UserError(Phrase("{file} is not a PDF file.", file=path.name))
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    _quiet_pyhanko()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return VerificationResult(
            file=path,
            sha256=digest,
            signed=False,
            problems=(
                LoweredPhrase(
                    "The file is damaged or was changed, and cannot be read ({detail}).", detail=exc
                ),
            ),
        )
    known = _known_document(inst, digest)
    document_id = _document_id(reader)
    signatures = [s for s in embedded if s.sig_object_type != "/DocTimeStamp"]
    stamps = tuple(_check_timestamp(inst, s) for s in embedded if s not in signatures)
    if not signatures:
        return VerificationResult(
            file=path,
            sha256=digest,
            signed=False,
            document_id=document_id,
            known_here=known,
            timestamps=stamps,
            problems=(LoweredPhrase("The document carries no digital signature."),),
        )
    results = [_check_signature(sig) for sig in signatures]
    signer, signed_at, intact, coverage_ok, problems = results[-1]
    for _s, _t, other_intact, _c, other_problems in results[:-1]:
        if not other_intact:
            intact = False
            problems = [*other_problems, *problems]
    for stamp in stamps:
        if not stamp.intact:
            problems.append(LoweredPhrase("The time-stamp by {authority} does not hold: {reason}",
                                          authority=stamp.authority, reason=stamp.reason))  # fmt: skip
    trusted, reason = (False, "")
    if signer is not None:
        trusted, reason = is_trusted(inst, signer.certificate_pem)
        if not trusted:
            problems.append(lower_first(reason))
    return VerificationResult(
        file=path,
        sha256=digest,
        signed=True,
        intact=intact and all(s.intact for s in stamps),
        whole_file=coverage_ok,
        signer=signer,
        signed_at=signed_at,
        trusted=trusted,
        trust_reason=reason,
        document_id=document_id,
        known_here=known,
        certified=any(s.sig_object.get("/Reference") is not None for s in signatures),
        timestamps=stamps,
        problems=tuple(problems),
    )


def _check_signature(
    sig: object,
) -> tuple[CertificateInfo | None, datetime | None, bool, bool, list[str]]:
    """(signer, signing time, intact, nothing but time-stamps after it, problems)."""
    from pyhanko.sign.diff_analysis import ModificationLevel
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
        problems.append(LoweredPhrase(
            "The signature cannot be checked; the file was changed or damaged ({detail}).",
            detail=exc))  # fmt: skip
        return signer, None, False, False, problems
    signed_at = status.signer_reported_dt
    if signed_at is not None:
        signed_at = signed_at.astimezone(UTC)
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append(LoweredPhrase(
            "The signed content was changed after signing (the signature no longer matches)."))  # fmt: skip
    # Only time-stamps (and their validation data) may follow the signature.
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level is not None
        and status.modification_level <= ModificationLevel.LTA_UPDATES
        and status.docmdp_ok is not False
    )
    if intact and not whole:
        problems.append(LoweredPhrase(
            "The document was changed after signing: content was added to the file "
            "after the signature, so what you see may not be what was signed."))  # fmt: skip
    if signer is not None and signed_at is not None:
        at = signed_at.replace(tzinfo=None)
        if not (signer.not_before <= at <= signer.not_after):
            problems.append(LoweredPhrase(
                "It was signed outside the validity dates of the signer's certificate."))  # fmt: skip
            intact = False
    return signer, signed_at, intact, whole, problems


def _hq_certificates(inst: Installation) -> list[bytes]:
    """HQ certificates this installation trusts: its own (if HQ) and trusted HQ signers."""
    from app.services.identity import load_identity
    from app.services.sync.trust import list_trusted

    own = load_identity(inst)
    pems = [own.certificate_pem] if own is not None and own.role == "hq" else []
    for signer in list_trusted(inst):
        with contextlib.suppress(UserError, ValueError):
            if describe_certificate(signer.certificate_pem).role == "hq":
                pems.append(signer.certificate_pem)
    return pems


def _check_timestamp(inst: Installation, sig: Any) -> TimeStampInfo:
    """Integrity, time and trust of one document time-stamp."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from pyhanko.sign.validation import validate_pdf_timestamp
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    tsa = sig.signer_cert
    authority = str(tsa.subject.native.get("common_name", "unknown"))
    issuer = str(tsa.issuer.native.get("common_name", "unknown"))
    try:
        context = ValidationContext(
            trust_roots=[tsa], allow_fetching=False, revocation_mode="soft-fail"
        )
        status = validate_pdf_timestamp(sig, validation_context=context)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        unreadable = Phrase("it cannot be read ({detail}).", detail=str(exc))
        return TimeStampInfo(authority, issuer, None, False, False, unreadable)
    when = status.timestamp.astimezone(UTC) if status.timestamp else None
    if not (status.intact and status.valid):
        changed = Phrase("the bytes it covers changed.")
        return TimeStampInfo(authority, issuer, when, False, False, changed)
    tsa_cert = x509.load_der_x509_certificate(tsa.dump())
    for pem in _hq_certificates(inst):
        hq = x509.load_pem_x509_certificate(pem)
        try:
            tsa_cert.verify_directly_issued_by(hq)
        except (ValueError, TypeError, InvalidSignature):
            continue
        name = describe_certificate(pem).name
        issued = Phrase("issued by HQ ({name}).", name=name)
        return TimeStampInfo(authority, name, when, True, True, issued)
    return TimeStampInfo(
        authority, issuer, when, True, False,
        Phrase("its certificate was not issued by an HQ certificate trusted here."),
    )  # fmt: skip


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
        when = result.signed_at.strftime("%Y-%m-%d %H:%M UTC")
        lines.append(("Signed on", f"{when} (the signer's own clock, not checked)"))
    if result.signed:
        lines.append(
            ("Certified", "yes: only time-stamps may be added" if result.certified else "no")
        )
        lines.append(("Intact", "yes" if result.intact else "no: the signed content was changed"))
        lines.append(
            (
                "Whole file signed",
                "yes" if result.whole_file else "no: something was added after signing",
            )
        )
        lines.append(("Trusted", ("yes: " if result.trusted else "no: ") + result.trust_reason))
    for stamp in result.timestamps:
        when = stamp.time.strftime("%Y-%m-%d %H:%M UTC") if stamp.time else "unknown time"
        state = "intact" if stamp.intact else "NOT intact"
        trusted = "trusted" if stamp.trusted else "not trusted"
        lines.append(("Time-stamped", f"{when} by {stamp.authority}: {state}, {trusted}"))
    if result.document_id:
        lines.append(("Document id", result.document_id))
    return lines
