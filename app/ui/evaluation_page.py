"""The training's Evaluation page: completion rule, knowledge-test scores, feedback forms,
certificates.

One grid, one participant a row: sessions attended, hours and "completed" (read only),
then the pre- and post-test scores and the feedback form's answers, typed from the paper
forms with the keyboard (Enter or Tab moves on; a rating is 1-5, yes/no is 1/0 or y/n/o).
Every edit is saved at once on the background worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.evaluation import feedback, scores
from app.services.evaluation.completion import (
    CompletionRule,
    TrainingCompletion,
    format_hours,
    set_completion_rule,
    training_completion,
)
from app.ui.i18n import current_language


class EditorHost(Protocol):
    """What the page needs from the training editor that holds it."""

    installation: Any
    worker: Any
    window_: Any  # the main window: show_error, statusBar
    info: Any  # the training (TrainingInfo), for its mission

    def parentWidget(self) -> QWidget | None: ...


FIXED = 4  # name, sessions, hours, completed
PRE, POST = FIXED, FIXED + 1
YES = {"1", "y", "yes", "o", "oui"}
NO = {"0", "n", "no", "non"}


@dataclass(frozen=True)
class EvaluationView:
    completion: TrainingCompletion
    scores: scores.ScoreGrid
    feedback: feedback.FeedbackGrid


def load_view(inst: Any, training_id: str) -> EvaluationView:
    return EvaluationView(
        training_completion(inst, training_id),
        scores.get_scores(inst, training_id),
        feedback.feedback_grid(inst, training_id),
    )


class EvaluationPage(QWidget):
    """Completion, tests and feedback of one training; certificates for who completed."""

    changed = Signal()
    loaded = Signal()
    saved = Signal()

    def __init__(self, editor: EditorHost) -> None:
        super().__init__(editor if isinstance(editor, QWidget) else None)
        self.editor = editor
        self.installation = editor.installation
        self.worker = editor.worker
        self.training_id: str | None = None
        self.view: EvaluationView | None = None
        self._filling = False

        self.rule_box = QComboBox(self)
        self.rule_box.setObjectName("completionRule")
        self.rule_box.addItem(self.tr("At least this share of the sessions"), "share")
        self.rule_box.addItem(self.tr("Every session marked required"), "required")
        self.percent_box = QSpinBox(self)
        self.percent_box.setObjectName("completionPercent")
        self.percent_box.setRange(1, 100)
        self.percent_box.setSuffix(" %")
        self.completed_label = QLabel(self)
        self.completed_label.setObjectName("completedCount")
        self.max_box = QSpinBox(self)
        self.max_box.setObjectName("testMaxScore")
        self.max_box.setRange(0, scores.MAX_SCORE)
        self.max_box.setSpecialValueText(self.tr("no test"))
        self.import_button = QPushButton(self.tr("&Import scores…"), self)
        self.import_button.setObjectName("importScores")
        self.certificates_button = QPushButton(self.tr("Issue &certificates…"), self)
        self.certificates_button.setObjectName("issueCertificates")
        self.questions_button = QPushButton(self.tr("Feedback &form…"), self)
        self.questions_button.setObjectName("feedbackForm")
        self.questions_button.setAutoDefault(False)
        self.figures_label = QLabel(self)
        self.figures_label.setObjectName("evaluationFigures")
        self.figures_label.setWordWrap(True)

        self.table = QTableWidget(0, FIXED + 2, self)
        self.table.setObjectName("evaluationTable")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.itemChanged.connect(self._edited)

        rule_row = QHBoxLayout()
        rule_row.addWidget(QLabel(self.tr("Completed when:"), self))
        rule_row.addWidget(self.rule_box)
        rule_row.addWidget(self.percent_box)
        rule_row.addWidget(self.completed_label, 1)
        rule_row.addWidget(self.certificates_button)
        test_row = QHBoxLayout()
        test_row.addWidget(QLabel(self.tr("Knowledge test out of:"), self))
        test_row.addWidget(self.max_box)
        test_row.addWidget(self.import_button)
        test_row.addWidget(self.figures_label, 1)
        hint = QLabel(
            self.tr(
                "Type the scores and the feedback forms' answers from paper: ratings 1 to 5, "
                "yes/no as 1 or 0, Enter or Tab to move on. Each entry is saved at once."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        hint_row.addWidget(self.questions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(rule_row)
        layout.addLayout(test_row)
        layout.addLayout(hint_row)
        layout.addWidget(self.table, 1)

        self.rule_box.currentIndexChanged.connect(self._rule_changed)
        self.percent_box.editingFinished.connect(self._rule_changed)
        self.max_box.editingFinished.connect(self._max_changed)
        self.import_button.clicked.connect(self._choose_scores_file)
        self.questions_button.clicked.connect(self.edit_questions)
        self.certificates_button.clicked.connect(self._issue_certificates)

    # --- loading ------------------------------------------------------------------------

    def load(self, training_id: str) -> None:
        self.training_id = training_id
        inst = self.installation
        self.worker.run(lambda: load_view(inst, training_id), on_success=self._loaded)

    def _reload(self) -> None:
        if self.training_id is not None:
            self.load(self.training_id)

    def _loaded(self, view: EvaluationView) -> None:
        self.view = view
        self._filling = True
        try:
            self._fill_rule(view)
            self._fill_table(view)
        finally:
            self._filling = False
        self._update_figures()
        self.loaded.emit()

    def _fill_rule(self, view: EvaluationView) -> None:
        rule = view.completion.rule
        self.rule_box.setCurrentIndex(max(self.rule_box.findData(rule.kind), 0))
        self.percent_box.setValue(rule.percent)
        self.percent_box.setEnabled(rule.kind == "share")
        self.max_box.setValue(view.scores.max_score or 0)
        done, total = view.completion.completed, len(view.completion.people)
        self.completed_label.setText(self.tr("Completed: {done} of {total}").format(
            done=done, total=total))  # fmt: skip
        self.certificates_button.setEnabled(done > 0)

    def _fill_table(self, view: EvaluationView) -> None:
        lang = current_language()
        questions = view.feedback.questions
        headers = [self.tr("Participant"), self.tr("Sessions"), self.tr("Hours"),
                   self.tr("Completed"), self.tr("Pre-test"), self.tr("Post-test")]  # fmt: skip
        headers += [self._header(q, lang) for q in questions]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for column, q in enumerate(questions, start=POST + 1):
            header_item = self.table.horizontalHeaderItem(column)
            assert header_item is not None  # setHorizontalHeaderLabels made it
            header_item.setToolTip(q.text(lang))
        people = view.completion.people
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            cells = [person.full_name, f"{person.attended}/{person.expected}",
                     format_hours(person.hours, lang), "✓" if person.completed else ""]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 3 and person.completed:
                    item.setBackground(QBrush(QColor("#d8f0d8")))
                item.setData(Qt.ItemDataRole.UserRole, person.person_id)
                self.table.setItem(row, column, item)
            pre, post = view.scores.pair(person.person_id)
            for column, value in ((PRE, pre), (POST, post)):
                self.table.setItem(row, column, self._editable("" if value is None else str(value)))
            for column, q in enumerate(questions, start=POST + 1):
                value, comment = view.feedback.answers.get((person.person_id, q.code), (None, ""))
                self.table.setItem(
                    row, column, self._editable(self._answer_text(q, value, comment))
                )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        header.resizeSection(0, max(200, min(300, header.sectionSize(0))))
        for column in range(1, self.table.columnCount()):
            header.resizeSection(column, max(70, min(130, header.sectionSize(column))))
        if questions and questions[-1].kind == "text":
            header.setSectionResizeMode(
                self.table.columnCount() - 1, QHeaderView.ResizeMode.Stretch
            )

    def _header(self, question: feedback.Question, lang: str) -> str:
        """A short column title (the whole question is the tooltip)."""
        short = {"overall": self.tr("Overall"), "relevance": self.tr("Relevance"),
                 "recommend": self.tr("Recommend"), "comment": self.tr("Comment")}  # fmt: skip
        text = short.get(question.code) or question.text(lang)
        return text if len(text) <= 18 else text[:17].rstrip() + "…"

    def _editable(self, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def _answer_text(self, question: feedback.Question, value: int | None, comment: str) -> str:
        if question.kind == "text":
            return comment
        if value is None:
            return ""
        if question.kind == "yes_no":
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def _update_figures(self) -> None:
        view = self.view
        if view is None:
            return
        pairs = [view.scores.pair(p.person.id) for p in view.scores.participants]
        both = [(pre, post) for pre, post in pairs if pre is not None and post is not None]
        if not both or not view.scores.max_score:
            self.figures_label.setText(self.tr("Nobody has both scores yet."))
            return
        gain = sum(post - pre for pre, post in both) / len(both) / view.scores.max_score
        improved = sum(1 for pre, post in both if post > pre)
        self.figures_label.setText(
            self.tr("{n} with both scores: average gain {gain} points of 100; {improved} improved.")
            .format(n=len(both), gain=f"{100 * gain:+.0f}", improved=improved)
        )  # fmt: skip

    # --- editing ------------------------------------------------------------------------

    def _person(self, row: int) -> str:
        item = self.table.item(row, 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.view is None or self.training_id is None:
            return
        text, column, pid = item.text().strip(), item.column(), self._person(item.row())
        inst, training_id = self.installation, self.training_id
        try:
            if column in (PRE, POST):
                score = int(text) if text else None
                entry = scores.ScoreInput(pid, "pre" if column == PRE else "post", score)
                self._save(lambda: scores.set_scores(inst, training_id, [entry]))
            elif column > POST:
                answer = self._parse_answer(self.view.feedback.questions[column - POST - 1], pid,
                                            text)  # fmt: skip
                self._save(lambda: feedback.set_answers(inst, training_id, [answer]))
        except ValueError:
            self.editor.window_.show_error(
                UserError(self.tr("“{text}” is not a number.").format(text=text))
            )
            self._reload()

    def _parse_answer(self, q: feedback.Question, pid: str, text: str) -> feedback.AnswerInput:
        if q.kind == "text":
            return feedback.AnswerInput(pid, q.code, None, text)
        if not text:
            return feedback.AnswerInput(pid, q.code, None)
        if q.kind == "yes_no":
            lowered = text.lower()
            if lowered in YES or lowered == self.tr("yes").lower():
                return feedback.AnswerInput(pid, q.code, 1)
            if lowered in NO or lowered == self.tr("no").lower():
                return feedback.AnswerInput(pid, q.code, 0)
        return feedback.AnswerInput(pid, q.code, int(text))

    def _save(self, job: Any) -> None:
        def failed(exc: BaseException) -> None:
            self.editor.window_.show_error(exc)
            self._reload()

        self.worker.run(job, on_success=lambda _n: self._saved(), on_error=failed)

    def _saved(self) -> None:
        self._reload()  # figures, yes/no wording and any cleaned comment shown as stored
        self.changed.emit()
        self.saved.emit()

    def _rule_changed(self, *_args: object) -> None:
        if self._filling or self.training_id is None:
            return
        kind = str(self.rule_box.currentData())
        self.percent_box.setEnabled(kind == "share")
        rule = CompletionRule(kind, self.percent_box.value())
        inst, training_id = self.installation, self.training_id
        self._save(lambda: set_completion_rule(inst, training_id, rule))

    def _max_changed(self) -> None:
        if self._filling or self.training_id is None or self.view is None:
            return
        value = self.max_box.value() or None
        if value == self.view.scores.max_score:
            return
        inst, training_id = self.installation, self.training_id
        self._save(lambda: scores.set_max_score(inst, training_id, value))

    # --- the mission's feedback form --------------------------------------------------

    def edit_questions(self) -> None:
        """The mission's questions in a dialog; Save rewords, adds or retires them."""
        from app.services.evaluation.feedback import mission_questions

        info = self.editor.info
        if info is not None:
            inst, mission_id = self.installation, info.mission_id
            self.worker.run(lambda: mission_questions(inst, mission_id, include_retired=True),
                            on_success=lambda qs: self._show_questions(info, qs))  # fmt: skip

    def _show_questions(self, info: Any, questions: list[Any]) -> None:
        from app.services.evaluation.feedback import save_question
        from app.ui.feedback_questions import FeedbackQuestionsDialog

        inst, mission_id = self.installation, info.mission_id
        self.questions_dialog = FeedbackQuestionsDialog(info.mission, questions, self)
        dialog = self.questions_dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            changed = dialog.changed_questions()
            if changed:
                self._save(lambda: [save_question(inst, mission_id, q) for q in changed])

        dialog.accepted.connect(save)
        dialog.open()

    # --- scores from a spreadsheet, certificates ----------------------------------------

    def _choose_scores_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import scores"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if path:
            self.import_scores(path)

    def import_scores(self, path: str) -> None:
        """Read pre/post scores from a sheet (columns found by their titles) and save them."""
        from app.services.evaluation.scores_import import import_scores

        inst, training_id = self.installation, self.training_id
        if training_id is None:
            return
        max_score = self.max_box.value() or None

        def done(preview: Any) -> None:
            self.editor.window_.statusBar().showMessage(
                self.tr("{scores} scores imported for {people} participants; {skipped} rows "
                        "skipped.").format(scores=len(preview.entries), people=preview.matched,
                                           skipped=len(preview.skipped)), 10_000)  # fmt: skip
            self._saved()

        self.worker.run(
            lambda: import_scores(inst, training_id, path, None, max_score, False),
            on_success=done,
        )

    def _issue_certificates(self) -> None:
        """Training ▸ Issue certificates… (app.ui.certificates_ui), for this training."""
        from PySide6.QtGui import QAction

        action = self.editor.window_.findChild(QAction, "issueCertificatesAction")
        if action is not None:
            action.trigger()
