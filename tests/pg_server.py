"""A real PostgreSQL server for the suite (and the benchmarks): initdb + pg_ctl in a
temporary folder, on a Unix socket only, stopped at the end.

PostgreSQL refuses to run as root, and the suite runs as root in CI: then the server
runs as the ``postgres`` system user (Debian's ``postgresql`` package makes it) through
``runuser``. The folder is made by the suite and given to that user; root can reach its
socket anyway. Local connections by the superuser ``postgres`` need no password; every
other role logs in with a password (SCRAM), as on a real server. fsync is off: a test
server's data need not survive a power cut.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"


class ServerUnavailable(Exception):
    """No PostgreSQL server binaries here (or it would not start); the reason says which."""


def find_bindir() -> Path:
    """The folder of initdb/pg_ctl: MUSTER_PG_BIN, the newest Debian cluster, or the PATH."""
    env = os.environ.get("MUSTER_PG_BIN", "").strip()
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServerUnavailable(
        "PostgreSQL is not installed (no initdb): apt-get install postgresql (.ci/run does)"
    )


def _run_as() -> list[str]:
    """The command prefix that runs the server as an unprivileged user."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise ServerUnavailable("running as root and there is no 'postgres' user") from None
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    return ["su", "postgres", "-s", "/bin/sh", "-c"]  # pragma: no cover - no util-linux


@dataclass
class PgServer:
    folder: Path
    bindir: Path
    prefix: list[str]
    watchdog: Any = None

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def _tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / name), *args]
        if self.prefix and self.prefix[-1] == "-c":  # su -c "cmd": one string
            command = [*self.prefix, " ".join(command)]
        else:
            command = [*self.prefix, *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        data = self.folder / "data"
        done = self._tool("initdb", "-D", str(data), "-U", SUPERUSER, "-E", "UTF8",
                          "--locale=C.UTF-8", "--no-sync", "--auth-local=trust")  # fmt: skip
        if done.returncode != 0:
            raise ServerUnavailable(f"initdb failed: {done.stderr.strip()[-300:]}")
        hba = data / "pg_hba.conf"
        hba.write_text(
            f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        options = (f"-k {self.folder} -c listen_addresses= -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
                   "-c shared_buffers=64MB")  # fmt: skip
        done = self._tool("pg_ctl", "-D", str(data), "-o", options, "-l",
                          str(self.folder / "server.log"), "-w", "-t", "60", "start")  # fmt: skip
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-500:]
            raise ServerUnavailable(f"the server did not start: {done.stderr.strip()} {log}")

    def stop(self) -> None:
        self._tool("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        """The address Muster takes (``--database``), on this server's socket."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@/{database}?host={self.folder}"

    def connect(self, database: str = "postgres") -> Any:
        import psycopg

        return psycopg.connect(
            host=str(self.folder), user=SUPERUSER, dbname=database, autocommit=True
        )

    def execute(self, sql: str, database: str = "postgres") -> list[tuple[Any, ...]]:
        with self.connect(database) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, name: str, template: str | None = None, owner: str = "") -> str:
        clause = f" TEMPLATE {template}" if template else ""
        if owner:
            clause += f" OWNER {owner}"
        self.execute(f"CREATE DATABASE {name}{clause}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, folder, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    time.sleep(1)
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    if not os.path.isdir(folder):
        sys.exit(0)
subprocess.run(command, capture_output=True, timeout=60, check=False)
shutil.rmtree(folder, ignore_errors=True)
"""


def _watch(server: PgServer) -> Any:
    """Stop the server if the test process dies without its teardown (a hard timeout
    ends pytest with os._exit): a tiny process polls for the parent, then stops it."""
    import sys

    stop = [*server.prefix, str(server.bindir / "pg_ctl"), "-D", str(server.folder / "data"),
            "-m", "immediate", "-w", "stop"]  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(server.folder), *stop],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def start_server() -> PgServer:
    """A new server in a new temporary folder (call ``stop_server`` when done)."""
    bindir = find_bindir()
    prefix = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="muster-pg-"))
    if prefix:
        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
    os.chmod(folder, 0o700)
    server = PgServer(folder, bindir, prefix)
    try:
        server.start()
    except BaseException:
        stop_server(server)
        raise
    server.watchdog = _watch(server)
    return server


def stop_server(server: PgServer) -> None:
    with contextlib.suppress(Exception):
        server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)
    if server.watchdog is not None:  # it sees the folder gone and ends within a second
        try:
            server.watchdog.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.watchdog.kill()
            server.watchdog.wait()


def dump_database_at(url: str) -> str:
    """Every table and row of a server database as text: equal dumps mean nothing changed.

    The PostgreSQL counterpart of tests.helpers.dump_database (rows sorted, the order
    of a heap being no part of the contents).
    """
    import psycopg

    lines = []
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]  # fmt: skip
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            lines.append(f"-- {table}")
            lines.extend(sorted(repr(r) for r in rows))
    return "\n".join(lines)
