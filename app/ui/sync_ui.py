"""The Sync menu: export and import bundles (with preview and progress), drag-and-drop of
``.muster`` files, the import log, conflicts to review, receipts, trusted devices
(app/ui/trust_ui.py) and HQ's key (feature module).

All database work and every bundle check runs on the window's worker; progress
comes back through a queued signal. Importing first runs a dry run (the same
import rolled back) and shows what would change; nothing is written until the
user presses Import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ui.common import file_slug, free_path, localized, translate
from app.ui.tables import RowsModel, make_table

if TYPE_CHECKING:
    from app.services.sync import ImportOutcome
    from app.ui.main_window import MainWindow

_HQ_CACHE = "_muster_hq_identities"


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(int, int, str)

    def report(self, done: int, total: int, what: str) -> None:
        self.progressed.emit(done, total, what)


# --- install ------------------------------------------------------------------------------


# Actions only an HQ installation needs; a field installation's Sync menu hides them.
HQ_ONLY_ACTIONS = (
    "hqDashboardAction",
    "writeReceiptAction",
    "exportHqKeyAction",
    "trustedDevicesAction",
)


def install(window: MainWindow) -> None:
    menu = window.menu("sync")

    def add(text: str, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    add(translate("Export bundle for HQ…"), "exportBundleAction", lambda: export_bundle(window))
    add(translate("Import bundles…"), "importBundlesAction", lambda: import_bundles(window))
    add(translate("Import log"), "importLogAction", lambda: show_import_log(window))
    add(translate("Conflicts to review"), "conflictsAction", lambda: show_conflicts(window))
    hq_separator = menu.addSeparator()
    add(translate("HQ dashboard"), "hqDashboardAction", lambda: open_dashboard(window))
    add(translate("Write a receipt for the field…"), "writeReceiptAction",
        lambda: write_receipt(window))  # fmt: skip
    add(translate("Import a receipt from HQ…"), "importReceiptAction",
        lambda: import_receipt(window))  # fmt: skip
    add(translate("Trusted devices…"), "trustedDevicesAction", lambda: open_trusted(window))
    menu.addSeparator()
    add(translate("Load HQ's key…"), "setHqKeyAction", lambda: set_hq_key(window))
    add(translate("Export HQ's key…"), "exportHqKeyAction", lambda: export_hq_key(window))

    def follow_role(profile: Any) -> None:
        """HQ sees the HQ tools; a field installation sees what a focal point uses."""
        hq = bool(getattr(profile, "is_hq", False))
        for action in menu.actions():
            if action.objectName() in HQ_ONLY_ACTIONS:
                action.setVisible(hq)
        hq_separator.setVisible(hq)

    follow_role(window.profile)
    window.profile_loaded.connect(follow_role)
    dropper = BundleDropFilter(window)
    window.setAcceptDrops(True)
    window.installEventFilter(dropper)
    window._muster_bundle_drop = dropper  # type: ignore[attr-defined]  # keep it alive


class BundleDropFilter(QObject):
    """Drag-and-drop of .muster files onto the main window starts an import."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @staticmethod
    def bundle_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".muster")
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.bundle_paths(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            files = self.bundle_paths(event)  # type: ignore[arg-type]
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                import_bundles(self._window, files)
                return True
        return False


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundlePlan:
    """What the next export will be, known before anything is written."""

    encrypted: bool  # HQ's key is loaded (or this is HQ): the bundle is encrypted for HQ
    seq: int  # the bundle's sequence number
    file_name: str  # the default name: which device, which number


def bundle_file_name(profile: Any, device_id: str, seq: int, full: bool = False) -> str:
    """'MONUSCO-Amani-Kabila-3f2a1b9c-bundle-0005.muster': the device and the sequence
    number, so HQ sees at a glance which bundle of whom it is and none replaces another."""
    parts = (profile.mission or ("HQ" if profile.is_hq else ""), profile.name)
    who = "-".join(slug for part in parts if (slug := file_slug(part)))
    kind = "full-bundle" if full else "bundle"
    return f"{who + '-' if who else ''}{device_id[:8]}-{kind}-{seq:04d}.muster"


def plan_bundle(inst: Any, full: bool = False) -> BundlePlan:
    """Read (not write) what the next bundle will be: its number, name and encryption."""
    from app.services import sync
    from app.services.sync import hq_key

    sent = sync.sent_bundles(inst)
    seq = (max(b.seq for b in sent) if sent else 0) + 1
    name = bundle_file_name(inst.profile(), inst.device_id, seq, full)
    return BundlePlan(bool(hq_key.field_recipient(inst)), seq, name)


def warn_unencrypted(window: MainWindow) -> str:
    """Before writing: 'load' (HQ's key first), 'export' (without encryption) or ''."""
    box = QMessageBox(window)
    box.setObjectName("unencryptedBundleWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("The bundle would not be encrypted"))
    box.setText(
        translate(
            "HQ's key is not loaded on this computer, so this bundle would NOT be encrypted: "
            "anyone who finds the USB stick or the e-mail could read the participants' names."
        )
    )
    box.setInformativeText(translate("Load the key HQ sent you first (a .key file), then export."))
    load = box.addButton(translate("Load HQ's key…"), QMessageBox.ButtonRole.AcceptRole)
    plain = box.addButton(translate("Export without encryption"),
                          QMessageBox.ButtonRole.DestructiveRole)  # fmt: skip
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(load)
    box.exec()
    clicked = box.clickedButton()
    return "load" if clicked is load else "export" if clicked is plain else ""


def open_trusted(window: MainWindow) -> None:
    from app.ui.trust_ui import open_trusted_devices

    open_trusted_devices(window)


def export_bundle(window: MainWindow, destination: Path | None = None, full: bool = False,
                  on_done: Callable[[Any], None] | None = None) -> None:  # fmt: skip
    """Warn first when the bundle would not be encrypted, then ask for the passphrase
    (once per session) and a file, then export on the worker."""
    inst = window.installation
    window.worker.run(
        lambda: plan_bundle(inst, full),
        on_success=lambda plan: _export_planned(window, plan, destination, full, on_done),
    )


def _export_planned(window: MainWindow, plan: BundlePlan, destination: Path | None,
                    full: bool, on_done: Callable[[Any], None] | None) -> None:  # fmt: skip
    from app.services import sync as bundles
    from app.ui.identity_ui import unlock_key

    if not plan.encrypted:
        answer = warn_unencrypted(window)
        if answer == "load":
            set_hq_key(window, then=lambda: export_bundle(window, destination, full, on_done))
            return
        if answer != "export":
            return
    key = unlock_key(window)
    if key is None:
        return
    if destination is None:
        suggested = free_path(window.installation.paths.exports / plan.file_name)
        name, _ = QFileDialog.getSaveFileName(
            window, translate("Export bundle for HQ"), str(suggested),
            translate("Muster bundles (*.muster)"),
        )  # fmt: skip
        if not name:
            return
        destination = Path(name)
    inst = window.installation

    def done(result: Any) -> None:
        lock = (
            translate("It is encrypted for HQ.")
            if result.encrypted
            else translate("It is not encrypted.")
        )
        text = translate("Bundle {seq} written to {path}: {records} records, {docs} signed "
                         "documents.").format(seq=result.seq, path=result.path.name,
                                              records=result.records, docs=result.documents)  # fmt: skip
        window.show_saved_file(result.path, f"{text} {lock}", can_open=False)
        if on_done is not None:
            on_done(result)

    window.worker.run(lambda: bundles.export_bundle(inst, destination, key, full=full),
                      on_success=done)  # fmt: skip


# --- import -------------------------------------------------------------------------------


def hq_identities(window: MainWindow) -> list[Any] | None:
    """HQ's decryption key, asking HQ's passphrase once per session; None when cancelled."""
    from app.services.sync import hq_key

    cached = getattr(window, _HQ_CACHE, None)
    if cached is not None:
        return list(cached)
    if not hq_key.has_hq_secret(window.installation):
        return []
    while True:
        passphrase, ok = QInputDialog.getText(
            window, translate("HQ key"),
            translate("This bundle is encrypted for HQ. Enter HQ's passphrase:"),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok:
            return None
        try:
            identities = hq_key.unlock_hq_identities(window.installation, passphrase)
        except UserError as err:
            QMessageBox.warning(window, translate("HQ key"), localized(err.message))
            continue
        setattr(window, _HQ_CACHE, tuple(identities))
        return identities


def _needs_hq_key(files: Sequence[Path]) -> bool:
    from app.services.sync import AGE_MAGIC

    for path in files:
        try:
            with open(path, "rb") as handle:
                if handle.read(len(AGE_MAGIC)) == AGE_MAGIC:
                    return True
        except OSError:
            continue
    return False


def import_bundles(window: MainWindow, files: Sequence[Path] | None = None,
                   on_preview: Callable[[PreviewDialog], None] | None = None) -> None:  # fmt: skip
    """Choose bundles, check and preview them on the worker, then import on request."""
    from app.services import sync

    if files is None:
        names, _ = QFileDialog.getOpenFileNames(
            window, translate("Import bundles"), str(Path.home()),
            translate("Muster bundles (*.muster)"),
        )  # fmt: skip
        if not names:
            return
        files = [Path(n) for n in names]
    files = list(files)
    identities: list[Any] = []
    if _needs_hq_key(files):
        unlocked = hq_identities(window)
        if unlocked is None:
            return
        identities = unlocked
    inst = window.installation
    relay, progress = _progress_dialog(window, translate("Checking bundles…"))

    def preview_job() -> tuple[list[Any], ImportOutcome]:
        verified = sync.read_bundles(inst, files, lambda: identities, relay.report)
        return verified, sync.apply_bundles(inst, verified, dry_run=True)

    def show(result: tuple[list[Any], ImportOutcome]) -> None:
        progress.close()
        verified, outcome = result
        dialog = PreviewDialog(window, verified, outcome)
        dialog.open()
        if on_preview is not None:
            on_preview(dialog)

    def failed(exc: BaseException) -> None:
        progress.close()
        from app.services.sync import UntrustedSignerError

        if isinstance(exc, UntrustedSignerError):
            offer_trust(window, exc, lambda: import_bundles(window, files, on_preview))
        else:
            window.show_error(exc)

    window.worker.run(preview_job, on_success=show, on_error=failed)


def _progress_dialog(window: MainWindow, label: str) -> tuple[ProgressRelay, QProgressDialog]:
    progress = QProgressDialog(label, "", 0, 100, window)
    progress.setObjectName("syncProgress")
    progress.setCancelButton(None)
    progress.setMinimumDuration(400)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    relay = ProgressRelay(progress)

    def update(done: int, total: int, what: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))

    relay.progressed.connect(update)
    return relay, progress


def offer_trust(window: MainWindow, exc: Any, retry: Callable[[], None],
                answer: QMessageBox.StandardButton | None = None) -> None:  # fmt: skip
    """Show who an unknown signer claims to be; trust them and retry if the user agrees."""
    from app.services.sync import trust
    from app.services.sync.display import shown
    from app.ui.trust_ui import trust_details

    signer = exc.signer
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Unknown signer"))
    box.setText(
        translate(
            "This bundle is signed by {name} ({mission}), who is not in your trusted list."
        ).format(name=shown(signer.name or "?"), mission=shown(signer.mission or "HQ"))
    )
    box.setInformativeText(
        trust_details(signer.name, signer.fingerprint, signer.role, signer.mission)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(translate("Trust and import"))
    chosen = answer if answer is not None else QMessageBox.StandardButton(box.exec())
    box.deleteLater()
    if chosen != QMessageBox.StandardButton.Yes:
        return
    inst = window.installation
    window.worker.run(lambda: trust.add_trusted(inst, signer.certificate_pem),
                      on_success=lambda _info: retry())  # fmt: skip


def preview_rows(outcome: ImportOutcome) -> list[list[Any]]:
    rows = []
    for s in outcome.summaries:
        rows.append([
            s.file_name, s.device_name or s.device_id[:8], s.mission, s.seq,
            "—" if s.already_received else s.total("new"),
            "—" if s.already_received else s.total("updated"),
            "—" if s.already_received else s.total("deleted"),
            "—" if s.already_received else s.total("conflicts"),
            "already imported" if s.already_received else
            (", ".join(str(m) for m in s.missing) and f"missing: {', '.join(map(str, s.missing))}"),
        ])  # fmt: skip
    return rows


class PreviewDialog(QDialog):
    """What the chosen bundles would change; Import applies them in one transaction."""

    def __init__(self, window: MainWindow, verified: list[Any], outcome: ImportOutcome) -> None:
        super().__init__(window)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import bundles: preview"))
        self.resize(860, 320)
        self._window = window
        self._verified = verified
        self.outcome: ImportOutcome | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Every bundle was checked: signature, trusted signer, content. "
                               "Nothing is written until you press Import."), self)  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        headers = [self.tr("File"), self.tr("From"), self.tr("Mission"), self.tr("Bundle"),
                   self.tr("New"), self.tr("Updated"), self.tr("Deleted"), self.tr("Conflicts"),
                   self.tr("Notes")]  # fmt: skip
        self.model = RowsModel(headers, preview_rows(outcome), self)
        layout.addWidget(make_table(self.model, self))
        gaps = outcome.gap_sentences({s.device_id: s.device_name for s in outcome.summaries})
        self.gaps = QLabel("\n".join(localized(g) for g in gaps), self)
        self.gaps.setStyleSheet("color: #8a5a00")
        self.gaps.setVisible(bool(gaps))
        layout.addWidget(self.gaps)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(self.tr("Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.import_button.setObjectName("applyImportButton")
        self.import_button.setEnabled(outcome.changed)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.apply)
        layout.addWidget(buttons)
        if not outcome.changed:
            self.result_label.setText(self.tr("These bundles would change nothing."))

    def apply(self) -> None:
        from app.services import sync

        inst, verified = self._window.installation, self._verified
        stamp_key = hq_time_stamp_key(self._window, verified)
        if stamp_key is False:  # the passphrase was asked and cancelled: nothing imported
            return
        self.import_button.setEnabled(False)

        def done(outcome: ImportOutcome) -> None:
            self.outcome = outcome
            self.model.set_rows(preview_rows(outcome))
            lines = [localized(s.sentence()) for s in outcome.summaries]
            lines.append(self.tr("Imported. The import log keeps this summary."))
            self.result_label.setText("\n".join(lines))
            self._window.refresh()

        def failed(exc: BaseException) -> None:
            self.import_button.setEnabled(True)
            self._window.show_error(exc)

        self._window.worker.run(
            lambda: sync.apply_bundles(inst, verified, time_stamp_key=stamp_key or None),
            on_success=done,
            on_error=failed,
        )


def hq_time_stamp_key(window: MainWindow, bundles: Sequence[Any]) -> Any:
    """At HQ, what time-stamps the PDFs these bundles carry (issue 16): a function giving
    HQ's key, unlocked now on the GUI thread; None when there is nothing to stamp or this
    is a field installation, False when the user cancelled the passphrase."""
    from app.services import identity
    from app.services.signing import TimeStampKey
    from app.ui.identity_ui import unlock_key

    if not any(bundle.manifest.documents for bundle in bundles):
        return None
    own = identity.load_identity(window.installation)
    if own is None or own.role != "hq":
        return None
    key = unlock_key(window)
    if key is None:
        return False
    stamp = TimeStampKey(key, own.certificate_pem)
    return lambda: stamp


# --- listings -----------------------------------------------------------------------------


class ListDialog(QDialog):
    """A titled table with optional buttons underneath."""

    def __init__(self, parent: QWidget, title: str, headers: Sequence[str],
                 rows: Sequence[Sequence[Any]], empty: str) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 400)
        layout = QVBoxLayout(self)
        self.model = RowsModel(headers, rows, self)
        self.view = make_table(self.model, self)
        layout.addWidget(self.view)
        self.empty = QLabel(empty, self)
        self.empty.setVisible(not rows)
        layout.addWidget(self.empty)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        self.buttons.addWidget(close)


def show_import_log(
    window: MainWindow, on_open: Callable[[ListDialog], None] | None = None
) -> None:
    from app.services import sync

    inst = window.installation

    def show(entries: list[Any]) -> None:
        headers = [translate("Received (UTC)"), translate("From"), translate("Mission"),
                   translate("Bundle"), translate("New"), translate("Updated"),
                   translate("Deleted"), translate("Conflicts"), translate("File"),
                   translate("Imported by")]  # fmt: skip
        rows = [[e.received_at[:16], e.device_name or e.device_id[:8], e.mission,
                 f"{e.seq}" + (" (full)" if e.full else ""), e.total("new"), e.total("updated"),
                 e.total("deleted"), e.total("conflicts"), e.file_name, e.imported_by]
                for e in entries]  # fmt: skip
        dialog = ListDialog(window, translate("Import log"), headers, rows,
                            translate("No bundles imported yet."))  # fmt: skip
        dialog.setObjectName("importLogDialog")
        dialog.open()
        if on_open:
            on_open(dialog)

    window.worker.run(lambda: sync.import_log(inst), on_success=show)


def show_conflicts(window: MainWindow, on_open: Callable[[ListDialog], None] | None = None) -> None:
    """Edits that raced on two devices: both versions, and a choice of which to keep."""
    from app.services import sync

    inst = window.installation

    def rows_of(conflicts: list[Any]) -> list[list[Any]]:
        out = []
        for c in conflicts:
            diffs = "; ".join(f"{k}: {a} ⟷ {b}" for k, a, b in c.differences()[:4])
            out.append([c.detected_at[:16], c.table_name, c.record_id[:8], diffs])
        return out

    def show(conflicts: list[Any]) -> None:
        headers = [translate("Detected (UTC)"), translate("Table"), translate("Record"),
                   translate("Kept ⟷ other version")]  # fmt: skip
        dialog = ListDialog(window, translate("Conflicts to review"), headers, rows_of(conflicts),
                            translate("No conflicts to review."))  # fmt: skip
        dialog.setObjectName("conflictsDialog")
        state = {"items": conflicts}

        def resolve(use_other: bool) -> None:
            row = dialog.view.currentIndex().row()
            if row < 0 or row >= len(state["items"]):
                return
            chosen = state["items"][row]

            def job() -> list[Any]:
                sync.resolve_conflict(inst, chosen.id, use_other=use_other)
                return sync.list_conflicts(inst)

            def reload(items: list[Any]) -> None:
                state["items"] = items
                dialog.model.set_rows(rows_of(items))
                dialog.empty.setVisible(not items)
                window.refresh()

            window.worker.run(job, on_success=reload)

        keep = QPushButton(translate("Keep the kept version"), dialog)
        keep.setObjectName("keepConflictButton")
        keep.clicked.connect(lambda: resolve(False))
        other = QPushButton(translate("Use the other version"), dialog)
        other.setObjectName("useOtherConflictButton")
        other.clicked.connect(lambda: resolve(True))
        dialog.buttons.insertWidget(0, keep)
        dialog.buttons.insertWidget(1, other)
        dialog.open()
        if on_open:
            on_open(dialog)

    window.worker.run(lambda: sync.list_conflicts(inst), on_success=show)


# --- receipts and HQ key ------------------------------------------------------------------


def write_receipt(window: MainWindow, destination: Path | None = None) -> None:
    from app.services import sync
    from app.ui.identity_ui import unlock_key

    key = unlock_key(window)
    if key is None:
        return
    if destination is None:
        name, _ = QFileDialog.getSaveFileName(
            window, translate("Write a receipt"),
            str(window.installation.paths.exports / "muster-receipt.json"),
            translate("Muster receipts (*.json)"),
        )  # fmt: skip
        if not name:
            return
        destination = Path(name)
    inst = window.installation
    window.worker.run(
        lambda: sync.write_receipt(inst, destination, key),
        on_success=lambda r: window.statusBar().showMessage(
            translate("Receipt written: {n} bundles.").format(n=r.bundles), 10000
        ),
    )


def import_receipt(window: MainWindow, source: Path | None = None,
                   on_done: Callable[[Any], None] | None = None) -> None:  # fmt: skip
    from app.services import sync

    if source is None:
        name, _ = QFileDialog.getOpenFileName(window, translate("Import a receipt from HQ"),
                                              str(Path.home()),
                                              translate("Muster receipts (*.json)"))  # fmt: skip
        if not name:
            return
        source = Path(name)
    inst = window.installation

    def done(summary: Any) -> None:
        if on_done:
            on_done(summary)
        else:
            QMessageBox.information(
                window, translate("Receipt from HQ"), localized(summary.sentence())
            )

    window.worker.run(lambda: sync.import_receipt(inst, source), on_success=done)


def set_hq_key(window: MainWindow, source: Path | None = None,
               then: Callable[[], None] | None = None) -> None:  # fmt: skip
    """Load the key file HQ sent; ``then`` runs once it is in place (an export waiting)."""
    from app.services.sync import hq_key

    if source is None:
        name, _ = QFileDialog.getOpenFileName(window, translate("Load HQ's key"),
                                              str(Path.home()),
                                              translate("HQ keys (*.key);;All files (*)"))  # fmt: skip
        if not name:
            return
        source = Path(name)
    inst = window.installation

    def loaded(info: Any) -> None:
        window.statusBar().showMessage(
            translate("Bundles will now be encrypted for HQ ({name}).").format(
                name=info.name or info.recipient[:16]
            ),
            10000,
        )
        if then is not None:
            then()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, hq_key.HqKeyConfirmationNeeded) and confirm_hq_key(window, exc.info):
            window.worker.run(lambda: hq_key.set_hq_key(inst, source, confirmed=True,
                                                        allow_replace=True), on_success=loaded)  # fmt: skip
        elif not isinstance(exc, hq_key.HqKeyConfirmationNeeded):
            window.show_error(exc)

    window.worker.run(lambda: hq_key.set_hq_key(inst, source), on_success=loaded, on_error=failed)


def confirm_hq_key(window: MainWindow, info: Any,
                   answer: QMessageBox.StandardButton | None = None) -> bool:  # fmt: skip
    """Show a key not signed by a trusted HQ, with its fingerprint; True when the user accepts."""
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown

    box = QMessageBox(window)
    box.setObjectName("confirmHqKeyBox")
    box.setIcon(QMessageBox.Icon.Warning if info.replaces else QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Check HQ's key"))
    text = (
        translate("This key would replace the HQ key already set, and no HQ you trust signed it.")
        if info.replaces
        else translate("No HQ you trust signed this key.")
    )
    box.setText(text)
    box.setInformativeText(
        translate("HQ: {name}\nFingerprint:\n{fp}\nKey: {key}\n\nCheck the fingerprint with HQ "
                  "(by phone, for example) before using this key.").format(
            name=shown(info.name or "?"), fp=format_fingerprint(info.fingerprint) or "—",
            key=info.recipient,
        )
    )  # fmt: skip
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(translate("Use this key"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    chosen = answer if answer is not None else QMessageBox.StandardButton(box.exec())
    box.deleteLater()
    return chosen == QMessageBox.StandardButton.Yes


def export_hq_key(window: MainWindow) -> None:
    from app.services.sync import hq_key

    passphrase, ok = QInputDialog.getText(
        window, translate("Export HQ's key"),
        translate("HQ's passphrase (it protects HQ's decryption key; use your signing "
                  "passphrase):"),
        QLineEdit.EchoMode.Password,
    )  # fmt: skip
    if not ok:
        return
    name, _ = QFileDialog.getSaveFileName(window, translate("Export HQ's key"),
                                          str(window.installation.paths.exports / "hq.key"))  # fmt: skip
    if not name:
        return
    inst = window.installation
    window.worker.run(
        lambda: hq_key.export_hq_key(inst, Path(name), passphrase),
        on_success=lambda _info: window.statusBar().showMessage(
            translate("HQ's key written to {path}.").format(path=name), 10000
        ),
    )


def open_dashboard(window: MainWindow) -> Any:
    from app.ui.hq_dashboard import HqDashboard

    dashboard = HqDashboard(window)
    dashboard.show()
    return dashboard
