"""HQ enrolment: a device enrolled by one HQ is trusted by every HQ that trusts that HQ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from tests.helpers import run_cli

PASSPHRASE = "correct horse battery staple"


def _installation(folder: Path, name: str, role: str, mission: str = "") -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation

    inst = open_installation(Paths(folder))
    identity.create_identity(inst, Profile(name=name, role=role, mission=mission), PASSPHRASE)
    return inst


def _cert(inst: Any) -> bytes:
    from app.services.identity import load_identity

    return load_identity(inst).certificate_pem  # type: ignore[no-any-return,union-attr]


def test_second_hq_trusts_a_device_the_first_hq_enrolled(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.services.demo import demo_training_ids, load_demo
    from app.services.identity import unlock_private_key
    from app.services.pdf import export_summary
    from app.services.signing import verify_pdf
    from app.services.sync import UntrustedSignerError, export_bundle, import_bundles
    from app.services.sync.trust import add_trusted, is_trusted

    monkeypatch.setenv("MUSTER_PASSPHRASE", PASSPHRASE)
    field = _installation(tmp_path / "field", "Awa Kahindo", "field", "MONUSCO")
    hq1 = _installation(tmp_path / "hq1", "HQ New York", "hq")
    hq2 = _installation(tmp_path / "hq2", "HQ Geneva", "hq")
    load_demo(field)
    field_key = unlock_private_key(field, PASSPHRASE)
    beni = demo_training_ids()["monusco-2024-prisons"]
    export_summary(field, beni, tmp_path / "beni.pdf", field_key)

    (tmp_path / "field.pem").write_bytes(_cert(field))
    enrolment_file = tmp_path / "enrolment.pem"
    code, out, err = run_cli(
        "trust", "add", str(tmp_path / "field.pem"), "--yes", "--enrol", str(enrolment_file),
        home=hq1.paths.home,
    )  # fmt: skip
    assert code == 0, err
    assert enrolment_file.exists() and "Enrolment certificate written" in out

    # Before enrolment, HQ Geneva (which trusts HQ New York only) refuses the field's bundle.
    add_trusted(hq2, _cert(hq1))
    plain = export_bundle(field, tmp_path / "before.muster", field_key, full=True).path
    with pytest.raises(UntrustedSignerError):
        import_bundles(hq2, [plain])

    code, out, err = run_cli("enrolment", "set", str(enrolment_file), home=field.paths.home)
    assert code == 0 and "HQ New York" in out, err
    bundle = export_bundle(field, tmp_path / "enrolled.muster", field_key, full=True).path
    outcome = import_bundles(hq2, [bundle])
    assert outcome.changed
    assert is_trusted(hq2, _cert(field))[0]  # the device joined the trusted list
    result = verify_pdf(hq2, tmp_path / "beni.pdf")
    assert result.ok and result.trusted


def test_enrolment_by_an_untrusted_hq_or_for_another_key_is_refused(tmp_path: Path) -> None:
    from app.services.identity import unlock_private_key
    from app.services.people import PersonInput, create_person
    from app.services.sync import UntrustedSignerError, export_bundle, import_bundles
    from app.services.sync.enrolment import issue_enrolment, set_enrolment

    field = _installation(tmp_path / "field", "Bakhtiyor Karimov", "field", "UNRCCA")
    other = _installation(tmp_path / "other", "Dilnoza Yusupova", "field", "UNRCCA")
    rogue_hq = _installation(tmp_path / "rogue", "Someone's HQ", "hq")
    hq = _installation(tmp_path / "hq", "HQ", "hq")
    rogue_key = unlock_private_key(rogue_hq, PASSPHRASE)
    with pytest.raises(UserError, match="another device"):
        set_enrolment(field, issue_enrolment(rogue_hq, _cert(other), rogue_key))
    with pytest.raises(UserError, match="field devices"):
        issue_enrolment(rogue_hq, _cert(hq), rogue_key)
    set_enrolment(field, issue_enrolment(rogue_hq, _cert(field), rogue_key))
    create_person(field, PersonInput("Нурбек Асанбеков", "M"))
    bundle = export_bundle(field, tmp_path / "b.muster", unlock_private_key(field, PASSPHRASE))
    with pytest.raises(UntrustedSignerError):
        import_bundles(hq, [bundle.path])
