"""Reading a bundle: every check, in an order that never inflates much before trust.

1. The container (``container.open_archive``): size cap, decryption, archive structure.
2. The small members only: manifest (strict, bounded), signature, certificate(s).
3. The signature over the manifest, then the signer: revoked? removed? trusted (with the
   rights decided here) or enrolled by a trusted HQ (with the rights HQ signed)?
4. The signed manifest's sizes against the caps, then each large member streamed and
   checked against its signed size and hash.
5. Clocks: the bundle's signed creation time, every version and ``upto_version``
   within ``CLOCK_TOLERANCE`` of the importer's clock (and of the creation time).
6. Strict validation of every record (``schema``), documents against the manifest.
Nothing is written to the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db.base import utcnow
from app.db.models import sync_tables
from app.l10n import Phrase
from app.services.sync.container import MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, Archive, open_archive
from app.services.sync.display import shown
from app.services.sync.manifest import Manifest, parse_manifest
from app.services.sync.schema import TableData, fail, parse_table, table_columns, validate_records
from app.services.sync.trust import SignerInfo, UntrustedSignerError

if TYPE_CHECKING:
    from app.services.installation import Installation

# How far ahead of the importer's clock (and of the bundle's own signed creation time) a
# version may be. Field laptops' clocks are often wrong by a time zone (up to 14 hours)
# or by a day typed wrong; 36 hours accepts those, while a poisoned version can beat the
# owner's real edits for 36 hours at most instead of forever.
CLOCK_TOLERANCE = timedelta(hours=36)

AgeIdentities = Callable[[], list[Any]]
Progress = Callable[[int, int, str], None]


def _no_progress(_done: int, _total: int, _what: str) -> None:
    return None


@dataclass
class VerifiedBundle:
    """A bundle that passed every check, ready to merge; nothing was written yet."""

    path: Path
    manifest: Manifest
    manifest_sha256: str
    signer: SignerInfo
    encrypted: bool
    tables: dict[str, TableData]
    documents: dict[str, bytes] = field(default_factory=dict)
    revocations: list[Any] = field(default_factory=list)
    evidence: dict[str, bytes] = field(default_factory=dict)  # sha256 -> file (issue 19)

    @property
    def enrolled_by(self) -> str:
        return self.signer.enrolled_by

    @property
    def name(self) -> str:
        return shown(self.path.name)


def version_limit(moment: datetime) -> int:
    """The largest hybrid-clock version allowed for ``moment`` plus the tolerance."""
    from datetime import UTC

    wall_ms = int((moment + CLOCK_TOLERANCE).replace(tzinfo=UTC).timestamp() * 1000)
    return (wall_ms << 16) | 0xFFFF


def _clock_sentence(name: str, said: datetime, now: datetime) -> str:
    hours = (said - now).total_seconds() / 3600
    ahead = f"{hours / 24:,.0f} days" if hours >= 48 else f"{hours:,.0f} hours"
    return (
        f"{name} was made on a computer whose clock is {ahead} ahead (it says "
        f"{said:%Y-%m-%d %H:%M} UTC, it is {now:%Y-%m-%d %H:%M} UTC here): set that laptop's "
        "date, time and time zone right, then export again; refused."
    )


def check_clocks(manifest: Manifest, tables: dict[str, TableData], name: str,
                 now: datetime | None = None) -> None:  # fmt: skip
    """No version, ``upto_version`` or seen version beyond the tolerance; one sentence if so."""
    now = now or utcnow()
    created = manifest.created
    if created > now + CLOCK_TOLERANCE:
        raise fail(_clock_sentence(name, created, now))
    limit = version_limit(min(created, now))
    highest = max([manifest.upto_version, manifest.since_version, *manifest.seen.values()])
    for table, data in tables.items():
        if data.rows:
            pos = table_columns(table).index("version")
            highest = max(highest, max(map(itemgetter(pos), data.rows)))
    if highest > limit:
        from datetime import UTC

        said = datetime.fromtimestamp((highest >> 16) / 1000, UTC).replace(tzinfo=None)
        if said > now + CLOCK_TOLERANCE:
            raise fail(_clock_sentence(name, said, now))
        raise fail(
            Phrase(
                "{name} holds changes dated {said:%Y-%m-%d %H:%M} UTC, after the bundle itself "
                "was made ({created:%Y-%m-%d %H:%M} UTC): the clock of that laptop is wrong; set "
                "it right and export again; refused.",
                name=name,
                said=said,
                created=created,
            )
        )


def _verify_signature(cert_pem: bytes, signature: bytes, manifest_raw: bytes, name: str) -> None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        public = cert.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise fail(
                Phrase("{name} is signed with an unsupported kind of key; refused.", name=name)
            )
        public.verify(signature, manifest_raw, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise fail(
            Phrase(
                "{name}'s signature does not match its content: it was changed after signing.",
                name=name,
            )
        ) from None
    except ValueError:
        raise fail(Phrase("{name} carries a damaged certificate; refused.", name=name)) from None


def resolve_signer(inst: Installation, cert_pem: bytes, enrolment_pem: bytes | None,
                   manifest: Manifest, name: str) -> SignerInfo:  # fmt: skip
    """Who signed, with the rights this installation gives them; refusal when none."""
    from app.services.identity import describe_certificate, format_fingerprint
    from app.services.sync.enrolment import check_enrolment
    from app.services.sync.revocation import revocation_of
    from app.services.sync.trust import (
        key_sha256,
        own_signer,
        removal_of,
        signer_from_trusted,
        trusted_entry,
    )

    try:
        cert = describe_certificate(cert_pem)
        key = key_sha256(cert.certificate_pem)
    except (ValueError, TypeError, UnicodeError):  # a name that cannot be decoded, say
        raise fail(Phrase("{name} carries a damaged certificate; refused.", name=name)) from None
    claimed = SignerInfo(cert.name, cert.title, cert.mission, cert.role or "field",
                         cert.device_id, cert.fingerprint, cert.certificate_pem, key)  # fmt: skip
    own = own_signer(inst)
    if own is not None and own.fingerprint == cert.fingerprint:
        signer = own
    else:
        revoked = revocation_of(inst, manifest.device_id, key)
        if revoked is not None:
            raise fail(revoked.sentence(name))
        removed = removal_of(inst, cert.fingerprint, key)
        if removed is not None and removed.removed_at is not None:
            raise fail(
                Phrase(
                    "{name} is signed by {shown}, whom this installation removed from its "
                    "trusted list on {removed_at:%Y-%m-%d}; trust them again (Sync, Trusted "
                    "devices; or 'muster trust add') to accept their bundles; refused.",
                    name=name,
                    shown=shown(removed.name),
                    removed_at=removed.removed_at,
                )
            )
        row = trusted_entry(inst, cert.fingerprint)
        if row is not None:
            signer = signer_from_trusted(row, cert)
        else:
            check = (
                check_enrolment(inst, cert.certificate_pem, enrolment_pem)
                if enrolment_pem is not None
                else None
            )
            if check is not None and check.trusted and check.signer is not None:
                signer = check.signer
            elif check is not None and (check.issuer_not_issuing or check.revoked):
                raise fail(
                    Phrase("{name} is not accepted: {reason}", name=name, reason=check.reason)
                )
            else:
                where = f", {shown(cert.mission)}" if cert.mission else ""
                raise UntrustedSignerError(
                    Phrase(
                        "{name} is signed by {shown}{where}, who is not in your trusted list "
                        "(fingerprint {fingerprint}). If you recognise them, check the "
                        "fingerprint with them, trust them ('muster trust add {name}') and "
                        "import again.",
                        name=name,
                        shown=shown(cert.name or "an unknown person"),
                        where=where,
                        fingerprint=format_fingerprint(cert.fingerprint),
                    ),
                    claimed,
                )
    if signer.device_id != manifest.device_id:
        raise fail(
            Phrase(
                "{name} says it comes from device {device_id} but is signed by {describe}, "
                "trusted here as device {trusted_as}; refused.",
                name=name,
                device_id=manifest.device_id[:8],
                describe=signer.describe(),
                trusted_as=shown(signer.device_id[:8]) or "?",
            )
        )
    return signer


def _check_schema(manifest: Manifest, name: str) -> None:
    from app.db.migrate import head_revision, known_revisions

    if manifest.schema == head_revision():
        return
    if manifest.schema not in known_revisions():
        raise fail(
            Phrase(
                "{name} was made by a newer version of Muster (database schema {shown}). Install "
                "the newer version to import it.",
                name=name,
                shown=shown(manifest.schema, 20),
            )
        )


def _signed_head(archive: Archive) -> tuple[Manifest, bytes, bytes, bytes | None]:
    """Manifest, its raw bytes, certificate and enrolment, the signature checked."""
    name = archive.name
    manifest_raw = archive.read_small("manifest.json") or b""
    signature = archive.read_small("manifest.sig") or b""
    cert_pem = archive.read_small("certificate.pem") or b""
    enrolment_pem = archive.read_small("enrolment.pem")
    manifest = parse_manifest(manifest_raw, name)
    _verify_signature(cert_pem, signature, manifest_raw, name)
    if set(archive.infos) - {"manifest.json", "manifest.sig"} != set(manifest.members):
        raise fail(
            Phrase("{name}'s files do not match its signed manifest: it was altered.", name=name)
        )
    for member, raw in (("certificate.pem", cert_pem), ("enrolment.pem", enrolment_pem)):
        if raw is not None and _sha(raw) != manifest.members[member][1]:
            raise fail(
                Phrase(
                    "{name}'s {member} does not match its signed manifest: it was altered.",
                    name=name,
                    member=member,
                )
            )
    return manifest, manifest_raw, cert_pem, enrolment_pem


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_packed(archive: Archive, manifest: Manifest) -> None:
    """Stored/compressed bytes as signed: no byte of the archive can change unnoticed."""
    import zipfile

    altered = fail(
        Phrase(
            "{archive}: a file inside it does not match the signed manifest; the bundle was "
            "altered or damaged.",
            archive=archive.name,
        )
    )
    for member, info in archive.infos.items():
        if member in ("manifest.json", "manifest.sig"):
            if info.compress_type != zipfile.ZIP_STORED:
                raise altered
        elif archive.packed_sha256(member) != manifest.packed.get(member):
            raise altered
    total = sum(size for size, _ in manifest.members.values())
    if total > MAX_TOTAL_BYTES or any(
        size > MAX_MEMBER_BYTES for size, _ in manifest.members.values()
    ):
        raise fail(
            Phrase(
                "{archive} would unpack to more than a bundle can hold; refused.",
                archive=archive.name,
            )
        )


def read_bundle(
    inst: Installation,
    path: Path,
    age_identities: AgeIdentities | None = None,
    *,
    check_trust: bool = True,
    progress: Progress = _no_progress,
) -> VerifiedBundle:
    """Open and check a bundle completely; raise BundleError with one sentence if anything is wrong."""
    progress(0, 4, "reading")
    return _read_opened(inst, open_archive(Path(path), age_identities), check_trust, progress)


def _read_opened(inst: Installation, archive: Archive, check_trust: bool,
                 progress: Progress) -> VerifiedBundle:  # fmt: skip
    name = archive.name
    progress(1, 4, "checking")
    manifest, manifest_raw, cert_pem, enrolment_pem = _signed_head(archive)
    if check_trust:
        signer = resolve_signer(inst, cert_pem, enrolment_pem, manifest, name)
    else:
        from app.services.identity import describe_certificate

        c = describe_certificate(cert_pem)
        signer = SignerInfo(c.name, c.title, c.mission, c.role, c.device_id, c.fingerprint,
                            c.certificate_pem)  # fmt: skip
    _check_schema(manifest, name)
    _check_packed(archive, manifest)
    from app.services.audit.evidence_sync import check_manifest

    check_manifest(manifest.members, name)
    progress(2, 4, "validating")
    found = _Members(name, {d.id: d for d in manifest.documents})
    for member, (size, sha) in manifest.members.items():
        if member not in ("certificate.pem", "enrolment.pem"):  # read with the signature
            found.take(member, sha, archive.read_signed(member, size, sha))
    tables, documents = found.tables, found.documents
    for table, count in manifest.counts.items():
        if table not in tables or len(tables[table].rows) != count:
            raise fail(
                Phrase("{name}'s record counts do not match its manifest; refused.", name=name)
            )
    if set(documents) != set(found.doc_ids):
        raise fail(
            Phrase("{name}'s manifest lists documents that are not in it; refused.", name=name)
        )
    validate_records(tables, name)
    check_clocks(manifest, tables, name)
    progress(3, 4, "verified")
    return VerifiedBundle(
        path=archive.path, manifest=manifest, manifest_sha256=_sha(manifest_raw), signer=signer,
        encrypted=archive.encrypted, tables=tables, documents=documents,
        revocations=found.revocations, evidence=found.evidence,
    )  # fmt: skip


@dataclass
class _Members:
    """What a bundle's signed members hold, taken one by one as they are unpacked."""

    name: str
    doc_ids: dict[str, Any]  # the manifest's documents, by id
    tables: dict[str, TableData] = field(default_factory=dict)
    documents: dict[str, bytes] = field(default_factory=dict)
    revocations: list[Any] = field(default_factory=list)
    evidence: dict[str, bytes] = field(default_factory=dict)

    def take(self, member: str, sha: str, content: bytes) -> None:
        name = self.name
        if member.startswith("data/"):
            table = member[5:-5]
            if table not in sync_tables():
                raise fail(
                    Phrase(
                        "{name} contains data for an unknown table '{table}'; refused.",
                        name=name,
                        table=table,
                    )
                )
            self.tables[table] = parse_table(table, content, name)
        elif member.startswith("documents/"):
            doc_id = member[len("documents/") : -4]
            if doc_id not in self.doc_ids or _sha(content) != self.doc_ids[doc_id].sha256:
                raise fail(
                    Phrase(
                        "{name} carries a document its manifest does not describe; refused.",
                        name=name,
                    )
                )
            self.documents[doc_id] = content
        elif member == "revocations.json":
            from app.services.sync.revocation import parse_revocations

            self.revocations = parse_revocations(content)
        elif member.startswith("evidence/"):
            self.evidence[sha] = content  # named by its hash: checked by check_manifest


def read_certificate(path: Path, age_identities: AgeIdentities | None = None) -> bytes:
    """The signer's certificate from a bundle (after the integrity checks, before trust)."""
    _manifest, _raw, cert_pem, _enrolment = _signed_head(open_archive(Path(path), age_identities))
    return cert_pem
