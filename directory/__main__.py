"""`python -m directory`: set up, import, export, validate, search and audit the directory."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Optional

from directory import store, versions
from directory import vocabulary as v
from directory.audit import audit, report_lines
from directory.geography.resolver import UnknownPlace
from directory.problems import InvalidDirectoryFile
from directory.search import SearchFilters, SearchOutcome
from directory.service_directory import ServiceDirectory
from directory.settings import Settings
from directory.setup import prepare
from directory.transfer import export_records, file_sha256, read_file


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    database_url = args.database_url or Settings.from_env().database_url
    if args.command == "setup":
        for line in prepare(database_url) or ["already up to date"]:
            print(line)
        return 0
    prepare(database_url)
    directory = ServiceDirectory(database_url)
    return COMMANDS[args.command](directory, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m directory", description=__doc__)
    parser.add_argument("--database-url", help="defaults to SIGNPOST_DATABASE_URL or ./var/signpost.db")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup", help="apply migrations, build geography, load the seed directory if empty")
    importer = commands.add_parser("import", help="import a CSV or Open Referral UK JSON file (all or nothing)")
    importer.add_argument("file", type=Path)
    importer.add_argument("--replace-all", action="store_true", help="delete services that are not in the file")
    exporter = commands.add_parser("export", help="print every service as CSV or ORUK JSON")
    exporter.add_argument("--format", choices=("csv", "oruk"), default="csv")
    exporter.add_argument("--output", type=Path, help="write to this file instead of standard output")
    commands.add_parser("validate", help="check a file without importing it").add_argument("file", type=Path)
    search = commands.add_parser("search", help="services for a place or postcode")
    search.add_argument("place")
    search.add_argument("--type", choices=sorted(v.INTERVENTION_TYPES))
    search.add_argument("--gender", choices=sorted(v.GENDERS))
    search.add_argument("--risk", choices=sorted(v.RISK_LEVELS))
    search.add_argument("--route", choices=sorted(v.REFERRAL_ROUTES))
    search.add_argument("--format", choices=sorted(v.FORMATS))
    search.add_argument("--json", action="store_true", help="print a JSON list")
    auditor = commands.add_parser("audit", help="records to check: no source, undated, past review; blank fields")
    auditor.add_argument("--review-months", type=int, default=None,
                         help="default: SIGNPOST_REVIEW_MONTHS, or 12")
    auditor.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def _import(directory: ServiceDirectory, args: argparse.Namespace) -> int:
    try:
        records = read_file(args.file, directory.resolver)
    except InvalidDirectoryFile as error:
        return _report_invalid(args.file, error, "Nothing was imported.")
    versions.apply(directory.sessions, records, who=versions.COMMAND_LINE, file_name=Path(args.file).name,
                   file_sha256=file_sha256(Path(args.file)), replace_all=args.replace_all)
    print(f"Imported {len(records)} services from {args.file}.")
    return 0


def _validate(directory: ServiceDirectory, args: argparse.Namespace) -> int:
    try:
        records = read_file(args.file, directory.resolver)
    except InvalidDirectoryFile as error:
        return _report_invalid(args.file, error, "")
    print(f"{args.file}: {len(records)} services, no problems found.")
    return 0


def _report_invalid(path: Path, error: InvalidDirectoryFile, consequence: str) -> int:
    print(f"{path}: {len(error.problems)} problem(s). {consequence}".strip(), file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
    print("Fix these in the file and run the command again.", file=sys.stderr)
    return 2


def _export(directory: ServiceDirectory, args: argparse.Namespace) -> int:
    text = export_records(directory.sessions, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def _search(directory: ServiceDirectory, args: argparse.Namespace) -> int:
    filters = SearchFilters(args.type, args.gender, args.risk, args.route, args.format)
    try:
        outcome = directory.find(args.place, filters)
    except UnknownPlace as error:
        hint = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
        print(f"{error.reason}{hint} Try a town, county, council area or postcode.", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps([r.as_dict() for r in outcome.results], indent=2))
    else:
        _print_outcome(outcome)
    return 0


def _print_outcome(outcome: SearchOutcome) -> None:
    if outcome.location.corrected_from:
        print(f"(Showing results for {outcome.location.label}.)")
    print(outcome.summary())
    for result in outcome.results:
        print(f"- {result.service_name} ({result.organisation_name}): {result.reason}")
        if result.caveat:
            print(f"    Note: {result.caveat}")


def _audit(directory: ServiceDirectory, args: argparse.Namespace) -> int:
    with directory.sessions() as session:
        records = [store.load(session, service_id) for service_id in store.all_ids(session)]
    months = args.review_months or Settings.from_env().review_months
    results = audit([r for r in records if r], date.today(), months)
    if args.json:
        print(json.dumps([a.as_dict() for a in results], indent=2))
    else:
        print("\n".join(report_lines(results, months)))
    return 0


COMMANDS = {"import": _import, "export": _export, "validate": _validate, "search": _search, "audit": _audit}

if __name__ == "__main__":
    sys.exit(main())
