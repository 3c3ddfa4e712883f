"""The ``muster`` command line: HQ scripts and end-to-end checks use it.

``muster [--home DIR] COMMAND``. Each ``app/cli/cmd_*.py`` module registers its
commands, so features add commands without touching this file. Exit codes are
part of the product: 0 success, 1 refused input (one-line reason on stderr),
2 usage error, 3 internal error (a bug: details in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app import __version__
from app.errors import UserError
from app.paths import Paths, get_paths

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
        from app.services.identity import cli_passphrase

        return cli_passphrase(getattr(self.args, "passphrase_file", None))

    def key(self) -> bytes:
        """The data key, unlocked by the passphrase (a new folder gets one)."""
        if self._key is None:
            from app.services.installation import unlock_data

            self._key = unlock_data(self.paths, self.passphrase())
        return self._key

    @property
    def installation(self) -> Installation:
        if self._installation is None:
            from app.services.installation import open_installation

            self._installation = open_installation(self.paths, key=self.key())
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
    parser.add_argument("--version", action="version", version=f"Muster {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{module_info.name}")
            module.register(subparsers)
    _add_passphrase_file(subparsers)
    return parser


def _add_passphrase_file(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Every command (the innermost ones) may open the database, so each takes the option."""
    for command in subparsers.choices.values():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _add_passphrase_file(nested[0])
            continue
        with contextlib.suppress(argparse.ArgumentError):  # the command has it already
            command.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_FILE_HELP)


def _gui_home(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, home) when ``argv`` only chooses a home: then the app opens straight away.

    Building the full parser imports every command module (~60 ms), which the
    desktop app's start-up does not need.
    """
    home: str | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--home" and rest and not rest[0].startswith("-"):
            home = rest.pop(0)
        elif arg.startswith("--home=") and len(arg) > len("--home="):
            home = arg.split("=", 1)[1]
        else:
            return False, None
    return True, home


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    gui, home = _gui_home(argv)
    if gui:
        from app.__main__ import run_gui

        return run_gui(home=home)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.__main__ import run_gui

        return run_gui(home=args.home)
    handler: Handler = args.handler
    ctx = Context(get_paths(args.home), args)
    try:
        return handler(args, ctx)
    except UserError as err:
        print(f"muster: {err}", file=sys.stderr)
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
    sys.exit(main())
