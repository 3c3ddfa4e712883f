"""Signing identity and trust list: real keys, real files, real CLI."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import pem as asn1_pem
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.errors import NotFoundError, UserError, ValidationError
from app.services import identity, vault
from app.services.installation import Profile
from app.services.sync import trust
from tests.helpers import run_cli, run_muster

PASS = "correct horse battery staple"
PROFILE = Profile(
    name="Aïcha Ndiaye", title="Training focal point", mission="monusco", email="a.ndiaye@un.org"
)


def test_create_identity_makes_encrypted_key_and_certificate(installation) -> None:
    info = identity.create_identity(installation, PROFILE, PASS)

    # The profile is saved (cleaned) and the certificate says who, what, where, which device.
    assert installation.profile().mission == "MONUSCO"
    assert (info.name, info.title, info.mission, info.role) == (
        "Aïcha Ndiaye",
        "Training focal point",
        "MONUSCO",
        "field",
    )
    assert info.device_id == installation.device_id
    cert_pem = identity.certificate_path(installation).read_bytes()
    cert = x509.load_pem_x509_certificate(cert_pem)
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Aïcha Ndiaye"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "United Nations"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "MONUSCO"
    assert subject.get_attributes_for_oid(NameOID.USER_ID)[0].value == installation.device_id
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert x509.ObjectIdentifier(identity.DOCUMENT_SIGNING_OID) in eku
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert 9.9 < years < 10.1

    # Fingerprint: SHA-256 of the DER, lowercase hex, same from PEM or DER.
    der = cert.public_bytes(Encoding.DER)
    assert info.fingerprint == identity.certificate_fingerprint(cert_pem)
    assert info.fingerprint == identity.certificate_fingerprint(der)
    assert len(info.fingerprint) == 64 and info.fingerprint == info.fingerprint.lower()

    # The key at rest: PKCS#8 PBES2, PBKDF2-HMAC-SHA256 with >= 600,000 rounds, AES-256.
    key_bytes = identity.key_path(installation).read_bytes()
    kind, _headers, der_key = asn1_pem.unarmor(key_bytes)
    assert kind == "ENCRYPTED PRIVATE KEY"
    algo = asn1_keys.EncryptedPrivateKeyInfo.load(der_key)["encryption_algorithm"]
    assert algo["algorithm"].native == "pbes2"
    kdf = algo["parameters"]["key_derivation_func"]["parameters"]
    assert kdf["iteration_count"].native >= 600_000
    assert kdf["prf"]["algorithm"].native == "sha256"
    assert algo["parameters"]["encryption_scheme"]["algorithm"].native == "aes256_cbc"
    assert b"PRIVATE KEY-----" in key_bytes and b"BEGIN PRIVATE KEY" not in key_bytes

    # Files private to the user.
    if os.name == "posix":
        assert stat.S_IMODE(installation.paths.keys.stat().st_mode) == 0o700
        assert stat.S_IMODE(identity.key_path(installation).stat().st_mode) == 0o600

    # The right passphrase unlocks the key that matches the certificate; a wrong one does not.
    key = identity.unlock_private_key(installation, PASS)
    assert key.public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    ) == cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(UserError, match=r"^The passphrase is not right\.$"):
        identity.unlock_private_key(installation, PASS + "!")

    loaded = identity.load_identity(installation)
    assert loaded is not None and loaded.fingerprint == info.fingerprint


def test_refusals_leave_nothing_behind(installation) -> None:
    with pytest.raises(UserError, match="at least 10 characters"):
        identity.create_identity(installation, PROFILE, "short")
    with pytest.raises(ValidationError, match="needs its mission"):
        identity.create_identity(installation, Profile(name="X Y", title="T"), PASS)
    # A certificate's name holds 64 bytes: 32 Arabic letters, not 33 (never a crash).
    with pytest.raises(ValidationError, match="too long for a signing certificate"):
        identity.create_identity(installation, Profile(name="ع" * 33, mission="UNSMIL"), PASS)
    assert identity.load_identity(installation) is None
    assert not identity.key_path(installation).exists()
    with pytest.raises(UserError, match="no signing identity"):
        identity.unlock_private_key(installation, PASS)
    # HQ needs no mission.
    info = identity.create_identity(
        installation, Profile(name="HQ Analyst", title="Analyst", role="hq"), PASS
    )
    assert info.role == "hq" and info.mission == ""
    with pytest.raises(UserError, match="already has a signing identity"):
        identity.create_identity(installation, PROFILE, PASS)


def test_cli_passphrase_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("from the file passphrase\nignored second line\n", encoding="utf-8")
    assert vault.cli_passphrase(str(secret)) == "from the file passphrase"
    monkeypatch.setenv("MUSTER_PASSPHRASE", "from the environment")
    assert vault.cli_passphrase(None) == "from the environment"
    monkeypatch.delenv("MUSTER_PASSPHRASE")
    with pytest.raises(UserError, match="MUSTER_PASSPHRASE"):
        vault.cli_passphrase(None)
    with pytest.raises(UserError, match="Cannot read"):
        vault.cli_passphrase(str(tmp_path / "missing.txt"))


def test_cli_init_and_identity(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = run_cli("init", "--name", "Jean Mukendi", "--title", "FP", home=home)
    assert code == 1 and "needs its mission" in err
    monkeypatch.delenv("MUSTER_PASSPHRASE", raising=False)
    code, _out, err = run_cli(
        "init", "--name", "Jean Mukendi", "--title", "FP", "--mission", "MONUSCO", home=home
    )
    assert code == 1 and "MUSTER_PASSPHRASE" in err
    code, _out, err = run_cli("identity", home=home)  # it opens the database: locked
    assert code == 1 and err.startswith("muster: No passphrase given") and err.count("\n") == 1
    monkeypatch.setenv("MUSTER_PASSPHRASE", PASS)
    code, _out, err = run_cli("identity", home=home)
    assert code == 1 and "muster init" in err
    code, out, err = run_cli(
        "init", "--name", "Jean Mukendi", "--title", "FP", "--mission", "MONUSCO", home=home
    )
    assert code == 0, err
    assert "Certificate fingerprint" in out
    assert "Recovery key:" in out and "forget your passphrase" in out
    code, _out, err = run_cli(
        "init", "--name", "Jean Mukendi", "--title", "FP", "--mission", "MONUSCO", home=home
    )
    assert code == 1 and "already has a signing identity" in err and "move the folder" in err

    exported = tmp_path / "jean.pem"
    code, out, err = run_cli("identity", "--export", str(exported), "--json", home=home)
    assert code == 0, err
    import json

    shown = json.loads(out)
    assert shown["name"] == "Jean Mukendi" and shown["mission"] == "MONUSCO"
    assert identity.certificate_fingerprint(exported.read_bytes()) == shown["fingerprint"]
    code, out, _err = run_cli("identity", home=home)
    assert code == 0 and identity.format_fingerprint(shown["fingerprint"]) in out


def test_init_in_a_real_process_with_a_passphrase_file(home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    env = {"MUSTER_PASSPHRASE": ""}
    done = run_muster(
        "init", "--name", "Анна Петрова", "--title", "Officer", "--mission", "UNRCCA",
        "--passphrase-file", str(secret), home=home, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run_muster("identity", "--passphrase-file", str(secret), home=home, env=env)
    assert done.returncode == 0 and "Анна Петрова" in done.stdout


def test_trust_list(installation, tmp_path: Path) -> None:
    from app.paths import Paths
    from app.services.installation import open_installation

    own = identity.create_identity(installation, PROFILE, PASS)
    assert trust.is_trusted(installation, own.certificate_pem) == (
        True,
        "It is this installation's own certificate.",
    )
    other = open_installation(Paths(tmp_path / "other"))
    try:
        theirs = identity.create_identity(
            other, Profile(name="Omar Benali", title="FP", mission="UNSMIL"), PASS
        )
    finally:
        other.close()
    trusted, reason = trust.is_trusted(installation, theirs.certificate_pem)
    assert (
        not trusted and "Omar Benali" in reason and "not in this installation's trusted" in reason
    )

    added = trust.add_trusted(installation, theirs.certificate_pem, note="read over the phone")
    assert (added.name, added.mission, added.fingerprint) == (
        "Omar Benali",
        "UNSMIL",
        theirs.fingerprint,
    )
    assert added.device_id == theirs.device_id
    assert [t.fingerprint for t in trust.list_trusted(installation)] == [theirs.fingerprint]
    assert trust.is_trusted(installation, theirs.certificate_pem)[0]
    # Adding again keeps one row and the note.
    trust.add_trusted(installation, theirs.certificate_pem)
    assert [t.note for t in trust.list_trusted(installation)] == ["read over the phone"]

    trust.remove_trusted(installation, identity.format_fingerprint(theirs.fingerprint))
    assert trust.list_trusted(installation) == []
    assert not trust.is_trusted(installation, theirs.certificate_pem)[0]
    with pytest.raises(NotFoundError):
        trust.remove_trusted(installation, theirs.fingerprint)
    with pytest.raises(UserError, match="not a certificate"):
        trust.add_trusted(installation, b"-----BEGIN CERTIFICATE-----\nnope\n")
