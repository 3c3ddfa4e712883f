"""The Linux package: built, installed for a user, opened under Xvfb, its command line run.

``make test-package`` runs this (the build takes minutes, so ``make test`` leaves it
out: ``-m 'not package'`` in pyproject.toml). The package runs with a bare
environment (``PATH=/usr/bin:/bin``, no Python variables), from a fresh data folder;
nothing it loads may come from this checkout's Python. Every subprocess has a
timeout, and every process started here is ended before the test returns.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import __version__
from app.paths import Paths
from app.system_check import DEBIAN_PACKAGES
from app.ui.i18n import save_language

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 1500
RUN_TIMEOUT_S = 120
READY_TIMEOUT_S = 90
# What the package may take from the system: glibc, the GL stack, libxcb (PyInstaller
# leaves these to the system on purpose), and Wayland's client libraries for its plugin.
SYSTEM_LIBRARIES = re.compile(
    r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux-x86-64)\.so"
    r"|^lib(GL|GLX|GLdispatch|EGL|OpenGL)\.so|^libxcb\.so\.1$|^libwayland-(client|cursor|egl)\.so"
)
# The newest glibc the package may need: packaging/linux/README.txt promises Debian 12.
NEWEST_GLIBC = (2, 36)


def _run(command: list[str], env: dict[str, str], timeout: float = RUN_TIMEOUT_S, **kw):  # type: ignore[no-untyped-def]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, **kw)


def _build(out: Path, log: Path) -> Path:
    with log.open("w", encoding="utf-8") as output:
        result = subprocess.run(
            ["nice", "-n", "10", sys.executable, str(ROOT / "packaging" / "build.py"),
             "--out", str(out)],
            stdout=output, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT_S, cwd=ROOT,
        )  # fmt: skip
    assert result.returncode == 0, log.read_text(encoding="utf-8")[-4000:]
    (tarball,) = out.glob("Muster-*-linux-*.tar.gz")
    return tarball


def _elf_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def _check_self_contained(program: Path) -> dict[str, object]:
    """Every ELF file's libraries resolve, to the package or to the few system ones."""
    internal = program / "_internal"
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}  # as the bootloader does
    outside: set[str] = set()
    glibc = (2, 0)
    forbidden = [str(Path(p).resolve()) for p in {sys.prefix, sys.base_prefix, ROOT}]
    for elf in _elf_files(program):
        result = _run(["ldd", str(elf)], env, timeout=30)
        for line in result.stdout.splitlines():
            name, arrow, where = line.strip().partition(" => ")
            if not arrow:
                continue
            if where.startswith("not found"):  # only the desktop's own (here: not installed)
                assert SYSTEM_LIBRARIES.match(name), f"{elf.relative_to(program)}: {line}"
                outside.add(name)
                continue
            target = where.split(" (")[0]
            assert not any(target.startswith(f) for f in forbidden), f"{elf}: {line}"
            if not target.startswith(str(program)):
                outside.add(name)
        for found in re.findall(rb"GLIBC_2\.(\d+)", elf.read_bytes()):
            glibc = max(glibc, (2, int(found)))
    unexpected = sorted(n for n in outside if not SYSTEM_LIBRARIES.match(n))
    assert not unexpected, f"the package needs these from the system: {unexpected}"
    assert glibc <= NEWEST_GLIBC, f"needs glibc {glibc}: update packaging/linux/README.txt"
    # The xcb libraries a fresh desktop lacks travel with the package (libxcb1 aside).
    bundled = {p.name for p in internal.rglob("*.so*")}
    xcb = {lib for lib in DEBIAN_PACKAGES if lib.startswith(("libxcb-", "libxkbcommon"))}
    assert xcb <= bundled, sorted(xcb - bundled)
    return {"system libraries": sorted(outside), "glibc": glibc}


def _check_documents(muster: Path, env: dict[str, str], out: Path) -> None:
    """What the package's libraries do: keys (cryptography), a signed PDF with the bundled
    fonts (ReportLab, pyHanko) verified back, a spreadsheet (openpyxl), a signed bundle."""
    out.mkdir()
    signer = env  # one passphrase opens the data and the signing key

    def ok(*args: str) -> str:
        result = _run([str(muster), *args], signer)
        assert result.returncode == 0, f"muster {' '.join(args)}: {result.stderr}"
        return str(result.stdout)

    ok("init", "--name", "Aïcha Benali", "--title", "Focal point", "--mission", "MONUSCO")
    training = json.loads(ok("trainings", "--json", "--mission", "UNSMIL"))[0]["id"]
    ok("pdf", training, "-o", str(out / "summary.pdf"), "--lang", "fr")
    assert "Intact:            yes" in ok("verify", str(out / "summary.pdf"))
    pdf = (out / "summary.pdf").read_bytes()
    assert b"DejaVuSans" in pdf and b"NotoNaskhArabic" in pdf  # the bundled fonts (Libya)
    ok("participants", "export", training, "-o", str(out / "participants.xlsx"))
    assert (out / "participants.xlsx").read_bytes().startswith(b"PK")
    assert "signed" in ok("export", "-o", str(out / "bundle.muster"))


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[str]:
    """A private X server; yields its DISPLAY and always stops it."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: .ci/run installs it (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    try:
        number = _read_line(read_fd, timeout=30)
        assert number.isdigit(), "Xvfb did not say which display it opened"
        yield f":{number}"
    finally:
        os.close(read_fd)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _read_line(fd: int, timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: lines.put(os.read(fd, 64).decode().strip()), daemon=True
    ).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def _stop(app: subprocess.Popen[str]) -> None:
    if app.poll() is None:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(timeout=15)


def _screenshot(display: str, target: Path) -> None:
    """The whole X screen, grabbed by this checkout's Qt as another X client."""
    grab = ("import sys\nfrom PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication(sys.argv[:1])\n"
            "assert app.primaryScreen().grabWindow(0).save(sys.argv[1])\n")  # fmt: skip
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = _run([sys.executable, "-c", grab, str(target)], env, timeout=60)
    assert result.returncode == 0, result.stderr


def _open_window(
    muster: Path, env: dict[str, str], while_open: Callable[[int], None] | None = None
) -> None:
    """Start the app, wait for its painted window (the MUSTER_READY line), run
    ``while_open(pid)``, close it. Its stderr goes to a file, so a chatty Qt can never fill
    a pipe and stall."""
    errors_file = Path(env["MUSTER_HOME"]).parent / "app-stderr.txt"
    lines: queue.Queue[str | None] = queue.Queue()
    with errors_file.open("w", encoding="utf-8") as errors_out:
        app = subprocess.Popen(
            [str(muster)], env=env, stdout=subprocess.PIPE, stderr=errors_out, text=True
        )
    assert app.stdout is not None
    stdout = app.stdout

    def reader() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)  # end of output: the app has exited

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    ready = False
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not ready and (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            ready = line.startswith("MUSTER_READY ")
        if ready and while_open is not None:
            while_open(app.pid)
        if ready and env.get("MUSTER_STARTUP_PROBE") == "quit":
            assert app.wait(timeout=30) == 0
    finally:
        _stop(app)
        thread.join(timeout=15)
        stdout.close()
    errors = errors_file.read_text(encoding="utf-8")
    assert ready, f"no main window within {READY_TIMEOUT_S} s (exit {app.returncode}): {errors}"
    assert "Traceback" not in errors, errors
    assert "Could not load the Qt platform plugin" not in errors, errors


@pytest.mark.timeout(BUILD_TIMEOUT_S + 600)
def test_linux_package_installs_opens_and_runs_its_command_line(
    tmp_path: Path, xvfb: str, artifacts: Path
) -> None:
    started = time.monotonic()
    tarball = _build(tmp_path / "dist", tmp_path / "build.log")
    built = time.monotonic() - started
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    assert unpacked.name == f"Muster-{__version__}-linux-x86_64"
    for item in ("install.sh", "uninstall.sh", "muster.desktop", "icons/muster-256.png",
                 "icons/muster.svg", "README.txt", "muster/muster"):  # fmt: skip
        assert (unpacked / item).exists(), item
    internal = unpacked / "muster" / "_internal"
    for item in ("resources/translations/muster_fr.qm", "resources/translations/core.fr.json",
                 "resources/fonts/NotoNaskhArabic-Regular.ttf", "resources/icc/sRGB.icc", "migrations/env.py",
                 "migrations/versions/0001_initial.py", "PySide6/Qt/translations/qtbase_fr.qm",
                 "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "PySide6/Qt/plugins/platforms/libqoffscreen.so"):  # fmt: skip
        assert (internal / item).exists(), item
    linked = _check_self_contained(unpacked / "muster")

    # Installed for a user whose environment knows no Python.
    user = tmp_path / "user"
    data = tmp_path / "data"  # a fresh data folder
    # The passphrase as a script gives it (the unlock screen has its own tests): the data
    # folder is created encrypted, and the command line below opens it.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(user), "LANG": "C.UTF-8",
           "MUSTER_HOME": str(data), "MUSTER_PASSPHRASE": "correct horse battery staple"}  # fmt: skip
    installed = _run([str(unpacked / "install.sh")], env, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    muster = user / ".local" / "bin" / "muster"
    program = user / ".local" / "opt" / "muster"
    assert muster.resolve() == (program / "muster").resolve()
    desktop = (user / ".local/share/applications/muster.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}/muster"' in desktop
    assert "Icon=muster" in desktop
    assert (user / ".local/share/icons/hicolor/256x256/apps/muster.png").exists()

    # The window opens on a fresh data folder, under X (the xcb plugin, not offscreen).
    gui_env = {**env, "DISPLAY": xvfb, "MUSTER_STARTUP_PROBE": "1"}
    _open_window(muster, gui_env, lambda _pid: _screenshot(xvfb, artifacts / "package-first.png"))
    assert (data / "muster.sqlite3").exists()

    # The command line inside the package.
    version = _run([str(muster), "--version"], env)
    assert (version.returncode, version.stdout.strip()) == (0, f"Muster {__version__}")
    demo = _run([str(muster), "demo"], env)
    assert demo.returncode == 0, demo.stderr
    assert "3 trainings" in demo.stdout
    report = _run([str(muster), "report", "--json"], env)
    assert report.returncode == 0, report.stderr
    figures = json.loads(report.stdout)
    assert figures["trainings"] == 3 and figures["participants"] == 153
    refused = _run([str(muster), "report", "--from", "not-a-date"], env)
    assert refused.returncode in (1, 2) and "Traceback" not in refused.stderr
    _check_documents(muster, env, tmp_path / "out")

    # An upgrade (the same build installed over itself) keeps the data folder as it was.
    before = sorted(p.relative_to(data) for p in data.rglob("*") if "logs" not in p.parts)
    again = _run([str(unpacked / "install.sh")], env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not (program.parent / "muster.old").exists()
    after = sorted(p.relative_to(data) for p in data.rglob("*") if "logs" not in p.parts)
    assert after == before
    assert json.loads(_run([str(muster), "report", "--json"], env).stdout) == figures

    # The upgraded program opens the same data, in French: Muster's and Qt's translations,
    # read from the package (Qt maps each .qm file it loads into memory).
    save_language(Paths(data), "fr")

    def speaks_french(pid: int) -> None:
        maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
        for qm in ("muster_fr.qm", "qtbase_fr.qm"):
            assert f"{internal.name}/" in maps and qm in maps, f"{qm} is not loaded"
        assert str(program) in maps and str(unpacked) not in maps
        _screenshot(xvfb, artifacts / "package-upgraded-fr.png")

    _open_window(muster, gui_env, speaks_french)
    _open_window(muster, {**gui_env, "MUSTER_STARTUP_PROBE": "quit"})  # and quits cleanly

    # Uninstalling removes the program and keeps the data.
    removed = _run([str(program / "uninstall.sh")], env)
    assert removed.returncode == 0, removed.stderr
    assert not program.exists() and not muster.exists()
    assert (data / "muster.sqlite3").exists()

    files = [p for p in (unpacked / "muster").rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"\npackage: {tarball.stat().st_size / 2**20:.1f} MiB download, "
          f"{size / 2**20:.1f} MiB installed, built in {built:.0f} s; "
          f"from the system: {linked}")  # fmt: skip
