"""HQ's key and certificate: no silent replacement, no silent downgrade, an upgrade path.

Through the real command line: a field installation accepts a first HQ key only after a
confirmation (or --yes), never replaces one with --yes, and takes a key signed by an HQ
it trusts without a question. HQ refuses a plaintext bundle from a device that sent
encrypted ones, or any plaintext bundle once it requires encryption. An HQ certificate
made before issuing certificates is upgraded for the same key; enrolments it signed
before stay valid where the upgraded certificate is trusted. Names that try to spoof a
refusal are shown as one visible line.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.helpers import dump_database, run_cli

PASSPHRASE = "correct horse battery staple"


def _inst(folder: Path, name: str, role: str = "field", mission: str = "") -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation

    inst = open_installation(Paths(folder))
    identity.create_identity(inst, Profile(name=name, role=role, mission=mission), PASSPHRASE)
    return inst


def _cert(inst: Any) -> bytes:
    from app.services.identity import load_identity

    return load_identity(inst).certificate_pem  # type: ignore[no-any-return,union-attr]


def test_hq_key_is_never_replaced_silently(tmp_path: Path) -> None:
    from app.services.sync import hq_key

    hq1, hq2 = _inst(tmp_path / "hq1", "HQ One", "hq"), _inst(tmp_path / "hq2", "HQ Two", "hq")
    field = _inst(tmp_path / "field", "Awa", mission="MONUSCO")
    hq_key.export_hq_key(hq1, tmp_path / "one.key", PASSPHRASE)
    hq_key.export_hq_key(hq2, tmp_path / "two.key", PASSPHRASE)
    home = field.paths.home
    code, _, err = run_cli("hq-key", "set", str(tmp_path / "one.key"), home=home)
    assert code == 1 and "Check this HQ key" in err and "--yes" in err, err
    assert run_cli("hq-key", "set", str(tmp_path / "one.key"), "--yes", home=home)[0] == 0
    before = dump_database(field.db.path)
    code, _, err = run_cli("hq-key", "set", str(tmp_path / "two.key"), "--yes", home=home)
    assert code == 1 and "--yes never replaces a key" in err, err
    assert len(err.strip().splitlines()) == 1
    assert dump_database(field.db.path) == before
    # Signed by an HQ this installation trusts: taken without a question.
    from app.services.sync.trust import add_trusted

    add_trusted(field, _cert(hq2), role="hq")
    code, _, err = run_cli("hq-key", "set", str(tmp_path / "two.key"), home=home)
    assert code == 0, err
    assert hq_key.field_recipient(field) == hq_key.own_recipient(hq2)
    for inst in (hq1, hq2, field):
        inst.close()


def test_no_silent_downgrade_to_plaintext(tmp_path: Path) -> None:
    from app.services.identity import unlock_private_key
    from app.services.people import PersonInput, create_person
    from app.services.sync import export_bundle, hq_key
    from app.services.sync.trust import add_trusted

    hq = _inst(tmp_path / "hq", "HQ", "hq")
    field = _inst(tmp_path / "field", "Awa", mission="MONUSCO")
    add_trusted(hq, _cert(field))
    key = unlock_private_key(field, PASSPHRASE)
    recipient = hq_key.ensure_hq_key(hq, PASSPHRASE)
    create_person(field, PersonInput("Bénédicte Kavira", "F"))
    sealed = export_bundle(field, tmp_path / "1.muster", key, recipient=recipient).path
    create_person(field, PersonInput("Jean Mukendi", "M"))
    plain = export_bundle(field, tmp_path / "2.muster", key, recipient="").path
    home = hq.paths.home
    other = tmp_path / "hq-copy"
    shutil.copytree(home, other)
    assert run_cli("import", str(sealed), home=home)[0] == 0
    before = dump_database(hq.db.path)
    code, _, err = run_cli("import", str(plain), home=home)
    assert code == 1 and "is not encrypted, but the earlier bundles" in err, err
    assert dump_database(hq.db.path) == before
    # HQ can require encryption from every device.
    assert run_cli("hq-key", "require", "on", home=other)[0] == 0
    code, _, err = run_cli("import", str(plain), home=other)
    assert code == 1 and "requires encrypted bundles" in err, err
    hq.close()
    field.close()


def _old_style_hq_certificate(inst: Any) -> None:
    """Rewrite an HQ certificate as Muster made them before: no CA constraints."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.services.identity import certificate_path, unlock_private_key

    key = unlock_private_key(inst, PASSPHRASE)
    cert = x509.load_pem_x509_certificate(_cert(inst))
    builder = (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.subject)
        .public_key(cert.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(cert.not_valid_before_utc)
        .not_valid_after(cert.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    certificate_path(inst).write_bytes(
        builder.sign(key, hashes.SHA256()).public_bytes(Encoding.PEM)
    )


def test_an_old_hq_certificate_is_upgraded_and_its_enrolments_stay_valid(tmp_path: Path) -> None:
    from cryptography import x509

    from app.services.identity import unlock_private_key
    from app.services.people import PersonInput, create_person
    from app.services.sync import export_bundle, import_bundles
    from app.services.sync.enrolment import is_issuing_certificate, set_enrolment
    from app.services.sync.trust import add_trusted

    hq = _inst(tmp_path / "hq", "HQ New York", "hq")
    _old_style_hq_certificate(hq)
    old_cert = _cert(hq)
    assert not is_issuing_certificate(x509.load_pem_x509_certificate(old_cert))
    field = _inst(tmp_path / "field", "Awa", mission="MONUSCO")
    (tmp_path / "field.pem").write_bytes(_cert(field))
    code, _, err = run_cli("trust", "add", str(tmp_path / "field.pem"), "--yes", "--enrol",
                             str(tmp_path / "field.enrol"), home=hq.paths.home)  # fmt: skip
    assert code == 0, err
    new_cert = _cert(hq)
    assert new_cert != old_cert and is_issuing_certificate(x509.load_pem_x509_certificate(new_cert))
    set_enrolment(field, (tmp_path / "field.enrol").read_bytes())
    create_person(field, PersonInput("Bénédicte Kavira", "F"))
    bundle = export_bundle(field, tmp_path / "f.muster", unlock_private_key(field, PASSPHRASE),
                           recipient="").path  # fmt: skip
    upgraded = _inst(tmp_path / "geneva", "HQ Geneva", "hq")
    add_trusted(upgraded, new_cert, role="hq")
    assert import_bundles(upgraded, [bundle]).changed
    stale = _inst(tmp_path / "nairobi", "HQ Nairobi", "hq")
    add_trusted(stale, old_cert, role="hq")
    code, _, err = run_cli("import", str(bundle), home=stale.paths.home)
    assert code == 1 and "not an issuing one" in err, err
    for inst in (hq, field, upgraded, stale):
        inst.close()


def test_a_spoofing_name_is_one_visible_line(tmp_path: Path) -> None:
    from app.services.sync import export_bundle

    hq = _inst(tmp_path / "hq", "HQ", "hq")
    liar = _inst(
        tmp_path / "liar", "Awa\nmuster: imported 0 records.\x1b[2K\u202e", mission="MONUSCO"
    )
    from app.services.identity import unlock_private_key

    bundle = export_bundle(liar, tmp_path / "l.muster", unlock_private_key(liar, PASSPHRASE),
                           recipient="").path  # fmt: skip
    code, _, err = run_cli("import", str(bundle), home=hq.paths.home)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "\x1b" not in err and "\u202e" not in err  # cleaned when typed, escaped when shown
    hq.close()
    liar.close()
    from app.services.sync.display import shown

    # A certificate made elsewhere can carry the raw characters: shown, they are visible text.
    raw = "Awa\nmuster: imported 0 records.\x1b[2K\u202e"
    assert shown(raw) == "Awa\\u000amuster: imported 0 records.\\u001b[2K\\u202e"
