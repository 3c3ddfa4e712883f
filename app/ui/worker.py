"""One background worker for database work, results delivered on the GUI thread.

Modelled on Anki's ``CollectionOp``/``QueryOp``: the UI never touches SQLite on
the GUI thread for real work, so a window never freezes. Jobs run one at a time
in submission order on a single thread (SQLite has one writer anyway).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Delivery:
    __slots__ = ("error", "on_error", "on_success", "result")

    def __init__(
        self,
        on_success: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], None] | None,
        result: Any = None,
        error: BaseException | None = None,
    ) -> None:
        self.on_success, self.on_error, self.result, self.error = (
            on_success,
            on_error,
            result,
            error,
        )


class Worker(QObject):
    """Runs callables on one thread; emits ``busy_changed`` while work is pending."""

    _delivered = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(object)  # an error nobody handled: the app shows it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="muster-db")
        self._pending = 0
        self._closed = False
        self._delivered.connect(self._deliver)  # queued: emitted from the worker thread

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        job: Callable[[], T],
        on_success: Callable[[T], object] | None = None,  # its return value is ignored
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Queue ``job``; ``on_success(result)`` or ``on_error(exc)`` run on the GUI thread.

        Without ``on_error`` an error goes to ``failed``, which the app shows as a
        plain message (UserError) or a crash dialog (a bug).
        """
        if self._closed:  # the window is closing: late follow-up work is dropped
            log.debug("job ignored after shutdown: %r", job)
            dropped: Future[T] = Future()
            dropped.cancel()
            return dropped
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def call() -> T:
            try:
                result = job()
            except BaseException as exc:
                self._delivered.emit(_Delivery(on_success, on_error, error=exc))
                raise
            self._delivered.emit(_Delivery(on_success, on_error, result=result))
            return result

        return self._executor.submit(call)

    def _deliver(self, delivery: _Delivery) -> None:
        self._pending -= 1
        try:
            if self._closed:  # the window has closed: its follow-ups would act on a ghost
                log.debug("result dropped after shutdown")
            elif delivery.error is not None:
                if delivery.on_error is not None:
                    delivery.on_error(delivery.error)
                else:
                    self.failed.emit(delivery.error)
            elif delivery.on_success is not None:
                delivery.on_success(delivery.result)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Finish queued work and stop the thread (on close)."""
        self._closed = True
        self._executor.shutdown(wait=True)
