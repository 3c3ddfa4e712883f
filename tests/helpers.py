"""Helpers for tests: run the real command line."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

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
