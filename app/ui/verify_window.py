"""The "Verify a document" window: who signed a PDF, when, intact, trusted, and why not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ui.common import localized

if TYPE_CHECKING:
    from datetime import datetime

    from app.services.evaluation.certificates import CertificateCheck
    from app.services.signing import TimeStampInfo, VerificationResult
    from app.ui.main_window import MainWindow


class VerifyWindow(QDialog):
    """Pick or drop a PDF; the check runs on the worker and the answer shows here."""

    verified = Signal(object)  # VerificationResult, or a UserError for unreadable files

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self.setWindowTitle(self.tr("Verify a document"))
        self.setAcceptDrops(True)
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("Choose a signed PDF, or drop it here."), self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose a PDF…"), self)
        self.choose_button.clicked.connect(self._choose)
        self.choose_button.setAutoDefault(False)  # Enter in the code field checks the code
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        code_row = QHBoxLayout()  # a certificate's QR code, scanned or typed from paper
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("certificateCode")
        self.code_edit.setPlaceholderText(self.tr("Or paste a certificate's QR code text here"))
        self.code_edit.returnPressed.connect(self._check_code)
        self.code_button = QPushButton(self.tr("Check the code"), self)
        self.code_button.clicked.connect(self._check_code)
        self.code_button.setAutoDefault(False)
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.code_button)
        layout.addLayout(code_row)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        self.details = QFormLayout()
        layout.addLayout(self.details)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.verification: VerificationResult | None = None
        self.certificate: CertificateCheck | None = None

    # -- choosing --------------------------------------------------------------------------

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Verify a document"), "", self.tr("PDF documents (*.pdf)")
        )
        if path:
            self.verify_file(path)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        urls = event.mimeData().urls()
        if urls:
            self.verify_file(urls[0].toLocalFile())

    def verify_file(self, path: str | Path) -> None:
        """Check ``path`` on the worker (pyHanko and the trust list take a moment)."""
        from app.services.signing import verify_pdf

        path = Path(path)
        self.file_label.setText(str(path))
        self.verdict.setText(self.tr("Checking…"))
        self.verdict.setStyleSheet("")
        self._clear_details()
        self.choose_button.setEnabled(False)
        inst = self._window.installation

        def job() -> Any:
            from app.services.evaluation.certificates import check_pdf, payload_from_pdf

            if path.is_file() and payload_from_pdf(path.read_bytes()) is not None:
                return check_pdf(inst, path)  # a certificate: its statement too
            return verify_pdf(inst, path)

        self._window.worker.run(job, on_success=self._show, on_error=self._failed)

    def _check_code(self) -> None:
        """A certificate's QR payload alone, checked against the trusted signers."""
        from app.services.evaluation.certificates import check_payload

        code = self.code_edit.text().strip()
        if not code:
            return
        self.file_label.setText(self.tr("Certificate code"))
        self.verdict.setText(self.tr("Checking…"))
        self.verdict.setStyleSheet("")
        self._clear_details()
        inst = self._window.installation
        self._window.worker.run(lambda: check_payload(inst, code), on_success=self._show,
                                on_error=self._failed)  # fmt: skip

    # -- showing ---------------------------------------------------------------------------

    def _clear_details(self) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)

    def _failed(self, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.verdict.setText(self.tr("Cannot check this file: ") + localized(exc.message))
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold")
            self.verified.emit(exc)
        else:
            self._window.show_error(exc)

    def _show(self, result: Any) -> None:
        from app.services.evaluation.certificates import CertificateCheck

        self.choose_button.setEnabled(True)
        if isinstance(result, CertificateCheck):
            self.certificate, self.verification = result, result.pdf
            self._show_certificate(result)
            self.verified.emit(result)
            return
        self.certificate = None
        self.verification = result
        self._show_verdict(result)
        self._show_details(result)
        self.verified.emit(result)

    def _show_verdict(self, result: VerificationResult) -> None:
        signer = result.signer
        if result.ok:
            self.verdict.setText(
                self.tr("Valid: signed by {who} and unchanged since.").replace(
                    "{who}", signer.name if signer else ""
                )
            )
            self.verdict.setStyleSheet("color: #1b5e20; font-weight: bold; font-size: 14px")
        else:
            reason = localized(result.problems[0]) if result.problems else ""
            self.verdict.setText(self.tr("Not valid: ") + reason)
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold; font-size: 14px")

    def _show_details(self, result: VerificationResult) -> None:
        """What ``muster verify`` shows: signer, time, certification, checks, HQ time-stamps."""
        from app.services.identity import format_fingerprint

        signer = result.signer
        yes, no = self.tr("yes"), self.tr("no")

        def row(label: str, value: str) -> None:
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(label, text)

        if signer is not None:
            row(
                self.tr("Signed by"),
                ", ".join(p for p in (signer.name, signer.title, signer.mission) if p),
            )
            row(self.tr("Certificate"), format_fingerprint(signer.fingerprint))
        if result.signed_at is not None:
            row(
                self.tr("Signed on"),
                self.tr("{when} (the signer's own clock, not checked)").replace(
                    "{when}", _utc(result.signed_at)
                ),
            )
        if result.signed:
            row(
                self.tr("Certified"),
                self.tr("yes: only time-stamps may be added") if result.certified else no,
            )
            row(self.tr("Intact"), yes if result.intact else no)
            row(self.tr("Whole file signed"), yes if result.whole_file else no)
            trusted = yes if result.trusted else no
            row(self.tr("Trusted"), trusted + " — " + localized(result.trust_reason))
        for stamp in result.timestamps:
            row(self.tr("Time-stamped"), self._stamp_text(stamp))
        for problem in result.problems[1:]:
            row(self.tr("Also"), localized(problem))
        if result.document_id:
            row(self.tr("Document id"), result.document_id)

    def _show_certificate(self, check: CertificateCheck) -> None:
        """The verdict, then everything the issuer signed: name, training, dates, hours."""
        from app.l10n import format_date, format_date_range
        from app.services.evaluation.certificates import grouped_id
        from app.services.identity import format_fingerprint
        from app.ui.i18n import current_language

        s, lang = check.statement, current_language()
        if check.ok and s is not None:
            who = check.signer.name if check.signer else ""
            self.verdict.setText(self.tr("Valid certificate for {name}, issued by {who}.")
                                 .replace("{name}", s.name).replace("{who}", who))  # fmt: skip
            self.verdict.setStyleSheet("color: #1b5e20; font-weight: bold; font-size: 14px")
        else:
            reason = localized(check.problems[0]) if check.problems else ""
            self.verdict.setText(self.tr("Not valid: ") + reason)
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold; font-size: 14px")

        def row(label: str, value: str) -> None:
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(label, text)

        if s is not None:
            row(self.tr("Name"), s.name)
            row(self.tr("Training"), f"{s.training} ({s.mission})" if s.mission else s.training)
            row(self.tr("Dates"), format_date_range(s.start, s.end, lang))
            row(self.tr("Hours attended"), s.hours or self.tr("not recorded"))
            row(self.tr("Issued on"), format_date(s.issued, lang))
            row(self.tr("Certificate"), grouped_id(s.certificate_id))
            row(self.tr("Issuer fingerprint"), format_fingerprint(s.issuer))
        if check.signer is not None:
            signer = check.signer
            row(self.tr("Issued by"),
                ", ".join(p for p in (signer.name, signer.title, signer.mission) if p))  # fmt: skip
        if check.trust_reason:
            row(self.tr("Trusted"), localized(check.trust_reason))
        for problem in check.problems[1:]:
            row(self.tr("Also"), localized(problem))

    def _stamp_text(self, stamp: TimeStampInfo) -> str:
        """One HQ document time-stamp: when, by whom, intact, trusted (and why not)."""
        when = _utc(stamp.time) if stamp.time else self.tr("at an unknown time")
        text = (
            self.tr("{when} by {authority}: {intact}, {trusted}")
            .replace("{when}", when)
            .replace("{authority}", stamp.authority)
            .replace("{intact}", self.tr("intact") if stamp.intact else self.tr("NOT intact"))
            .replace("{trusted}", self.tr("trusted") if stamp.trusted else self.tr("not trusted"))
        )
        if not (stamp.intact and stamp.trusted):
            text += " — " + localized(stamp.reason)
        return text


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def open_verify_window(window: MainWindow) -> VerifyWindow:
    dialog = VerifyWindow(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
