"""``muster server``: which PostgreSQL database an HQ analyst uses, and how to make one.

``server set URL`` checks the address (connects, brings the schema up to date) and
keeps it in the analyst's own data folder, sealed with their data key (it may hold a
password); every command and the app then use it, until ``server clear``.
``--database URL`` and ``MUSTER_DATABASE_URL`` still win for one run.
``server roles-sql`` prints the SQL that makes the team's database and its roles
(README, "A shared PostgreSQL database for an HQ team").
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, Context
from app.cli.common import print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("server", help="the PostgreSQL database an HQ team shares")
    sv = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sv.add_parser("show", help="which database this installation uses, and as whom")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(handler=cmd_show)
    q = sv.add_parser("set", help="use this PostgreSQL database from now on (checked first)")
    q.add_argument("url", metavar="URL", help="e.g. postgresql://analyst@hq-db/muster")
    q.set_defaults(handler=cmd_set)
    q = sv.add_parser("clear", help="go back to the data folder's own database file")
    q.set_defaults(handler=cmd_clear)
    q = sv.add_parser("roles-sql", help="print the SQL that makes the team's database and roles")
    q.add_argument("--name", default="muster", help="the database's name (default: muster)")
    q.add_argument("--importer", default="muster_importer", help="the role that imports")
    q.add_argument("--analyst", default="muster_analyst", help="the read-only analysts' role")
    q.add_argument("--bi", default="muster_bi", help="the BI tools' role (reporting views)")
    q.set_defaults(handler=cmd_roles_sql)


def _facts(ctx: Context, url: str) -> dict[str, object]:
    """Connect (migrating when the schema is behind) and say who we are there."""
    from app.db.raw import raw_connection
    from app.db.server import server_facts, shown_url
    from app.services.installation import open_installation

    inst = open_installation(ctx.paths, key=ctx.key(), url=url)
    try:
        with raw_connection(inst.db.engine) as conn:
            facts: dict[str, object] = dict(server_facts(conn))
    finally:
        inst.close()
    facts["url"] = shown_url(url)
    return facts


def _describe(facts: dict[str, object]) -> str:
    rights = "may import bundles" if facts["writer"] else "read-only (cannot import)"
    return f"{facts['url']} as role {facts['role']}: {rights}"


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    url = ctx.database_url()
    if url is None:
        if args.json:
            print_json({"server": None, "file": str(ctx.paths.database)})
        else:
            print(f"This installation uses its own database file, {ctx.paths.database}.")
        return EXIT_OK
    facts = _facts(ctx, url)
    if args.json:
        print_json({"server": facts})
    else:
        print(f"This installation uses the shared database {_describe(facts)}.")
    return EXIT_OK


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    from app.db.server import parse_url
    from app.services.local_settings import DATABASE_URL, LocalSettings

    url = args.url.strip()
    parse_url(url)  # one sentence when it is not a PostgreSQL address
    facts = _facts(ctx, url)
    LocalSettings(ctx.paths, ctx.key()).update({DATABASE_URL: url})
    print(f"From now on Muster uses {_describe(facts)}. 'muster server clear' goes back to "
          "this folder's own file.")  # fmt: skip
    return EXIT_OK


def cmd_clear(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.local_settings import DATABASE_URL, LocalSettings

    LocalSettings(ctx.paths, ctx.key()).update({DATABASE_URL: None})
    print(f"Muster uses this folder's own database file again, {ctx.paths.database}.")
    return EXIT_OK


def cmd_roles_sql(args: argparse.Namespace, ctx: Context) -> int:
    from app.db.server import roles_sql

    print(roles_sql(args.name, args.importer, args.analyst, args.bi), end="")
    return EXIT_OK
