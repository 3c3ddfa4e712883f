"""Encrypted vs plain SQLite for the benchmarks: the same data, the same code, with and without a key.

Muster has no switch to run unencrypted, and must not get one. The baseline is made
here, on the benchmark side:

- the data: a plain copy of an encrypted data folder, its database decrypted with
  ``sqlcipher_export`` (so both files hold the same rows in the same page layout);
- the code: the core already opens a database without a key (``Database(path, None)``
  is how an earlier release's plaintext file is read before its upgrade), so the plain
  runs go through the very same ``open_installation``, CLI and window code with
  unlocking answered by "no key" and the plaintext upgrade left out;
- the SQLite: without a key the core would use Python's own ``sqlite3`` (Debian's
  SQLite 3.40, built with SECURE_DELETE), a different engine from the one under
  SQLCipher (SQLite 3.53, STAT4). The plain runs therefore get the same DB-API module,
  ``sqlcipher3``, without a key: SQLCipher without a key is plain SQLite.

Nothing else differs: the encrypted runs pay for the key derivation, the page cipher
and the sealed files, which is what is measured.

``python -m benchmarks.at_rest {plain|encrypted} {gui|cli} [ARGS...]`` starts the
desktop app (``muster-gui``) or the command line (``muster ARGS``) that way; both
modes start through this module, so they import the same things in the same order.
"""

from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# zxcvbn accepts it; the benchmark folders are made with the app's own Argon2id cost.
PASSPHRASE = "benchmark passphrase, long enough"
MODES = ("plain", "encrypted")


def command(mode: str, entry: str, *args: str) -> list[str]:
    """The command line that starts Muster's ``entry`` (gui or cli) in ``mode``."""
    assert mode in MODES and entry in ("gui", "cli")
    return [sys.executable, "-m", "benchmarks.at_rest", mode, entry, *args]


def _no_key(*_args: Any, **_kwargs: Any) -> None:
    return None


def _connect_without_key(path: Any, **kwargs: Any) -> Any:
    import sqlcipher3

    return sqlcipher3.connect(str(path), **kwargs)


def use_sqlcipher_sqlite_without_key() -> None:
    """Keyless files opened by SQLCipher's SQLite, not Python's (keyed ones are unchanged)."""
    import sqlcipher3
    from sqlalchemy import create_engine

    from app.db import cipher, engine

    engine.create_engine = functools.partial(create_engine, module=sqlcipher3)  # type: ignore[attr-defined]
    cipher.sqlite3 = SimpleNamespace(connect=_connect_without_key)  # type: ignore[attr-defined]


def use_plain_files() -> None:
    """Unlocking yields no key and a plaintext file stays plaintext (the baseline's only change)."""
    from app.services import installation
    from app.services.vault import upgrade

    use_sqlcipher_sqlite_without_key()
    installation.unlock_data = _no_key  # type: ignore[assignment]
    upgrade.needs_upgrade = lambda _paths: False  # type: ignore[assignment]


def data_key(home: Path, passphrase: str = PASSPHRASE) -> bytes:
    """The data key of an encrypted benchmark folder (one Argon2id run)."""
    from app.paths import Paths
    from app.services import vault

    return vault.unlock(Paths(home), passphrase)


def export_plain(encrypted: Path, destination: Path, key: bytes) -> None:
    """A plaintext copy of an encrypted database (SQLCipher's ``sqlcipher_export``)."""
    from app.db import cipher

    for suffix in ("", "-wal", "-shm"):
        Path(f"{destination}{suffix}").unlink(missing_ok=True)
    conn = cipher.connect(encrypted, key)
    try:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(destination),))
        conn.execute("SELECT sqlcipher_export('plain')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA plain.user_version = {int(version)}")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    plain = cipher.connect(destination, None)
    try:
        plain.execute("PRAGMA journal_mode=WAL").fetchone()  # as the app leaves its files
    finally:
        plain.close()


def plain_copy(home: Path, destination: Path, passphrase: str = PASSPHRASE) -> Path:
    """``destination``: the folder ``home`` with its database decrypted and no data key.

    The signing key, certificate and settings come along, so the plain folder starts
    like the encrypted one (no first-run welcome); its kept files stay as they are.
    """
    key = data_key(home, passphrase)
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(
        home, destination, ignore=shutil.ignore_patterns("muster.sqlite3*", "data-key.json")
    )
    export_plain(home / "muster.sqlite3", destination / "muster.sqlite3", key)
    return destination


def main(argv: list[str]) -> int:
    mode, entry, *args = argv
    if mode not in MODES or entry not in ("gui", "cli"):
        print("usage: python -m benchmarks.at_rest {plain|encrypted} {gui|cli} [ARGS...]")
        return 2
    # As the ``muster`` and ``muster-gui`` entry points start (app.gc_pause), both modes.
    from app import gc_pause

    gc_pause.pause()
    # The same imports in both modes; the plain one then answers unlocking with no key.
    import sqlalchemy  # noqa: F401
    import sqlcipher3  # noqa: F401

    import app.db.cipher
    import app.db.engine
    import app.services.installation
    import app.services.vault.upgrade  # noqa: F401

    if mode == "plain":
        use_plain_files()
    if entry == "gui":
        from app.launch import run_gui

        return run_gui()
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
