"""Every dialog a test opens is answered by the test; any other one fails it, never hangs it.

A modal dialog runs a nested event loop: if nobody answers it, the test waits
forever (pytest-timeout's signal method never fires while Qt's C++ loop runs).
:class:`DialogGuard` is a timer in the test's event loop that

* answers the dialogs the test announced with :meth:`DialogGuard.expect`, in order;
* closes any other modal dialog that stays open for ``patience`` seconds, and
  remembers it, so the test fails with the dialog's title and text;
* after ``deadline`` seconds closes every window and stops every event loop, so
  a test stuck in ``app.exec()`` returns and fails instead of hanging.

The ``dialog_guard`` fixture in ``conftest.py`` gives each Qt test one, and fails
the test at teardown when something went unanswered or an expected dialog never came.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

# Handles the widget it is given; True when this step is done.
Step = Callable[[QWidget], bool]

PATIENCE_S = 10.0
DEADLINE_S = 50.0

_current_guard: DialogGuard | None = None


def current_guard() -> DialogGuard:
    """The guard of the running test (the ``dialog_guard`` fixture made it)."""
    assert _current_guard is not None, "this test uses no Qt fixture, so it has no dialog guard"
    return _current_guard


def answer_next_dialog(button_text: str, seen: list[str] | None = None) -> None:
    """Click ``button_text`` on the next modal dialog when it opens."""
    current_guard().expect(button_text, seen=seen)


def describe(widget: QWidget) -> str:
    """One line naming a dialog: its class, title and, for message boxes, its text."""
    text = f"{type(widget).__name__} {widget.windowTitle()!r}"
    if isinstance(widget, QMessageBox):
        text += f": {widget.text()!r}"
    return text


def button_texts(widget: QWidget) -> list[str]:
    return [b.text().replace("&", "") for b in widget.findChildren(QAbstractButton)]


def click_button(button_text: str, seen: list[str] | None = None) -> Step:
    """A step clicking the button labelled ``button_text`` (accelerator marks ignored)."""

    def step(widget: QWidget) -> bool:
        for button in widget.findChildren(QAbstractButton):
            if button.text().replace("&", "") == button_text and button.isVisible():
                if seen is not None:
                    seen.append(widget.windowTitle())
                    if isinstance(widget, QMessageBox):
                        seen.append(widget.text())
                button.click()
                return True
        return False  # not this dialog (yet): the guard's patience decides

    return step


def close_quietly(widget: QWidget) -> None:
    """Close a dialog the way Escape would, whatever kind it is."""
    if isinstance(widget, QMessageBox) and widget.escapeButton() is not None:
        widget.escapeButton().click()
    if widget.isVisible() and isinstance(widget, QDialog):
        widget.reject()
    if widget.isVisible():
        widget.close()


@dataclass
class DialogGuard:
    patience: float = PATIENCE_S
    deadline: float = DEADLINE_S
    problems: list[str] = field(default_factory=list)
    steps: list[tuple[str, Step]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    _current: QWidget | None = None
    _since: float = 0.0
    _timer: QTimer | None = None
    _gave_up: bool = False

    def start(self) -> None:
        global _current_guard
        _current_guard = self
        self._timer = QTimer()
        self._timer.setInterval(25)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def stop(self) -> None:
        """End of the test: close dialogs it left open (they would leak into the next test)."""
        global _current_guard
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                close_quietly(widget)
        if _current_guard is self:
            _current_guard = None
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
        if self._gave_up:
            # QApplication.exit() leaves Qt's "quit now" flag set, which would end every
            # later event loop at once; only QApplication.exec() clears it again.
            QTimer.singleShot(0, lambda: QApplication.exit(0))
            QApplication.exec()

    # -- what the test says ---------------------------------------------------------------

    def expect(self, step: Step | str, what: str = "", seen: list[str] | None = None) -> None:
        """Answer the next modal dialog with ``step`` (or click the button of that name)."""
        if isinstance(step, str):
            what = what or f"a dialog with a {step!r} button"
            step = click_button(step, seen)
        self.steps.append((what or getattr(step, "__name__", "a dialog"), step))

    def expect_window(self, step: Step, what: str) -> None:
        """Like :meth:`expect`, but the step also sees the visible main window when no
        dialog is open (for tests that drive ``app.run()`` through to the end)."""
        step.__dict__["wants_main_window"] = True
        self.steps.append((what, step))

    # -- the timer ------------------------------------------------------------------------

    def _tick(self) -> None:
        now = time.monotonic()
        if now - self.started > self.deadline:
            self._give_up()
            return
        modal = QApplication.activeModalWidget()
        widget = modal
        if widget is None and self.steps and self.steps[0][1].__dict__.get("wants_main_window"):
            widget = next(
                (w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMainWindow) and w.isVisible()),
                None,
            )  # fmt: skip
        if widget is None:
            self._current = None
            return
        if widget is not self._current:
            self._current, self._since = widget, now
        if self.steps and self._answer(widget):
            return
        if modal is not None and now - self._since > self.patience:
            waiting = f" while expecting {self.steps[0][0]}" if self.steps else ""
            self.problems.append(
                f"unanswered {describe(modal)} (buttons {button_texts(modal)}){waiting}; "
                "closed by the guard"
            )
            close_quietly(modal)

    def _answer(self, widget: QWidget) -> bool:
        """Let the next step handle ``widget``; True when it did."""
        what, step = self.steps[0]
        try:
            done = step(widget)
        except Exception as exc:  # a wrong dialog, or a failed check: report it, close it
            self.steps.pop(0)
            self.problems.append(f"while expecting {what}: {type(exc).__name__}: {exc}")
            close_quietly(widget)
            return True
        if done:
            self.steps.pop(0)
            self._current = None
        return done

    def _give_up(self) -> None:
        if self._gave_up:
            return
        self._gave_up = True
        self.problems.append(
            f"still running after {self.deadline:.0f} s: closed every window and stopped "
            "the event loops"
        )
        while (widget := QApplication.activeModalWidget()) is not None:
            self.problems.append(f"open: {describe(widget)}")
            close_quietly(widget)
            if QApplication.activeModalWidget() is widget:
                break
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        QApplication.exit(99)  # every event loop of the main thread returns

    def report(self) -> list[str]:
        """What went wrong: unanswered dialogs and expected dialogs that never came."""
        missing = [f"expected {what}, but it never opened" for what, _ in self.steps]
        return [*self.problems, *missing]
