"""Shared fixtures: a real data home in tmp_path, real migrations, real SQLite (and a
real PostgreSQL server where a test asks for it).

Every test gets its own home (``MUSTER_HOME`` is pointed there too, so nothing
leaks into the user's folder). The demo database is built once per test session
and copied, which keeps the suite fast without faking anything.

PostgreSQL: the ``pg_server`` fixture starts one server for the session
(tests/pg_server.py); each test gets its own database, cloned from a migrated and
seeded template (``CREATE DATABASE ... TEMPLATE``), dropped at the end. Tests that
run on both databases take the ``database`` fixture ("sqlite" or "postgresql") and
open installations with ``open_on``. In CI (``CI=true``) a server that cannot start
fails those tests; elsewhere they are skipped, saying why. ``MUSTER_TEST_DATABASE=
postgresql`` runs the ``installation`` and ``demo_installation`` fixtures (so most of
the suite) on PostgreSQL too.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from app.paths import Paths
    from app.services.installation import Installation
    from tests.dialogs import DialogGuard
    from tests.pg_server import PgServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MUSTER_PASSPHRASE", "correct horse battery staple")

settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without finalizing the interpreter once pytest has reported.

    With PySide6 6.12 on Python 3.11, a long test process can abort while Python
    finalizes ("bool_dealloc: deallocating True or False", exit 134) after every test
    passed and the summary was printed. Only the process that reports does this:
    an xdist worker must finish talking to its controller normally.
    """
    status = config.stash.get(_EXIT_STATUS, None)
    if status is None or "PySide6" not in sys.modules or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


# Argon2id at its lowest cost for installations the fixtures make: stored in their key
# files like any parameters, so each test's opens are cheap; `muster init` and the app
# use app.services.vault.STRONG_KDF.
FIXTURE_KDF_ARGS = {"memory_kib": 64, "iterations": 1, "lanes": 1}


@pytest.fixture(autouse=True)
def _exports_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default export folder (outside the data home) is the test's own too."""
    monkeypatch.setenv("MUSTER_EXPORTS", str(tmp_path / "exports"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data home; MUSTER_HOME points at it so nothing escapes."""
    folder = tmp_path / "home"
    monkeypatch.setenv("MUSTER_HOME", str(folder))
    return folder


@pytest.fixture
def paths(home: Path) -> Paths:
    from app.paths import Paths

    return Paths(home)


# --- PostgreSQL -------------------------------------------------------------------------

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the session (skipped, with the reason, outside CI)."""
    from tests.pg_server import ServerUnavailable, start_server, stop_server

    try:
        server = start_server()
    except ServerUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL tests must run in CI, but: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server for these tests: {exc}")
    yield server
    stop_server(server)


def _pg_template(server: PgServer, folder: Path, name: str, demo: bool) -> str:
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.vault import KdfParams

    server.create_database(name)
    inst = open_installation(Paths(folder), kdf=KdfParams(**FIXTURE_KDF_ARGS), url=server.url(name))
    if demo:
        from app.services.demo import load_demo

        load_demo(inst)
    inst.close()
    return name


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, seeded PostgreSQL database that tests clone."""
    return _pg_template(pg_server, tmp_path_factory.mktemp("pg-template"), "muster_template", False)


@pytest.fixture(scope="session")
def pg_demo_template(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same with the demo data loaded."""
    return _pg_template(pg_server, tmp_path_factory.mktemp("pg-demo"), "muster_demo", True)


@pytest.fixture
def pg_database(pg_server: PgServer, pg_template: str) -> Iterator[Callable[..., str]]:
    """``make(template=...)``: the URL of a new database cloned from a template (the
    migrated one by default), with a device id of its own; all dropped at the end."""
    made: list[str] = []

    def make(template: str | None = None) -> str:
        name = f"muster_t{os.getpid()}_{next(_database_names)}"
        pg_server.create_database(name, template or pg_template)
        made.append(name)
        if template is None:
            from app.db.base import new_id

            pg_server.execute(
                f"UPDATE settings SET value = '{new_id()}' WHERE key = 'device_id'", name
            )
        return str(pg_server.url(name))

    yield make
    for name in made:
        pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: the SQLite file, or a PostgreSQL server."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_server")
    return str(request.param)


@pytest.fixture
def open_on(database: str, request: pytest.FixtureRequest) -> Iterator[Callable[..., Installation]]:
    """``open_on(paths, template=None)``: an installation on the test's database (its own
    SQLite file, or a fresh PostgreSQL database), closed at the end."""
    from app.services.installation import open_installation
    from app.services.vault import KdfParams

    opened: list[Installation] = []

    def open_(paths: Paths, template: str | None = None) -> Installation:
        url = None
        if database == "postgresql":
            url = request.getfixturevalue("pg_database")(template)
        inst = open_installation(paths, kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
        opened.append(inst)
        return inst

    yield open_
    for inst in opened:
        inst.close()


def _test_database(request: pytest.FixtureRequest) -> str:
    """The database of the ``installation``/``demo_installation`` fixtures: the test's
    ``database`` parameter (``@pytest.mark.usefixtures("database")`` runs it on both),
    else ``MUSTER_TEST_DATABASE``, else SQLite."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and "database" in callspec.params:
        return str(callspec.params["database"])
    return os.environ.get("MUSTER_TEST_DATABASE", "sqlite").strip().lower() or "sqlite"


@pytest.fixture
def installation(paths: Paths, request: pytest.FixtureRequest) -> Iterator[Installation]:
    """A freshly created installation (migrated and seeded, no trainings)."""
    from app.services.installation import open_installation
    from app.services.vault import KdfParams

    url = None
    if _test_database(request) == "postgresql":
        url = request.getfixturevalue("pg_database")()
    inst = open_installation(paths, kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
    yield inst
    inst.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.paths import Paths
    from app.services.demo import load_demo
    from app.services.installation import open_installation
    from app.services.vault import KdfParams

    folder = tmp_path_factory.mktemp("demo-template")
    inst = open_installation(Paths(folder), kdf=KdfParams(**FIXTURE_KDF_ARGS))
    load_demo(inst)
    with inst.db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    inst.close()
    return folder / "muster.sqlite3"


@pytest.fixture
def demo_installation(paths: Paths, request: pytest.FixtureRequest) -> Iterator[Installation]:
    """An installation holding the demo data (copied from a once-built template)."""
    from app.services.installation import open_installation

    if _test_database(request) == "postgresql":
        from app.services.vault import KdfParams

        template = request.getfixturevalue("pg_demo_template")
        url = request.getfixturevalue("pg_database")(template)
        inst = open_installation(paths, kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
        yield inst
        inst.close()
        return
    _demo_template = request.getfixturevalue("_demo_template")
    paths.home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_demo_template, paths.database)
    (paths.keys).mkdir(parents=True, exist_ok=True)  # the template's data key opens the copy
    shutil.copyfile(_demo_template.parent / "keys" / "data-key.json", paths.data_key)
    inst = open_installation(paths)
    yield inst
    inst.close()


@pytest.fixture
def artifacts() -> Path:
    """Where tests save screenshots and rendered pages for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def dialog_guard(request: pytest.FixtureRequest) -> Iterator[DialogGuard | None]:
    """Answers the dialogs a Qt test expects and fails the test on any other (never hangs).

    Active in every test that uses ``qtbot`` or ``qapp``; see ``tests/dialogs.py``.
    """
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield None
        return
    request.getfixturevalue("qapp")
    from app.ui.i18n import install_language
    from tests.dialogs import DialogGuard

    install_language("en")  # every Qt test starts in English, whatever ran before it

    guard = DialogGuard()
    guard.start()
    yield guard
    guard.stop()
    problems = guard.report()
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)
