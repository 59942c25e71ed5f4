"""When the action server can't be reached or fails, say so and name the helpline.

Rasa logs a failed custom action and carries on without its events, so the worker's question
gets silence. Applied by bot/rasa_cli.py to every Rasa command the project runs.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, Event, FollowupAction

from handoff.texts import ACTION_FAILED

logger = logging.getLogger(__name__)


def answer_action_failures() -> None:
    """Make a failed custom action utter ACTION_FAILED and end the turn; safe to call twice."""
    if getattr(RemoteAction.run, "answers_failures", False):
        return
    original = RemoteAction.run

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> list[Event]:
        try:
            return await original(self, *args, **kwargs)
        except ActionExecutionRejection:
            raise  # a form rejecting a slot value: Rasa's own flow, not a failure
        except Exception as error:  # noqa: BLE001 - the worker must never get silence
            logger.error("Custom action %s failed (%s); answered with the helpline", self.name(),
                         type(error).__name__)
            return [BotUttered(ACTION_FAILED), FollowupAction(ACTION_LISTEN_NAME)]

    run.answers_failures = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
