"""The feedback form: a short standard one, worded per mission, entered from paper.

The standard form asks four things: an overall rating and the relevance to one's work
(1 to 5), whether one would recommend it (yes/no), and a free comment. A mission may
reword a question, retire it or add its own (``feedback_questions`` rows, by code);
with no rows it uses the standard form. Answers are one row per person and question.
Comments are free text, cleaned like typed text (``app.textnorm.clean_paragraphs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from app.db.base import derived_id
from app.db.models import QUESTION_KINDS, Enrolment, FeedbackAnswer, FeedbackQuestion
from app.errors import UserError
from app.l10n import Phrase
from app.services.evaluation.people import answer_id
from app.services.installation import Installation
from app.services.people import ParticipantInfo, list_participants
from app.services.trainings import _live_training, get_training
from app.textnorm import clean_paragraphs, clean_text

MAX_COMMENT = 2_000
RATING_MAX = 5


@dataclass(frozen=True)
class Question:
    code: str
    kind: str  # "rating" (1-5), "yes_no" or "text"
    text_en: str
    text_fr: str
    sort_order: int = 100
    retired: bool = False

    def text(self, lang: str = "en") -> str:
        return (self.text_fr if lang == "fr" else self.text_en) or self.text_en or self.code


STANDARD_QUESTIONS: tuple[Question, ...] = (
    Question("overall", "rating", "Overall rating of the training",
             "Appréciation générale de la formation", 10),
    Question("relevance", "rating", "Relevance to your work", "Utilité pour votre travail", 20),
    Question("recommend", "yes_no", "Would you recommend it to a colleague?",
             "La recommanderiez-vous à un collègue ?", 30),
    Question("comment", "text", "Comments", "Commentaires", 40),
)  # fmt: skip


def question_id(mission_id: str, code: str) -> str:
    return derived_id("feedback_question", mission_id, code)


def mission_questions(
    inst: Installation, mission_id: str, *, include_retired: bool = False
) -> list[Question]:
    """The mission's form: the standard questions as it words them, then its own."""
    with inst.db.reading() as session:
        rows = session.scalars(
            select(FeedbackQuestion).where(
                FeedbackQuestion.mission_id == mission_id, FeedbackQuestion.deleted.is_(False)
            )
        ).all()
        stored = {
            r.code: Question(r.code, r.kind, r.text_en, r.text_fr, r.sort_order, r.retired)
            for r in rows
        }
    questions = {q.code: q for q in STANDARD_QUESTIONS}
    questions.update(stored)
    out = sorted(questions.values(), key=lambda q: (q.sort_order, q.code))
    return out if include_retired else [q for q in out if not q.retired]


def save_question(inst: Installation, mission_id: str, question: Question) -> Question:
    """Reword, retire or add a question of the mission's form; one transaction."""
    code = clean_text(question.code).lower()[:40]
    text_en, text_fr = clean_text(question.text_en)[:300], clean_text(question.text_fr)[:300]
    if not code or not (text_en or text_fr):
        raise UserError(Phrase("A question needs a code and its wording in English or French."))
    if question.kind not in QUESTION_KINDS:
        raise UserError(Phrase("A question is a rating (1 to 5), a yes/no question or a comment."))
    standard = {q.code: q for q in STANDARD_QUESTIONS}.get(code)
    if standard is not None and standard.kind != question.kind:
        raise UserError(Phrase("A standard question keeps its kind; add a new question instead."))
    clean = replace(question, code=code, text_en=text_en, text_fr=text_fr)
    with inst.db.transaction() as session:
        qid = question_id(mission_id, code)
        row = session.get(FeedbackQuestion, qid)
        if row is None:
            row = FeedbackQuestion(id=qid, mission_id=mission_id, code=code)
            session.add(row)
        values = (clean.kind, clean.text_en, clean.text_fr, clean.sort_order, clean.retired)
        if (
            row.deleted
            or (row.kind, row.text_en, row.text_fr, row.sort_order, row.retired) != values
        ):
            row.kind, row.text_en, row.text_fr, row.sort_order, row.retired = values
            row.deleted = False
    return clean


# --- answers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerInput:
    person_id: str
    question: str  # code
    value: int | None = None  # rating 1-5, or 1 yes / 0 no
    comment: str = ""


@dataclass(frozen=True)
class FeedbackGrid:
    training_id: str
    questions: tuple[Question, ...]
    participants: tuple[ParticipantInfo, ...]
    answers: dict[tuple[str, str], tuple[int | None, str]]  # (person, code) -> (value, comment)


def feedback_grid(inst: Installation, training_id: str) -> FeedbackGrid:
    participants = tuple(list_participants(inst, training_id))
    questions, answers = _answers(inst, training_id, {p.person.id for p in participants})
    return FeedbackGrid(training_id, questions, participants, answers)


def _answers(inst: Installation, training_id: str, ids: set[str],
             mission_id: str | None = None) -> tuple[
    tuple[Question, ...], dict[tuple[str, str], tuple[int | None, str]]
]:  # fmt: skip
    """The training's questions (its mission's), and the answers of the people ``ids``."""
    with inst.db.reading() as session:
        if mission_id is None:
            mission_id = _live_training(session, training_id).mission_id
        rows = session.execute(
            select(FeedbackAnswer.person_id, FeedbackAnswer.question, FeedbackAnswer.value,
                   FeedbackAnswer.comment)
            .where(FeedbackAnswer.training_id == training_id, FeedbackAnswer.deleted.is_(False))
        ).all()  # fmt: skip
    questions = tuple(mission_questions(inst, mission_id))
    return questions, {(pid, q): (v, c or "") for pid, q, v, c in rows if pid in ids}


def _check_answer(answer: AnswerInput, kinds: dict[str, str]) -> AnswerInput:
    kind = kinds.get(answer.question)
    if kind is None:
        raise UserError(
            Phrase(
                "'{question}' is not a question of this training's form.", question=answer.question
            )
        )
    if kind == "text":
        comment = clean_paragraphs(answer.comment)[:MAX_COMMENT]
        return replace(answer, value=None, comment=comment)
    allowed = range(1, RATING_MAX + 1) if kind == "rating" else (0, 1)
    if answer.value is not None and answer.value not in allowed:
        raise UserError(
            Phrase("A rating is a whole number from 1 to 5.") if kind == "rating"
            else Phrase("Answer yes (1) or no (0).")
        )  # fmt: skip
    return replace(answer, comment="")


def set_answers(inst: Installation, training_id: str, answers: Iterable[AnswerInput]) -> int:
    """Record many answers in one transaction; an empty answer removes it."""
    answers = list(answers)
    if not answers:
        return 0
    with inst.db.reading() as session:
        mission_id = _live_training(session, training_id).mission_id
    kinds = {q.code: q.kind for q in mission_questions(inst, mission_id, include_retired=True)}
    checked = [_check_answer(a, kinds) for a in answers]
    with inst.db.transaction() as session, session.no_autoflush:
        _live_training(session, training_id)
        registered = set(
            session.scalars(
                select(Enrolment.person_id).where(
                    Enrolment.training_id == training_id, Enrolment.deleted.is_(False)
                )
            )
        )
        if any(a.person_id not in registered for a in checked):
            raise UserError(Phrase("Only people registered for the training can give feedback."))
        for a in checked:
            aid = answer_id(training_id, a.person_id, a.question)
            row = session.get(FeedbackAnswer, aid)
            empty = a.value is None and not a.comment
            if empty:
                if row is not None and not row.deleted:
                    row.deleted = True
                continue
            if row is None:
                row = FeedbackAnswer(id=aid, training_id=training_id, person_id=a.person_id,
                                     question=a.question)  # fmt: skip
                session.add(row)
            if row.deleted or (row.value, row.comment) != (a.value, a.comment):
                row.deleted, row.value, row.comment = False, a.value, a.comment
    return len(checked)


# --- summary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    answered: int = 0
    average: float | None = None  # ratings: mean of 1-5; yes/no: share of yes
    counts: dict[int, int] = field(default_factory=dict)  # value -> how many
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedbackSummary:
    forms: int  # participants who answered anything
    participants: int
    questions: tuple[QuestionSummary, ...]


def summarise(grid: FeedbackGrid) -> FeedbackSummary:
    """Averages per rating, share of yes, and every comment (in the participants' order)."""
    return _summary(grid.questions, [p.person.id for p in grid.participants], grid.answers)


def _summary(questions: tuple[Question, ...], people: list[str],
             answers: dict[tuple[str, str], tuple[int | None, str]]) -> FeedbackSummary:  # fmt: skip
    # One pass over the answers (few), not over every participant for every question.
    place = {pid: i for i, pid in enumerate(people)}
    asked: dict[str, list[tuple[int, tuple[int | None, str]]]] = {q.code: [] for q in questions}
    for (pid, code), answer in answers.items():
        if pid in place and code in asked:
            asked[code].append((place[pid], answer))
    forms = len({where for given in asked.values() for where, _answer in given})
    out = []
    for q in questions:
        given = [answer for _where, answer in sorted(asked[q.code], key=lambda x: x[0])]
        if q.kind == "text":
            comments = tuple(c for _, c in given if c)
            out.append(QuestionSummary(q, len(comments), comments=comments))
            continue
        values = [v for v, _ in given if v is not None]
        counts = {v: values.count(v) for v in sorted(set(values))}
        average = sum(values) / len(values) if values else None
        out.append(QuestionSummary(q, len(values), average, counts))
    return FeedbackSummary(forms, len(people), tuple(out))


def feedback_summary(inst: Installation, training_id: str,
                     participants: Sequence[str] | None = None) -> FeedbackSummary:  # fmt: skip
    """The training's feedback; ``participants``: the ids of its participants in
    ``people.list_participants``' order, when the caller has them (the summary PDF
    has them from the completion), so the list is not read again."""
    if participants is None:
        return summarise(feedback_grid(inst, training_id))
    mission_id = get_training(inst, training_id).mission_id  # read once for the summary
    questions, answers = _answers(inst, training_id, set(participants), mission_id)
    return _summary(questions, list(participants), answers)
