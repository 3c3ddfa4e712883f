"""The bundle container: the file on disk, its age encryption and its ZIP, checked byte by byte.

A bundle is a ZIP archive, optionally encrypted to HQ with age (X25519 +
ChaCha20-Poly1305, authenticated). Inside: ``manifest.json`` and ``manifest.sig``
(stored uncompressed), ``certificate.pem`` (and ``enrolment.pem``), ``revocations.json``,
``data/<table>.json`` and ``documents/<id>.pdf``, deflated.

Reading never trusts the file: a size cap before opening, a whitelist of member names,
no duplicates, links, directories or encrypted entries, caps on entries, declared bytes
and compression ratio, the exact layout Muster writes. Members are streamed with caps
(never ``extractall``), and only the small ones (manifest, signature, certificates) are
inflated before the manifest's signature is checked: everything large is read after,
against the sizes and hashes the signature covers (see ``read``).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.l10n import Phrase
from app.services.sync.display import shown
from app.services.sync.manifest import MAX_MANIFEST_BYTES, MEMBER_RE
from app.services.sync.schema import BundleError

SUFFIX = ".muster"
AGE_MAGIC = b"age-encryption.org/v1\n"
ZIP_MAGIC = b"PK\x03\x04"

# Caps against hostile files. A 100,000-participant bundle is about 15 MiB on disk and
# 80 MiB unpacked; these leave room for ten times that.
MAX_BUNDLE_BYTES = 256 << 20  # on disk (read into memory: decrypted in one piece)
MAX_TOTAL_BYTES = 1 << 30  # unpacked, all members together
MAX_MEMBER_BYTES = 512 << 20  # one data table
MAX_ENTRIES = 2000
MAX_RATIO = 100  # unpacked / packed, for members above RATIO_FLOOR
RATIO_FLOOR = 1 << 20
# Members read before the signature is checked: all small.
SMALL_MEMBERS = {
    "manifest.json": MAX_MANIFEST_BYTES,
    "manifest.sig": 1024,
    "certificate.pem": 64 << 10,
    "enrolment.pem": 64 << 10,
}

AgeIdentities = Callable[[], list[Any]]

__all__ = ["AGE_MAGIC", "SUFFIX", "ZIP_MAGIC", "Archive", "BundleError", "open_archive",
           "pack_bundle"]  # fmt: skip

_LOCAL_HEADER_SIZE = 30


def _packed_bytes(archive: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes exactly as stored in the archive (compressed), header excluded."""
    start = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", archive, start + 26)
    begin = start + _LOCAL_HEADER_SIZE + name_len + extra_len
    return archive[begin : begin + info.compress_size]


def pack_bundle(
    manifest: dict[str, Any], members: dict[str, bytes], sign: Callable[[bytes], bytes]
) -> tuple[bytes, bytes]:
    """The bundle's ZIP (and its manifest), in which every byte is covered by the signature.

    Data members are deflated and the manifest records the SHA-256 of both their
    content and their compressed bytes; the manifest and its signature are stored
    uncompressed. So a flipped bit anywhere (even in deflate padding that would not
    change the content) is caught, on top of the header checks.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, content in sorted(members.items()):
            zf.writestr(name, content)
    archive = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        packed = {
            info.filename: hashlib.sha256(_packed_bytes(archive, info)).hexdigest()
            for info in zf.infolist()
        }
    manifest = {
        **manifest,
        "members": [
            {
                "name": name,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "packed_sha256": packed[name],
            }
            for name, content in sorted(members.items())
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", manifest_bytes)
        zf.writestr("manifest.sig", sign(manifest_bytes))
    return buffer.getvalue(), manifest_bytes


def _fail(message: str) -> BundleError:
    return BundleError(message)


def _read_outer(path: Path, age_identities: AgeIdentities | None) -> tuple[bytes, bool]:
    """The ZIP bytes of a bundle file, decrypted when it is encrypted to HQ."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(Phrase("There is no file {path}.", path=path)) from None
    except OSError as exc:
        raise _fail(
            Phrase("Cannot read {file}: {strerror}.", file=path.name, strerror=exc.strerror)
        ) from None
    if not path.is_file():
        raise _fail(Phrase("{file} is not a file.", file=path.name))
    if size == 0:
        raise _fail(Phrase("{file} is empty: it is not a Muster bundle.", file=path.name))
    if size > MAX_BUNDLE_BYTES:
        raise _fail(
            Phrase(
                "{file} is {size:,.0f} MiB, more than a bundle can be ({most} MiB); it is not a "
                "Muster bundle.",
                file=path.name,
                size=size / 2**20,
                most=MAX_BUNDLE_BYTES >> 20,
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(
            Phrase("Cannot read {file}: {strerror}.", file=path.name, strerror=exc.strerror)
        ) from None
    if data.startswith(AGE_MAGIC):
        identities = age_identities() if age_identities is not None else []
        if not identities:
            raise _fail(
                Phrase(
                    "{file} is encrypted for HQ; only an installation holding the HQ key can "
                    "open it.",
                    file=path.name,
                )
            )
        import pyrage

        try:
            return pyrage.decrypt(data, identities), True
        except Exception:  # pyrage.DecryptError and friends
            raise _fail(
                Phrase(
                    "{file} could not be decrypted: it is damaged, or it was encrypted for "
                    "another HQ key.",
                    file=path.name,
                )
            ) from None
    if data.startswith(ZIP_MAGIC):
        return data, False
    raise _fail(Phrase("{file} is not a Muster bundle.", file=path.name))


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise _fail(Phrase("{name} is damaged: it is not a complete archive.", name=name)) from None


def _checked_entries(zf: zipfile.ZipFile, data: bytes, name: str) -> list[zipfile.ZipInfo]:
    """Every entry and the archive's layout checked; odd numbers never escape as bugs."""
    try:
        infos = _check_entries(zf, name)
        check_layout(data, infos, name)
    except (ValueError, struct.error, OSError, EOFError, NotImplementedError, OverflowError):
        raise _fail(
            Phrase("{name} is damaged: its archive structure does not add up.", name=name)
        ) from None
    return infos


def _check_entries(zf: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _fail(
            Phrase(
                "{name} holds {count:,} files, far more than a bundle can; refused.",
                name=name,
                count=len(infos),
            )
        )
    seen: set[str] = set()
    declared = 0
    for info in infos:
        member = shown(info.filename)
        if info.filename in seen:
            raise _fail(
                Phrase(
                    "{name} contains '{member}' twice; a bundle never does. Refused.",
                    name=name,
                    member=member,
                )
            )
        seen.add(info.filename)
        if (
            info.filename.startswith(("/", "\\"))
            or ".." in info.filename.split("/")
            or "\\" in info.filename
            or re.match(r"^[A-Za-z]:", info.filename)
        ):
            raise _fail(
                Phrase(
                    "{name} contains an unsafe path '{member}'; refused.", name=name, member=member
                )
            )
        mode = info.external_attr >> 16
        if info.is_dir() or stat.S_ISDIR(mode):
            raise _fail(
                Phrase(
                    "{name} contains a folder entry '{member}'; a bundle never does.",
                    name=name,
                    member=member,
                )
            )
        if stat.S_ISLNK(mode):
            raise _fail(
                Phrase("{name} contains a link '{member}'; refused.", name=name, member=member)
            )
        if not MEMBER_RE.match(info.filename):
            raise _fail(
                Phrase(
                    "{name} contains an unexpected file '{member}'; refused.",
                    name=name,
                    member=member,
                )
            )
        if info.flag_bits & 0x1:
            raise _fail(
                Phrase(
                    "{name} contains a password-protected file '{member}'; refused.",
                    name=name,
                    member=member,
                )
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(
                Phrase(
                    "{name} uses an unknown compression for '{member}'; refused.",
                    name=name,
                    member=member,
                )
            )
        cap = SMALL_MEMBERS.get(info.filename, MAX_MEMBER_BYTES)
        if info.file_size > cap:
            raise _fail(
                Phrase(
                    "{name}: '{member}' is bigger than a bundle's file can be; refused.",
                    name=name,
                    member=member,
                )
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _fail(
                Phrase(
                    "{name} looks like a zip bomb ('{member}' expands too much); refused.",
                    name=name,
                    member=member,
                )
            )
        declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise _fail(
                Phrase("{name} would unpack to more than a bundle can hold; refused.", name=name)
            )
    for info in infos:
        _check_local_header(zf, info, name)
    if zf.comment:
        raise _fail(Phrase("{name} is damaged: its archive directory was altered.", name=name))
    for required in ("manifest.json", "manifest.sig", "certificate.pem"):
        if required not in seen:
            raise _fail(
                Phrase(
                    "{name} has no {required}: it is not a complete Muster bundle.",
                    name=name,
                    required=required,
                )
            )
    return infos


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_PLAIN_MODES = (0, 0o600 << 16, 0o644 << 16)


def _check_local_header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Each entry's local header must repeat the central directory exactly.

    Content is covered by the hashes and the signature; this catches damage to the
    archive's own bookkeeping (times, flags, sizes) that zipfile would not notice.
    """
    damaged = _fail(Phrase("{name} is damaged: its archive structure does not add up.", name=name))
    if (
        info.extra
        or info.comment
        or info.internal_attr
        or info.volume
        or info.external_attr not in _PLAIN_MODES
        or info.create_system not in (0, 3)
        or info.create_version != info.extract_version
    ):
        raise damaged
    fp = zf.fp
    if fp is None:  # pragma: no cover - the archive is open
        raise damaged
    fp.seek(info.header_offset)
    raw = fp.read(_LOCAL_HEADER.size)
    if len(raw) != _LOCAL_HEADER.size:
        raise damaged
    sig, version, flags, method, mtime, mdate, crc, csize, usize, nlen, xlen = _LOCAL_HEADER.unpack(
        raw
    )
    y, mo, d, h, mi, sec = info.date_time
    dos_time = (h << 11) | (mi << 5) | (sec // 2)
    dos_date = ((y - 1980) << 9) | (mo << 5) | d
    if (
        sig != ZIP_MAGIC
        or version != info.extract_version
        or flags != info.flag_bits
        or method != info.compress_type
        or (mtime, mdate) != (dos_time, dos_date)
        or (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size)
        or nlen != len(info.orig_filename.encode("utf-8" if flags & 0x800 else "cp437"))
        or xlen != 0
    ):
        raise damaged


_CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<4sHHHHIIH")


def check_layout(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """The archive must be laid out exactly as Muster writes it, byte for byte.

    Members sit back to back from offset 0, then the central directory, then the end
    record and nothing after it; every central entry repeats its local header and
    every field zipfile ignores (reserved bytes, disk numbers, entry counts) holds
    its plain value. With the hashes of the signed manifest this leaves no byte of
    a bundle that can change unnoticed.
    """
    damaged = _fail(Phrase("{name} is damaged: its archive structure does not add up.", name=name))
    position = 0
    for info in infos:
        if info.header_offset != position:
            raise damaged
        name_len, extra_len = struct.unpack_from("<HH", data, position + 26)
        position += _LOCAL_HEADER_SIZE + name_len + extra_len + info.compress_size
        if info.flag_bits & 0x08:  # data descriptors are never written by Muster
            raise damaged
    central_start = position
    for info in infos:
        if position + _CENTRAL_HEADER.size > len(data):
            raise damaged
        (sig, made_by, needed, flags, method, mtime, mdate, crc, csize, usize, nlen, xlen,
         clen, disk, internal, external, offset) = _CENTRAL_HEADER.unpack_from(data, position)  # fmt: skip
        local = data[info.header_offset + 4 : info.header_offset + 26]
        expected_local = struct.pack("<HHHHHIII", needed, flags, method, mtime, mdate, crc,
                                     csize, usize)  # fmt: skip
        raw_name = data[position + _CENTRAL_HEADER.size : position + _CENTRAL_HEADER.size + nlen]
        local_name = data[info.header_offset + 30 : info.header_offset + 30 + nlen]
        if (
            sig != b"PK\x01\x02"
            or made_by >> 8 not in (0, 3)
            or (made_by & 0xFF) != needed
            or local != expected_local
            or (xlen, clen, disk, internal) != (0, 0, 0, 0)
            or external not in _PLAIN_MODES
            or offset != info.header_offset
            or raw_name != local_name
            or struct.unpack_from("<H", data, info.header_offset + 26)[0] != nlen
        ):
            raise damaged
        position += _CENTRAL_HEADER.size + nlen
    if position + _END_RECORD.size != len(data):
        raise damaged
    sig, disk, cd_disk, here, total, cd_size, cd_offset, comment_len = _END_RECORD.unpack_from(
        data, position
    )
    count = len(infos)
    if (sig, disk, cd_disk, here, total, cd_offset, comment_len) != (
        b"PK\x05\x06",
        0,
        0,
        count,
        count,
        central_start,
        0,
    ) or cd_size != position - central_start:
        raise damaged


def _read_member(data: bytes, info: zipfile.ZipInfo, name: str, limit: int,
                 budget: list[int]) -> bytes:  # fmt: skip
    """One member unpacked, never past ``limit`` bytes or the budget, whatever its header claims.

    In one call to zlib whose output is capped at ``limit`` + 1 bytes, then checked like
    zipfile would (complete stream, size, CRC-32) and more (nothing after the stream).
    """
    limit = min(limit, info.file_size)
    damaged = _fail(
        Phrase(
            "{name} is damaged: '{shown}' inside it cannot be read (a bad copy?).",
            name=name,
            shown=shown(info.filename),
        )
    )
    packed = _packed_bytes(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        content = packed[: limit + 1]
        complete = True
    else:
        unpacker = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            content = unpacker.decompress(packed, limit + 1)
        except zlib.error:
            raise damaged from None
        complete = unpacker.eof and not unpacker.unused_data
    budget[0] -= len(content)
    if len(content) > limit or budget[0] < 0:
        raise _fail(
            Phrase(
                "{name}: '{shown}' is bigger than it says; refused.",
                name=name,
                shown=shown(info.filename),
            )
        )
    if len(content) > RATIO_FLOOR and len(content) > MAX_RATIO * max(info.compress_size, 1):
        raise _fail(Phrase("{name} looks like a zip bomb; refused.", name=name))
    if not complete or len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise damaged
    return content


@dataclass
class Archive:
    """An opened bundle whose archive structure passed every check; members not read yet."""

    path: Path
    data: bytes  # the ZIP bytes (decrypted); members are unpacked from them directly
    encrypted: bool
    infos: dict[str, zipfile.ZipInfo]
    budget: list[int]

    @property
    def name(self) -> str:
        return shown(self.path.name)

    def read_small(self, member: str) -> bytes | None:
        """One of the small members read before the signature check (None when absent)."""
        info = self.infos.get(member)
        if info is None:
            return None
        return _read_member(self.data, info, self.name, SMALL_MEMBERS[member], self.budget)

    def read_signed(self, member: str, size: int, sha256: str) -> bytes:
        """A member read against the size and hash of the signed manifest."""
        content = _read_member(self.data, self.infos[member], self.name, size, self.budget)
        if len(content) != size or hashlib.sha256(content).hexdigest() != sha256:
            raise _fail(
                Phrase(
                    "{name}: a file inside it does not match the signed manifest; the bundle was "
                    "altered or damaged.",
                    name=self.name,
                )
            )
        return content

    def packed_sha256(self, member: str) -> str:
        return hashlib.sha256(_packed_bytes(self.data, self.infos[member])).hexdigest()


def open_archive(path: Path, age_identities: AgeIdentities | None = None) -> Archive:
    """The bundle at ``path`` decrypted and opened, with its archive structure checked."""
    path = Path(path)
    data, encrypted = _read_outer(path, age_identities)
    with _open_zip(data, shown(path.name)) as zf:  # for its directory, checked here
        infos = _checked_entries(zf, data, shown(path.name))
    return Archive(path, data, encrypted, {i.filename: i for i in infos}, [MAX_TOTAL_BYTES])
