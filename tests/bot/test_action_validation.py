"""Action server replies are accepted and rejected exactly as Rasa's own check does, with Rasa's message."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.action_validation import validate_action_result, validate_action_results_once

REPLIES = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "area", "value": "Kendal"}], "responses": [{"text": "hello"}]},
    {"events": [{"event": "bot", "text": "hi"}]},
    {"events": "not a list"},
    {"events": [{"name": "area"}]},
    {"events": [{"event": "unknown_event_type"}]},
    {"responses": "text"},
    {"events": [{"event": 7}]},
]


def verdict(check, reply: dict) -> tuple[str, list]:  # noqa: ANN001
    """(error message or "valid", where in the reply the error is)."""
    try:
        check(reply)
        return "valid", []
    except jsonschema.ValidationError as error:
        return error.message, list(error.absolute_path)


def ours(reply: dict) -> None:
    validate_action_result(RemoteAction("action_x", None), reply)


def rasas(reply: dict) -> None:
    """What Rasa 3.6 runs: jsonschema.validate with the action reply schema."""
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("reply", REPLIES)
def test_same_verdict_as_rasa(reply: dict) -> None:
    (message, path), (rasa_message, rasa_path) = verdict(ours, reply), verdict(rasas, reply)
    assert message.startswith(rasa_message) and path == rasa_path


def test_invalid_replies_are_rejected_with_a_pointer_to_the_format() -> None:
    message, path = verdict(ours, {"events": "not a list"})
    assert message.startswith("'not a list' is not of type 'array'") and path == ["events"]
    assert "custom-actions" in message


def test_installed_on_remote_actions() -> None:
    validate_action_results_once()
    validate_action_results_once()
    assert RemoteAction._validate_action_result is validate_action_result
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("action_x", None)._validate_action_result({"events": "not a list"})
