"""Hostile and damaged bundles are refused with one plain sentence; the database is untouched.

One field installation (demo data, real identity) and one HQ are built once; each case
crafts a bad file from a real bundle, runs the real ``muster import`` and compares a
full dump of HQ's database before and after.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import connect_database, run_cli

PASSPHRASE = "correct horse battery staple"


@dataclass
class World:
    field: Any
    hq: Any
    field_key: Any
    bundle: Path  # a valid, plain (unencrypted) bundle
    encrypted: Path  # the same data encrypted to HQ
    folder: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, hq_key, trust

    folder = tmp_path_factory.mktemp("hostile")
    field = open_installation(Paths(folder / "field"))
    identity.create_identity(field, Profile(name="Jean Mukendi", mission="MONUSCO"), PASSPHRASE)
    load_demo(field)
    hq = open_installation(Paths(folder / "hq"))
    identity.create_identity(hq, Profile(name="HQ", role="hq"), PASSPHRASE)
    trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
    key = identity.unlock_private_key(field, PASSPHRASE)
    bundle = export_bundle(field, folder / "good.muster", key, full=True).path
    recipient = hq_key.ensure_hq_key(hq, PASSPHRASE)
    encrypted = export_bundle(field, folder / "good-enc.muster", key, recipient=recipient).path
    yield World(field, hq, key, bundle, encrypted, folder)
    field.close()
    hq.close()


def dump(inst: Any) -> str:
    conn = connect_database(inst.db.path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def resign(
    members: dict[str, bytes],
    key: Any,
    certificate_pem: bytes | None = None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
) -> bytes:
    """A bundle of ``members`` laid out by Muster's own packer, signed with ``key``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.sync.container import pack_bundle

    members = dict(members)
    if certificate_pem is not None:
        members["certificate.pem"] = certificate_pem
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig")
    if edit_manifest:
        edit_manifest(manifest)
    data, _ = pack_bundle(manifest, members, lambda raw: key.sign(raw, ec.ECDSA(hashes.SHA256())))
    return data


def write_packed(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def edit_table(members: dict[str, bytes], table: str, edit: Callable[[dict[str, Any]], None]):  # type: ignore[no-untyped-def]
    data = json.loads(members[f"data/{table}.json"])
    edit(data)
    members[f"data/{table}.json"] = json.dumps(data).encode()
    return members


def stranger(device_id: str) -> tuple[Any, bytes]:
    """A fresh key and self-signed certificate nobody trusted, naming ``device_id``."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.services.identity import _make_certificate
    from app.services.installation import Profile

    key = ec.generate_private_key(ec.SECP256R1())
    cert = _make_certificate(key, Profile(name="Jean Mukendi", mission="MONUSCO"), device_id)
    return key, cert.public_bytes(Encoding.PEM)


def _field_device(w: World) -> str:
    return str(w.field.device_id)


# --- the cases ---------------------------------------------------------------------------------
# Each returns the path of a hostile file and a fragment expected in the one-line message.


def truncated(w: World, out: Path) -> tuple[Path, str]:
    data = w.bundle.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out, "damaged"


def flipped_bit(w: World, out: Path) -> tuple[Path, str]:
    data = bytearray(w.bundle.read_bytes())
    data[len(data) // 3] ^= 0x10
    out.write_bytes(bytes(data))
    return out, ""  # a damaged archive, a bad checksum or a hash mismatch: all refuse


def flipped_bit_encrypted(w: World, out: Path) -> tuple[Path, str]:
    data = bytearray(w.encrypted.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    return out, "could not be decrypted"


def swapped_member(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    m["data/people.json"], m["data/partners.json"] = m["data/partners.json"], m["data/people.json"]
    return write_zip(out, list(m.items())), "does not match the signed manifest"


def edited_after_signing(w: World, out: Path) -> tuple[Path, str]:
    """The manifest changed, laid out like a real bundle, but keeping the old signature."""
    from app.services.sync.container import pack_bundle

    m = members_of(w.bundle)
    signature = m.pop("manifest.sig")
    manifest = json.loads(m.pop("manifest.json"))
    manifest["seq"] = 99
    data, _ = pack_bundle(manifest, m, lambda _raw: signature)
    return write_packed(out, data), "changed after signing"


def resigned_by_stranger(w: World, out: Path) -> tuple[Path, str]:
    """Someone else's key, with a certificate naming their own device."""
    key, cert = stranger("11111111-2222-4333-8444-555555555555")
    m = edit_table(members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(1, "Mallory"))
    return write_packed(out, resign(m, key, cert)), "not in your trusted list"


def resigned_by_stranger_same_device(w: World, out: Path) -> tuple[Path, str]:
    """A valid bundle re-signed by an unknown key whose certificate copies the device id."""
    key, cert = stranger(_field_device(w))
    m = edit_table(members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(1, "Mallory"))
    return write_packed(out, resign(m, key, cert)), "not in your trusted list"


def future_schema(w: World, out: Path) -> tuple[Path, str]:
    data = resign(members_of(w.bundle), w.field_key,
                  edit_manifest=lambda man: man.__setitem__("schema", "9999_from_the_future"))  # fmt: skip
    return write_packed(out, data), "newer version of Muster"


def zip_bomb(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    m["data/people.json"] = b'{"columns":[],"rows":[' + b" " * (60 << 20) + b"]}"
    return write_zip(out, list(m.items())), "zip bomb"


def many_entries(w: World, out: Path) -> tuple[Path, str]:
    members: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"documents/{i:08d}-0000-4000-8000-000000000000.pdf", b"x") for i in range(20_000)
    ]
    return write_zip(out, members), "20,000 files"


def duplicate_names(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, as it should
        return write_zip(out, [*m.items(), ("data/people.json", b"{}")]), "twice"


def dotdot_name(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    return write_zip(out, [*m.items(), ("../../evil.json", b"{}")]), "unsafe path"


def absolute_name(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    info = zipfile.ZipInfo("data/x.json")
    info.filename = "/etc/passwd"
    return write_zip(out, [*m.items(), (info, b"x")]), "unsafe path"


def symlink_entry(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    link = zipfile.ZipInfo("data/people.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    rest = [(n, d) for n, d in m.items() if n != "data/people.json"]
    return write_zip(out, [*rest, (link, b"/etc/passwd")]), "link"


def unexpected_member(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    return write_zip(out, [*m.items(), ("run.exe", b"MZ")]), "unexpected file"


def not_a_bundle(w: World, out: Path) -> tuple[Path, str]:
    out.write_bytes(b"%PDF-1.7 this is not a bundle")
    return out, "not a Muster bundle"


def empty_file(w: World, out: Path) -> tuple[Path, str]:
    out.write_bytes(b"")
    return out, "empty"


def other_hq_key(w: World, out: Path) -> tuple[Path, str]:
    import pyrage

    other = pyrage.x25519.Identity.generate().to_public()
    out.write_bytes(pyrage.encrypt(w.bundle.read_bytes(), [other]))
    return out, "could not be decrypted"


def invalid_enum(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    sex = table_columns("people").index("sex")
    m = edit_table(members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(sex, "Q"))
    return write_packed(out, resign(m, w.field_key)), "not one of F, M, X"


def invalid_date(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("trainings").index("start_date")
    m = edit_table(members_of(w.bundle), "trainings",
                   lambda d: d["rows"][0].__setitem__(col, "10/09/2024"))  # fmt: skip
    return write_packed(out, resign(m, w.field_key)), "start_date is not a date"


def invalid_id(w: World, out: Path) -> tuple[Path, str]:
    m = edit_table(members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(0, "x; DROP"))
    return write_packed(out, resign(m, w.field_key)), "id is not a valid id"


def dangling_reference(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("attendance").index("person_id")
    ghost = "00000000-0000-4000-8000-000000000000"
    m = edit_table(
        members_of(w.bundle), "attendance", lambda d: d["rows"][0].__setitem__(col, ghost)
    )
    return write_packed(out, resign(m, w.field_key)), "neither it nor this database"


def hidden_character_in_a_reference(w: World, out: Path) -> tuple[Path, str]:
    """A reference is an id, never cleaned like typed text: with a zero-width space for its
    last character, it names nothing."""
    from app.services.sync import table_columns

    col = table_columns("attendance").index("person_id")
    m = edit_table(members_of(w.bundle), "attendance",
                   lambda d: d["rows"][0].__setitem__(col, d["rows"][0][col][:-1] + "\u200b"))  # fmt: skip
    return write_packed(out, resign(m, w.field_key)), "neither it nor this database"


def id_hiding_a_line_break(w: World, out: Path) -> tuple[Path, str]:
    """Two well-shaped ids glued by a line break, in a column checked as one joined text."""

    def glue(d: dict[str, Any]) -> None:
        d["rows"][0][0] = d["rows"][0][0] + "\n" + d["rows"][1][0]

    m = edit_table(members_of(w.bundle), "attendance", glue)
    return write_packed(out, resign(m, w.field_key)), "id is not a valid id"


def wrong_type(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("people").index("version")
    m = edit_table(members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(col, "12"))
    return write_packed(out, resign(m, w.field_key)), "not a whole number"


def ends_before_start(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("trainings").index("end_date")
    m = edit_table(members_of(w.bundle), "trainings",
                   lambda d: d["rows"][0].__setitem__(col, "1999-01-01"))  # fmt: skip
    return write_packed(out, resign(m, w.field_key)), "ends before it starts"


def _manifest_text(w: World, out: Path, edit: Callable[[str], str]) -> Path:
    """The real bundle re-signed by its own key, with the manifest's text edited."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.sync.container import pack_bundle

    m = members_of(w.bundle)
    manifest = json.loads(m.pop("manifest.json"))
    m.pop("manifest.sig")
    captured: dict[str, bytes] = {}

    def sign(raw: bytes) -> bytes:
        captured["raw"] = edited = edit(raw.decode()).encode("utf-8", "surrogatepass")
        return w.field_key.sign(edited, ec.ECDSA(hashes.SHA256()))

    data, _ = pack_bundle(manifest, m, sign)
    # pack_bundle stored the unedited manifest: rebuild with the edited bytes in its place.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["manifest.json"] = captured["raw"]
    members["manifest.sig"] = w.field_key.sign(captured["raw"], ec.ECDSA(hashes.SHA256()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in [n for n in members if n not in ("manifest.json", "manifest.sig")]:
            zf.writestr(zipfile.ZipInfo(name), members[name], compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("manifest.json", members["manifest.json"])
        zf.writestr("manifest.sig", members["manifest.sig"])
    out.write_bytes(buffer.getvalue())
    return out


def deep_manifest(w: World, out: Path) -> tuple[Path, str]:
    deep = "[" * 100_000 + "]" * 100_000
    return _manifest_text(
        w, out, lambda t: t.replace('"documents": [', f'"x": {deep}, "documents": [', 1)
    ), "invalid manifest"


def infinite_seq(w: World, out: Path) -> tuple[Path, str]:
    import re as re_

    return _manifest_text(
        w, out, lambda t: re_.sub(r'"seq": \d+', '"seq": 1e999', t)
    ), "invalid manifest"


def nan_upto(w: World, out: Path) -> tuple[Path, str]:
    import re as re_

    return _manifest_text(
        w, out, lambda t: re_.sub(r'"upto_version": \d+', '"upto_version": NaN', t)
    ), "invalid manifest"


def huge_digits(w: World, out: Path) -> tuple[Path, str]:
    import re as re_

    return _manifest_text(
        w, out, lambda t: re_.sub(r'"seq": \d+', '"seq": ' + "9" * 5000, t)
    ), "invalid manifest"


def surrogate_device_name(w: World, out: Path) -> tuple[Path, str]:
    import re as re_

    return _manifest_text(
        w,
        out,
        lambda t: re_.sub(r'"device_name": "[^"]*"', lambda _m: '"device_name": "Jean \\ud800"', t),
    ), "invalid manifest"


def surrogate_in_a_name(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("people").index("full_name")
    m = edit_table(
        members_of(w.bundle), "people", lambda d: d["rows"][0].__setitem__(col, "Ali \ud83d")
    )
    m["data/people.json"] = m["data/people.json"].replace(b"\\\\ud83d", b"\\ud83d")
    return write_packed(out, resign(m, w.field_key)), "lone surrogate"


def nested_json_in_a_field(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("people").index("full_name")
    m = edit_table(members_of(w.bundle), "people",
                   lambda d: d["rows"][0].__setitem__(col, {"a": [[[{"b": 1}]]]}))  # fmt: skip
    return write_packed(out, resign(m, w.field_key)), "full_name is not text"


def deeply_nested_trainers(w: World, out: Path) -> tuple[Path, str]:
    from app.services.sync import table_columns

    col = table_columns("trainings").index("trainers")
    deep = "[" * 50_000 + "]" * 50_000
    m = edit_table(members_of(w.bundle), "trainings", lambda d: d["rows"][0].__setitem__(col, deep))
    return write_packed(out, resign(m, w.field_key)), "trainers is not"


def deeply_nested_rows(w: World, out: Path) -> tuple[Path, str]:
    m = members_of(w.bundle)
    deep = "[" * 100_000 + "]" * 100_000
    m["data/people.json"] = m["data/people.json"].replace(
        b'"rows":[', f'"rows":[{deep},'.encode(), 1
    )
    return write_packed(out, resign(m, w.field_key)), "people data is not valid"


CASES = [
    truncated, flipped_bit, flipped_bit_encrypted, swapped_member, edited_after_signing,
    resigned_by_stranger, resigned_by_stranger_same_device, future_schema, zip_bomb,
    many_entries, duplicate_names, dotdot_name, absolute_name, symlink_entry, unexpected_member,
    not_a_bundle, empty_file, other_hq_key, invalid_enum, invalid_date, invalid_id,
    dangling_reference, hidden_character_in_a_reference, id_hiding_a_line_break, wrong_type, ends_before_start, deep_manifest, infinite_seq, nan_upto,
    huge_digits, surrogate_device_name, surrogate_in_a_name, nested_json_in_a_field,
    deeply_nested_trainers, deeply_nested_rows,
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_hostile_bundle_is_refused_and_database_unchanged(
    world: World, case: Callable[[World, Path], tuple[Path, str]], tmp_path: Path
) -> None:
    path, expected = case(world, tmp_path / f"{case.__name__}.muster")
    before = dump(world.hq)
    code, out, err = run_cli("import", str(path), home=world.hq.paths.home)
    assert code == 1, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("muster: "), err
    assert "Traceback" not in err and "internal error" not in err
    assert expected in err, err
    assert dump(world.hq) == before


def test_oversized_file_is_refused_before_reading(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.sync import container as bundles

    monkeypatch.setattr(bundles, "MAX_BUNDLE_BYTES", 1000)
    before = dump(world.hq)
    code, _, err = run_cli("import", str(world.bundle), home=world.hq.paths.home)
    assert code == 1 and "more than a bundle can be" in err
    assert dump(world.hq) == before


def test_a_bad_bundle_in_a_batch_leaves_everything_unchanged(world: World, tmp_path: Path) -> None:
    bad, _ = invalid_enum(world, tmp_path / "bad.muster")
    before = dump(world.hq)
    code, _, err = run_cli("import", str(world.bundle), str(bad), home=world.hq.paths.home)
    assert code == 1 and "bad.muster" in err
    assert dump(world.hq) == before


def test_the_good_bundles_import_and_a_copy_changes_nothing(world: World, tmp_path: Path) -> None:
    """The control case: the same fixtures accept the genuine bundle (plain and encrypted)."""
    hq_home = tmp_path / "hq-copy"
    shutil.copytree(world.hq.paths.home, hq_home)
    code, out, err = run_cli("import", str(world.bundle), str(world.encrypted), home=hq_home)
    assert code == 0, err
    assert "153 new" not in out  # demo records include seeds HQ already holds
    assert "new" in out
    code, out, _ = run_cli("import", str(world.bundle), home=hq_home)
    assert code == 0 and "already imported; nothing changed" in out


def test_zip_reader_never_sees_uncapped_streams() -> None:
    """The per-member reader refuses a member bigger than its header says (a lying header)."""
    from app.services.sync.container import BundleError, _read_member

    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=method) as zf:
            zf.writestr("data/people.json", b"x" * 5000)
        with zipfile.ZipFile(buffer) as zf:
            info = zf.infolist()[0]
        info.file_size = 10  # the header lies
        with pytest.raises(BundleError, match="bigger than it says"):
            _read_member(buffer.getvalue(), info, "lying.muster", 1 << 30, [1 << 30])


def test_a_member_cut_short_or_with_a_wrong_checksum_is_damaged() -> None:
    from app.services.sync.container import BundleError, _read_member

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/people.json", bytes(range(256)) * 40)
    data = buffer.getvalue()
    with zipfile.ZipFile(buffer) as zf:
        info = zf.infolist()[0]
    assert len(_read_member(data, info, "good.muster", 1 << 30, [1 << 30])) == 10240
    short = copy.copy(info)
    short.compress_size -= 5  # the deflate stream never ends
    wrong = copy.copy(info)
    wrong.CRC ^= 1
    for lying in (short, wrong):
        with pytest.raises(BundleError, match="is damaged"):
            _read_member(data, lying, "bad.muster", 1 << 30, [1 << 30])


@pytest.mark.timeout(180)  # thousands of real refusals, not a hang
def test_every_flipped_byte_of_a_bundle_is_refused(world: World, tmp_path: Path) -> None:
    """No byte of a bundle can change unnoticed: headers, deflate padding, directory, end record.

    A small incremental bundle (one edited person) is flipped at every offset in turn.
    """
    from app.errors import UserError
    from app.services.people import PersonInput, create_person
    from app.services.sync import export_bundle, read_bundle

    create_person(world.field, PersonInput("Bénédicte Kavira", "F", "corrections"))
    small = export_bundle(world.field, tmp_path / "small.muster", world.field_key).path
    original = small.read_bytes()
    assert len(original) < 20_000
    read_bundle(world.hq, small)  # the untouched bundle is fine
    bad = tmp_path / "flipped.muster"
    accepted = []
    for offset in range(len(original)):
        damaged = bytearray(original)
        damaged[offset] ^= 0xFF
        bad.write_bytes(bytes(damaged))
        try:
            read_bundle(world.hq, bad)
        except UserError:
            continue
        accepted.append(offset)
    assert accepted == []
