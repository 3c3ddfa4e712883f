"""Backup commands: ``muster backup``, ``muster backups``, ``muster restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import EXIT_OK, Context
from app.cli.common import print_json, print_table
from app.errors import UserError
from app.l10n import Phrase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="make a backup of the database now")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it (default: a new file in the backups folder)",
    )
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("backups", help="list the backups in the backups folder")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_backups)

    p = sub.add_parser(
        "restore", help="replace the database with a backup (the current one is kept)"
    )
    p.add_argument(
        "file", metavar="FILE", help="the backup file, or its name in the backups folder"
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_restore)


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.backups import backup_now

    destination = Path(args.output) if args.output else None
    path = backup_now(ctx.installation, destination)
    if args.json:
        print_json({"path": str(path), "size": path.stat().st_size})
        return EXIT_OK
    print(f"Backup written to {path} ({_size(path.stat().st_size)}).")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.backups import list_backups

    backups = list_backups(ctx.paths)
    if args.json:
        print_json(
            [
                {
                    "file": str(b.path),
                    "created_at": b.created_at.isoformat(timespec="seconds"),
                    "reason": b.reason,
                    "automatic": b.automatic,
                    "size": b.size,
                }
                for b in backups
            ]
        )
        return EXIT_OK
    if not backups:
        print(f"No backups yet in {ctx.paths.backups}. 'muster backup' makes one.")
        return EXIT_OK
    print_table(
        ["MADE", "REASON", "SIZE", "FILE"],
        [
            [b.created_at.strftime("%Y-%m-%d %H:%M"), b.reason, _size(b.size), b.path.name]
            for b in backups
        ],
    )
    return EXIT_OK


def _resolve_backup(ctx: Context, name: str) -> Path:
    """The file named: a path (relative to the current folder) or a name in the backups folder."""
    given = Path(name).expanduser().absolute()
    if given.is_file():
        return given
    in_folder = ctx.paths.backups / Path(name).name
    if Path(name).name == name and in_folder.is_file():
        return in_folder
    if given.exists():
        raise UserError(Phrase("{name} is a folder; give the backup file inside it.", name=name))
    raise UserError(
        Phrase("There is no file {name}. 'muster backups' lists the backups.", name=name)
    )


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(Phrase("Restoring replaces the current database; add --yes to confirm."))
    answer = input(question + " [y/N] ")
    if answer.strip().lower() in ("y", "yes", "o", "oui"):
        return True
    print("Nothing was changed.")
    return False


def _restore_server(args: argparse.Namespace, ctx: Context, file: Path, url: str) -> int:
    from app.db.server import shown_url
    from app.services.backups import restore_server

    if not _confirm(
        args,
        f"Replace everything in the shared database {shown_url(url)} with {file.name}? "
        "Ask the other analysts to close Muster first; the current contents are kept "
        "in the backups folder.",
    ):
        return EXIT_OK
    result = restore_server(ctx.paths, file, ctx.key(), url)
    print(
        f"Restored {file.name} into {shown_url(url)}: {result.trainings} trainings, "
        f"{result.people} people. The previous contents are kept as {result.previous_copy}."
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.backups import check_database_file, restore
    from app.ui.single_instance import app_is_running

    file = _resolve_backup(ctx, args.file)
    key = ctx.key()  # the data key, without opening the database (it may be damaged)
    url = ctx.database_url()
    if url is not None:
        return _restore_server(args, ctx, file, url)
    check = check_database_file(file, key)
    if app_is_running(ctx.paths):
        raise UserError(Phrase("Muster is open on this data folder. Close it, then restore again."))
    if not _confirm(
        args,
        f"Replace the current database with {file.name} "
        f"({check.trainings} trainings, {check.people} people)? "
        "The current one is kept in the backups folder.",
    ):
        return EXIT_OK
    ctx.close()  # no connection of ours may stay open on the file being replaced
    result = restore(ctx.paths, file, key)
    print(
        f"Restored {file.name}: {result.trainings} trainings, {result.people} people. "
        + (
            f"The previous database is kept as {result.previous_copy}."
            if result.previous_copy
            else ""
        )
    )
    return EXIT_OK
