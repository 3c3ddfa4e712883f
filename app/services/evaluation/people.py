"""When two people turn out to be one: their scores and feedback answers move over.

Ids derive from (training, person, ...), so moved rows are re-created under the kept
person's ids and the old ones soft-deleted; where both have a row, the kept person's
stays (it was entered for them).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import derived_id
from app.db.models import FeedbackAnswer, Person, TestScore


def score_id(training_id: str, person_id: str, phase: str) -> str:
    return derived_id("test_score", training_id, person_id, phase)


def answer_id(training_id: str, person_id: str, question: str) -> str:
    return derived_id("feedback_answer", training_id, person_id, question)


def move_evaluation(session: Session, keep: Person, other: Person) -> None:
    """Inside the merge's transaction: ``other``'s scores and answers become ``keep``'s."""
    for score in session.scalars(
        select(TestScore).where(TestScore.person_id == other.id, TestScore.deleted.is_(False))
    ).all():
        target = session.get(TestScore, score_id(score.training_id, keep.id, score.phase))
        if target is None:
            session.add(TestScore(id=score_id(score.training_id, keep.id, score.phase),
                                  training_id=score.training_id, person_id=keep.id,
                                  phase=score.phase, score=score.score))  # fmt: skip
        elif target.deleted:
            target.deleted, target.score = False, score.score
        score.deleted = True
    for answer in session.scalars(
        select(FeedbackAnswer).where(
            FeedbackAnswer.person_id == other.id, FeedbackAnswer.deleted.is_(False)
        )
    ).all():
        new_id = answer_id(answer.training_id, keep.id, answer.question)
        kept = session.get(FeedbackAnswer, new_id)
        if kept is None:
            session.add(FeedbackAnswer(id=new_id, training_id=answer.training_id,
                                       person_id=keep.id, question=answer.question,
                                       value=answer.value, comment=answer.comment))  # fmt: skip
        elif kept.deleted:
            kept.deleted, kept.value, kept.comment = False, answer.value, answer.comment
        answer.deleted = True
