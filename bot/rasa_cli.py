"""Run Rasa's command line with telemetry and error reporting switched off.

Rasa 3.6 sends anonymous telemetry unless told otherwise and starts Sentry error
reporting from a key shipped in the package, whatever the telemetry setting. Our
users' chats are sensitive, so every Rasa command the project runs goes through here.
It also applies our fixes to Rasa's behaviour: socket.io (bot/rasa_compat.py), failed
actions answered (bot/action_failures.py), tracker store errors not hidden (bot/tracker_store.py),
action replies checked without re-checking the schema each time (bot/action_validation.py),
turns queued in arrival order when a replica is saturated (bot/turn_limit.py); it first checks
that Rasa is the version those fixes were written for (bot/rasa_guard.py).
"""

import os
import sys


def disable_phoning_home() -> None:
    """Turn off telemetry and make Rasa's error reporting a no-op before Rasa starts."""
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import rasa.telemetry

    rasa.telemetry.initialize_error_reporting = lambda: None


def main() -> None:
    """Entry point: `python -m bot.rasa_cli <rasa arguments>`."""
    disable_phoning_home()
    from bot.rasa_guard import require_pinned_rasa

    require_pinned_rasa()  # before any of the fixes below replaces a part of Rasa
    from bot.action_failures import answer_action_failures
    from bot.action_validation import validate_action_results_once
    from bot.rasa_compat import patch_socketio
    from bot.tracker_store import fail_on_tracker_store_errors
    from bot.turn_limit import queue_turns

    patch_socketio()
    answer_action_failures()
    validate_action_results_once()
    fail_on_tracker_store_errors()
    queue_turns()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
