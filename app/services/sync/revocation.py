"""Signed revocations: HQ withdraws a device or one enrolment, and the news travels everywhere.

A revocation names the device (id) and its key (SHA-256 of the public key), says when
and by whom, and is signed by the revoking HQ's key. Every bundle and every receipt
carries the revocations its installation knows; each is checked on arrival (signed by
an installation trusted here as HQ) and kept. From then on the device's bundles, and
any enrolment it presents later, are refused with a sentence naming who revoked it and
when. Revocations are never undone by a bundle: only a new ``trust add`` by a person
at one installation trusts the device there again.

An enrolment revocation names one enrolment certificate (its serial) instead: bundles
presenting that enrolment are refused, and the trust it gave (the entries made when HQ
enrolled the device or when its bundles first arrived) is withdrawn wherever the
revocation arrives. The device itself stays known: a new enrolment (a new mission, say)
or a person's ``trust add`` accepts it again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.db.base import utcnow
from app.db.models import Revocation, TrustedSigner
from app.errors import UserError
from app.l10n import Phrase
from app.services.identity import certificate_fingerprint, describe_certificate, require_identity
from app.services.installation import Installation
from app.services.sync.display import shown
from app.services.sync.schema import SHA_RE, UUID_RE, loads_strict
from app.services.sync.trust import TrustedSignerInfo, hq_issuers, key_sha256, list_trusted

FORMAT = "muster-revocation"
MAX_REVOCATIONS = 10_000
MAX_ENVELOPE = 16 << 10
SERIAL_RE = re.compile(r"[0-9a-f]{1,40}")  # an X.509 serial (at most 20 bytes), in hex


@dataclass(frozen=True)
class RevocationInfo:
    id: str
    device_id: str
    key_sha256: str
    device_name: str
    revoked_at: datetime
    issuer_name: str
    enrolment_serial: str | None = None  # one enrolment, not the whole device

    def enrolment_sentence(self) -> str:
        return Phrase(
            "Its enrolment certificate (serial {serial}) was revoked by HQ ({issuer}) on "
            "{revoked_at:%Y-%m-%d %H:%M} UTC; ask HQ for a new enrolment.",
            serial=(self.enrolment_serial or "")[:12],
            issuer=shown(self.issuer_name),
            revoked_at=self.revoked_at,
        )

    def sentence(self, what: str) -> str:
        return Phrase(
            "{what} comes from {device}, whose device was revoked by HQ ({issuer}) on "
            "{revoked_at:%Y-%m-%d %H:%M} UTC; refused.",
            what=what,
            device=shown(self.device_name or self.device_id[:8]),
            issuer=shown(self.issuer_name),
            revoked_at=self.revoked_at,
        )


def _info(row: Revocation) -> RevocationInfo:
    return RevocationInfo(row.id, row.device_id, row.key_sha256, row.device_name,
                          row.revoked_at, row.issuer_name, row.enrolment_serial)  # fmt: skip


def make_revocation(inst: Installation, device_certificate_pem: bytes, private_key: Any,
                    reason: str = "", enrolment_serial: str | None = None) -> dict[str, str]:  # fmt: skip
    """An envelope revoking the device of ``device_certificate_pem`` (or, with
    ``enrolment_serial``, only that enrolment of it), signed by this HQ."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    own = require_identity(inst)
    if own.role != "hq":
        raise UserError(Phrase("Only an HQ installation can revoke a device."))
    device = describe_certificate(device_certificate_pem)
    statement = json.dumps(
        {
            "format": FORMAT, "device_id": device.device_id,
            "key_sha256": key_sha256(device.certificate_pem), "device_name": device.name[:300],
            "revoked_at": utcnow().isoformat(sep=" ", timespec="seconds"),
            "reason": reason[:500], "issuer_name": own.name[:300],
            **({"enrolment_serial": enrolment_serial} if enrolment_serial else {}),
        },
        ensure_ascii=False, sort_keys=True,
    ).encode("utf-8")  # fmt: skip
    signature = private_key.sign(statement, ec.ECDSA(hashes.SHA256()))
    return {
        "statement": base64.b64encode(statement).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate_pem": own.certificate_pem.decode("ascii"),
    }


def _verified(inst: Installation, envelope: Any, issuers: list[bytes]) -> dict[str, Any] | None:
    """The statement of a genuine revocation by an HQ trusted here, else None."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        if type(envelope) is not dict or len(json.dumps(envelope)) > MAX_ENVELOPE:
            return None
        statement = base64.b64decode(envelope["statement"], validate=True)
        signature = base64.b64decode(envelope["signature"], validate=True)
        cert_pem = str(envelope["certificate_pem"]).encode("ascii")
        fingerprint = certificate_fingerprint(cert_pem)
        trusted = {certificate_fingerprint(p) for p in issuers}
        if fingerprint not in trusted:
            return None
        public = x509.load_pem_x509_certificate(cert_pem).public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey):
            return None
        public.verify(signature, statement, ec.ECDSA(hashes.SHA256()))
        data = loads_strict(statement, 1)
        if type(data) is not dict or data.get("format") != FORMAT:
            return None
        if not (UUID_RE.match(str(data["device_id"])) and SHA_RE.match(str(data["key_sha256"]))):
            return None
        serial = data.get("enrolment_serial")
        if serial is not None and not (type(serial) is str and SERIAL_RE.fullmatch(serial)):
            return None
        datetime.fromisoformat(str(data["revoked_at"]))
    except (InvalidSignature, ValueError, KeyError, TypeError, UserError, UnicodeError):
        return None
    return {**data, "issuer_fingerprint": fingerprint, "id": hashlib.sha256(statement).hexdigest()}


def parse_revocations(raw: bytes) -> list[Any]:
    """The envelopes of a ``revocations.json`` member (not checked yet)."""
    try:
        value = loads_strict(raw, 3)
    except ValueError:
        return []
    return value[:MAX_REVOCATIONS] if type(value) is list else []


def rows_for(inst: Installation, envelopes: list[Any],
             also_trusted: tuple[bytes, ...] = ()) -> list[dict[str, Any]]:  # fmt: skip
    """The genuine revocations among ``envelopes``, as rows for the revocations table.

    Genuine: signed by an installation trusted here as HQ, by the HQ whose key this
    installation loaded, or by ``also_trusted`` (the HQ that signed the receipt at hand).
    """
    from app.services.sync.hq_key import hq_certificate

    issuers = [*hq_issuers(inst), *also_trusted]
    loaded = hq_certificate(inst)
    if loaded:
        issuers.append(loaded)
    rows = []
    for envelope in envelopes:
        data = _verified(inst, envelope, issuers)
        if data is None:
            continue
        rows.append({
            "id": data["id"], "device_id": str(data["device_id"]),
            "key_sha256": str(data["key_sha256"]),
            "device_name": str(data.get("device_name", ""))[:300],
            "revoked_at": str(data["revoked_at"])[:19],
            "issuer_fingerprint": data["issuer_fingerprint"],
            "issuer_name": str(data.get("issuer_name", ""))[:300],
            "envelope": json.dumps(envelope, sort_keys=True),
            "enrolment_serial": data.get("enrolment_serial"),
        })  # fmt: skip
    return rows


INSERT_SQL = (
    "INSERT INTO revocations (id, device_id, key_sha256, device_name, revoked_at, "
    "issuer_fingerprint, issuer_name, envelope, enrolment_serial) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"
)
COLUMNS = ("id", "device_id", "key_sha256", "device_name", "revoked_at", "issuer_fingerprint",
           "issuer_name", "envelope", "enrolment_serial")  # fmt: skip
# The trust an enrolment gave, withdrawn with it (entries a person added have no serial).
WITHDRAW_SQL = (
    "DELETE FROM trusted_signers WHERE enrolment_serial = ? AND device_id = ? "
    "AND removed_at IS NULL"
)


def store(conn: Any, rows: list[dict[str, Any]]) -> int:
    """Keep revocations (inside the caller's transaction); returns how many were new."""
    added = 0
    for row in rows:  # a handful: one statement each, so each says whether it was new
        added += conn.execute(INSERT_SQL, tuple(row[c] for c in COLUMNS)).rowcount
        if row["enrolment_serial"]:
            conn.execute(WITHDRAW_SQL, (row["enrolment_serial"], row["device_id"]))
    return added


def withdraw_enrolment_trust(session: Any, row: dict[str, Any]) -> None:
    """The same withdrawal on an ORM session (revocations made here or from receipts)."""
    from sqlalchemy import delete

    if row["enrolment_serial"]:
        session.execute(
            delete(TrustedSigner).where(
                TrustedSigner.enrolment_serial == row["enrolment_serial"],
                TrustedSigner.device_id == row["device_id"],
                TrustedSigner.removed_at.is_(None),
            )
        )


def _keep(session: Any, row: dict[str, Any]) -> RevocationInfo:
    """Keep one revocation made here, and withdraw the trust an enrolment gave."""
    if session.get(Revocation, row["id"]) is None:
        session.add(Revocation(**{**row, "revoked_at": datetime.fromisoformat(row["revoked_at"])}))
    withdraw_enrolment_trust(session, row)
    session.flush()
    return _info(session.get(Revocation, row["id"]))


@dataclass(frozen=True)
class Revoked:
    """What :func:`revoke` did: whose trust, and the revocation that now travels."""

    signer: TrustedSignerInfo
    revocation: RevocationInfo

    @property
    def enrolment_only(self) -> bool:
        return self.revocation.enrolment_serial is not None


def revocation_target(
    inst: Installation, wanted: str, enrolment_only: bool = False
) -> tuple[TrustedSignerInfo, str | None]:
    """The trusted entry a revocation is for (by fingerprint or device id, removed
    entries included), and the enrolment serial when only that enrolment is revoked."""
    key = wanted.replace(":", "").replace(" ", "").lower()
    matches = [t for t in list_trusted(inst, include_removed=True)
               if t.fingerprint == key or t.device_id == key]  # fmt: skip
    if not matches:
        raise UserError(
            Phrase("No trusted certificate has the fingerprint {shown}.", shown=shown(wanted))
        )
    target = matches[0]
    if not enrolment_only:
        return target, None
    if not target.enrolment_serial or target.removed_at is not None:
        raise UserError(
            Phrase(
                "{shown} is not trusted here through an HQ enrolment, so there is no "
                "enrolment to revoke; revoke the device instead.",
                shown=shown(target.name),
            )
        )
    return target, target.enrolment_serial


def revoke(inst: Installation, wanted: str, private_key: Any, reason: str = "",
           enrolment_only: bool = False) -> Revoked:  # fmt: skip
    """Revoke a trusted device (or only the enrolment it is trusted by), signed with this
    HQ's ``private_key``: the revocation is kept and, for a device, its trust here
    removed, in one transaction. It travels in the next bundles and receipts."""
    target, serial = revocation_target(inst, wanted, enrolment_only)
    envelope = make_revocation(inst, target.certificate_pem, private_key, reason, serial)
    (row,) = rows_for(inst, [envelope])
    with inst.db.transaction() as session:
        info = _keep(session, row)
        if serial is None:  # a device: its entry here goes too (an enrolment's went above)
            entry = session.get(TrustedSigner, target.fingerprint)
            if entry is not None and entry.removed_at is None:
                entry.removed_at = utcnow()
        return Revoked(target, info)


def all_envelopes(inst: Installation) -> list[dict[str, Any]]:
    """Every revocation known here, as they travel (in bundles and receipts)."""
    with inst.db.reading() as session:
        rows = session.scalars(select(Revocation.envelope).order_by(Revocation.id)).all()
    return [json.loads(r) for r in rows]


def revocation_of(inst: Installation, device_id: str, key: str) -> RevocationInfo | None:
    """The earliest revocation of this whole device (by id or key) known here."""
    with inst.db.reading() as session:
        row = session.scalars(
            select(Revocation)
            .where((Revocation.key_sha256 == key) | (Revocation.device_id == device_id))
            .where(Revocation.enrolment_serial.is_(None))
            .order_by(Revocation.revoked_at)
        ).first()
        return _info(row) if row is not None else None


def enrolment_revocation(inst: Installation, serial: str, device_id: str) -> RevocationInfo | None:
    """The earliest revocation of the enrolment ``serial`` of ``device_id`` known here."""
    with inst.db.reading() as session:
        row = session.scalars(
            select(Revocation)
            .where(Revocation.enrolment_serial == serial, Revocation.device_id == device_id)
            .order_by(Revocation.revoked_at)
        ).first()
        return _info(row) if row is not None else None


def list_revocations(inst: Installation) -> list[RevocationInfo]:
    with inst.db.reading() as session:
        rows = session.scalars(select(Revocation).order_by(Revocation.revoked_at)).all()
        return [_info(r) for r in rows]
