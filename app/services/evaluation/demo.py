"""Demo evaluation data: session times, knowledge tests and feedback for the pilot trainings.

Standard library only and deterministic (string-seeded ``random.Random`` per training), so
every run gives the same records and the demo's existing people and marks stay as they
were. The pre-test is taken by those present at the first session they were expected at,
the post-test by those present at their last one (a few leave before it); the feedback
form by those present at their last session.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.services.demo_data import DEMO_TRAININGS, DemoTraining

# Minutes after midnight: 8:30-16:30 in the Congo, 9:30-17:30 in Tashkent (the last day is
# a morning), 9:00-17:00 then 9:00-16:00 in Tunis.
SESSION_TIMES: dict[str, tuple[int, int]] = {
    "monusco-beni": (510, 990), "monusco-bunia": (510, 990), "monusco-kinshasa": (540, 1020),
    "unrcca-day1": (570, 1050), "unrcca-day2": (570, 1050), "unrcca-day3": (570, 780),
    "unsmil-day1": (540, 1020), "unsmil-day2": (540, 960),
}  # fmt: skip
TEST_MAX: dict[str, int] = {
    "monusco-2024-prisons": 20,
    "unrcca-2024-tashkent": 10,
    "unsmil-2024-tunis": 20,
}

_COMMENTS = {
    "MONUSCO": (
        "Très utile pour le traitement des dossiers de terrorisme.",
        "Les cas pratiques étaient excellents ; prévoir plus de temps.",
        "Il faudrait une formation de suivi sur la preuve numérique.",
        "La salle était trop petite pour le nombre de participants.",
        "Formation pertinente, mais les documents sont arrivés en retard.",
    ),
    "UNRCCA": (
        "Very useful exchange with colleagues from the region.",
        "More time for the working groups, please.",
        "Полезный обмен опытом между странами региона.",
        "The session on Afghanistan was the most relevant for my work.",
    ),
    "UNSMIL": (
        "ورشة مفيدة جدا، نأمل في متابعة.",
        "Useful, but translation into Arabic was sometimes missing.",
        "The border management session should be longer.",
        "ينبغي إشراك المزيد من النساء في هذه الورش.",
    ),
}


@dataclass(frozen=True)
class DemoEvaluation:
    scores: tuple[tuple[str, str, int], ...]  # (person key, "pre"|"post", points)
    answers: tuple[tuple[str, str, int | None, str], ...]  # (person key, code, value, comment)


def _present_at(training: DemoTraining) -> dict[str, list[tuple[str, str]]]:
    """Person key -> their (session key, status) in session order."""
    order = {s.key: i for i, s in enumerate(training.sessions)}
    marks: dict[str, list[tuple[str, str]]] = {}
    for person, session, status in sorted(training.attendance, key=lambda a: order[a[1]]):
        marks.setdefault(person, []).append((session, status))
    return marks


def demo_evaluation(training: DemoTraining) -> DemoEvaluation:
    """The scores and feedback of one demo training (the same on every run)."""
    maximum = TEST_MAX.get(training.key)
    rng = random.Random(f"muster-demo-evaluation:{training.key}")
    comments = _COMMENTS.get(training.mission, ())
    scores: list[tuple[str, str, int]] = []
    answers: list[tuple[str, str, int | None, str]] = []
    given = 0  # comments go round the list: a summary shows each one before any repeats
    for person in training.participants:
        marks = _present_at(training).get(person, [])
        if not marks:
            continue
        first, last = marks[0][1] == "present", marks[-1][1] == "present"
        if maximum:
            pre = rng.randint(maximum // 5, maximum * 13 // 20)
            gain = rng.choice((-1, 0, 1, 2, 2, 3, 3, 4, 5, 6)) * maximum // 20
            post = max(0, min(maximum, pre + gain))
            if first:
                scores.append((person, "pre", pre))
            if last and rng.random() > 0.08:  # a few leave before the post-test
                scores.append((person, "post", post))
        if last:
            answers.append((person, "overall", rng.choices((3, 4, 5), (2, 5, 4))[0], ""))
            answers.append((person, "relevance", rng.choices((2, 3, 4, 5), (1, 2, 5, 4))[0], ""))
            answers.append((person, "recommend", 1 if rng.random() < 0.88 else 0, ""))
            if comments and rng.random() < 0.25:
                answers.append((person, "comment", None, comments[given % len(comments)]))
                given += 1
    return DemoEvaluation(tuple(scores), tuple(answers))


DEMO_EVALUATIONS: dict[str, DemoEvaluation] = {t.key: demo_evaluation(t) for t in DEMO_TRAININGS}


def add_demo_evaluation(session: Any, training: DemoTraining, training_id: str,
                        add: Callable[[object], None]) -> None:  # fmt: skip
    """Add the training's demo scores and answers (ids derived: a second run adds nothing)."""
    from app.db.base import derived_id
    from app.db.models import FeedbackAnswer, TestScore, Training
    from app.services.evaluation.people import answer_id, score_id

    row = session.get(Training, training_id)
    if row is not None and row.test_max_score is None and training.key in TEST_MAX:
        row.test_max_score = TEST_MAX[training.key]  # a demo loaded by an earlier version
    evaluation = DEMO_EVALUATIONS[training.key]
    for key, phase, points in evaluation.scores:
        pid = derived_id("demo-person", key)
        add(TestScore(id=score_id(training_id, pid, phase), training_id=training_id,
                      person_id=pid, phase=phase, score=points))  # fmt: skip
    for key, code, value, comment in evaluation.answers:
        pid = derived_id("demo-person", key)
        add(FeedbackAnswer(id=answer_id(training_id, pid, code), training_id=training_id,
                           person_id=pid, question=code, value=value, comment=comment))  # fmt: skip
