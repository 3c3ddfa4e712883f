"""A certificate's signed statement: what its QR code carries, checkable offline.

The payload is one line of canonical JSON (UTF-8, no spaces, no escapes beyond JSON's
own), an array of eleven strings::

    ["MC1", id, name, training, mission, start, end, hours, issued, issuer, signature]

``MC1`` names the format (Muster certificate, version 1); ``id`` is the certificate id
(16 letters and digits); ``start``, ``end`` and ``issued`` are ISO dates; ``hours`` the
hours attended ("18.5", or "" when the sessions' times are unknown); ``issuer`` the
SHA-256 fingerprint of the signer's certificate (base64url, 43 characters); and
``signature`` is ECDSA P-256 with SHA-256, by the key of that certificate, over the UTF-8
bytes of the canonical JSON of the first ten elements, as r||s (64 bytes, low s,
base64url: 86 characters). Anyone holding the signer's certificate can check it; Muster
checks it against its trusted signers. A payload that is not exactly in canonical form is
refused, so one changed letter anywhere (content, issuer or signature) fails.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.l10n import Phrase

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

FORMAT = "MC1"
MAX_PAYLOAD = 4_000  # characters: a QR code holds at most 2,953 bytes
FIELDS = 11
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_ID_RE = re.compile(r"^[0-9A-Z]{16}\Z")
_HOURS_RE = re.compile(r"^(\d{1,4}(\.\d{1,2})?)?\Z")
_B64_RE = re.compile(r"^[A-Za-z0-9_-]+\Z")


class PayloadError(UserError):
    """A QR payload that is not a Muster certificate statement (one plain sentence)."""


@dataclass(frozen=True)
class Statement:
    """Exactly what a certificate says, as signed."""

    certificate_id: str
    name: str
    training: str
    mission: str
    start: date
    end: date
    hours: str  # "18.5", or "" when unknown
    issued: date
    issuer: str  # fingerprint of the signer's certificate, lowercase hex

    def fields(self) -> list[str]:
        return [
            FORMAT, self.certificate_id, self.name, self.training, self.mission,
            self.start.isoformat(), self.end.isoformat(), self.hours, self.issued.isoformat(),
            _b64(bytes.fromhex(self.issuer)),
        ]  # fmt: skip

    def signed_bytes(self) -> bytes:
        return canonical(self.fields()).encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {
            "certificate_id": self.certificate_id, "name": self.name,
            "training": self.training, "mission": self.mission,
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "hours": self.hours, "issued": self.issued.isoformat(), "issuer": self.issuer,
        }  # fmt: skip


def canonical(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str, size: int, what: str) -> bytes:
    if not _B64_RE.match(text) or len(text) != (size * 4 + 2) // 3:
        raise PayloadError(Phrase("The certificate code's {what} is damaged.", what=what))
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raise PayloadError(Phrase("The certificate code's {what} is damaged.", what=what)) from None
    if len(data) != size or _b64(data) != text:
        raise PayloadError(Phrase("The certificate code's {what} is damaged.", what=what))
    return data


def sign_statement(statement: Statement, private_key: EllipticCurvePrivateKey) -> str:
    """The QR payload: the statement and its signature (low-s r||s), canonical JSON."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    der = private_key.sign(statement.signed_bytes(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    s = min(s, _P256_ORDER - s)  # low s: one signature per statement, not two
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return canonical([*statement.fields(), _b64(raw)])


def parse_payload(payload: str) -> tuple[Statement, bytes]:
    """The statement and raw signature in ``payload``, or PayloadError (nothing trusted yet)."""
    text = payload.strip()
    if not text or len(text) > MAX_PAYLOAD:
        raise PayloadError(Phrase("This is not a Muster certificate code."))
    try:
        values = json.loads(text, parse_constant=lambda _c: None)
    except (ValueError, RecursionError):
        raise PayloadError(Phrase("This is not a Muster certificate code.")) from None
    if not (isinstance(values, list) and values and values[0] == FORMAT):
        raise PayloadError(Phrase("This is not a Muster certificate code."))
    if len(values) != FIELDS or not all(type(v) is str for v in values):
        raise PayloadError(Phrase("This certificate code is damaged: it does not have its fields."))
    if canonical(values) != text:
        raise PayloadError(
            Phrase("This certificate code was changed: it is not as Muster writes it.")
        )
    _fmt, cid, name, training, mission, start, end, hours, issued, issuer, signature = values
    if not _ID_RE.match(cid) or not _HOURS_RE.match(hours) or not name or not training:
        raise PayloadError(Phrase("This certificate code is damaged: a field is not valid."))
    try:
        days = [date.fromisoformat(x) for x in (start, end, issued)]
    except ValueError:
        raise PayloadError(
            Phrase("This certificate code is damaged: a date is not valid.")
        ) from None
    if any(len(x) != 10 for x in (start, end, issued)) or days[1] < days[0]:
        raise PayloadError(Phrase("This certificate code is damaged: a date is not valid."))
    fingerprint = _unb64(issuer, 32, "issuer").hex()
    raw = _unb64(signature, 64, "signature")
    statement = Statement(cid, name, training, mission, days[0], days[1], hours, days[2],
                          fingerprint)  # fmt: skip
    return statement, raw


def signature_holds(statement: Statement, raw: bytes, certificate_pem: bytes) -> bool:
    """Whether ``raw`` is the certificate's key's (low-s) signature of the statement."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    if not (0 < r < _P256_ORDER and 0 < s <= _P256_ORDER // 2):
        return False
    public = x509.load_pem_x509_certificate(certificate_pem).public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        return False
    try:
        public.verify(
            encode_dss_signature(r, s), statement.signed_bytes(), ec.ECDSA(hashes.SHA256())
        )
    except InvalidSignature:
        return False
    return True
