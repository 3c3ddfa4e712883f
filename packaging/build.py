"""Build Muster's package: ``python packaging/build.py`` (``make dist`` on Linux).

The same steps on Linux and Windows: compile the translations, draw the icons,
freeze the app with PyInstaller (packaging/muster.spec). Then, on Linux, a tarball
with the program folder, a ``.desktop`` file, the icon and a per-user installer;
on Windows (``--installer``), the per-user Inno Setup installer
(packaging/windows/muster.iss). Prints the path of what it made.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
STEP_TIMEOUT_S = 3600  # PyInstaller takes minutes on a 2-core machine; never forever


def version() -> str:
    """Muster's version, read from app/__init__.py (one place for it)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("app/__init__.py has no __version__")
    return found.group(1)


def _tool(name: str) -> str:
    """A console script installed next to this Python (the venv's), else on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Scripts" / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install Muster with its [dist] extra first")
    return found


def _run(command: list[str], **kwargs: object) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, timeout=STEP_TIMEOUT_S, **kwargs)  # type: ignore[call-overload]


def compile_translations() -> None:
    """Each resources/translations/*.ts into its .qm, as the Makefile does."""
    lrelease = _tool("pyside6-lrelease")
    for source in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        target = source.with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            _run([lrelease, "-silent", str(source), "-qm", str(target)])


def freeze(icons: Path) -> Path:
    """Run PyInstaller on the spec; returns the program folder (…/muster)."""
    dist = BUILD / "pyinstaller" / "dist"
    env = {**os.environ, "MUSTER_ICON_DIR": str(icons), "PYTHONDONTWRITEBYTECODE": "1"}
    _run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(BUILD / "pyinstaller" / "work"),
         str(PACKAGING / "muster.spec")],
        env=env, cwd=ROOT,
    )  # fmt: skip
    return dist / "muster"


def linux_tarball(program: Path, icons: Path, out: Path) -> Path:
    """Muster-<version>-linux-<arch>.tar.gz: program, installer, .desktop, icon, README."""
    name = f"Muster-{version()}-linux-{platform.machine()}"
    stage = BUILD / "stage" / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(program, stage / "muster", symlinks=True)
    linux = PACKAGING / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, stage / script)
        (stage / script).chmod(0o755)
    shutil.copy2(linux / "muster.desktop", stage / "muster.desktop")
    shutil.copy2(linux / "README.txt", stage / "README.txt")
    (stage / "icons").mkdir()
    for icon in [*icons.glob("muster-*.png"), icons / "muster.svg"]:
        shutil.copy2(icon, stage / "icons" / icon.name)
    (stage / "VERSION").write_text(version() + "\n", encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name)
    return archive


def _iscc() -> str:
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)", ""), os.environ.get("PROGRAMFILES", ""),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):  # fmt: skip
        candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return str(candidate)
    raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup)")


def windows_installer(program: Path, icons: Path, out: Path) -> Path:
    """Muster-<version>-windows-setup.exe, a per-user installer made by Inno Setup."""
    out.mkdir(parents=True, exist_ok=True)
    _run([_iscc(), f"/DAppVersion={version()}", f"/DSourceDir={program}",
          f"/DIconFile={icons / 'muster.ico'}", f"/DOutputDir={out}",
          str(PACKAGING / "windows" / "muster.iss")])  # fmt: skip
    return out / f"Muster-{version()}-windows-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where packages go")
    parser.add_argument("--installer", action="store_true", help="Windows: run Inno Setup too")
    args = parser.parse_args(argv)
    compile_translations()
    sys.path.insert(0, str(PACKAGING))
    from icons import build_icons

    icons = BUILD / "icons"
    build_icons(icons)
    program = freeze(icons)
    if sys.platform.startswith("linux"):
        made = linux_tarball(program, icons, args.out.resolve())
    elif sys.platform == "win32" and args.installer:
        made = windows_installer(program, icons, args.out.resolve())
    else:
        made = program
    print(made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
