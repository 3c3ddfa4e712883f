"""Can Qt open a window here? Checked before the desktop app starts, without importing Qt.

PySide6 6.5+ links its X11 platform plugin (``libqxcb.so``) against xcb libraries a
fresh Debian or Ubuntu does not have (``libxcb-cursor0`` first of all), and Qt's own
message when one is missing ("could not load the Qt platform plugin") tells a user
nothing. ``ldd`` on the plugin names each missing library; the table below maps it
to its Debian/Ubuntu package, so the message ends with one ``apt-get install`` line.

``make run`` runs ``python -m app.system_check ARGS`` before the app; the packaged
program runs the same check before it opens its window. Only a launch that opens the
window is checked (a command such as ``muster report`` needs no display). Linux only:
elsewhere, and with a platform that needs no display (``QT_QPA_PLATFORM=offscreen``),
it passes. ``--build`` (``make dist``) checks that the libraries are there to be
bundled into the package, display or not.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# Every library `ldd` lists for PySide6 6.12's libqxcb.so and libqwayland.so (bundled Qt
# libraries aside), with the Debian/Ubuntu package that ships it. Read from
# `ldd .venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so`
# and `dpkg -S` on Debian 12. The README's list of packages is this table's values.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Platforms that draw without a display server: nothing to check.
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
PLUGIN_FILES = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}
LDD_TIMEOUT_S = 10


def parse_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` could not find, in its order, each once."""
    missing: list[str] = []
    for line in output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip().startswith("not found") and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def apt_line(missing_libraries: Sequence[str]) -> str:
    """``sudo apt-get install …`` for the packages that ship the missing libraries."""
    packages = sorted({DEBIAN_PACKAGES.get(lib, "") for lib in missing_libraries} - {""})
    return "sudo apt-get install " + " ".join(packages) if packages else ""


def platforms_to_try(env: Mapping[str, str]) -> list[str] | None:
    """The platform plugins Qt may use here; [] when none needs a display, None when no
    display server is reachable at all."""
    chosen = [p.strip() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if chosen and any(p.split(":")[0] in HEADLESS_PLATFORMS for p in chosen):
        return []
    available = [name for name, var in (("wayland", "WAYLAND_DISPLAY"), ("xcb", "DISPLAY"))
                 if env.get(var, "").strip()]  # fmt: skip
    if not available:
        return None
    if chosen:
        wanted = [p.split(":")[0] for p in chosen]
        return [p for p in wanted if p in available or p not in PLUGIN_FILES] or wanted
    return available


def plugin_folder() -> Path | None:
    """Qt's ``plugins/platforms`` folder inside PySide6, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


def missing_for(plugin: Path) -> list[str]:
    """The libraries ``plugin`` needs that this system lacks ([] if ``ldd`` cannot tell)."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.exists():
        return []
    env = dict(os.environ)
    bundled = getattr(sys, "_MEIPASS", None)  # the package: its own copies count
    if bundled:
        env["LD_LIBRARY_PATH"] = os.pathsep.join(
            p for p in (bundled, env.get("LD_LIBRARY_PATH")) if p
        )
    try:
        result = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=LDD_TIMEOUT_S,
            check=False, env=env,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return []
    return parse_ldd(result.stdout)


def problem(env: Mapping[str, str] | None = None, folder: Path | None = None) -> str | None:
    """What stops Qt from opening a window here, in plain words; None when nothing does."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platforms = platforms_to_try(env)
    if platforms is None:
        return (
            "Muster cannot open its window: there is no display here (neither DISPLAY "
            "nor WAYLAND_DISPLAY is set). Start it from a desktop session; the muster "
            "command line (muster --help) works without one."
        )
    folder = folder or plugin_folder()
    if not platforms or folder is None:
        return None
    missing: list[str] = []
    for platform in platforms:
        plugin_missing = missing_for(folder / PLUGIN_FILES.get(platform, f"libq{platform}.so"))
        if not plugin_missing:
            return None  # Qt can use this one
        missing += [lib for lib in plugin_missing if lib not in missing]
    install = apt_line(missing)
    message = (
        "Muster cannot open its window: this system lacks libraries that Qt needs "
        f"({', '.join(missing)})."
    )
    return f"{message} Install them with:\n    {install}" if install else message


def opens_window(argv: Sequence[str]) -> bool:
    """True when ``muster ARGV`` names no command (at most ``--home DIR``): the app opens."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--home" and rest:
            rest.pop(0)
        elif not arg.startswith("--home="):
            return False
    return True


def build_problem(folder: Path | None = None) -> str | None:
    """What the package build lacks: the xcb libraries it bundles (display or not)."""
    found = problem({"DISPLAY": ":0"}, folder)
    if found is None:
        return None
    return found.replace("Muster cannot open its window", "The package cannot be built", 1)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m app.system_check [--build | MUSTER-ARGS…]``: 1 with the reason on stderr."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--build"]:
        found = build_problem()
    elif opens_window(argv):
        found = problem()
    else:
        found = None  # a command: no window, no display needed
    if found is None:
        return 0
    print(found, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
