"""Logging to a rotating file in the data home, and saving crash details.

The log file is plaintext in the data folder, so it never holds an error's message
(a message may quote a participant's name): tracebacks are written with the
exception types and the code locations only. The crash dialog's "Copy details"
keeps the whole text, in memory, for the user to send.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from app import __version__
from app.paths import Paths

LOG_NAME = "muster.log"
_configured: set[Path] = set()


def traceback_without_messages(exc: BaseException) -> str:
    """Where the error happened and its type (and its causes'), without any message text."""
    parts: list[str] = []
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        where = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in frames)
        kind = type(current)
        parts.insert(0, f"{where}{kind.__module__}.{kind.__qualname__}\n")
        current = current.__cause__ or current.__context__
    return "Traceback (message left out of the log):\n" + "caused:\n".join(parts)


class _NoMessageFormatter(logging.Formatter):
    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        return traceback_without_messages(ei[1]) if ei[1] is not None else ""


def setup_logging(paths: Paths, level: int = logging.INFO) -> Path:
    """Send the ``app`` loggers to ``logs/muster.log`` (1 MiB x 5 files)."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    log_file = paths.logs / LOG_NAME
    if log_file in _configured:
        return log_file
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_048_576, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(_NoMessageFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("app")
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured.add(log_file)
    return log_file


def debug_info(exc: BaseException | None = None) -> str:
    """Text for a bug report: versions, platform, and the traceback."""
    lines = [
        f"Muster {__version__}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
    ]
    try:
        import PySide6

        lines.append(f"PySide6 {PySide6.__version__}")
    except Exception:  # pragma: no cover
        pass
    if exc is not None:
        lines.append("")
        lines.extend(traceback.format_exception(exc))
    return "\n".join(line.rstrip("\n") for line in lines)


def log_exception(paths: Paths, exc: BaseException) -> Path:
    """Write the bug's details to the log file; returns where."""
    try:
        log_file = setup_logging(paths)
        logging.getLogger("app").error(
            "internal error\n%s\n%s", debug_info(), traceback_without_messages(exc)
        )
        return log_file
    except OSError:
        return Path("(log unavailable)")
