"""Entry point: parse the command line and run one command."""

from __future__ import annotations

import argparse
import sys

from storefront.bootstrap import run_as_batch_process
from storefront.cli import (
    admin_commands,
    bus_commands,
    check_commands,
    csv_commands,
    db_commands,
    payment_commands,
    reach_commands,
    recs_commands,
    search_commands,
    seed_commands,
)
from storefront.cli.reach_commands import database_failure
from storefront.settings import SettingsError, get_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m storefront.cli",
        description="Run the shop's operator commands: database, catalog, accounts, "
        "payments, bus workers. Settings come from the environment (see README.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_commands.register(commands)
    seed_commands.register(commands)
    csv_commands.register(commands)
    search_commands.register(commands)
    recs_commands.register(commands)
    payment_commands.register(commands)
    bus_commands.register(commands)
    check_commands.register(commands)
    reach_commands.register(commands)
    admin_commands.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run_as_batch_process()
    try:
        return int(args.run(args) or 0)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except Exception as exc:
        # A database out of reach or refusing the settings, met by any command: one line
        # and the exit code the units and scripts act on (3: try again; 2: fix the
        # settings), as `worker` and `check-settings` say it, not a driver's traceback.
        failure = database_failure(exc, get_settings().database_url)
        if failure is None:
            raise
        line, code = failure
        print(f"{args.command}: {line}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
