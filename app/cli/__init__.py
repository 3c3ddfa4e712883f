"""The ``muster`` command line: HQ scripts and end-to-end checks use it.

``muster [--home DIR] [--database URL] COMMAND``. Each ``app/cli/cmd_*.py`` module registers its
commands, so features add commands without touching this file. Exit codes are
part of the product: 0 success, 1 refused input (one-line reason on stderr),
2 usage error, 3 internal error (a bug: details in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from app import __version__, gc_pause
from app.errors import UserError
from app.paths import ENV_DATABASE_URL, Paths, get_paths

if TYPE_CHECKING:
    from app.services.installation import Installation

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_BUG = 3
PASSPHRASE_FILE_HELP = "read the passphrase from FILE's first line (default: MUSTER_PASSPHRASE)"


class Context:
    """What a command needs: the chosen paths and, unlocked and opened on demand, the data.

    The passphrase comes from ``--passphrase-file`` (every command has it) or
    ``MUSTER_PASSPHRASE``, and only when the command opens the database.
    """

    def __init__(self, paths: Paths, args: argparse.Namespace | None = None) -> None:
        self.paths = paths
        self.args = args
        self._installation: Installation | None = None
        self._key: bytes | None = None

    def passphrase(self) -> str:
        from app.services.vault import cli_passphrase

        return cli_passphrase(getattr(self.args, "passphrase_file", None))

    def unlock_ahead(self) -> None:
        """Start the passphrase's key derivation (about 0.1 s) while the command imports
        what it needs; only when a passphrase is given (and the folder has a key file)."""
        try:
            passphrase = self.passphrase()
        except UserError:
            return  # the command says so if it needs one
        from app.services.vault.keyfile import derive_ahead

        derive_ahead(self.paths.data_key, passphrase)

    def key(self) -> bytes:
        """The data key, unlocked by the passphrase (a new folder gets one)."""
        if self._key is None:
            from app.services.installation import unlock_data

            self._key = unlock_data(self.paths, self.passphrase())
        return self._key

    def database_url(self) -> str | None:
        """The PostgreSQL server in use (``--database``, the environment, the Preferences)."""
        from app.services.installation import database_url

        return database_url(self.paths, self.key())

    @property
    def installation(self) -> Installation:
        if self._installation is None:
            from app.services.installation import open_installation

            self._installation = open_installation(self.paths, key=self.key())
            gc_pause.resume()  # start-up is over: the command's own work may make cycles
        return self._installation

    def close(self) -> None:
        if self._installation is not None:
            self._installation.close()


Handler = Callable[[argparse.Namespace, Context], int]


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 on usage errors (its default) and plain messages."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="muster",
        description="Log trainings offline; export signed reports and bundles. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument(
        "--home", metavar="DIR", help="data folder (default: MUSTER_HOME or the user data folder)"
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="use this PostgreSQL server instead of the data folder's file, e.g. "
        "postgresql://analyst@hq-db/muster (default: MUSTER_DATABASE_URL or the Preferences)",
    )
    parser.add_argument("--version", action="version", version=f"Muster {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{module_info.name}")
            module.register(subparsers)
    _add_passphrase_file(subparsers)
    return parser


def _add_passphrase_file(subparsers: argparse._SubParsersAction[_Parser]) -> None:
    """Every command (the innermost ones) may open the database, so each takes the option."""
    for command in subparsers.choices.values():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _add_passphrase_file(nested[0])
            continue
        with contextlib.suppress(argparse.ArgumentError):  # the command has it already
            command.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP)


def _gui_options(argv: Sequence[str]) -> dict[str, str | None] | None:
    """``--home`` and ``--database`` when ``argv`` only chooses them: then the app opens
    straight away (building the full parser imports every command module, ~60 ms, which
    the desktop app's start-up does not need); None otherwise."""
    options: dict[str, str | None] = {"--home": None, "--database": None}
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, _, value = arg.partition("=")
        if name not in options:
            return None
        if not value and rest and not rest[0].startswith("-"):
            value = rest.pop(0)
        if not value:
            return None
        options[name] = value
    return options


@contextlib.contextmanager
def _database_option(url: str | None) -> Iterator[None]:
    """``--database URL`` counts as ``MUSTER_DATABASE_URL`` while the command (or app) runs."""
    previous = os.environ.get(ENV_DATABASE_URL)
    if url:
        os.environ[ENV_DATABASE_URL] = url
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ENV_DATABASE_URL, None)
        else:
            os.environ[ENV_DATABASE_URL] = previous


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options = _gui_options(argv)
    if options is not None:
        from app.launch import run_gui

        with _database_option(options["--database"]):
            return run_gui(home=options["--home"])
    parser = build_parser()
    args = parser.parse_args(argv)
    with _database_option(args.database):
        return _run_command(args)


def _sentence(err: UserError, paths: Paths) -> str:
    """The refusal in the interface language chosen in the app (Preferences), else English."""
    from app.errors import ValidationError
    from app.l10n import interface_language, localize

    lang = interface_language(paths.settings_file)
    if lang is None or lang == "en":
        return str(err)
    if isinstance(err, ValidationError) and len(err.errors) > 1:
        return "; ".join(localize(m, lang) for m in err.errors.values())
    return localize(err.message, lang)


def _run_command(args: argparse.Namespace) -> int:
    if args.command is None:
        from app.launch import run_gui

        return run_gui(home=args.home)
    handler: Handler = args.handler
    ctx = Context(get_paths(args.home), args)
    try:
        ctx.unlock_ahead()
        return handler(args, ctx)
    except UserError as err:
        print(f"muster: {_sentence(err, ctx.paths)}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("muster: interrupted", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:
        from app.logs import log_exception

        where = log_exception(ctx.paths, exc)
        print(
            f"muster: internal error ({type(exc).__name__}: {exc}). Details: {where}",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        ctx.close()


def console_main() -> None:
    """The ``muster`` script: a process of its own, so start-up runs without the cyclic
    garbage collector (app.gc_pause)."""
    gc_pause.pause()
    sys.exit(main())
