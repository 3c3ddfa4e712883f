"""Backups of a PostgreSQL database: ``pg_dump`` archives, sealed like the other backups.

``pg_dump --format=custom`` reads one consistent snapshot while analysts keep working;
its output is sealed with the analyst's data key (AES-256-GCM, app/services/vault/
sealed.py) and written to the backups folder as ``muster-<when>-<why>.pgdump``.
A restore unseals it to a private temporary file and runs ``pg_restore --clean
--if-exists --single-transaction``: all of it, or nothing.

The password never appears on a command line (``ps`` would show it): it goes to the
tools through ``PGPASSWORD``. Without ``pg_dump`` on this computer, the refusal says
exactly what to run instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.server import parse_url, shown_url
from app.errors import UserError
from app.l10n import Phrase

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

DUMP_SUFFIX = ".pgdump"
ENV_PG_BIN = "MUSTER_PG_BIN"  # a folder holding pg_dump and pg_restore
DUMP_TIMEOUT_S = 3600


def find_tool(name: str) -> str | None:
    """``pg_dump``/``pg_restore``: from MUSTER_PG_BIN, the PATH, or Debian's newest cluster."""
    folder = os.environ.get(ENV_PG_BIN, "").strip()
    if folder and (Path(folder) / name).is_file():
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def libpq_target(url: str | URL) -> tuple[str, dict[str, str]]:
    """(connection string without the password, environment holding it) for the tools."""
    parsed = parse_url(str(url) if isinstance(url, str) else url.render_as_string(False))
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    bare = parsed.set(drivername="postgresql", password=None)
    return bare.render_as_string(hide_password=False), env


def dump_command(url: str | URL, tool: str = "pg_dump") -> list[str]:
    """The command that writes a custom-format archive of the database to stdout."""
    target, _env = libpq_target(url)
    return [tool, "--format=custom", "--compress=6", f"--dbname={target}"]


def _missing_tool(name: str, url: str | URL, what: str) -> UserError:
    target = shown_url(url)
    return UserError(
        Phrase(
            "{name} is not installed on this computer, so Muster cannot {what}: install the "
            "PostgreSQL client tools (Debian/Ubuntu: sudo apt-get install postgresql-client), or "
            "run \"{name} --format=custom --file=muster.pgdump --dbname='{target}'\" "
            "where they are.",
            name=name,
            what=what,
            target=target,
        )
        if name == "pg_dump"
        else Phrase(
            "{name} is not installed on this computer, so Muster cannot {what}: install the "
            "PostgreSQL client tools (Debian/Ubuntu: sudo apt-get install postgresql-client).",
            name=name,
            what=what,
        )
    )


def dump(url: str | URL) -> bytes:
    """The archive of the whole database (one snapshot), or a sentence saying what failed."""
    tool = find_tool("pg_dump")
    if tool is None:
        raise _missing_tool("pg_dump", url, Phrase("back up the server's database"))
    _target, env = libpq_target(url)
    try:
        done = subprocess.run(
            dump_command(url, tool), capture_output=True, env=env, timeout=DUMP_TIMEOUT_S,
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(Phrase("pg_dump could not run: {exc}.", exc=exc)) from None
    if done.returncode != 0:
        raise UserError(Phrase("pg_dump failed: {detail}.", detail=_last_line(done.stderr)))
    return done.stdout


def write_dump(url: str | URL, destination: Path, key: bytes | None) -> Path:
    """Dump the database and write it (sealed with ``key``) to ``destination``, atomically."""
    from app.fileio import write_atomically
    from app.services.vault.sealed import seal

    archive = dump(url)
    data = seal(key, archive) if key is not None else archive
    return write_atomically(destination, data, private=True)


def restore_dump(url: str | URL, source: Path, key: bytes | None) -> None:
    """Replace the database's contents with a (sealed) archive, in one transaction."""
    from app.services.vault.sealed import is_sealed, unseal

    tool = find_tool("pg_restore")
    if tool is None:
        raise _missing_tool("pg_restore", url, Phrase("restore the server's database"))
    try:
        blob = Path(source).read_bytes()
    except OSError as exc:
        raise UserError(
            Phrase("Cannot read {name}: {strerror}.", name=Path(source).name, strerror=exc.strerror)
        ) from None
    if is_sealed(blob):
        if key is None:
            raise UserError(
                Phrase("{name} is encrypted; unlock Muster first.", name=Path(source).name)
            )
        blob = unseal(key, blob, Path(source).name)
    if not blob.startswith(b"PGDMP"):
        raise UserError(
            Phrase("{name} is not a PostgreSQL backup (pg_dump archive).", name=Path(source).name)
        )
    target, env = libpq_target(url)
    with tempfile.TemporaryDirectory(prefix="muster-restore-") as folder:
        plain = Path(folder) / "archive.pgdump"
        plain.touch(mode=0o600)
        plain.write_bytes(blob)
        command = [tool, "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                   "--no-owner", f"--dbname={target}", str(plain)]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, env=env,
                                  timeout=DUMP_TIMEOUT_S, check=False)  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UserError(Phrase("pg_restore could not run: {exc}.", exc=exc)) from None
    if done.returncode != 0:
        raise UserError(
            Phrase(
                "pg_restore failed, nothing was changed: {detail}.",
                detail=_last_line(done.stderr),
            )
        )


def dump_before_upgrade(
    engine: Engine, backups_dir: Path, key: bytes | None, reason: str
) -> Path | None:
    """A sealed archive before a schema upgrade; None when pg_dump is not installed here.

    The upgrade itself is one transaction, so it changes nothing when it fails; the
    archive is there for a mistake found later.
    """
    if find_tool("pg_dump") is None:
        return None
    from app.db.backup import timestamped_backup_path

    destination = timestamped_backup_path(backups_dir, reason, suffix=DUMP_SUFFIX)
    return write_dump(engine.url, destination, key)


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    text = lines[-1] if lines else "no reason given"
    return text.removeprefix("pg_dump: error: ").removeprefix("pg_restore: error: ")[:300]
