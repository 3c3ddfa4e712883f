"""One Muster per data folder: a second launch brings the first forward and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import Paths
from app.ui.single_instance import SingleInstance, app_is_running, server_name
from tests.helpers import MUSTER_EXE, ROOT, run_cli

pytestmark = pytest.mark.gui


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MUSTER_HOME": str(home), **extra}


def test_server_name_depends_on_the_folder(tmp_path: Path) -> None:
    a, b = Paths(tmp_path / "a"), Paths(tmp_path / "b")
    assert server_name(a) == server_name(Paths(tmp_path / "a"))
    assert server_name(a) != server_name(b)


def test_second_launch_activates_the_running_window_and_exits(qtbot, installation) -> None:  # type: ignore[no-untyped-def]
    paths = installation.paths
    first = SingleInstance(paths)
    assert first.acquire()
    assert app_is_running(paths)
    try:
        second = subprocess.Popen(
            [*MUSTER_EXE, "--home", str(paths.home)],
            env=_env(paths.home, MUSTER_STARTUP_PROBE="quit"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        with qtbot.waitSignal(first.activation_requested, timeout=60_000):
            pass  # the event loop runs while we wait, so our server answers
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        out, _err = second.communicate()
        assert second.returncode == 0
        assert "MUSTER_READY" not in out  # it never opened a window of its own
    finally:
        first.release()
    assert not app_is_running(paths)


def test_lock_left_by_a_killed_app_does_not_block_the_next_launch(installation) -> None:  # type: ignore[no-untyped-def]
    paths = installation.paths
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from PySide6.QtCore import QCoreApplication\n"
         "from app.paths import Paths\n"
         "from app.ui.single_instance import SingleInstance\n"
         "app = QCoreApplication([])\n"
         "guard = SingleInstance(Paths(__import__('pathlib').Path(sys.argv[1])))\n"
         "print('LOCKED' if guard.acquire() else 'BUSY', flush=True)\n"
         "time.sleep(60)\n",
         str(paths.home)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "LOCKED"
    assert app_is_running(paths)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    holder.stdout.close()
    assert paths.lock_file.exists()  # the crash left its lock file behind
    guard = SingleInstance(paths)
    assert guard.acquire()  # ...which is recognised as stale
    guard.release()


def test_restore_is_refused_while_the_app_has_the_folder_open(installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.services.backups import backup_now

    backup = backup_now(installation, tmp_path / "b.sqlite3")
    guard = SingleInstance(installation.paths)
    assert guard.acquire()
    try:
        code, _, stderr = run_cli("restore", str(backup), "--yes", home=installation.paths.home)
        assert code == 1 and "Muster is open" in stderr
    finally:
        guard.release()
    code, _, stderr = run_cli("restore", str(backup), "--yes", home=installation.paths.home)
    assert code == 0, stderr


def test_two_real_launches(tmp_path: Path) -> None:
    """The real app twice on one folder: the second exits at once, the first keeps running."""
    home = tmp_path / "home"
    first = subprocess.Popen(
        [*MUSTER_EXE, "--home", str(home)], env=_env(home, MUSTER_STARTUP_PROBE="1"),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert first.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and not line.startswith("MUSTER_READY"):
            line = first.stdout.readline()
        assert line.startswith("MUSTER_READY")
        second = subprocess.run(
            [*MUSTER_EXE, "--home", str(home)], env=_env(home, MUSTER_STARTUP_PROBE="quit"),
            capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
        )  # fmt: skip
        assert second.returncode == 0
        assert "MUSTER_READY" not in second.stdout
        assert first.poll() is None  # the first one is still there
    finally:
        first.terminate()
        first.wait(timeout=30)
        if first.stdout is not None:
            first.stdout.close()
