"""A training's evidence files: scans of signed sheets, photos; images as thumbnails.

Database and file work runs on the background worker; the page needs only a small
host (:class:`EvidenceHost`): the installation, the worker and the training's id.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QByteArray, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.l10n import tr as doc_tr
from app.services.audit import evidence
from app.services.audit.evidence import EvidenceInfo
from app.ui.common import localized
from app.ui.i18n import current_language

THUMB = 120


class EvidenceHost(Protocol):
    installation: Any
    worker: Any
    training_id: str | None


def _thumbnail(data: bytes, media_type: str) -> QIcon | None:
    # The format named (from the file's first bytes): Qt's own guessing failed on some
    # PNGs once a translator was installed (measured with the French interface).
    buffer = QByteArray(data)
    image = QImage()
    if not image.loadFromData(buffer, evidence.IMAGE_TYPES.get(media_type, "").upper() or None):
        return None
    scaled = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    return QIcon(QPixmap.fromImage(scaled))


class EvidencePage(QWidget):
    """Attach, list, open and remove the training's evidence files."""

    changed = Signal()

    def __init__(self, host: EvidenceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.files: list[EvidenceInfo] = []
        intro = QLabel(self.tr(
            "Attach scans of the signed sign-in sheets, photos and other files. They are kept "
            "encrypted in the data folder, listed with their SHA-256 in the signed summary "
            "and sent to HQ in the bundles."), self)  # fmt: skip
        intro.setWordWrap(True)
        self.session_box = QComboBox(self)
        self.session_box.setObjectName("evidenceSession")
        self.attach_button = QPushButton(self.tr("Attach files…"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.list = QListWidget(self)
        self.list.setObjectName("evidenceList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 90, THUMB + 64))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("evidenceMessage")
        self.message.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Attach to:"), self))
        row.addWidget(self.session_box, 1)
        for button in (self.attach_button, self.open_button, self.save_button,
                       self.remove_button):  # fmt: skip
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.attach_button.clicked.connect(self._choose_files)
        self.open_button.clicked.connect(self._open_selected)
        self.save_button.clicked.connect(self._save_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.currentRowChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _item: self._open_selected())
        self._selected(-1)

    # --- loading ------------------------------------------------------------------------

    def load(self, training_id: str) -> None:
        inst = self.host.installation

        def job() -> tuple[Any, list[EvidenceInfo], dict[str, bytes]]:
            from app.services.trainings import get_training

            files = evidence.list_evidence(inst, training_id)
            images = {}
            for info in files:
                if info.is_image and info.available:
                    with contextlib.suppress(UserError):  # no thumbnail; opening it says why
                        images[info.id] = evidence.read_evidence(inst, info.id)[1]
            return get_training(inst, training_id), files, images

        self.host.worker.run(job, on_success=self._loaded)

    def _loaded(self, result: tuple[Any, list[EvidenceInfo], dict[str, bytes]]) -> None:
        training, files, images = result
        current = self.session_box.currentData()
        self.session_box.clear()
        self.session_box.addItem(self.tr("The whole training"), None)
        for s in training.sessions:
            label = s.date.isoformat() + (f" · {s.location}" if s.location else "")
            self.session_box.addItem(label, s.id)
        index = self.session_box.findData(current)
        self.session_box.setCurrentIndex(max(index, 0))
        self.files = files
        self.list.clear()
        lang = current_language()
        for info in files:
            where = info.session_date or self.tr("training")
            text = f"{info.file_name}\n{doc_tr(lang, evidence.KIND_LABELS[info.kind])} · {where}"
            item = QListWidgetItem(text)
            icon = _thumbnail(images[info.id], info.media_type) if info.id in images else None
            if icon is not None:
                item.setIcon(icon)
            else:
                item.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_FileIcon))
            item.setToolTip(f"SHA-256 {info.sha256}\n{info.size:,} bytes")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
        total = sum(f.size for f in files)
        self.status.setText(self.tr("%n file(s)", "", len(files)) + " · "
                            + self.tr("%1 MiB of %2 MiB").replace("%1", QLocale().toString(total / evidence.MiB, "f", 1))
                            .replace("%2", str(evidence.MAX_TRAINING_BYTES // evidence.MiB)))  # fmt: skip
        self._selected(self.list.currentRow())

    def _selected(self, row: int) -> None:
        chosen = 0 <= row < len(self.files)
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen)
        if chosen:
            self.status.setToolTip(self.files[row].sha256)

    def selected(self) -> EvidenceInfo | None:
        row = self.list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    # --- actions ------------------------------------------------------------------------

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach evidence files"))
        if names:
            self.attach([Path(n) for n in names])

    def attach(self, paths: list[Path]) -> None:
        """Attach the files (to the session chosen above); refusals shown on the page."""
        training_id = self.host.training_id
        if training_id is None:
            return
        inst, session_id = self.host.installation, self.session_box.currentData()

        def job() -> list[str]:
            problems = []
            for path in paths:
                try:
                    evidence.add_evidence(inst, training_id, path, session_id=session_id)
                except UserError as exc:
                    problems.append(localized(exc.message))
            return problems

        def done(problems: list[str]) -> None:
            self.message.setText("\n".join(problems))
            self.load(training_id)
            self.changed.emit()

        self.host.worker.run(job, on_success=done)

    def _open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.host.worker.run(
            lambda: evidence.viewing_copy(self.host.installation, info.id),
            on_success=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
            on_error=self._refused,
        )

    def _save_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), info.file_name)
        if name:
            self.host.worker.run(
                lambda: evidence.save_copy(self.host.installation, info.id, Path(name)),
                on_success=lambda path: self.message.setText(
                    self.tr("Saved %1.").replace("%1", str(path))
                ),
                on_error=self._refused,
            )

    def _remove_selected(self) -> None:
        info, training_id = self.selected(), self.host.training_id
        if info is None or training_id is None:
            return

        def done(_: None) -> None:
            self.load(training_id)
            self.changed.emit()

        self.host.worker.run(lambda: evidence.remove_evidence(self.host.installation, info.id),
                             on_success=done, on_error=self._refused)  # fmt: skip

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.host.worker.failed.emit(exc)  # a bug: the crash dialog
            return
        self.message.setText(localized(exc.message))
