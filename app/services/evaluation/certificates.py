"""Certificates that verify themselves: a signed PDF whose QR code carries a signed statement.

For every participant who completed a training, a one-page certificate (landscape A4,
PDF/A-2b, their name in any script) says who, which training, when, the hours attended
and who issued it. It is signed like the summaries (PAdES, certified, visible stamp), and
its QR code carries the compact signed statement of :mod:`.statement`, the same one kept
in the PDF's keywords. :func:`verify_certificate` checks a certificate from its PDF (the
PDF signature, whole file, trusted signer, and the statement, which must name the same
signer) or from the QR payload alone (typed or scanned from paper), offline, against this
installation's trusted signers, and returns the full content that was signed.

QR codes are made by segno (pure Python, no dependencies, maintained since 2016; it
writes ISO/IEC 18004 codes with ECI for UTF-8), drawn as vector squares in the PDF.
"""

from __future__ import annotations

import base64
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db.base import derived_id
from app.errors import UserError
from app.l10n import (
    LoweredPhrase,
    Phrase,
    check_language,
    format_date,
    format_date_range,
    lower_first,
    tr,
)
from app.services.evaluation.completion import PersonCompletion, training_completion
from app.services.evaluation.statement import (
    PayloadError,
    Statement,
    parse_payload,
    sign_statement,
    signature_holds,
)
from app.services.installation import Installation

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

    from app.services.identity import CertificateInfo, IdentityInfo
    from app.services.signing import VerificationResult
    from app.services.trainings import TrainingInfo

KEYWORD = "muster-certificate:"
_KEYWORD_RE = re.compile(r"muster-certificate:([A-Za-z0-9_-]+)")
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


def certificate_id(training_id: str, person_id: str) -> str:
    """16 letters and digits, the same for one person and training on every device."""
    number = uuid.UUID(derived_id("certificate", training_id, person_id)).int >> 48
    return "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in range(15, -1, -1))


def grouped_id(cid: str) -> str:
    return "-".join(cid[i : i + 4] for i in range(0, len(cid), 4))


def hours_text(hours: float | None) -> str:
    if hours is None:
        return ""
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def statement_for(training: TrainingInfo, person: PersonCompletion, issuer: str,
                  issued: date) -> Statement:  # fmt: skip
    return Statement(
        certificate_id=certificate_id(training.id, person.person_id), name=person.full_name,
        training=training.title, mission=training.mission, start=training.start,
        end=training.end, hours=hours_text(person.hours), issued=issued, issuer=issuer,
    )  # fmt: skip


# --- drawing ---------------------------------------------------------------------------------


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's dark modules, with its quiet zone (4 modules), rows top to bottom."""
    import segno

    code = segno.make(payload, error="m", micro=False, encoding="utf-8", eci=True)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=4)]


def _draw_qr(canvas: Any, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Black squares, one rectangle per run of dark modules in a row (crisp at any zoom)."""
    from reportlab.lib import colors

    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, fill=1, stroke=0)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * module
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            canvas.rect(x + start * module, top, (c - start) * module, module, fill=1, stroke=0)
    canvas.restoreState()


def _fitted(text: str, bold: bool, size: float, width: float, smallest: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.services.pdf_text import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD, runs

    def width_at(points: float) -> float:
        return sum(
            stringWidth(r.text, (ARABIC_BOLD if bold else ARABIC) if r.arabic
                        else (SANS_BOLD if bold else SANS), points)
            for r in runs(text)
        )  # fmt: skip

    while size > smallest and width_at(size) > width:
        size -= 0.5
    return size


@dataclass(frozen=True)
class SignerLine:
    name: str
    title: str
    mission: str
    fingerprint: str


def render_certificate(statement: Statement, payload: str, signer: SignerLine,
                       lang: str) -> tuple[bytes, tuple[float, float, float, float]]:  # fmt: skip
    """The unsigned certificate PDF and the box where the signature stamp goes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from app.services.identity import format_fingerprint
    from app.services.pdf_archive import make_pdfa
    from app.services.pdf_page import MUTED, UN_BLUE
    from app.services.pdf_text import (
        SANS,
        SANS_BOLD,
        arabic_text_canvas,
        draw_string,
        markup,
        register_fonts,
    )

    register_fonts()
    width, height = landscape(A4)
    buffer = io.BytesIO()
    canvas = arabic_text_canvas()(buffer, pagesize=(width, height), initialFontName=SANS)
    canvas.setTitle(tr(lang, "Certificate: {name}", name=statement.name))
    canvas.setAuthor(signer.name)
    canvas.setSubject(statement.training)
    canvas.setCreator("Muster")
    encoded = base64.urlsafe_b64encode(payload.encode("utf-8")).rstrip(b"=").decode("ascii")
    canvas.setKeywords(f"{KEYWORD}{encoded}")
    canvas.setLineWidth(3)
    canvas.setStrokeColor(UN_BLUE)
    canvas.rect(28, 28, width - 56, height - 56, fill=0, stroke=1)
    canvas.setLineWidth(0.8)
    canvas.rect(36, 36, width - 72, height - 72, fill=0, stroke=1)
    middle = width / 2
    canvas.setFillColor(UN_BLUE)
    draw_string(canvas, middle, height - 100, tr(lang, "CERTIFICATE OF COMPLETION"), 26,
                bold=True, align="center")  # fmt: skip
    canvas.setFillColor(colors.black)
    draw_string(canvas, middle, height - 150, tr(lang, "This is to certify that"), 13,
                align="center")  # fmt: skip
    size = _fitted(statement.name, True, 30, width - 160, 14)
    draw_string(canvas, middle, height - 198, statement.name, size, bold=True, align="center")
    draw_string(canvas, middle, height - 236, tr(lang, "completed the training"), 13,
                align="center")  # fmt: skip
    style = ParagraphStyle("t", fontName=SANS_BOLD, fontSize=17, leading=21, alignment=1,
                           textColor=UN_BLUE)  # fmt: skip
    title = Paragraph(markup(statement.training, bold=True), style)
    _w, used = title.wrap(width - 200, 70)
    title.drawOn(canvas, 100, height - 252 - used)
    line = f"{statement.mission} · {format_date_range(statement.start, statement.end, lang)}"
    y = height - 280 - used
    draw_string(canvas, middle, y, line, 12, align="center")
    if statement.hours:
        hours = statement.hours.replace(".", ",") if lang == "fr" else statement.hours
        draw_string(canvas, middle, y - 22, tr(lang, "Hours attended: {hours}", hours=hours),
                    12, align="center")  # fmt: skip
    who = ", ".join(x for x in (signer.name, signer.title, signer.mission) if x)
    canvas.setFillColor(MUTED)
    draw_string(canvas, 60, 150, tr(lang, "Issued on {date} by {signer}.",
                                    date=format_date(statement.issued, lang), signer=who), 9)  # fmt: skip
    draw_string(
        canvas, 60, 136, tr(lang, "Certificate {id}", id=grouped_id(statement.certificate_id)), 9
    )
    draw_string(canvas, 60, 122, tr(lang, "Issuer fingerprint (SHA-256): {fingerprint}",
                                    fingerprint=format_fingerprint(signer.fingerprint)), 7)  # fmt: skip
    qr_size = 150.0
    qr_x, qr_y = width - 60 - qr_size, 58.0
    _draw_qr(canvas, qr_matrix(payload), qr_x, qr_y, qr_size)
    canvas.setFillColor(MUTED)
    for i, text in enumerate((
        tr(lang, "To check it offline: scan the code,"),
        tr(lang, "or open this file in Muster (Tools > Verify),"),
        tr(lang, "or run: muster verify-certificate FILE.pdf"),
    )):  # fmt: skip
        draw_string(canvas, qr_x - 10, qr_y + qr_size - 30 - i * 11, text, 7.5, align="right")
    canvas.showPage()
    make_pdfa(canvas)
    canvas.save()
    return buffer.getvalue(), (60.0, 48.0, 310.0, 112.0)


# --- issuing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: str
    person_id: str
    name: str
    file_name: str
    payload: str


@dataclass(frozen=True)
class CertificatesResult:
    path: Path
    zipped: bool
    certificates: tuple[IssuedCertificate, ...]
    skipped: int  # participants who did not complete


def _file_name(training: TrainingInfo, name: str, cid: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name, flags=re.UNICODE).strip("-")[:60] or "participant"
    return f"{training.mission or 'training'}-{training.start:%Y-%m-%d}-{slug}-{cid[:4]}.pdf"


def make_certificate(statement: Statement, private_key: EllipticCurvePrivateKey,
                     identity: IdentityInfo, lang: str) -> tuple[bytes, str]:  # fmt: skip
    """One signed certificate PDF and its QR payload."""
    from app.services.pdf import stamp_lines
    from app.services.signing import StampPlacement, sign_pdf

    payload = sign_statement(statement, private_key)
    signer = SignerLine(identity.name, identity.title, identity.mission, identity.fingerprint)
    pdf, box = render_certificate(statement, payload, signer, lang)
    signed = sign_pdf(pdf, private_key, identity, StampPlacement(0, box),
                      stamp_lines(identity, datetime.now(UTC), lang),
                      reason=tr(lang, "Certificate of completion"))  # fmt: skip
    return signed, payload


def export_certificates(inst: Installation, training_id: str, destination: Path,
                        private_key: EllipticCurvePrivateKey, lang: str = "en",
                        issued: date | None = None) -> CertificatesResult:  # fmt: skip
    """A signed certificate for every participant who completed, in a folder or one ZIP."""
    from app.fileio import write_atomically
    from app.services.identity import require_identity

    lang = check_language(lang)
    identity = require_identity(inst)
    completion = training_completion(inst, training_id)
    done = [p for p in completion.people if p.completed]
    if not done:
        raise UserError(
            Phrase(
                "Nobody has completed this training yet under its rule ({describe}): record the "
                "attendance first.",
                describe=completion.rule.describe(),
            )
        )
    issued = issued or datetime.now(UTC).date()
    destination = Path(destination)
    zipped = destination.suffix.lower() == ".zip"
    if not zipped and destination.exists() and not destination.is_dir():
        raise UserError(
            Phrase(
                "{destination} is a file: give a folder, or a name ending in .zip.",
                destination=destination,
            )
        )
    made: list[IssuedCertificate] = []
    files: list[tuple[str, bytes]] = []
    for person in done:
        statement = statement_for(completion.training, person, identity.fingerprint, issued)
        pdf, payload = make_certificate(statement, private_key, identity, lang)
        name = _file_name(completion.training, person.full_name, statement.certificate_id)
        files.append((name, pdf))
        made.append(IssuedCertificate(statement.certificate_id, person.person_id,
                                      person.full_name, name, payload))  # fmt: skip
    if zipped:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, pdf in files:
                archive.writestr(name, pdf)
        write_atomically(destination, buffer.getvalue())
    else:
        for name, pdf in files:
            write_atomically(destination / name, pdf)
    return CertificatesResult(destination, zipped, tuple(made),
                              len(completion.people) - len(done))  # fmt: skip


# --- verifying -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateCheck:
    """What ``muster verify-certificate`` and the Verify window say about a certificate."""

    source: str  # "pdf" or "payload"
    ok: bool
    statement: Statement | None = None
    signer: CertificateInfo | None = None
    trust_reason: str = ""
    pdf: VerificationResult | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def verdict(self) -> str:
        if self.ok and self.statement is not None:
            who = self.signer.name if self.signer else "a trusted signer"
            return f"Valid: a certificate for {self.statement.name}, issued by {who}."
        return "Not valid: " + (self.problems[0] if self.problems else "unknown problem.")

    def to_json(self) -> dict[str, Any]:
        signer = self.signer
        return {
            "ok": self.ok, "verdict": self.verdict, "source": self.source,
            "signed_content": self.statement.to_json() if self.statement else None,
            "signer": None if signer is None else {
                "name": signer.name, "title": signer.title, "mission": signer.mission,
                "fingerprint": signer.fingerprint,
            },
            "trust_reason": self.trust_reason,
            "pdf": self.pdf.to_json() if self.pdf else None,
            "problems": list(self.problems),
        }  # fmt: skip


def _issuer_certificate(inst: Installation, fingerprint: str) -> tuple[bytes | None, str]:
    """The trusted certificate with this fingerprint (own or trusted, not revoked)."""
    from app.services.identity import load_identity
    from app.services.sync.revocation import revocation_of
    from app.services.sync.trust import key_sha256, trusted_entry

    own = load_identity(inst)
    if own is not None and own.fingerprint == fingerprint:
        return own.certificate_pem, Phrase("It is this installation's own certificate.")
    entry = trusted_entry(inst, fingerprint)
    if entry is None:
        return None, LoweredPhrase(
            "Its issuer (fingerprint {fingerprint}…) is not in this installation's trusted list.",
            fingerprint=fingerprint[:16],
        )
    revoked = revocation_of(inst, entry.device_id, key_sha256(entry.certificate_pem))
    if revoked is not None:
        return (
            None,
            LoweredPhrase(
                "Its issuer was revoked by {who} on {day}.",
                who=revoked.issuer_name,
                day=f"{revoked.revoked_at:%Y-%m-%d}",
            ),
        )
    return (
        entry.certificate_pem,
        Phrase(
            "Its issuer was added to the trusted list on {day}.", day=f"{entry.added_at:%Y-%m-%d}"
        ),
    )


def check_payload(inst: Installation, payload: str) -> CertificateCheck:
    """A QR payload alone: well-formed, signed by a trusted signer, unchanged."""
    from app.services.identity import describe_certificate

    try:
        statement, raw = parse_payload(payload)
    except PayloadError as exc:
        return CertificateCheck("payload", False, problems=(_sentence(exc.message),))
    pem, reason = _issuer_certificate(inst, statement.issuer)
    if pem is None:
        return CertificateCheck("payload", False, statement, None, "", problems=(reason,))
    signer = describe_certificate(pem)
    problem = None
    if not signature_holds(statement, raw, signer.certificate_pem):
        problem = LoweredPhrase(
            "The signature does not match the content: the certificate code was changed."
        )
    elif not signer.not_before.date() <= statement.issued <= signer.not_after.date():
        problem = LoweredPhrase(
            "It says it was issued outside the validity dates of the issuer's certificate."
        )
    if problem is not None:
        return CertificateCheck("payload", False, statement, signer, reason, problems=(problem,))
    return CertificateCheck("payload", True, statement, signer, reason)


def _sentence(message: str) -> str:
    return lower_first(message)


def payload_from_pdf(data: bytes) -> str | None:
    """The statement kept in a certificate PDF's keywords (None when there is none)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        keywords = str(reader.trailer["/Info"].get("/Keywords", ""))
    except Exception:
        return None
    found = _KEYWORD_RE.search(keywords)
    if found is None:
        return None
    text = found.group(1)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _changed_after_signing(data: bytes) -> bool:
    """Whether a revision other than a time-stamp follows the certificate's signature.

    pyHanko lets document-information updates pass as harmless, but a certificate's
    statement lives there: for a certificate any later edit is a change.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signed = max(s.signed_revision for s in reader.embedded_regular_signatures)
        stamps = {s.signed_revision for s in reader.embedded_timestamp_signatures}
        later = set(range(signed + 1, reader.xrefs.total_revisions))
    except Exception:
        return True
    return bool(later - stamps)


def check_pdf(inst: Installation, path: Path) -> CertificateCheck:
    """A certificate PDF: its PAdES signature (intact, whole, trusted) and its statement."""
    from app.services.signing import verify_pdf

    path = Path(path)
    result = verify_pdf(inst, path)
    payload = payload_from_pdf(path.read_bytes())
    if payload is None:
        unsigned = (LoweredPhrase("The file is not a Muster certificate: it carries no signed "
                                  "statement."),)  # fmt: skip
        return CertificateCheck("pdf", False, pdf=result, problems=unsigned + result.problems)
    check = check_payload(inst, payload)
    problems = [*result.problems, *check.problems]
    if result.ok and _changed_after_signing(path.read_bytes()):
        problems.insert(0, LoweredPhrase("The file was changed after it was signed (its details "
                                         "were edited)."))  # fmt: skip
    if (
        result.signer is not None
        and check.statement is not None
        and (result.signer.fingerprint != check.statement.issuer)
    ):
        problems.insert(0, LoweredPhrase("The PDF is signed by someone else than the "
                                         "certificate's issuer."))  # fmt: skip
    ok = result.ok and check.ok and not problems
    return CertificateCheck("pdf", ok, check.statement, check.signer or result.signer,
                            check.trust_reason or result.trust_reason, result,
                            tuple(problems))  # fmt: skip


def verify_certificate(inst: Installation, source: str | Path) -> CertificateCheck:
    """From a PDF file or from the QR payload itself (what a phone scanned, pasted)."""
    text = str(source)
    if text.lstrip().startswith("["):
        return check_payload(inst, text)
    path = Path(text)
    if path.is_file():
        return check_pdf(inst, path)
    if path.suffix.lower() == ".pdf":
        raise UserError(Phrase("There is no file {path}.", path=path))
    return check_payload(inst, text)


def describe_check(check: CertificateCheck, lang: str = "en") -> list[tuple[str, str]]:
    """Label/value lines: the verdict, then everything the statement signed (CLI, window)."""
    from app.services.identity import format_fingerprint

    lines: list[tuple[str, str]] = [("Result", check.verdict)]
    s = check.statement
    if s is not None:
        lines += [
            ("Name", s.name), ("Training", s.training), ("Mission", s.mission),
            ("Dates", format_date_range(s.start, s.end, lang)),
            ("Hours attended", s.hours or "not recorded"),
            ("Issued on", format_date(s.issued, lang)),
            ("Certificate", grouped_id(s.certificate_id)),
            ("Issuer fingerprint", format_fingerprint(s.issuer)),
        ]  # fmt: skip
    if check.signer is not None:
        who = ", ".join(
            x for x in (check.signer.name, check.signer.title, check.signer.mission) if x
        )
        lines.append(("Issued by", who))
    if check.trust_reason:
        lines.append(("Trusted", check.trust_reason))
    if check.pdf is not None:
        lines.append(("PDF signature", check.pdf.verdict))
    for problem in check.problems[1:]:
        lines.append(("Also", problem))
    return lines
