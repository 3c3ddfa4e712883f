"""Two HQ installations and three field devices, end to end through the command line.

HQ New York enrols the three devices; HQ Geneva trusts New York, so it accepts them with
the missions New York decided. New York revokes the UNSMIL laptop: the revocation reaches
Geneva in New York's next bundle and the field in New York's receipt, and the revoked
laptop's bundles are refused everywhere, saying who revoked it and when.

The two HQs run on both databases (``database``): their SQLite files, or two databases
on the suite's PostgreSQL server; the third HQ and the field laptops are SQLite files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import dump_database, run_cli

# The HQ homes whose database is on the PostgreSQL server (filled by the `servers` fixture).
SERVERS: dict[Path, str] = {}

MISSIONS = ("MONUSCO", "UNRCCA", "UNSMIL")


def _run(*args: str, home: Path) -> tuple[int, str, str]:
    server = SERVERS.get(home)
    return run_cli(*(["--database", server] if server else []), *args, home=home)


def _dump(home: Path) -> str:
    if home in SERVERS:
        from tests.pg_server import dump_database_at

        return dump_database_at(SERVERS[home])
    return dump_database(home / "muster.sqlite3")


@pytest.fixture
def servers(database: str) -> Iterator[dict[Path, str]]:
    """``servers[home] = url`` puts that HQ's database on the server (on PostgreSQL runs)."""
    SERVERS.clear()
    yield SERVERS
    SERVERS.clear()


def ok(*args: str, home: Path, expect: str = "") -> str:
    code, out, err = _run(*args, home=home)
    assert code == 0, err + out
    assert expect in out, out
    return out


def refused(*args: str, home: Path, expect: str) -> str:
    before = _dump(home)
    code, out, err = _run(*args, home=home)
    assert code == 1, out + err
    assert len(err.strip().splitlines()) == 1 and expect in err, err
    assert _dump(home) == before
    return err


def _two_hqs(tmp_path: Path, database: str, servers: dict[Path, str],
             request: pytest.FixtureRequest) -> tuple[Path, Path, Path]:  # fmt: skip
    """HQ New York and HQ Geneva, trusting each other (on the server on PostgreSQL runs),
    and the USB stick between them: (ny, geneva, stick)."""
    ny, geneva, stick = tmp_path / "ny", tmp_path / "geneva", tmp_path / "stick"
    stick.mkdir()
    if database == "postgresql":
        make = request.getfixturevalue("pg_database")
        servers[ny], servers[geneva] = make(), make()
    for home, name in ((ny, "HQ New York"), (geneva, "HQ Geneva")):
        ok("init", "--name", name, "--title", "HQ analyst", "--role", "hq", home=home)
        ok("identity", "--export", str(stick / f"{home.name}.pem"), home=home)
    ok("trust", "add", str(stick / "ny.pem"), "--yes", home=geneva, expect="HQ: may change")
    ok("trust", "add", str(stick / "geneva.pem"), "--yes", home=ny)
    return ny, geneva, stick


@pytest.mark.timeout(300)
def test_enrol_revoke_and_the_revocation_travels(
    tmp_path: Path, database: str, servers: dict[Path, str], request: pytest.FixtureRequest
) -> None:
    ny, geneva, stick = _two_hqs(tmp_path, database, servers, request)

    fields = {}
    for mission in MISSIONS:
        home = tmp_path / mission.lower()
        fields[mission] = home
        ok("init", "--name", f"Focal {mission}", "--title", "Focal point", "--mission", mission,
           home=home)  # fmt: skip
        ok("demo", home=home)
        ok("identity", "--export", str(stick / f"{mission}.pem"), home=home)
        ok("trust", "add", str(stick / f"{mission}.pem"), "--yes", "--enrol",
           str(stick / f"{mission}.enrol"), home=ny, expect="Enrolment certificate written")  # fmt: skip
        ok("enrolment", "set", str(stick / f"{mission}.enrol"), home=home, expect="HQ New York")
        ok("export", "-o", str(stick / f"{mission}-1.muster"), home=home, expect="Bundle 1")

    # Both HQs accept the enrolled devices: Geneva because it trusts New York.
    bundles = [str(stick / f"{m}-1.muster") for m in MISSIONS]
    ok("import", *bundles, home=ny, expect="new")
    ok("import", *bundles, home=geneva, expect="new")
    for home in (ny, geneva):
        report = json.loads(ok("report", "--json", home=home))
        assert set(report["by_mission"]) == set(MISSIONS)
    trusted = json.loads(ok("trust", "list", "--json", home=ny))
    rights = {t["mission"]: t["role"] for t in trusted if t["mission"]}
    assert rights == dict.fromkeys(MISSIONS, "field")

    # New York revokes the UNSMIL laptop.
    unsmil = next(t for t in trusted if t["mission"] == "UNSMIL")
    ok("trust", "revoke", unsmil["fingerprint"], "--reason", "laptop stolen", home=ny,
       expect="revoked")  # fmt: skip
    ok("trust", "revocations", home=ny, expect="Focal UNSMIL")
    ok("export", "-o", str(stick / "ny-2.muster"), home=ny)
    ok("import", str(stick / "ny-2.muster"), home=geneva)
    ok("trust", "revocations", home=geneva, expect="Focal UNSMIL")

    # The laptop's next bundle is refused at both HQs, saying who revoked it and when.
    ok("people", "duplicates", home=fields["UNSMIL"])
    ok("export", "--full", "-o", str(stick / "UNSMIL-2.muster"), home=fields["UNSMIL"])
    for home in (ny, geneva):
        err = refused("import", str(stick / "UNSMIL-2.muster"), home=home, expect="revoked by HQ")
        assert "HQ New York" in err and "UTC" in err

    # The field hears of it through New York's receipt (and the revoked laptop learns it).
    ok("receipt", "write", "-o", str(stick / "receipt.json"), home=ny)
    ok("receipt", "import", str(stick / "receipt.json"), home=fields["MONUSCO"],
             expect="1 device revocation(s) received")  # fmt: skip
    ok("trust", "revocations", home=fields["MONUSCO"], expect="Focal UNSMIL")
    ok("receipt", "import", str(stick / "receipt.json"), home=fields["UNSMIL"],
       expect="revoked this device")  # fmt: skip

    # And the field passes it on: MONUSCO's next bundle carries it to a third HQ.
    third = tmp_path / "third"
    ok("init", "--name", "HQ Nairobi", "--title", "HQ", "--role", "hq", home=third)
    ok("trust", "add", str(stick / "ny.pem"), "--yes", home=third)
    ok("export", "-o", str(stick / "MONUSCO-2.muster"), home=fields["MONUSCO"])
    ok("import", str(stick / "MONUSCO-1.muster"), str(stick / "MONUSCO-2.muster"), home=third)
    ok("trust", "revocations", home=third, expect="Focal UNSMIL")
    refused("import", str(stick / "UNSMIL-1.muster"), home=third, expect="revoked by HQ")

    # trust remove + revocation cannot be undone by the device's enrolment in its next bundle.
    refused("import", str(stick / "UNSMIL-2.muster"), home=ny, expect="revoked")


def _entry(home: Path, mission: str) -> dict[str, str] | None:
    trusted = json.loads(ok("trust", "list", "--json", home=home))
    return next((t for t in trusted if t["mission"] == mission), None)


@pytest.mark.timeout(300)
def test_an_enrolment_revocation_withdraws_that_enrolment_only(
    tmp_path: Path, database: str, servers: dict[Path, str], request: pytest.FixtureRequest
) -> None:
    """New York revokes one enrolment of the MONUSCO laptop (say, issued by mistake): the
    laptop's bundles presenting it are refused at both HQs, the trust it gave is gone,
    and a new enrolment accepts the same laptop again."""
    ny, geneva, stick = _two_hqs(tmp_path, database, servers, request)
    field = tmp_path / "monusco"
    ok("init", "--name", "Focal MONUSCO", "--title", "Focal point", "--mission", "MONUSCO",
       home=field)  # fmt: skip
    ok("demo", home=field)
    ok("identity", "--export", str(stick / "field.pem"), home=field)
    ok("trust", "add", str(stick / "field.pem"), "--yes", "--enrol", str(stick / "first.enrol"),
       home=ny)  # fmt: skip
    ok("enrolment", "set", str(stick / "first.enrol"), home=field)
    ok("export", "-o", str(stick / "field-1.muster"), home=field)
    for home in (ny, geneva):
        ok("import", str(stick / "field-1.muster"), home=home, expect="new")
    first = _entry(ny, "MONUSCO")
    assert first is not None and first["enrolment_serial"]
    assert (_entry(geneva, "MONUSCO") or {}).get("enrolment_serial") == first["enrolment_serial"]

    # A person's trust is not an enrolment: nothing to revoke that way.
    refused("trust", "revoke", _ny_fingerprint(geneva),
            "--enrolment-only", home=geneva, expect="not trusted here through an HQ enrolment")  # fmt: skip

    ok("trust", "revoke", first["fingerprint"], "--enrolment-only", "--reason", "wrong mission",
       home=ny, expect="enrolment")  # fmt: skip
    assert _entry(ny, "MONUSCO") is None  # the trust it gave is gone, with no sticky removal
    ok("trust", "revocations", home=ny, expect="enrolment")
    ok("export", "-o", str(stick / "ny-1.muster"), home=ny)
    ok("import", str(stick / "ny-1.muster"), home=geneva)
    assert _entry(geneva, "MONUSCO") is None
    revocations = json.loads(ok("trust", "revocations", "--json", home=geneva))
    assert [r["enrolment_serial"] for r in revocations] == [first["enrolment_serial"]]

    # The laptop's next bundle still presents the revoked enrolment: refused at both HQs.
    ok("people", "duplicates", home=field)
    ok("export", "--full", "-o", str(stick / "field-2.muster"), home=field)
    for home in (ny, geneva):
        err = refused("import", str(stick / "field-2.muster"), home=home, expect="revoked by HQ")
        assert "enrolment certificate" in err and "HQ New York" in err and "UTC" in err
    ok("receipt", "write", "-o", str(stick / "receipt.json"), home=ny)
    ok("receipt", "import", str(stick / "receipt.json"), home=field,
       expect="revoked this device's enrolment")  # fmt: skip

    # A new enrolment of the same laptop is accepted again, everywhere.
    ok("trust", "add", str(stick / "field.pem"), "--yes", "--enrol", str(stick / "second.enrol"),
       home=ny)  # fmt: skip
    ok("enrolment", "set", str(stick / "second.enrol"), home=field)
    ok("export", "--full", "-o", str(stick / "field-3.muster"), home=field)
    for home in (ny, geneva):
        ok("import", str(stick / "field-3.muster"), home=home)
        again = _entry(home, "MONUSCO")
        assert again is not None and again["enrolment_serial"] not in ("", None)
        assert again["enrolment_serial"] != first["enrolment_serial"]
        report = json.loads(ok("report", "--json", home=home))
        assert set(report["by_mission"]) == {"MONUSCO"}


def _ny_fingerprint(home: Path) -> str:
    trusted = json.loads(ok("trust", "list", "--json", home=home))
    return next(t["fingerprint"] for t in trusted if t["role"] == "hq")
