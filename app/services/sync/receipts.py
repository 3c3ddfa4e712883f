"""Receipts: HQ's signed list of the bundles it received, and the revocations it knows.

The field imports a receipt to learn which of its bundles reached HQ, and to receive
HQ's revocations (so a revoked device's bundles are refused on the field too, and a
revoked device learns it). A receipt is accepted only when signed by the HQ whose key
this installation loaded, or by an installation trusted here as HQ (the same key counts,
even after HQ's certificate was upgraded).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db.base import utcnow
from app.db.raw import raw_connection
from app.errors import UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.services.installation import Installation
from app.services.sync.display import shown
from app.services.sync.schema import loads_strict

RECEIPT_FORMAT = "muster-receipt"
MAX_RECEIPT_BYTES = 16 << 20


@dataclass(frozen=True)
class ReceiptResult:
    path: Path
    bundles: int
    devices: int


@dataclass(frozen=True)
class ReceiptSummary:
    hq_name: str
    created_at: str
    acknowledged: tuple[int, ...]  # this installation's bundles HQ says it has
    not_received: tuple[int, ...]  # sent here but not in the receipt
    revocations: int = 0  # revocations new here
    revoked_here: str = ""  # the sentence saying this very device was revoked

    def sentence(self) -> str:
        got = ", ".join(str(s) for s in self.acknowledged) or Phrase("none")
        missing = ", ".join(str(s) for s in self.not_received)
        return Phrase(
            "HQ ({hq}) has received bundles: {got}.{missing}{revocations}{revoked_here}",
            hq=shown(self.hq_name) if self.hq_name else Phrase("unknown"),
            got=got,
            missing=Phrase(" Not yet received: {numbers}.", numbers=missing) if missing else "",
            revocations=Phrase(" {n} device revocation(s) received.", n=self.revocations)
            if self.revocations
            else "",
            revoked_here=Phrase(" {sentence}", sentence=self.revoked_here)
            if self.revoked_here
            else "",
        )


def write_receipt(
    inst: Installation, out: Path, private_key: Any, device_id: str | None = None
) -> ReceiptResult:
    """A signed list of the bundles received here, plus the revocations known here."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.identity import require_identity
    from app.services.sync.revocation import all_envelopes

    identity = require_identity(inst)
    with raw_connection(inst.db.engine) as conn:
        sql = "SELECT device_id, seq, sha256, received_at FROM bundles_received"
        params: tuple[str, ...] = ()
        if device_id:
            sql += " WHERE device_id = ?"
            params = (device_id,)
        rows = conn.execute(sql + " ORDER BY device_id, seq", params).fetchall()
    body = json.dumps(
        {
            "format": RECEIPT_FORMAT,
            "format_version": 1,
            "hq_device": inst.device_id,
            "hq_name": identity.name,
            "created_at": utcnow().isoformat(timespec="seconds"),
            "bundles": [
                {"device_id": d, "seq": int(s), "sha256": h, "received_at": str(r)[:19]}
                for d, s, h, r in rows
            ],
            "revocations": all_envelopes(inst),
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    signature = private_key.sign(body, ec.ECDSA(hashes.SHA256()))
    envelope = {
        "format": RECEIPT_FORMAT,
        "receipt": base64.b64encode(body).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate_pem": identity.certificate_pem.decode("ascii"),
    }
    write_atomically(Path(out), json.dumps(envelope, indent=1).encode("utf-8"))
    return ReceiptResult(Path(out), len(rows), len({r[0] for r in rows}))


def _read_envelope(path: Path) -> tuple[bytes, bytes, bytes]:
    from cryptography import x509

    bad = UserError(
        Phrase("{shown} is not a Muster receipt, or it is damaged.", shown=shown(path.name))
    )
    try:
        if path.stat().st_size > MAX_RECEIPT_BYTES:
            raise bad
        envelope = loads_strict(path.read_bytes(), 2)
        body = base64.b64decode(envelope["receipt"], validate=True)
        signature = base64.b64decode(envelope["signature"], validate=True)
        cert_pem = str(envelope["certificate_pem"]).encode("ascii")
        x509.load_pem_x509_certificate(cert_pem)
    except FileNotFoundError:
        raise UserError(Phrase("There is no file {shown}.", shown=shown(path, 200))) from None
    except (OSError, ValueError, KeyError, TypeError, UnicodeError):
        raise bad from None
    return body, signature, cert_pem


def _signed_by_known_hq(inst: Installation, cert_pem: bytes) -> bool:
    from app.services.sync import hq_key
    from app.services.sync.trust import hq_issuers, key_sha256

    key = key_sha256(cert_pem)
    known = [hq_key.hq_certificate(inst) or b"", *hq_issuers(inst)]
    if any(pem and key_sha256(pem) == key for pem in known):
        return True
    return _enrolled_by(inst, cert_pem)


def _enrolled_by(inst: Installation, cert_pem: bytes) -> bool:
    """Whether ``cert_pem`` is the HQ that signed this device's own enrolment."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    from app.services.sync.enrolment import load_enrolment

    enrolment = load_enrolment(inst)
    if enrolment is None:
        return False
    try:
        x509.load_pem_x509_certificate(enrolment).verify_directly_issued_by(
            x509.load_pem_x509_certificate(cert_pem)
        )
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def import_receipt(inst: Installation, path: Path) -> ReceiptSummary:
    """Check HQ's signature, mark the bundles HQ acknowledges, keep HQ's revocations."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    path = Path(path)
    body, signature, cert_pem = _read_envelope(path)
    public = x509.load_pem_x509_certificate(cert_pem).public_key()
    try:
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise InvalidSignature
        public.verify(signature, body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise UserError(
            Phrase("{shown}'s signature does not match: it was altered.", shown=shown(path.name))
        ) from None
    if not _signed_by_known_hq(inst, cert_pem):
        raise UserError(
            Phrase(
                "{shown} is signed by someone this installation does not know as HQ. Load HQ's "
                "key file first ('muster hq-key set FILE').",
                shown=shown(path.name),
            )
        )
    bad = UserError(
        Phrase("{shown} is not a Muster receipt, or it is damaged.", shown=shown(path.name))
    )
    try:
        receipt = loads_strict(body, 6)
        if receipt.get("format") != RECEIPT_FORMAT:
            raise ValueError
        entries = [
            (str(e["device_id"]), int(e["seq"]), str(e["sha256"])) for e in receipt["bundles"]
        ]
        envelopes = list(receipt.get("revocations") or [])
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        raise bad from None
    return _apply_receipt(inst, receipt, entries, envelopes, cert_pem)


def _own_enrolment_serial(inst: Installation) -> str:
    from app.services.sync.enrolment import enrolment_serial, load_enrolment

    pem = load_enrolment(inst)
    try:
        return enrolment_serial(pem) if pem else ""
    except UserError:  # a damaged file: no enrolment of ours to speak of
        return ""


def _apply_receipt(inst: Installation, receipt: dict[str, Any], entries: list[tuple[str, int, str]],
                   envelopes: list[Any], hq_pem: bytes) -> ReceiptSummary:  # fmt: skip
    from sqlalchemy import select

    from app.db.models import BundleSent, Revocation
    from app.services.sync.revocation import rows_for, withdraw_enrolment_trust
    from app.services.sync.trust import own_signer

    mine = inst.device_id
    acked_shas = {sha for device, _seq, sha in entries if device == mine}
    rows = rows_for(inst, envelopes, (hq_pem,))
    own = own_signer(inst)
    own_key = own.key_sha256 if own else ""
    own_enrolment = _own_enrolment_serial(inst)
    revoked_here = ""
    with inst.db.transaction() as session:
        new = 0
        for row in rows:
            if session.get(Revocation, row["id"]) is None:
                session.add(Revocation(**{**row,
                                          "revoked_at": datetime.fromisoformat(row["revoked_at"])}))  # fmt: skip
                new += 1
            withdraw_enrolment_trust(session, row)
            if row["enrolment_serial"]:
                if row["enrolment_serial"] == own_enrolment:
                    revoked_here = Phrase(
                        "HQ ({issuer}) revoked this device's enrolment on {when} UTC: ask HQ "
                        "for a new one ('muster enrolment set FILE') before your next bundle.",
                        issuer=shown(row["issuer_name"]),
                        when=row["revoked_at"][:16],
                    )
            elif row["device_id"] == mine or row["key_sha256"] == own_key:
                revoked_here = Phrase(
                    "HQ ({issuer}) revoked this device on {when} UTC: its bundles are refused "
                    "from then on.",
                    issuer=shown(row["issuer_name"]),
                    when=row["revoked_at"][:16],
                )
        sent = session.scalars(select(BundleSent).order_by(BundleSent.seq)).all()
        acknowledged, missing = [], []
        for b in sent:
            if b.sha256 in acked_shas:
                acknowledged.append(b.seq)
                if b.receipt_at is None:
                    b.receipt_at = utcnow()
            else:
                missing.append(b.seq)
    return ReceiptSummary(
        str(receipt.get("hq_name", "")), str(receipt.get("created_at", "")),
        tuple(acknowledged), tuple(missing), new, revoked_here,
    )  # fmt: skip


@dataclass(frozen=True)
class SentBundle:
    seq: int
    created_at: datetime
    full: bool
    file_name: str
    receipt_at: datetime | None


def sent_bundles(inst: Installation) -> list[SentBundle]:
    from sqlalchemy import select

    from app.db.models import BundleSent

    with inst.db.reading() as session:
        rows = session.scalars(select(BundleSent).order_by(BundleSent.seq.desc())).all()
        return [SentBundle(r.seq, r.created_at, r.full, r.file_name, r.receipt_at) for r in rows]
