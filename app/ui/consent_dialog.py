"""One participant's consent by purpose, age band and Washington Group answers.

Opened from the participant list ("Consent and profile…"). Reading and saving run on
the background worker; the dialog needs only a small host (:class:`ConsentHost`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.audit_models import AGE_BANDS, CONSENT_PURPOSES, WG_ANSWERS, WG_DOMAINS
from app.errors import UserError
from app.l10n import tr as doc_tr
from app.services.audit import consent, profile
from app.services.audit.consent import ConsentAnswer
from app.ui.common import localized
from app.ui.i18n import current_language


class ConsentHost(Protocol):
    installation: Any
    worker: Any


class ConsentDialog(QDialog):
    """Edit the answers; Save stores them in one go (consents, then the profile)."""

    def __init__(self, host: ConsentHost, person_id: str, name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.host, self.person_id = host, person_id
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Consent and profile — %1").replace("%1", name))
        lang = current_language()
        self.states: dict[str, QComboBox] = {}
        self.given: dict[str, QDateEdit] = {}
        self.withdrawn: dict[str, QDateEdit] = {}
        purposes = QGroupBox(self.tr("Consent, purpose by purpose"), self)
        grid = QGridLayout(purposes)
        for column, title in enumerate((self.tr("Purpose"), self.tr("Answer"), self.tr("Given on"),
                                        self.tr("Withdrawn on"))):  # fmt: skip
            grid.addWidget(QLabel(f"<b>{title}</b>", purposes), 0, column)
        for row, purpose in enumerate(CONSENT_PURPOSES, start=1):
            grid.addWidget(QLabel(doc_tr(lang, consent.PURPOSE_LABELS[purpose]), purposes), row, 0)
            box = QComboBox(purposes)
            for state in consent.STATES:
                box.addItem(doc_tr(lang, consent.STATE_LABELS[state]), state)
            self.states[purpose] = box
            given, withdrawn = self._date_edit(purposes), self._date_edit(purposes)
            self.given[purpose], self.withdrawn[purpose] = given, withdrawn
            box.currentIndexChanged.connect(lambda _i, p=purpose: self._state_changed(p))
            for column, widget in enumerate((box, given, withdrawn), start=1):
                grid.addWidget(widget, row, column)
        self.age_band = QComboBox(self)
        for band in AGE_BANDS:
            self.age_band.addItem(doc_tr(lang, profile.AGE_BAND_LABELS[band]) if band
                                  else doc_tr(lang, "Not recorded"), band)  # fmt: skip
        self.year = QSpinBox(self)
        self.year.setRange(1900, date.today().year)
        self.year.setSpecialValueText(self.tr("not given"))
        self.year.setMinimum(1899)
        self.year.setValue(1899)
        self.year.setToolTip(self.tr("Only the age band is kept, not the year."))
        self.wg: dict[str, QComboBox] = {}
        answers = QGroupBox(self.tr("Age and disability (Washington Group short set)"), self)
        form = QFormLayout(answers)
        form.addRow(self.tr("Age band"), self.age_band)
        form.addRow(self.tr("or year of birth"), self.year)
        for domain in WG_DOMAINS:
            box = QComboBox(answers)
            for code in WG_ANSWERS:
                label = profile.WG_ANSWER_LABELS[code] if code else "Not recorded"
                box.addItem(doc_tr(lang, label), code)
            self.wg[domain] = box
            form.addRow(doc_tr(lang, profile.WG_QUESTIONS[domain]), box)
        self.message = QLabel(self)
        self.message.setObjectName("consentMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(purposes)
        layout.addWidget(answers)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.loaded = False
        self._load()

    def _date_edit(self, parent: QWidget) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(QDate.currentDate())
        edit.setDate(QDate.currentDate())
        edit.setEnabled(False)
        return edit

    def _state_changed(self, purpose: str) -> None:
        state = self.states[purpose].currentData()
        self.given[purpose].setEnabled(state in ("given", "refused", "withdrawn"))
        self.withdrawn[purpose].setEnabled(state == "withdrawn")

    def _load(self) -> None:
        inst, pid = self.host.installation, self.person_id
        self.host.worker.run(lambda: (consent.get_consents(inst, pid), profile.get_profile(inst, pid)),
                             on_success=self._loaded)  # fmt: skip

    def _loaded(self, result: tuple[dict[str, ConsentAnswer], Any]) -> None:
        answers, info = result
        for purpose, answer in answers.items():
            self.states[purpose].setCurrentIndex(self.states[purpose].findData(answer.state))
            for edit, day in ((self.given[purpose], answer.given_on),
                              (self.withdrawn[purpose], answer.withdrawn_on)):  # fmt: skip
                if day is not None:
                    edit.setDate(QDate(day.year, day.month, day.day))
            self._state_changed(purpose)
        self.age_band.setCurrentIndex(max(self.age_band.findData(info.age_band), 0))
        for domain, box in self.wg.items():
            box.setCurrentIndex(max(box.findData(info.answers.get(domain, "")), 0))
        self.loaded = True

    def answers(self) -> list[ConsentAnswer]:
        out = []
        for purpose, box in self.states.items():
            state = box.currentData()
            given = self.given[purpose].date().toPython() if state != "not_recorded" else None
            withdrawn = self.withdrawn[purpose].date().toPython() if state == "withdrawn" else None
            out.append(ConsentAnswer(purpose, state, given, withdrawn))  # type: ignore[arg-type]
        return out

    def save(self) -> None:
        inst, pid, answers = self.host.installation, self.person_id, self.answers()
        band = self.age_band.currentData()
        year = self.year.value() if self.year.value() >= 1900 else None
        wg = {d: box.currentData() for d, box in self.wg.items()}

        def job() -> None:
            consent.set_consents(inst, pid, answers)
            profile.save_profile(inst, pid, band, wg, year_of_birth=year)

        self.host.worker.run(job, on_success=lambda _r: self.accept(), on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.host.worker.failed.emit(exc)
            return
        errors = getattr(exc, "errors", None)
        self.message.setText("\n".join(localized(m) for m in errors.values()) if errors
                             else localized(exc.message))  # fmt: skip
