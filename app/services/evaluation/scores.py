"""Knowledge tests matched person by person: a pre- and a post-test score, out of a maximum.

The maximum belongs to the training (one test, taken before and after). A score is a
whole number of points from 0 to the maximum; no row means "not taken". Scores are
kept only for people registered for the training, and every change is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.models import TEST_PHASES, Enrolment, TestScore
from app.errors import UserError
from app.l10n import Phrase
from app.services.evaluation.people import score_id
from app.services.installation import Installation
from app.services.people import ParticipantInfo, list_participants
from app.services.trainings import _live_training

MAX_SCORE = 10_000


@dataclass(frozen=True)
class ScoreGrid:
    training_id: str
    max_score: int | None
    participants: tuple[ParticipantInfo, ...]
    scores: dict[tuple[str, str], int]  # (person_id, "pre"|"post") -> points

    def pair(self, person_id: str) -> tuple[int | None, int | None]:
        return self.scores.get((person_id, "pre")), self.scores.get((person_id, "post"))


@dataclass(frozen=True)
class ScoreInput:
    person_id: str
    phase: str  # "pre" or "post"
    score: int | None  # None removes it


def get_scores(inst: Installation, training_id: str) -> ScoreGrid:
    participants = tuple(list_participants(inst, training_id))
    ids = {p.person.id for p in participants}
    with inst.db.reading() as session:
        training = _live_training(session, training_id)
        rows = session.execute(
            select(TestScore.person_id, TestScore.phase, TestScore.score).where(
                TestScore.training_id == training_id, TestScore.deleted.is_(False)
            )
        ).all()
        max_score = training.test_max_score
    scores = {(pid, phase): int(score) for pid, phase, score in rows if pid in ids}
    return ScoreGrid(training_id, max_score, participants, scores)


def set_max_score(inst: Installation, training_id: str, max_score: int | None) -> None:
    """The test's maximum; refused below a score already entered."""
    if max_score is not None and not 1 <= max_score <= MAX_SCORE:
        raise UserError(Phrase("The maximum score must be between 1 and {most:,}.", most=MAX_SCORE))
    with inst.db.transaction() as session:
        training = _live_training(session, training_id)
        highest = session.scalar(
            select(func.max(TestScore.score)).where(
                TestScore.training_id == training_id, TestScore.deleted.is_(False)
            )
        )
        if highest is not None and (max_score is None or highest > max_score):
            raise UserError(
                Phrase(
                    "A score of {highest} is already entered: the maximum cannot be lower. "
                    "Correct that score first.",
                    highest=highest,
                )
            )
        if training.test_max_score != max_score:
            training.test_max_score = max_score


def set_scores(inst: Installation, training_id: str, entries: Iterable[ScoreInput],
               max_score: int | None = None) -> int:  # fmt: skip
    """Record many scores in one transaction: all of them or none. Returns how many.

    ``max_score``, when given, becomes the test's maximum in the same transaction (an
    imported sheet may say it); it may not be lower than a score already entered.
    """
    entries = list(entries)
    if not entries and max_score is None:
        return 0
    with inst.db.transaction() as session, session.no_autoflush:
        training = _live_training(session, training_id)
        if max_score is not None and max_score != training.test_max_score:
            if not 1 <= max_score <= MAX_SCORE:
                raise UserError(
                    Phrase(
                        "The maximum score must be between 1 and {most:,}.",
                        most=MAX_SCORE,
                    )
                )
            highest = session.scalar(
                select(func.max(TestScore.score)).where(
                    TestScore.training_id == training_id, TestScore.deleted.is_(False)
                )
            )
            if highest is not None and highest > max_score:
                raise UserError(
                    Phrase(
                        "A score of {highest} is already entered: the maximum cannot be lower.",
                        highest=highest,
                    )
                )
            training.test_max_score = max_score
        maximum = training.test_max_score
        registered = set(
            session.scalars(
                select(Enrolment.person_id).where(
                    Enrolment.training_id == training_id, Enrolment.deleted.is_(False)
                )
            )
        )
        for entry in entries:
            check_score(entry, maximum)
            if entry.person_id not in registered:
                raise UserError(Phrase("Only people registered for the training can have scores."))
        for entry in entries:
            sid = score_id(training_id, entry.person_id, entry.phase)
            row = session.get(TestScore, sid)
            if entry.score is None:
                if row is not None and not row.deleted:
                    row.deleted = True
                continue
            if row is None:
                row = TestScore(id=sid, training_id=training_id, person_id=entry.person_id,
                                phase=entry.phase, score=entry.score)  # fmt: skip
                session.add(row)
            elif row.deleted or row.score != entry.score:
                row.deleted, row.score = False, entry.score
    return len(entries)


def check_score(entry: ScoreInput, maximum: int | None) -> None:
    if entry.phase not in TEST_PHASES:
        raise UserError(Phrase("'{phase}' is not a test: choose pre or post.", phase=entry.phase))
    if entry.score is None:
        return
    if maximum is None:
        raise UserError(Phrase("Set the test's maximum score first (for example 20)."))
    if not 0 <= entry.score <= maximum:
        raise UserError(
            Phrase("A score must be between 0 and the maximum, {maximum}.", maximum=maximum)
        )


__all__ = ["ScoreGrid", "ScoreInput", "check_score", "get_scores", "set_max_score", "set_scores"]
