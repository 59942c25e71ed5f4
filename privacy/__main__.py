"""`python -m privacy retention [--days N]` and `python -m privacy erase CONVERSATION_ID` (privacy/README.md).

Prints counts only: never message text, contact details or the conversation id.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

from handoff.models import utcnow
from handoff.retention import cutoff_for, run_retention
from handoff.settings import HandoffSettings, SettingsError
from handoff.store import HandoffStore
from privacy import trackers

T = TypeVar("T")
UNREACHABLE = 1
BAD_ARGUMENT = 2
MAX_CONVERSATION_ID = 255  # Rasa's sender_id column


class Unreachable(Exception):
    """A database could not be opened; the message names it (password masked) and what to check."""


def _guarded(what: str, url: str, setting: str, action: Callable[[], T]) -> T:
    """Run `action`, turning driver and connection errors into one clear message."""
    try:
        return action()
    except (SQLAlchemyError, ImportError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:200]
        raise Unreachable(f"Could not use the {what} at {trackers.safe_url(url)} ({type(error).__name__}: {reason}). "
                          f"Check {setting} and that the database is running, then run the command again.") from None


def _handoff_store(url: str) -> HandoffStore | None:
    """The handoff store, or None if its database or tables do not exist yet (nothing to do)."""
    engine = trackers.open_store(url, table="callback_request")
    return None if engine is None else HandoffStore(engine=engine)


def _retention(tracker_url: str, handoff_url: str, days: int) -> None:
    """Tracker retention, then handoff's own retention job (callbacks, transcripts)."""
    now = utcnow()
    cutoff = cutoff_for(days, now)
    engine = _guarded("tracker store", tracker_url, "SIGNPOST_TRACKER_URL", lambda: trackers.open_store(tracker_url))
    if engine is None:
        print("Tracker store: nothing to do (no tracker events stored yet).")
    else:
        counts = _guarded("tracker store", tracker_url, "SIGNPOST_TRACKER_URL",
                          lambda: trackers.delete_older_than(engine, cutoff.timestamp()))
        print(f"Tracker store, older than {days} days: deleted {counts.conversations} conversation(s) whole and "
              f"earlier sessions of {counts.old_sessions} conversation(s) still in use; {counts.events} event(s).")
    store = _guarded("handoff store", handoff_url, "SIGNPOST_DATABASE_URL", lambda: _handoff_store(handoff_url))
    if store is None:
        print("Handoff store: nothing to do (no handoff tables yet).")
        return
    done = _guarded("handoff store", handoff_url, "SIGNPOST_DATABASE_URL", lambda: run_retention(store, days, now))
    print(f"Handoff store, older than {days} days: deleted {done['callbacks']} callback request(s), "
          f"{done['messages']} relayed message(s), {done['handoffs']} closed handoff(s), "
          f"{done['listing_flags']} closed listing flag(s).")


def _erase(tracker_url: str, handoff_url: str, conversation_id: str) -> None:
    """Every tracker event of the conversation, then its handoffs, messages and callbacks."""
    engine = _guarded("tracker store", tracker_url, "SIGNPOST_TRACKER_URL", lambda: trackers.open_store(tracker_url))
    events = 0 if engine is None else _guarded("tracker store", tracker_url, "SIGNPOST_TRACKER_URL",
                                               lambda: trackers.erase_conversation(engine, conversation_id))
    print(f"Tracker store: erased {events} event(s).")
    store = _guarded("handoff store", handoff_url, "SIGNPOST_DATABASE_URL", lambda: _handoff_store(handoff_url))
    done = {"callbacks": 0, "messages": 0, "handoffs": 0} if store is None else _guarded(
        "handoff store", handoff_url, "SIGNPOST_DATABASE_URL", lambda: store.erase_conversation(conversation_id))
    print(f"Handoff store: erased {done['handoffs']} handoff(s), {done['messages']} relayed message(s), "
          f"{done['callbacks']} callback request(s).")
    if not events and not any(done.values()):
        print("Nothing was held for that conversation id (already erased, deleted by retention, or mistyped: "
              "it is Rasa's sender id, e.g. the widget's session id).")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m privacy", description=__doc__.splitlines()[0])
    parser.add_argument("--tracker-url", help="default: SIGNPOST_TRACKER_URL, else sqlite:///$SIGNPOST_TRACKER_DB, "
                                              "else sqlite:///var/trackers.db")
    parser.add_argument("--database-url", help="handoff store; default: SIGNPOST_DATABASE_URL or var/signpost.db")
    commands = parser.add_subparsers(dest="command", required=True)
    retention = commands.add_parser("retention", help="delete conversations, transcripts and callbacks past retention")
    retention.add_argument("--days", type=int, help="default: SIGNPOST_RETENTION_DAYS or 30")
    erase = commands.add_parser("erase", help="erase one conversation everywhere (a worker's request)")
    erase.add_argument("conversation_id", help="Rasa's sender id (the widget's session id)")
    return parser


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse arguments that would do the wrong thing quietly."""
    if args.command == "retention" and args.days is not None and args.days < 1:
        parser.error("--days must be at least 1 (retention deletes everything older than that many days)")
    if args.command == "erase" and not (args.conversation_id.strip() and len(args.conversation_id) <= MAX_CONVERSATION_ID):
        parser.error(f"the conversation id must be 1 to {MAX_CONVERSATION_ID} characters, not blank")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    try:
        settings = HandoffSettings.from_env()
        tracker_url = args.tracker_url or trackers.tracker_url()
    except (SettingsError, trackers.TrackerStoreError) as error:
        print(f"{error}; fix it and run the command again.", file=sys.stderr)
        return BAD_ARGUMENT
    handoff_url = args.database_url or settings.database_url
    try:
        if args.command == "retention":
            _retention(tracker_url, handoff_url, args.days or settings.retention_days)
        else:
            _erase(tracker_url, handoff_url, args.conversation_id)
    except Unreachable as error:
        print(error, file=sys.stderr)
        return UNREACHABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())
