"""Fail at start, loudly, if Rasa is not the version our replacements of its internals were written for.

bot/rasa_compat.py, bot/action_failures.py, bot/action_validation.py, bot/turn_limit.py,
bot/tracker_store.py (fenced store) and bot/lock_store.py replace or subclass parts of Rasa 3.6.21
(and one method of python-socketio). A different Rasa could change those parts silently, so before
anything is patched the version and the signatures we rely on are checked.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

PINNED_RASA = "3.6.21"
# What each replacement assumes: the parameter names of the function it replaces or overrides.
RELIED_ON: dict[str, tuple[str, ...]] = {
    "socketio.AsyncServer.enter_room": ("self", "sid", "room", "namespace"),
    "rasa.core.channels.socketio.SocketIOOutput.send_custom_json": ("self", "recipient_id", "json_message", "kwargs"),
    "rasa.core.channels.socketio.SocketIOOutput._send_message": ("self", "socket_id", "response"),
    "rasa.core.channels.socketio.SocketIOInput.blueprint": ("self", "on_new_message"),
    "rasa.core.channels.rest.RestInput.blueprint": ("self", "on_new_message"),
    "rasa.core.actions.action.RemoteAction.run": ("self", "output_channel", "nlg", "tracker", "domain"),
    "rasa.core.actions.action.RemoteAction._validate_action_result": ("self", "result"),
    "rasa.core.agent.Agent.handle_message": ("self", "message"),
    "rasa.core.agent.Agent._create_tracker_store": ("store", "domain"),
    "rasa.core.tracker_store.SQLTrackerStore._retrieve": ("self", "sender_id", "fetch_events_from_all_sessions"),
    "rasa.core.tracker_store.SQLTrackerStore._additional_events": ("self", "session", "tracker"),
    "rasa.core.lock_store.LockStore.lock": ("self", "conversation_id", "lock_lifetime", "wait_time_in_seconds"),
    "rasa.core.lock_store.LockStore.get_lock": ("self", "conversation_id"),
    "rasa.core.lock_store.LockStore.save_lock": ("self", "lock"),
    "rasa.core.lock_store.LockStore.delete_lock": ("self", "conversation_id"),
}


class RasaMismatch(RuntimeError):
    """Raised at start when the installed Rasa is not the one our patches were written for."""


def resolve(path: str) -> Any:
    """The object at a dotted path: the longest importable module, then attributes."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(path)


def problems(version: str | None = None, relied_on: dict[str, tuple[str, ...]] = RELIED_ON) -> list[str]:
    """What differs from what the patches expect (empty when all is as pinned)."""
    import rasa

    found = []
    installed = version or rasa.__version__
    if installed != PINNED_RASA:
        found.append(f"Rasa {installed} is installed, but the patches in bot/ were written for Rasa {PINNED_RASA}")
    for path, expected in relied_on.items():
        try:
            names = tuple(inspect.signature(resolve(path)).parameters)
        except (ImportError, AttributeError, TypeError, ValueError) as error:
            found.append(f"{path} is missing ({type(error).__name__})")
            continue
        if names != expected:
            found.append(f"{path} takes {names}, the patches expect {expected}")
    return found


def require_pinned_rasa() -> None:
    """Stop the start with every difference named, and what to do about it."""
    found = problems()
    if found:
        raise RasaMismatch("Signpost's fixes to Rasa internals don't match the installed packages:\n- "
                           + "\n- ".join(found)
                           + "\nInstall requirements.lock (make install), or re-check each fix in bot/ against "
                             "the new version and update bot/rasa_guard.py.")
