"""After an export: a bar under the tabs saying what was written, with Open, Show in
folder and (for sign-in sheets) Print.

A status-bar message vanishes after a few seconds and says nothing about what to do
next; the bar stays until the next export or until closed, and never blocks typing
(it is not a dialog). Printing renders the PDF's pages with QtPdf onto the printer
the user picks, so no PDF reader is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

PRINT_DPI = 300


def open_file(path: Path) -> bool:
    """Open ``path`` in the program the computer uses for it (the PDF reader, Excel)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Show the folder holding ``path``, with the file selected where the system can."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return QProcess.startDetached("explorer.exe", [f"/select,{path}"])[0]
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def print_pdf(path: Path, printer: object) -> int:
    """Print every page of the PDF at ``path`` on ``printer`` (a QPrinter), each page
    scaled to fit; returns how many pages went to the printer."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        return 0
    first = document.pagePointSize(0) if document.pageCount() else None
    if first is not None:  # sign-in sheets are landscape: print them that way
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        # 300 dpi is sharp on paper; a 1200 dpi printer would make 140-megapixel pages.
        detail = min(1.0, PRINT_DPI / max(printer.resolution(), 1))
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            area = painter.viewport()
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            size = QSize(int(target.width() * detail), int(target.height() * detail))
            image: QImage = document.render(page, size)
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()


class SavedFileBar(QFrame):
    """What the last export wrote, and what one usually does next with it."""

    print_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedFileBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#savedFileBar { background: #eef5ea; }")
        self.path: Path | None = None
        self.message = QLabel(self)
        self.message.setObjectName("savedFileMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("savedFileOpen")
        self.folder_button = QPushButton(self.tr("Show in &folder"), self)
        self.folder_button.setObjectName("savedFileFolder")
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("savedFilePrint")
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close this bar"))
        self.close_button.setAutoRaise(True)
        for button in (self.open_button, self.folder_button, self.print_button):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        for widget in (self.open_button, self.folder_button, self.print_button):
            layout.addWidget(widget)
        layout.addWidget(self.close_button)
        self.open_button.clicked.connect(lambda: self.path and open_file(self.path))
        self.folder_button.clicked.connect(lambda: self.path and show_in_folder(self.path))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.path))
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_file(
        self, path: Path, message: str, *, can_open: bool = True, can_print: bool = False
    ) -> None:
        """Say what was written to ``path``; offer the buttons that make sense for it."""
        self.path = Path(path)
        self.message.setText(message)
        self.message.setToolTip(str(path))
        self.open_button.setVisible(can_open)
        self.print_button.setVisible(can_print)
        self.show()
