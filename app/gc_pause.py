"""Start-up without the cyclic garbage collector.

Importing SQLAlchemy, the models and (for the window) PySide6 makes some 100,000
objects that live as long as the process, and the collector walks them again and
again on the way: 0.13-0.2 s of a 0.5 s start here. The process entry points (the
``muster`` and ``muster-gui`` scripts, ``python -m app``) pause it; once start-up is
over (the data opened, the window shown) it resumes, with what start-up made frozen
so later collections never walk it again. A ``main()`` called in a running process
(the tests) never pauses anything.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No collections until :func:`resume` (process entry points only)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collections again, start-up's objects set aside; a no-op unless paused."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
