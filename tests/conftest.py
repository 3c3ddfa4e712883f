"""Shared fixtures: a real data home in tmp_path, real migrations, real SQLite.

Every test gets its own home (``MUSTER_HOME`` is pointed there too, so nothing
leaks into the user's folder). The demo database is built once per test session
and copied, which keeps the suite fast without faking anything.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
def paths(home: Path):  # type: ignore[no-untyped-def]
    from app.paths import Paths

    return Paths(home)


@pytest.fixture
def installation(paths) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A freshly created installation (migrated and seeded, no trainings)."""
    from app.services.installation import open_installation
    from app.services.vault import KdfParams

    inst = open_installation(paths, kdf=KdfParams(**FIXTURE_KDF_ARGS))
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
def demo_installation(paths, _demo_template: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """An installation holding the demo data (copied from a once-built template)."""
    from app.services.installation import open_installation

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
def dialog_guard(request: pytest.FixtureRequest) -> Iterator[object]:
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
