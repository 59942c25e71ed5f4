"""`python -m insight report [--csv]`: the commissioners' table by local authority, suppressed as on the page."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from directory import db
from directory.settings import Settings
from insight.report import build_report, load_rows
from insight.settings import InsightSettings, InsightSettingsError, parse_threshold
from insight.tables import to_csv, to_text


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: give it as YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m insight", description=__doc__)
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: SIGNPOST_DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="the table by local authority, small numbers suppressed")
    report.add_argument("--csv", action="store_true", help="CSV for scripts instead of an aligned table")
    report.add_argument("--threshold", default=None, help="suppress counts under this (default 10, or "
                        "SIGNPOST_INSIGHT_THRESHOLD)")
    report.add_argument("--since", type=_day, default=None, help="first day counted (YYYY-MM-DD)")
    report.add_argument("--until", type=_day, default=None, help="last day counted (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    try:
        threshold = parse_threshold(args.threshold) if args.threshold else InsightSettings.from_env().threshold
    except InsightSettingsError as error:
        print(error, file=sys.stderr)
        return 2
    url = args.database_url or Settings.from_env().database_url
    db.migrate(url)
    built = build_report(load_rows(db.get_engine(url), args.since, args.until), threshold)
    if built.empty and not args.csv:
        print("No searches counted yet: figures appear here once workers have searched for services.")
        return 0
    sys.stdout.write(to_csv(built) if args.csv else to_text(built))
    return 0


if __name__ == "__main__":
    sys.exit(main())
