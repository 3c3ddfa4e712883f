"""An HQ team on one real PostgreSQL server (started by the suite, tests/pg_server.py).

Field laptops (SQLite) export signed bundles; HQ analysts, each with their own data
folder and signing key, import them into the shared database: at the same time, as
real processes, ending with exactly what one serial import gives; as a read-only
analyst (told plainly that importing needs the importer role); and the database is
backed up with pg_dump and restored. The ``reporting`` views give the report's figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURE_KDF_ARGS
from tests.helpers import ROOT, run_cli

PASSPHRASE = "correct horse battery staple"
MISSIONS = ("MONUSCO", "UNSMIL")


@dataclass
class Field:
    certificates: list[bytes]
    bundles: dict[str, Path]  # mission -> its first bundle
    reports: dict[str, dict[str, Any]]  # mission -> the field's own `report --json`


def _installation(home: Path, name: str, role: str, mission: str = "", url: str | None = None):  # type: ignore[no-untyped-def]
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.vault import KdfParams

    inst = open_installation(Paths(home), kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
    identity.create_identity(inst, Profile(name=name, role=role, mission=mission), PASSPHRASE)
    return inst


@pytest.fixture(scope="module")
def field(tmp_path_factory: pytest.TempPathFactory) -> Field:
    """Two field laptops with their demo trainings, each with one bundle exported."""
    from app.services.demo import load_demo
    from app.services.identity import load_identity, unlock_private_key
    from app.services.sync import export_bundle

    folder = tmp_path_factory.mktemp("field")
    certificates, bundles, reports = [], {}, {}
    for mission in MISSIONS:
        inst = _installation(folder / mission, f"Focal {mission}", "field", mission)
        try:
            load_demo(inst)
            certificates.append(load_identity(inst).certificate_pem)  # type: ignore[union-attr]
            key = unlock_private_key(inst, PASSPHRASE)
            bundles[mission] = export_bundle(
                inst, folder / f"{mission}-1.muster", key, recipient=""
            ).path
        finally:
            inst.close()
        code, out, err = run_cli("report", "--json", home=folder / mission)
        assert code == 0, err
        reports[mission] = json.loads(out)
    return Field(certificates, bundles, reports)


def _analyst(home: Path, name: str, url: str, field: Field) -> None:
    """An HQ analyst's own data folder on the shared database, trusting the field laptops."""
    from app.services.sync import trust

    inst = _installation(home, name, "hq", url=url)
    try:
        for cert in field.certificates:
            trust.add_trusted(inst, cert)
    finally:
        inst.close()


def _muster(home: Path, url: str, *args: str) -> subprocess.Popen[str]:
    """``muster --database URL ...`` as its own process, as an analyst's script runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--home", str(home), "--database", url, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "MUSTER_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip


def _finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def _merged_rows(pg_server: Any, url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, and which bundles were received (not when or by whom)."""
    from app.db.models import sync_tables

    database = url.split("@/", 1)[1].split("?", 1)[0]
    out = {}
    with pg_server.connect(database) as conn:
        for table in [*sync_tables(), "devices"]:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d.name for d in cursor.description]
            skip = {"last_received_at"}
            rows = [
                tuple(v for n, v in zip(names, r, strict=True) if n not in skip) for r in cursor
            ]
            out[table] = sorted(rows, key=repr)
        out["bundles_received"] = sorted(
            conn.execute("SELECT sha256, device_id, seq, file_name FROM bundles_received")
        )
    return out


@pytest.fixture
def team(pg_database: Any, field: Field, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """(URL, analyst A's home, analyst B's home) on a fresh shared database."""
    url = pg_database()
    a, b = tmp_path / "analyst-a", tmp_path / "analyst-b"
    _analyst(a, "Amina Diallo", url, field)
    _analyst(b, "Boris Petrov", url, field)
    yield url, a, b


@pytest.mark.timeout(180)
def test_two_analysts_importing_at_once_give_the_serial_result(
    pg_server: Any, pg_database: Any, field: Field, team: tuple[str, Path, Path], tmp_path: Path
) -> None:
    url, a, b = team
    monusco, unsmil = (str(field.bundles[m]) for m in MISSIONS)

    # The serial result, in a database of its own.
    serial = pg_database()
    _analyst(tmp_path / "serial", "Serial", serial, field)
    for bundle in (monusco, unsmil):
        code, out, err = run_cli("--database", serial, "import", bundle, home=tmp_path / "serial")
        assert code == 0, err
    expected = _merged_rows(pg_server, serial)

    # The same bundle by both analysts at once, then different bundles at once.
    first = [_muster(a, url, "import", monusco), _muster(b, url, "import", monusco)]
    results = [_finished(p) for p in first]
    assert [r[0] for r in results] == [0, 0], results
    assert sum("was already imported" in r[1] for r in results) == 1, results
    assert sum(" new, " in r[1] for r in results) == 1, results
    second = [_muster(a, url, "import", unsmil), _muster(b, url, "import", monusco, unsmil)]
    results = [_finished(p) for p in second]
    assert [r[0] for r in results] == [0, 0], results
    assert _merged_rows(pg_server, url) == expected

    # The import log says who imported each bundle: one analyst each, with their role.
    code, out, err = run_cli("--database", url, "import-log", home=a)
    assert code == 0, err
    lines = [line for line in out.splitlines() if "MONUSCO" in line or "UNSMIL" in line]
    assert len(lines) == 2, out
    assert all(("Amina Diallo" in line) != ("Boris Petrov" in line) for line in lines), out
    assert all("role postgres" in line for line in lines), out
    # And the figures are the field's own.
    code, out, err = run_cli("--database", url, "report", "--json", "--mission", "UNSMIL", home=b)
    assert code == 0, err
    report = json.loads(out)
    assert report["participants"] == field.reports["UNSMIL"]["participants"]


def _psql(pg_server: Any, sql: str, **variables: str) -> subprocess.CompletedProcess[str]:
    command = [str(pg_server.bindir / "psql"), "-X", "-q", "-h", pg_server.socket_dir,
               "-U", "postgres", "-d", "postgres"]  # fmt: skip
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    return subprocess.run(command, input=sql, capture_output=True, text=True, check=False)


@pytest.mark.timeout(180)
def test_roles_importer_analyst_and_bi_tools(pg_server: Any, field: Field, tmp_path: Path) -> None:
    """The documented roles (``muster server roles-sql`` run with psql, as in the README)."""
    n = f"{os.getpid()}_{tmp_path.name[-12:]}".replace("-", "_").lower()
    names = {"database": f"muster_{n}", "importer": f"imp_{n}", "analyst": f"ana_{n}",
             "bi": f"bi_{n}"}  # fmt: skip
    code, sql, err = run_cli("server", "roles-sql", "--name", names["database"], "--importer",
                             names["importer"], "--analyst", names["analyst"], "--bi",
                             names["bi"], home=tmp_path / "admin")  # fmt: skip
    assert code == 0, err
    done = _psql(pg_server, sql, importer_password="imp-secret",
                 analyst_password="ana-secret", bi_password="bi-secret")  # fmt: skip
    assert done.returncode == 0, done.stderr
    try:
        importer = pg_server.url(names["database"], names["importer"], "imp-secret")
        analyst = pg_server.url(names["database"], names["analyst"], "ana-secret")
        # The importer's Muster makes the tables (migrations) and imports.
        _analyst(tmp_path / "importer", "Importer", importer, field)
        code, out, err = run_cli("--database", importer, "import", str(field.bundles["MONUSCO"]),
                                 home=tmp_path / "importer")  # fmt: skip
        assert code == 0, err
        # The read-only analyst sees the figures and is told plainly that importing needs
        # the importer role: exit 1, one sentence, nothing changed.
        _analyst_home = tmp_path / "analyst"
        from app.paths import Paths
        from app.services.installation import open_installation
        from app.services.vault import KdfParams

        open_installation(Paths(_analyst_home), kdf=KdfParams(**FIXTURE_KDF_ARGS)).close()
        code, out, err = run_cli("server", "set", analyst, home=_analyst_home)
        assert code == 0 and "read-only" in out and "ana-secret" not in out, out + err
        code, out, err = run_cli("server", "show", home=_analyst_home)
        assert code == 0 and names["analyst"] in out and "read-only" in out, out + err
        assert b"ana-secret" not in (_analyst_home / "local-settings.sealed").read_bytes()
        code, out, err = run_cli("report", "--json", home=_analyst_home)  # the server's
        assert code == 0, err
        assert json.loads(out)["participants"] == field.reports["MONUSCO"]["participants"]
        before = pg_server.execute("SELECT count(*) FROM bundles_received", names["database"])
        code, out, err = run_cli("import", str(field.bundles["UNSMIL"]), home=_analyst_home)
        assert code == 1, out + err
        assert len(err.strip().splitlines()) == 1 and "importer" in err.lower(), err
        assert "Traceback" not in err
        after = pg_server.execute("SELECT count(*) FROM bundles_received", names["database"])
        assert before == after == [(1,)]
        # A BI tool's role reads the reporting views, never the tables.
        bi = ["-h", pg_server.socket_dir, "-U", names["bi"], "-d", names["database"], "-X",
              "-A", "-t", "-c"]  # fmt: skip
        env = {**os.environ, "PGPASSWORD": "bi-secret"}
        psql = str(pg_server.bindir / "psql")
        ok = subprocess.run([psql, *bi, "SELECT sum(participants) FROM reporting.figures_by_mission"],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
        assert ok.returncode == 0, ok.stderr
        assert int(ok.stdout.strip()) == field.reports["MONUSCO"]["participants"]
        denied = subprocess.run([psql, *bi, "SELECT phone FROM people"], capture_output=True,
                                text=True, env=env, check=False)  # fmt: skip
        assert denied.returncode != 0 and "permission denied" in denied.stderr
        # Back to the folder's own file: an empty SQLite database, not the server's.
        code, out, err = run_cli("server", "clear", home=_analyst_home)
        assert code == 0, err
        code, out, err = run_cli("report", "--json", home=_analyst_home)
        assert code == 0 and json.loads(out)["participants"] == 0, err
    finally:
        pg_server.execute(f"DROP DATABASE IF EXISTS {names['database']} WITH (FORCE)")
        for role in ("importer", "analyst", "bi"):
            pg_server.execute(f"DROP ROLE IF EXISTS {names[role]}")


def test_reporting_views_give_the_reports_figures(
    pg_server: Any, team: tuple[str, Path, Path], field: Field
) -> None:
    url, a, _b = team
    code, out, err = run_cli("--database", url, "import", *map(str, field.bundles.values()),
                             home=a)  # fmt: skip
    assert code == 0, err
    code, out, err = run_cli("--database", url, "report", "--json", home=a)
    assert code == 0, err
    report = json.loads(out)
    database = url.split("@/", 1)[1].split("?", 1)[0]
    by_mission = dict(
        pg_server.execute(
            "SELECT mission, participants FROM reporting.figures_by_mission", database
        )
    )
    assert by_mission == {m: field.reports[m]["participants"] for m in MISSIONS}
    assert sum(by_mission.values()) == report["participants"]
    views = {r[0] for r in pg_server.execute(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting'",
        database)}  # fmt: skip
    assert {"trainings", "sessions", "participants", "attendance", "figures_by_sex",
            "figures_by_category", "figures_by_partner", "figures_by_period"} <= views  # fmt: skip
    columns = {r[0] for r in pg_server.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting' "
        "AND table_name = 'participants'", database)}  # fmt: skip
    assert not columns & {"phone", "email"}
    undocumented = pg_server.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'reporting' AND obj_description(c.oid, 'pg_class') IS NULL",
        database,
    )
    assert undocumented == []


@pytest.mark.timeout(180)
def test_backup_and_restore_on_the_server(
    pg_server: Any, team: tuple[str, Path, Path], field: Field
) -> None:
    url, a, _b = team
    code, out, err = run_cli("--database", url, "import", str(field.bundles["MONUSCO"]), home=a)
    assert code == 0, err
    code, out, err = run_cli("--database", url, "backup", home=a)
    assert code == 0 and ".pgdump" in out, err
    archive = next((a / "backups").glob("*manual.pgdump"))
    assert b"PGDMP" not in archive.read_bytes()[:64]  # sealed with the data key
    saved = _merged_rows(pg_server, url)
    code, out, err = run_cli("--database", url, "import", str(field.bundles["UNSMIL"]), home=a)
    assert code == 0, err
    assert _merged_rows(pg_server, url) != saved

    code, out, err = run_cli("--database", url, "restore", archive.name, "--yes", home=a)
    assert code == 0, err
    assert "Restored" in out
    assert _merged_rows(pg_server, url) == saved
    assert len(list((a / "backups").glob("*before-restore*.pgdump"))) == 1
    # A file that is not an archive is refused in one sentence, changing nothing.
    bogus = a / "backups" / "bogus.pgdump"
    bogus.write_bytes(b"not an archive")
    code, out, err = run_cli("--database", url, "restore", str(bogus), "--yes", home=a)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert _merged_rows(pg_server, url) == saved


def test_migrations_from_0003_keep_records_on_both(
    database: str, request: Any, tmp_path: Path
) -> None:
    """Revision 0005 on a database at 0003 holding an import log row: kept, no importer."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from app.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head

    if database == "postgresql":
        pg_server = request.getfixturevalue("pg_server")
        name = f"muster_m{os.getpid()}_{tmp_path.name[-8:]}".replace("-", "_").lower()
        pg_server.create_database(name)
        request.addfinalizer(lambda: pg_server.drop_database(name))
        engine = create_engine(
            pg_server.url(name).replace("postgresql://", "postgresql+psycopg://")
        )
        db_file = None
    else:
        db_file = tmp_path / "old.sqlite3"
        engine = create_engine(f"sqlite:///{db_file}")
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_reference_names")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO bundles_received (sha256, device_id, seq, created_at, received_at, "
            "signer_fingerprint, file_name, summary) VALUES ('abc', 'dev1', 1, "
            "'2026-01-01 10:00:00', '2026-01-02 10:00:00', 'fp', 'old.muster', '{}')"
        ))  # fmt: skip
    upgrade_to_head(engine, db_file, tmp_path / "backups")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT sha256, seq, file_name, imported_by FROM bundles_received")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("abc", 1, "old.muster", "")]


@pytest.mark.timeout(180)
def test_a_field_bundle_opens_with_each_analysts_own_key(
    team: tuple[str, Path, Path], tmp_path: Path
) -> None:
    """Field bundles encrypted to several HQ keys (age recipients): each analyst of the
    team opens them with their own key; an HQ whose key was not added cannot."""
    from app.services.demo import load_demo
    from app.services.identity import load_identity

    url, a, b = team
    stranger = tmp_path / "stranger"
    field = tmp_path / "unrcca"
    inst = _installation(field, "Focal UNRCCA", "field", "UNRCCA")
    try:
        load_demo(inst)
        (tmp_path / "unrcca.pem").write_bytes(load_identity(inst).certificate_pem)  # type: ignore[union-attr]
    finally:
        inst.close()
    _installation(stranger, "HQ elsewhere", "hq").close()

    def ok(*args: str, home: Path, server: bool = True) -> str:
        code, out, err = run_cli(*(("--database", url) if server else ()), *args, home=home)
        assert code == 0, err + out
        return out

    for home, server in ((a, True), (b, True), (stranger, False)):
        ok("hq-key", "export", str(tmp_path / f"{home.name}.key"), home=home, server=server)
        ok("trust", "add", str(tmp_path / "unrcca.pem"), "--yes", home=home, server=server)
    ok("hq-key", "set", str(tmp_path / "analyst-a.key"), "--yes", home=field, server=False)
    code, out, err = run_cli("hq-key", "add", str(tmp_path / "analyst-b.key"), home=field)
    assert code == 1 and "Check this HQ key" in err, err  # unsigned by a trusted HQ: --yes
    out = ok("hq-key", "add", str(tmp_path / "analyst-b.key"), "--yes", home=field, server=False)
    assert "2 HQ keys in all" in out
    out = ok("export", "-o", str(tmp_path / "u1.muster"), home=field, server=False)
    assert "2 keys" in out
    assert (tmp_path / "u1.muster").read_bytes().count(b"-> X25519 ") == 2

    # Each analyst opens the bundles with their own key (B the first, A the second).
    assert " new, " in ok("import", str(tmp_path / "u1.muster"), home=b)
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.people import PersonInput, create_person

    inst = open_installation(Paths(field))
    try:
        create_person(inst, PersonInput("Айгерим Садыкова", "F"))
    finally:
        inst.close()
    ok("export", "-o", str(tmp_path / "u2.muster"), home=field, server=False)
    assert "1 new" in ok("import", str(tmp_path / "u2.muster"), home=a)

    # Another HQ's key was not added: it cannot open them (one sentence, nothing changed).
    code, out, err = run_cli("import", str(tmp_path / "u1.muster"), home=stranger)
    assert code == 1 and "another HQ key" in err and len(err.strip().splitlines()) == 1, err
    # An analyst who left is removed: the next bundle is for A only.
    recipient = json.loads((tmp_path / "analyst-b.key").read_text())["recipient"]
    assert recipient in ok("hq-key", "show", home=field, server=False)
    ok("hq-key", "remove", recipient, home=field, server=False)
    ok("export", "-o", str(tmp_path / "u3.muster"), home=field, server=False)
    code, out, err = run_cli("--database", url, "import", "--dry-run", str(tmp_path / "u3.muster"),
                             home=b)  # fmt: skip
    assert code == 1 and "another HQ key" in err, err
    ok("import", "--dry-run", str(tmp_path / "u3.muster"), home=a)
