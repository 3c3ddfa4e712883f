"""Writing files so that a crash, a pulled USB stick or a full disk never leaves a
half-written file under the final name: write a temporary file beside it, flush it
to disk, then rename it over the target (atomic on the same file system)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.errors import UserError
from app.l10n import Phrase


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> Path:
    """Write ``data`` to ``path``; ``private`` makes the file readable by the user only."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:
        raise UserError(
            Phrase(
                "Cannot write in the folder {parent}: {reason}.",
                parent=path.parent,
                reason=exc.strerror or exc,
            )
        ) from None
    try:
        if private:
            with contextlib.suppress(OSError):  # e.g. FAT-formatted sticks have no modes
                os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(
            Phrase("Could not write {file}: {reason}.", file=path.name, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def cannot_write(destination: Path | str, exc: OSError) -> UserError:
    """The refusal for a file the user chose that cannot be written (one sentence)."""
    return UserError(
        Phrase("Cannot write {destination}: {strerror}.", destination=destination,
               strerror=exc.strerror)
    )  # fmt: skip
