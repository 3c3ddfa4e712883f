"""`make run` and the packaged program say which system libraries Qt lacks, and how to get them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import system_check
from app.system_check import apt_line, parse_ldd, platforms_to_try, problem

ROOT = Path(__file__).resolve().parent.parent

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f40)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibX11.so.6 => /lib/x86_64-linux-gnu/libX11.so.6 (0x00007f40)
\tlibxcb-cursor.so.0 => not found
\tlibunheard-of.so.3 => not found
"""


def test_ldd_output_names_each_missing_library_once() -> None:
    missing = parse_ldd(LDD_OUTPUT)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libunheard-of.so.3"]
    assert apt_line(missing) == "sudo apt-get install libxcb-cursor0 libxcb-icccm4"
    assert apt_line(["libunheard-of.so.3"]) == ""


def test_which_platforms_are_checked() -> None:
    assert platforms_to_try({}) is None  # no display at all
    assert platforms_to_try({"DISPLAY": ":0"}) == ["xcb"]
    assert platforms_to_try({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == ["wayland", "xcb"]
    assert platforms_to_try({"QT_QPA_PLATFORM": "offscreen"}) == []
    assert platforms_to_try({"QT_QPA_PLATFORM": "xcb"}) is None  # asked for X, no X
    assert platforms_to_try({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}) == ["xcb"]


def test_the_table_covers_every_library_the_real_xcb_plugin_loads() -> None:
    """Every system library in `ldd libqxcb.so` has its package in the table (so a missing one
    gets an apt-get line), except glibc's own, which every system has."""
    folder = system_check.plugin_folder()
    assert folder is not None
    result = subprocess.run(
        ["ldd", str(folder / "libqxcb.so")], capture_output=True, text=True, timeout=30, check=True
    )
    names = {line.split()[0] for line in result.stdout.splitlines() if "=>" in line}
    glibc = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1"}
    bundled = {n for n in names if n.startswith(("libQt6", "libicu"))}
    unknown = names - glibc - bundled - set(system_check.DEBIAN_PACKAGES)
    # The rest are the systemd/gcrypt chain under libdbus, always there with dbus itself.
    assert unknown <= {"libsystemd.so.0", "libcap.so.2", "libgcrypt.so.20", "libgpg-error.so.0",
                       "liblzma.so.5", "liblz4.so.1", "libbsd.so.0", "libmd.so.0"}, unknown  # fmt: skip


def test_this_machine_has_what_qt_needs() -> None:
    """CI installs the xcb libraries (.ci/run); the real plugin then needs nothing more."""
    assert problem({"DISPLAY": ":0"}) is None


def _shared_object(path: Path, source: str, *link: str) -> None:
    c_file = path.with_suffix(".c")
    c_file.write_text(source, encoding="utf-8")
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-o", str(path), str(c_file), *link],
        check=True, timeout=60, capture_output=True,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to make a plugin")
def test_a_plugin_whose_library_is_gone_gets_the_apt_get_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real ELF plugin linked against a library that is then removed: the real `ldd` finds
    it missing, and the message names its package. (A made-up library: every real xcb one
    is installed here, and would be found in the system's folders.)"""
    monkeypatch.setitem(system_check.DEBIAN_PACKAGES, "libmuster-probe.so.1", "libmuster-probe1")
    libs = tmp_path / "libs"
    platforms = tmp_path / "platforms"
    libs.mkdir()
    platforms.mkdir()
    library = libs / "libmuster-probe.so.1"
    _shared_object(library, "int probe(void) { return 1; }\n", "-Wl,-soname,libmuster-probe.so.1")
    _shared_object(
        platforms / "libqxcb.so",
        "int probe(void);\nint plugin(void) { return probe(); }\n",
        f"-L{libs}", "-l:libmuster-probe.so.1", f"-Wl,-rpath,{libs}",
    )  # fmt: skip
    assert problem({"DISPLAY": ":0"}, folder=platforms) is None  # everything is there
    library.unlink()
    message = problem({"DISPLAY": ":0"}, folder=platforms)
    assert message is not None
    assert "lacks libraries that Qt needs (libmuster-probe.so.1)" in message
    assert message.endswith("sudo apt-get install libmuster-probe1")
    # Wayland may stand in for X: a session with both is fine when one plugin loads.
    _shared_object(platforms / "libqwayland.so", "int wayland(void) { return 0; }\n")
    assert problem({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w"}, folder=platforms) is None


def test_no_display_is_said_plainly_with_exit_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "app.system_check"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Muster cannot open its window: there is no display here")
    assert "Traceback" not in result.stderr


def test_only_a_launch_that_opens_the_window_is_checked() -> None:
    assert system_check.opens_window([])
    assert system_check.opens_window(["--home", "/data/muster"])
    assert system_check.opens_window(["--home=/data/muster"])
    assert not system_check.opens_window(["report", "--json"])
    assert not system_check.opens_window(["--home", "/data", "demo"])
    assert not system_check.opens_window(["--version"])
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "app.system_check", "report", "--json"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
