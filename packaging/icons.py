"""Render resources/icons/muster.svg into the PNGs and the .ico the packages need.

Build output, never committed: the SVG is the one source. Qt draws the SVG (no
extra dependency), and the .ico is written by hand: a directory of PNG images,
which Windows reads since Vista.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "muster.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    """The icon drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding each PNG (ICONDIR, ICONDIRENTRY per image, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def build_icons(out: Path) -> dict[str, Path]:
    """Write muster-<size>.png, muster.png (256 px), muster.svg and muster.ico into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(size) for size in PNG_SIZES}
    for size, png in pngs.items():
        (out / f"muster-{size}.png").write_bytes(png)
    (out / "muster.png").write_bytes(pngs[256])
    (out / "muster.svg").write_bytes(SOURCE.read_bytes())
    (out / "muster.ico").write_bytes(ico_bytes({s: pngs[s] for s in (16, 24, 32, 48, 256)}))
    return {"png": out / "muster.png", "svg": out / "muster.svg", "ico": out / "muster.ico"}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    print("\n".join(str(p) for p in build_icons(target).values()))
