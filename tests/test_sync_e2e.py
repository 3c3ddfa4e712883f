"""End to end through the real command line: three field installations and one HQ.

Each installation lives in its own folder and every step is a separate ``python -m
app`` process, as on four laptops with a USB stick going between them.
"""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import run_muster

FIELDS = ("MONUSCO", "UNRCCA", "UNSMIL")


def ok(result, *expected: str) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr + result.stdout
    for text in expected:
        assert text in result.stdout, result.stdout
    return str(result.stdout)


@pytest.mark.slow
@pytest.mark.timeout(300)  # ~25 processes with key derivations: 70-110 s on a busy machine
def test_three_field_installations_and_hq_through_the_command_line(tmp_path: Path) -> None:
    hq = tmp_path / "hq"
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    ok(run_muster("init", "--name", "Amina Diallo", "--title", "HQ analyst", "--role", "hq",
                  home=hq))  # fmt: skip
    ok(run_muster("hq-key", "export", str(stick / "hq.key"), home=hq), "age1")

    def field(mission: str) -> dict[str, object]:
        home = tmp_path / mission.lower()
        ok(run_muster("init", "--name", f"Focal {mission}", "--title", "Focal point",
                      "--mission", mission, home=home))  # fmt: skip
        ok(run_muster("demo", home=home))
        ok(run_muster("hq-key", "set", str(stick / "hq.key"), home=home), "encrypted")
        ok(run_muster("identity", "--export", str(stick / f"{mission}.pem"), home=home))
        ok(run_muster("export", "-o", str(stick / f"{mission}-1.muster"), home=home),
           "Bundle 1", "encrypted for HQ")  # fmt: skip
        report = json.loads(ok(run_muster("report", "--json", home=home)))
        if mission == "UNSMIL":  # two more bundles, to lose one on the way
            ok(run_muster("export", "-o", str(stick / f"{mission}-2.muster"), home=home))
            ok(run_muster("export", "-o", str(stick / f"{mission}-3.muster"), home=home))
        return {"home": home, "report": report}

    with ThreadPoolExecutor(3) as pool:
        fields = dict(zip(FIELDS, pool.map(field, FIELDS), strict=True))

    # The bundle is encrypted: nothing readable on the stick.
    raw = (stick / "MONUSCO-1.muster").read_bytes()
    assert raw.startswith(b"age-encryption.org/v1") and b"Kinshasa" not in raw

    # An unknown signer is refused, saying who it claims to be and its fingerprint.
    refused = run_muster("import", str(stick / "MONUSCO-1.muster"), home=hq)
    assert refused.returncode == 1
    assert "Focal MONUSCO" in refused.stderr and "fingerprint" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

    ok(run_muster("trust", "add", str(stick / "MONUSCO-1.muster"), "--yes", home=hq),
       "Focal MONUSCO", "now trusted")  # fmt: skip
    for mission in ("UNRCCA", "UNSMIL"):
        ok(run_muster("trust", "add", str(stick / f"{mission}.pem"), "--yes", home=hq))
    ok(run_muster("trust", "list", home=hq), "Focal UNRCCA")

    files = [stick / f"{m}-1.muster" for m in FIELDS] + [stick / "UNSMIL-3.muster"]
    random.Random(5).shuffle(files)
    out = ok(run_muster("import", *map(str, files), home=hq), "new")
    assert "Bundle 2 of Focal UNSMIL is missing." in out
    ok(run_muster("devices", home=hq), "Bundle 2 of Focal UNSMIL is missing.")
    ok(run_muster("import", str(stick / "UNSMIL-2.muster"), home=hq))
    devices = json.loads(ok(run_muster("devices", "--json", home=hq)))
    assert {d["mission"] for d in devices} == set(FIELDS)
    assert all(d["missing"] == [] for d in devices)

    hq_report = json.loads(ok(run_muster("report", "--json", home=hq)))
    assert hq_report["participants"] == 153
    assert hq_report["trainings"] == 3
    for mission, info in fields.items():
        field_report = info["report"]
        assert hq_report["by_mission"][mission] == field_report["by_mission"][mission]  # type: ignore[index]

    again = ok(run_muster("import", *map(str, files), home=hq), "already imported")
    assert "Nothing changed." in again
    ok(run_muster("import-log", home=hq), "Focal UNRCCA")
    table = tmp_path / "by-mission.csv"
    ok(run_muster("hq-tables", "-o", str(table), "--by", "mission", home=hq))
    assert "MONUSCO" in table.read_text(encoding="utf-8-sig")

    ok(run_muster("receipt", "write", "-o", str(stick / "receipt.json"), home=hq), "5 bundles")
    unsmil = fields["UNSMIL"]["home"]
    ok(run_muster("receipt", "import", str(stick / "receipt.json"), home=unsmil),  # type: ignore[arg-type]
       "has received bundles: 1, 2, 3")  # fmt: skip
