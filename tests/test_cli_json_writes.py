"""Every command that writes a file says, with ``--json``, what it wrote (issue 15)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tests.helpers import run_cli
from tests.test_enrolment import PASSPHRASE, _cert, _installation


def _json(*args: str, home: Path) -> Any:
    code, out, err = run_cli(*args, "--json", home=home)
    assert code == 0, err
    return json.loads(out)  # stdout is JSON alone: the human lines went to stderr


def test_sync_commands_that_write_files_print_json(tmp_path: Path, monkeypatch: Any) -> None:
    from app.services.demo import load_demo

    monkeypatch.setenv("MUSTER_PASSPHRASE", PASSPHRASE)
    field = _installation(tmp_path / "field", "Awa Kahindo", "field", "MONUSCO")
    hq = _installation(tmp_path / "hq", "HQ New York", "hq")
    load_demo(field)
    (tmp_path / "field.pem").write_bytes(_cert(field))

    key = _json("hq-key", "export", str(tmp_path / "hq.age"), home=hq.paths.home)
    assert key["recipient"].startswith("age1") and Path(key["path"]).is_file()
    assert key["fingerprint"] and key["name"] == "HQ New York"
    code, _, err = run_cli("hq-key", "set", key["path"], "--yes", home=field.paths.home)
    assert code == 0, err

    trusted = _json("trust", "add", str(tmp_path / "field.pem"), "--yes",
                    "--enrol", str(tmp_path / "enrol.pem"), home=hq.paths.home)  # fmt: skip
    assert trusted["role"] == "field" and trusted["mission"] == "MONUSCO"
    assert trusted["name"] == "Awa Kahindo" and Path(trusted["enrolment"]).is_file()

    bundle = _json("export", "-o", str(tmp_path / "b1.muster"), home=field.paths.home)
    data = Path(bundle["path"]).read_bytes()
    assert bundle["seq"] == 1 and not bundle["full"] and bundle["encrypted"]
    assert bundle["size"] == len(data) and bundle["sha256"] == hashlib.sha256(data).hexdigest()
    assert bundle["records"] == sum(bundle["counts"].values()) > 0

    code, _, err = run_cli("import", bundle["path"], home=hq.paths.home)
    assert code == 0, err
    receipt = _json("receipt", "write", "-o", str(tmp_path / "r.json"), home=hq.paths.home)
    assert receipt == {"path": receipt["path"], "bundles": 1, "devices": 1}
    assert Path(receipt["path"]).is_file()
