"""Evidence files in bundles: ``evidence/<sha256>`` members, bounded, checked before trust.

Export: the files of live evidence records this installation has not sent yet, up to
``BUNDLE_EVIDENCE_BYTES`` and ``MAX_EVIDENCE_MEMBERS`` a bundle (the rest go in the
next one); ``evidence_sent`` remembers what went, inside the export's transaction (a
full export sends everything again). The records themselves travel like any record.

Reading (``sync.read``, before anything is trusted): each member's size comes from the
signed manifest and must be within ``evidence.MAX_FILE_BYTES``, at most
``MAX_EVIDENCE_MEMBERS`` of them, each read against its signed size and hash, whose
name must be that hash. Import: a file is kept only when an evidence record (in the
bundle, or already here) names its hash and size; a file nobody names refuses the
bundle. Files are kept sealed, under their hash, so nothing is ever replaced; the
import's rollback removes the ones it wrote.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from app.db.raw import select_in
from app.l10n import Phrase
from app.services.audit.evidence import MAX_FILE_BYTES, SHA256_RE, evidence_path
from app.services.documents import keep_file, read_kept
from app.services.installation import Installation
from app.services.sync.manifest import MAX_EVIDENCE_MEMBERS
from app.services.sync.schema import fail

PREFIX = "evidence/"
BUNDLE_EVIDENCE_BYTES = 128 << 20


def export_members(inst: Installation, conn: Any, seq: int, full: bool) -> dict[str, bytes]:
    """The evidence files the next bundle carries (recorded as sent in ``conn``'s transaction)."""
    if full:
        conn.execute("DELETE FROM evidence_sent")
    sent = {row[0] for row in conn.execute("SELECT sha256 FROM evidence_sent")}
    wanted = conn.execute(
        "SELECT sha256, max(size) FROM evidence_files WHERE deleted = FALSE "
        "GROUP BY sha256 ORDER BY min(created_at), sha256"
    ).fetchall()
    members: dict[str, bytes] = {}
    budget = BUNDLE_EVIDENCE_BYTES
    for sha, size in wanted:
        if sha in sent or not SHA256_RE.match(sha) or len(members) >= MAX_EVIDENCE_MEMBERS:
            continue
        if size > budget:
            continue  # in a later bundle
        try:
            data = read_kept(inst, evidence_path(inst, sha))
        except OSError:
            continue  # not here (yet): whoever has it sends it
        if hashlib.sha256(data).hexdigest() != sha:
            continue  # a damaged copy never travels
        members[PREFIX + sha] = data
        budget -= len(data)
    conn.executemany(
        "INSERT INTO evidence_sent (sha256, seq, sent_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
        [(member[len(PREFIX) :], seq) for member in members],
    )
    return members


def check_manifest(members: dict[str, tuple[int, str]], name: str) -> None:
    """Caps from the signed manifest, before any evidence member is inflated."""
    evidence = {m: v for m, v in members.items() if m.startswith(PREFIX)}
    if len(evidence) > MAX_EVIDENCE_MEMBERS:
        raise fail(
            Phrase("{name} carries more evidence files than a bundle can; refused.", name=name)
        )
    for member, (size, sha) in evidence.items():
        if member[len(PREFIX) :] != sha:
            raise fail(
                Phrase("{name}: an evidence file is not named by its SHA-256; refused.", name=name)
            )
        if size > MAX_FILE_BYTES:
            raise fail(
                Phrase(
                    "{name} carries an evidence file bigger than Muster accepts; refused.",
                    name=name,
                )
            )


def store_received(inst: Installation, conn: Any, files: dict[str, bytes],
                   written: list[Path]) -> int:  # fmt: skip
    """Keep the files a bundle carried (inside the import's transaction); how many were new."""
    if not files:
        return 0
    named = {
        (sha, int(size))
        for sha, size in select_in(
            conn, "SELECT sha256, size FROM evidence_files WHERE sha256 IN", files
        )
    }
    stored = 0
    for sha, data in files.items():
        if (sha, len(data)) not in named or hashlib.sha256(data).hexdigest() != sha:
            raise fail(
                Phrase(
                    "The bundle carries an evidence file that no evidence record names; refused."
                )
            )
        target = evidence_path(inst, sha)
        if target.is_file():
            continue
        keep_file(inst, target, data)
        written.append(target)
        stored += 1
    return stored
