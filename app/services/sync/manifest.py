"""The signed manifest of a bundle: parsed strictly, every number bounded.

The manifest is the only part of a bundle read before its signature is checked, so it
is small (capped), parsed with strict JSON (``schema.loads_strict``) and every field is
checked for its exact type and range: a ``seq`` of 10^12, an ``upto_version`` of
10^30, ``1e999`` or ``NaN`` where an integer belongs, a lone surrogate in a device
name, all end in one sentence instead of a bug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.l10n import Phrase
from app.services.sync.schema import (
    INT_MAX,
    SHA_RE,
    UUID_RE,
    fail,
    has_surrogate,
    loads_strict,
)
from app.textnorm import clean_text

BUNDLE_FORMAT = "muster-bundle"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 4 << 20
MAX_SEQ = 1_000_000_000  # one export a minute for 1,900 years
MAX_COUNT = 100_000_000
MAX_SEEN = 10_000
MAX_DOCUMENTS = 2000
MAX_EVIDENCE_MEMBERS = 400  # evidence files in one bundle (app/services/audit/evidence_sync.py)
MANIFEST_DEPTH = 3  # object > list of members > member object
SIGNED_STORED = ("manifest.json", "manifest.sig")
MEMBER_RE = re.compile(
    r"^(manifest\.json|manifest\.sig|certificate\.pem|enrolment\.pem|revocations\.json"
    r"|data/[a-z_]{1,40}\.json"
    r"|documents/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf"
    r"|evidence/[0-9a-f]{64})\Z"
)
DATETIME_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?\Z")


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    training_id: str | None
    kind: str
    file_name: str
    sha256: str
    created_at: str


@dataclass(frozen=True)
class Manifest:
    schema: str
    device_id: str
    device_name: str
    mission: str
    seq: int
    created_at: str
    full: bool
    since_version: int
    upto_version: int
    seen: dict[str, int]
    members: dict[str, tuple[int, str]]  # name -> (size, sha256)
    counts: dict[str, int]
    documents: tuple[DocumentEntry, ...]
    packed: dict[str, str] = field(default_factory=dict)  # name -> sha256 of compressed bytes

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at.replace("T", " "))


class _Bad(Exception):
    """Any field that is not exactly what Muster writes."""


def _int(value: Any, low: int = 0, high: int = INT_MAX) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _Bad
    return value


def _str(value: Any, limit: int, pattern: re.Pattern[str] | None = None) -> str:
    if type(value) is not str or len(value) > limit or has_surrogate(value):
        raise _Bad
    if pattern is not None and not pattern.match(value):
        raise _Bad
    return value


def _datetime(value: Any) -> str:
    text = _str(value, 32, DATETIME_ISO)
    try:
        datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        raise _Bad from None
    return text


def _members(entries: Any) -> tuple[dict[str, tuple[int, str]], dict[str, str]]:
    if type(entries) is not list or len(entries) > MAX_DOCUMENTS + MAX_EVIDENCE_MEMBERS + 64:
        raise _Bad
    members: dict[str, tuple[int, str]] = {}
    packed: dict[str, str] = {}
    for entry in entries:
        if type(entry) is not dict:
            raise _Bad
        name = _str(entry.get("name"), 120, MEMBER_RE)
        if name in SIGNED_STORED or name in members:
            raise _Bad
        members[name] = (_int(entry.get("size")), _str(entry.get("sha256"), 64, SHA_RE))
        packed[name] = _str(entry.get("packed_sha256"), 64, SHA_RE)
    return members, packed


def _documents(entries: Any) -> tuple[DocumentEntry, ...]:
    if type(entries) is not list or len(entries) > MAX_DOCUMENTS:
        raise _Bad
    docs = []
    for d in entries:
        if type(d) is not dict:
            raise _Bad
        tid = d.get("training_id")
        docs.append(
            DocumentEntry(
                id=_str(d.get("id"), 36, UUID_RE),
                training_id=None if tid is None else _str(tid, 36, UUID_RE),
                kind=_str(d.get("kind"), 20),
                file_name=Path(_str(d.get("file_name"), 300)).name,
                sha256=_str(d.get("sha256"), 64, SHA_RE),
                created_at=_datetime(d.get("created_at")),
            )
        )
    return tuple(docs)


def _int_map(value: Any, key_pattern: re.Pattern[str], high: int) -> dict[str, int]:
    if type(value) is not dict or len(value) > MAX_SEEN:
        raise _Bad
    return {_str(k, 40, key_pattern): _int(v, 0, high) for k, v in value.items()}


_DEVICE_KEY = re.compile(r"^([0-9a-f-]{36}|seed)\Z")
_TABLE_KEY = re.compile(r"^[a-z_]{1,40}\Z")


def parse_manifest(raw: bytes, name: str) -> Manifest:
    """The manifest's fields, each of the exact type and within its bounds."""
    bad = fail(
        Phrase(
            "{name} has an invalid manifest; it is not a Muster bundle or it is damaged.", name=name
        )
    )
    if len(raw) > MAX_MANIFEST_BYTES:
        raise bad
    try:
        m = loads_strict(raw, MANIFEST_DEPTH)
    except ValueError:
        raise bad from None
    if not isinstance(m, dict) or m.get("format") != BUNDLE_FORMAT:
        raise bad
    if m.get("format_version") != FORMAT_VERSION or type(m.get("format_version")) is not int:
        version = m.get("format_version")
        shown_version = version if type(version) is int else "?"
        raise fail(
            Phrase(
                "{name} uses bundle format {version}; this Muster reads format {reads}. Install "
                "the Muster version that made it.",
                name=name,
                version=shown_version,
                reads=FORMAT_VERSION,
            )
        )
    try:
        members, packed = _members(m.get("members"))
        if type(m.get("full")) is not bool:
            raise _Bad
        manifest = Manifest(
            schema=_str(m.get("schema"), 64),
            device_id=_str(m.get("device_id"), 36, UUID_RE),
            device_name=clean_text(_str(m.get("device_name", ""), 300)),
            mission=clean_text(_str(m.get("mission", ""), 32)),
            seq=_int(m.get("seq"), 1, MAX_SEQ),
            created_at=_datetime(m.get("created_at")),
            full=m["full"],
            since_version=_int(m.get("since_version")),
            upto_version=_int(m.get("upto_version")),
            seen=_int_map(m.get("seen"), _DEVICE_KEY, INT_MAX),
            members=members,
            counts=_int_map(m.get("counts"), _TABLE_KEY, MAX_COUNT),
            documents=_documents(m.get("documents")),
            packed=packed,
        )
    except _Bad:
        raise bad from None
    return manifest
