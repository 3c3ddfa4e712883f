"""Start-up without the cyclic garbage collector (app.gc_pause), and never longer."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import gc_pause
from tests.helpers import run_cli


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()
    gc_pause._paused = False


@pytest.mark.usefixtures("collector_restored")
def test_pause_then_resume_freezes_what_start_up_made() -> None:
    gc_pause.pause()
    assert not gc.isenabled()
    gc_pause.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    gc_pause.resume()  # a second resume changes nothing
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_resume_does_not_enable_a_collector_someone_else_disabled() -> None:
    gc.disable()
    gc_pause.pause()  # already off: not ours to turn back on
    gc_pause.resume()
    assert not gc.isenabled()


def test_main_called_in_a_running_process_never_pauses(installation: Any, home: Path) -> None:
    installation.close()
    code, _out, err = run_cli("report", "--json", home=home)
    assert code == 0, err
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_a_command_resumes_collection_once_the_data_is_open(installation: Any, home: Path) -> None:
    installation.close()
    gc_pause.pause()  # as console_main does
    code, _out, err = run_cli("report", "--json", home=home)
    assert code == 0, err
    assert gc.isenabled()


def test_the_muster_process_starts_paused_and_resumes(installation: Any, home: Path) -> None:
    """The real entry point, in a process of its own: paused at start, on after opening."""
    installation.close()
    probe = (
        "import gc, sys\n"
        "import app.cli as cli\n"
        "seen = []\n"
        "real = cli.Context.installation.fget\n"
        "def spy(self):\n"
        "    seen.append(gc.isenabled())\n"
        "    inst = real(self)\n"
        "    seen.append(gc.isenabled())\n"
        "    return inst\n"
        "cli.Context.installation = property(spy)\n"
        "sys.argv = ['muster', '--home', sys.argv[1], 'report', '--json']\n"
        "try:\n"
        "    cli.console_main()\n"
        "except SystemExit as exit:\n"
        "    print('SEEN', seen[:2], exit.code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(home)], capture_output=True, text=True, timeout=60
    )
    assert "SEEN [False, True] 0" in done.stderr, done.stderr
