"""Helpers for tests: run the real command line."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
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
IN_CI = os.environ.get("CI", "").lower() == "true"


def needs_tools(*tools: str, reason: str) -> Any:
    """Skip when a Debian tool is missing, except in CI, where the test runs and fails.

    ``.ci/run`` installs every tool the suite uses, so a skip there would hide a broken
    install step.
    """
    import pytest

    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing) and not IN_CI, reason=reason)


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


# Modules every command needs: the fork server imports them once (see run_forked).
_PRELOAD = (
    "sqlalchemy.orm",
    "app.cli",
    "app.cli.cmd_backup",
    "app.cli.cmd_core",
    "app.cli.cmd_identity",
    "app.cli.cmd_sync",
    "app.db.models",
    "app.services.installation",
    "app.services.identity",
    "app.services.passphrase",
    "app.services.trainings",
    "app.services.vault.upgrade",
)


def _forked_muster(
    argv: list[str], env: dict[str, str], out: str, err: str, setup: str | None
) -> None:
    """The child: its own stdio (file descriptors, so C libraries' output is caught too)."""
    import os

    for fd, name, flags in ((0, os.devnull, os.O_RDONLY), (1, out, os.O_WRONLY),
                            (2, err, os.O_WRONLY)):  # fmt: skip
        handle = os.open(name, flags)
        os.dup2(handle, fd)
        os.close(handle)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(ROOT)
    if setup:
        exec(compile(setup, "<setup>", "exec"), {"__name__": "__setup__"})
    from app.cli import main

    sys.exit(main(argv))


def run_forked(
    *args: str,
    home: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    setup: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Like ``run_muster``, in a process forked from a server that imported Muster once.

    Each call is still a process of its own, with its own stdio, environment and
    exit status, that a signal really kills; only Python's start and the imports
    (about a second each time) are paid once. ``setup`` is code the child runs before
    the command (to patch in a crash at a chosen step).
    """
    import multiprocessing
    import os
    import tempfile

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    with tempfile.TemporaryDirectory(prefix="muster-forked-") as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        out.touch()
        err.touch()
        argv = ["--home", str(home), *args]
        child = context.Process(
            target=_forked_muster,
            args=(argv, {**os.environ, **(env or {})}, str(out), str(err), setup),
        )
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(argv, timeout)
        return subprocess.CompletedProcess(
            argv, child.exitcode, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
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
