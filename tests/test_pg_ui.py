"""The desktop app of an HQ analyst on the shared PostgreSQL database.

The real window opens on a database of the suite's server with two field laptops'
bundles imported; the trainings list and the import log come from the server, and
the Preferences name the shared database (kept sealed in the data folder), in English
and in French.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.conftest import ARTIFACTS
from tests.test_postgres import Field, _analyst, field  # noqa: F401 - the field fixture

pytestmark = pytest.mark.gui


@pytest.fixture
def hq_window(qtbot: QtBot, pg_database: Any, field: Field, tmp_path: Path) -> Iterator[Any]:  # noqa: F811
    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.sync import import_bundles
    from app.services.vault import KdfParams
    from app.ui.main_window import MainWindow
    from tests.conftest import FIXTURE_KDF_ARGS

    url = pg_database()
    home = tmp_path / "analyst"
    _analyst(home, "Amina Diallo", url, field)
    inst = open_installation(Paths(home), kdf=KdfParams(**FIXTURE_KDF_ARGS), url=url)
    import_bundles(inst, list(field.bundles.values()))
    window = MainWindow(inst, welcome=False)
    qtbot.addWidget(window)
    window.resize(1280, 780)
    window.show()
    qtbot.waitUntil(lambda: window.profile.is_set and window.model.rowCount() > 0, timeout=15000)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10000)
    yield window
    window._closing_confirmed = True
    window.close()
    inst.close()


def _preferences(qtbot: QtBot, window: Any, name: str) -> Any:
    from app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.documents.isEnabled, timeout=5000)
    qtbot.wait(50)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / name))
    return dialog


def test_the_app_on_the_server_and_its_preferences(
    qtbot: QtBot,
    hq_window: Any,
    field: Field,  # noqa: F811
) -> None:
    from app.services.local_settings import stored_database_url

    window = hq_window
    inst = window.installation
    trainings = sum(r["trainings"] for r in field.reports.values())
    assert window.model.rowCount() == trainings == 2  # the laptops' trainings, from the server
    dialog = _preferences(qtbot, window, "pg-preferences.png")
    assert dialog.server is not None and dialog.server.text() == ""  # chosen by --database
    dialog.server.setText("not an address")
    dialog.accept()
    assert dialog.isVisible() and "postgresql://" in dialog.server_note.text()
    assert stored_database_url(inst.paths, inst.key) is None
    dialog.server.setText(" postgresql://amina@hq-db.example.org/muster ")
    dialog.accept()
    assert not dialog.isVisible()
    assert (
        stored_database_url(inst.paths, inst.key) == "postgresql://amina@hq-db.example.org/muster"
    )

    # The import log names who imported, from the shared database.
    from app.ui import sync_ui

    logs: list[Any] = []
    sync_ui.show_import_log(window, on_open=logs.append)
    qtbot.waitUntil(lambda: bool(logs), timeout=10000)
    model = logs[0].model
    assert model.rowCount() == 2
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Imported by"
    who = {model.index(r, column).data() for r in range(2)}
    assert len(who) == 1 and next(iter(who)).startswith("Amina Diallo (")
    logs[0].resize(1100, 300)
    logs[0].grab().save(str(ARTIFACTS / "pg-import-log.png"))
    logs[0].close()


def test_french_preferences_name_the_shared_database(
    qtbot: QtBot, hq_window: Any, qapp: QApplication
) -> None:
    from PySide6.QtCore import QLocale

    from app.ui import i18n

    before = QLocale()
    i18n.install_language("fr", qapp)
    try:
        dialog = _preferences(qtbot, hq_window, "pg-fr-preferences.png")
        assert "PostgreSQL" in dialog.server_note.text() and "partagez" in dialog.server_note.text()
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
        dialog.reject()
    finally:
        i18n.install_language("en", qapp)
        QLocale.setDefault(before)


def test_a_read_only_analyst_sees_the_dashboard_and_is_told_importing_needs_the_other_role(
    qtbot: QtBot,
    pg_server: Any,
    field: Field,  # noqa: F811
    tmp_path: Path,
    dialog_guard: Any,
) -> None:
    """The documented analyst role in the desktop app: the trainings, the HQ dashboard and
    its table export work; an import is refused in one plain sentence, nothing changed."""
    import os

    from app.paths import Paths
    from app.services.installation import open_installation
    from app.services.vault import KdfParams
    from app.ui import sync_ui
    from app.ui.main_window import MainWindow
    from tests.conftest import FIXTURE_KDF_ARGS
    from tests.helpers import run_cli
    from tests.test_postgres import _psql

    n = f"{os.getpid()}_{tmp_path.name[-12:]}".replace("-", "_").lower()
    names = {"database": f"muster_ui_{n}", "importer": f"imp_ui_{n}", "analyst": f"ana_ui_{n}"}
    code, sql, err = run_cli("server", "roles-sql", "--name", names["database"], "--importer",
                             names["importer"], "--analyst", names["analyst"], "--bi",
                             f"bi_ui_{n}", home=tmp_path / "admin")  # fmt: skip
    assert code == 0, err
    done = _psql(pg_server, sql, importer_password="imp", analyst_password="ana",
                 bi_password="bi")  # fmt: skip
    assert done.returncode == 0, done.stderr
    window = None
    try:
        importer = pg_server.url(names["database"], names["importer"], "imp")
        _analyst(tmp_path / "importer", "Importer", importer, field)
        code, _out, err = run_cli("--database", importer, "import",
                                  str(field.bundles["MONUSCO"]), home=tmp_path / "importer")  # fmt: skip
        assert code == 0, err
        home = tmp_path / "analyst"
        kdf = KdfParams(**FIXTURE_KDF_ARGS)
        open_installation(Paths(home), kdf=kdf).close()
        code, out, err = run_cli("server", "set", pg_server.url(names["database"],
                                 names["analyst"], "ana"), home=home)  # fmt: skip
        assert code == 0 and "read-only" in out, out + err
        inst = open_installation(Paths(home), kdf=kdf)  # the stored server, read-only
        assert inst.db.is_server
        window = MainWindow(inst, welcome=False)
        qtbot.addWidget(window)
        window.resize(1280, 780)
        window.show()
        trainings = field.reports["MONUSCO"]["trainings"]
        qtbot.waitUntil(lambda: window.model.rowCount() == trainings, timeout=15000)
        qtbot.waitUntil(lambda: not window.worker.busy, timeout=10000)

        dashboard = sync_ui.open_dashboard(window)
        qtbot.addWidget(dashboard)
        qtbot.waitUntil(lambda: dashboard.loaded >= 1, timeout=15000)
        participants = field.reports["MONUSCO"]["participants"]
        assert f"{participants} unique participants" in dashboard.totals.text()
        assert dashboard.breakdown_model.row_values(0)[0] == "MONUSCO"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        dashboard.grab().save(str(ARTIFACTS / "pg-read-only-dashboard.png"))
        table = tmp_path / "by-mission.xlsx"
        dashboard.export_table(table)
        qtbot.waitUntil(table.exists, timeout=15000)
        dashboard.close()

        before = pg_server.execute("SELECT count(*) FROM bundles_received", names["database"])
        seen: list[str] = []
        dialog_guard.expect("OK", "the refusal: importing needs the importer role", seen=seen)
        sync_ui.import_bundles(window, [field.bundles["UNSMIL"]])
        qtbot.waitUntil(lambda: len(seen) >= 2, timeout=20000)
        sentence = seen[1]
        assert "importer" in sentence.lower() and "\n" not in sentence, seen
        after = pg_server.execute("SELECT count(*) FROM bundles_received", names["database"])
        assert before == after == [(1,)]
    finally:
        if window is not None:
            window._closing_confirmed = True
            window.close()
            window.installation.close()
        pg_server.execute(f"DROP DATABASE IF EXISTS {names['database']} WITH (FORCE)")
        for role in ("importer", "analyst"):
            pg_server.execute(f"DROP ROLE IF EXISTS {names[role]}")
        pg_server.execute(f"DROP ROLE IF EXISTS bi_ui_{n}")
