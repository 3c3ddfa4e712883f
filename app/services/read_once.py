"""Reading a training once for a whole document (the signed summary PDF).

The summary's sections (figures, completion, feedback, per-diem) each asked for the
training and its participant list; with 10,000 participants every read of the list
took 0.8 s. Inside :func:`read_once`, each read memoised with :func:`once` runs once
and its result is shared: the training (``trainings.get_training``), the participant
list (``people.list_participants``, a new list per caller), the per-diem totals
(``perdiem_compute.perdiem_totals``, which the report and the PDF both show) and the
completion list (``completion.training_completion``: the report's completion figures
and the PDF's completion section). Callers
only read these values, and nothing may be written meanwhile: the block only reads.
Outside the block every call reads the database, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from app.services.installation import Installation

T = TypeVar("T")

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("read_once", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within the block, each memoised read (:func:`once`) runs once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def once(inst: Installation, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or inside :func:`read_once` what it gave the first time for ``key``."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    full = (id(inst), key)
    if full not in memo:
        memo[full] = read()
    result: T = memo[full]
    return result
