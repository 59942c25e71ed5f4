"""Admin commands: `python -m handoff create-advisor USERNAME`, `grant-role`, `withdraw-role`, `retention`, `console`,
`set-password`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys

from directory import db
from handoff.console.auth import MIN_PASSWORD, hash_password, password_problem
from handoff.models import ROLES
from handoff.retention import run_retention
from handoff.settings import HandoffSettings
from handoff.store import Conflict, HandoffStore, NotFound


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise SystemExit("The passwords differ; nothing was changed.")
    problem = password_problem(password)
    if problem:
        raise SystemExit(problem)
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handoff", description=__doc__)
    parser.add_argument("--database-url", help="default: SIGNPOST_DATABASE_URL or var/signpost.db")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-advisor", help="create an advisor account for the console")
    create.add_argument("username")
    create.add_argument("--display-name", help="the name workers see (default: the username)")
    create.add_argument("--admin", action="store_true", help="may read the audit log and grant roles")
    create.add_argument("--role", action="append", choices=sorted(ROLES), dest="roles",
                        help="a console role (repeat for several; default: advisor)")
    create.add_argument("--password-stdin", action="store_true",
                        help=f"read the password (at least {MIN_PASSWORD} characters) from standard input")
    reset = commands.add_parser("set-password", help="set an advisor's password and clear any lock-out")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    for name, verb in (("grant-role", "grant"), ("withdraw-role", "withdraw")):
        role = commands.add_parser(name, help=f"{verb} a console role ({', '.join(ROLES)})")
        role.add_argument("username")
        role.add_argument("role", choices=sorted(ROLES))
    retention = commands.add_parser("retention", help="delete callbacks and transcripts past the retention period")
    retention.add_argument("--days", type=int, help="default: SIGNPOST_RETENTION_DAYS or 30")
    console = commands.add_parser("console", help="serve the advisor console on its own at /console")
    console.add_argument("--host", default="127.0.0.1")
    console.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)

    settings = HandoffSettings.from_env()
    url = args.database_url or settings.database_url
    db.migrate(url)
    store = HandoffStore(url)

    if args.command == "create-advisor":
        password = _read_password(args.password_stdin)
        try:
            advisor = store.create_advisor(args.username, hash_password(password), args.display_name, args.admin,
                                           roles=args.roles or ("advisor",))
        except Conflict as error:
            raise SystemExit(str(error)) from None
        print(f"Created account {advisor.username!r} (shown to workers as {advisor.display_name!r}), "
              f"roles: {', '.join(sorted(advisor.roles))}" + (", with admin rights." if advisor.is_admin else "."))
    elif args.command in ("grant-role", "withdraw-role"):
        try:
            advisor = store.set_role(args.username, args.role, args.command == "grant-role")
        except NotFound as error:
            raise SystemExit(f"{error}; create the account first with create-advisor.") from None
        store.audit(None, args.command.replace("-", "_"), f"{args.role} for {args.username} (command line)")
        print(f"{args.username!r} now holds: {', '.join(sorted(advisor.roles)) or 'no role'}.")
    elif args.command == "set-password":
        password = _read_password(args.password_stdin)
        try:
            store.set_password(args.username, hash_password(password))
        except NotFound as error:
            raise SystemExit(str(error)) from None
        print(f"Password set for {args.username!r}.")
    elif args.command == "retention":
        days = args.days or settings.retention_days
        counts = run_retention(store, days)
        print(f"Deleted, older than {days} days: {counts['callbacks']} callback request(s), "
              f"{counts['messages']} relayed message(s), {counts['handoffs']} closed handoff(s), "
              f"{counts['listing_flags']} closed listing flag(s).")
    elif args.command == "console":
        from aiohttp import web

        from handoff.console import create_console_app, mount_console

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        root = web.Application()
        mount_console(root, create_console_app(url, settings.rasa_url, settings.rasa_token))

        async def to_console(request: web.Request) -> web.StreamResponse:
            raise web.HTTPFound("/console/")

        root.router.add_get("/", to_console)
        root.router.add_get("/console", to_console)
        print(f"Advisor console on http://{args.host}:{args.port}/console/")
        web.run_app(root, host=args.host, port=args.port, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
