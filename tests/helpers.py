"""Helpers for tests: run the real command line."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, home: Path | None = None) -> tuple[int, str, str]:
    """Run the real ``muster`` entry point in-process; returns (code, stdout, stderr)."""
    from app.cli import main

    argv = [*(["--home", str(home)] if home else []), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors and --help
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


MUSTER_EXE = [sys.executable, "-m", "app"]


def run_muster(*args: str, home: Path, env: dict[str, str] | None = None, timeout: float = 120):
    """Run ``python -m app`` in a separate process, as a user or a script would."""
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*MUSTER_EXE, "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def database_key(path: Path) -> bytes | None:
    """The data key of the installation that ``path`` (a database or backup) belongs to.

    None for a plaintext file (an earlier release's). The key file is looked for in
    the ``keys`` folder of the file's folder or of a parent (backups/ sits beside it),
    and unwrapped with ``MUSTER_PASSPHRASE``, as the command line would.
    """
    import os

    from app.db.cipher import has_plaintext_header
    from app.paths import Paths
    from app.services import vault

    path = Path(path)
    if has_plaintext_header(path) or (path.exists() and path.stat().st_size == 0):
        return None
    for folder in (path.parent, *path.parent.parents):
        paths = Paths(folder)
        if paths.data_key.is_file():
            return vault.unlock(paths, os.environ["MUSTER_PASSPHRASE"])
    return None


def connect_database(path: Path, **kwargs: Any) -> Any:
    """A DB-API connection on a Muster database file, for tests that look inside it.

    Tests open database files only through here: an encrypted file gets its
    installation's data key (SQLCipher), a plaintext one is opened with sqlite3.
    """
    import sqlite3

    import sqlcipher3

    from app.db.cipher import apply_key

    key = database_key(path)
    if key is None:
        return sqlite3.connect(path, **kwargs)

    class Connection(sqlcipher3.Connection):  # type: ignore[misc, name-defined]
        def iterdump(self) -> Any:  # sqlcipher3 has no iterdump; the stdlib's works on it
            from sqlite3.dump import _iterdump

            return _iterdump(self)

    conn = sqlcipher3.connect(str(path), factory=Connection, **kwargs)
    apply_key(conn, key)
    return conn


def dump_database(path: Path) -> str:
    """Every table and row of a database as SQL text: equal dumps mean nothing changed."""
    conn = connect_database(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()
