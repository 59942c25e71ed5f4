"""Action server replies are accepted and rejected exactly as Rasa's own check does, with Rasa's message.

Rasa 3.6.21 checks every reply in `RemoteAction.run` with `RemoteAction._validate_action_result`;
bot/action_validation.py replaces that method. These tests compare ours with Rasa's own method and run
both through Rasa's own `RemoteAction.run`, installing ours only for the test that needs it.
"""

from __future__ import annotations

import copy

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.action_validation import validate_action_result, validate_action_results_once
from tests.async_support import run

# Rasa's own method, as the class holds it when this module is imported.
RASA_VALIDATE = RemoteAction.__dict__["_validate_action_result"]

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


def _is_rasas(method: object) -> bool:
    return (getattr(method, "__module__", None) == "rasa.core.actions.action"
            and getattr(method, "__qualname__", None) == "RemoteAction._validate_action_result")


@pytest.fixture(autouse=True)
def rasas_check_is_back_after_each_test():
    """Runs outside the tests' monkeypatch, so its check after the test sees what the rest of the run sees."""
    assert _is_rasas(RASA_VALIDATE) and RemoteAction.__dict__["_validate_action_result"] is RASA_VALIDATE, \
        "RemoteAction was already patched before this test"
    yield
    assert RemoteAction.__dict__["_validate_action_result"] is RASA_VALIDATE, \
        "a test left bot.action_validation installed on RemoteAction"


@pytest.fixture
def ours_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install ours with the project's own installer; monkeypatch puts Rasa's method back after the test."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_VALIDATE)
    validate_action_results_once()


def verdict(check, reply: dict) -> tuple[str, list]:  # noqa: ANN001
    """(error message or "valid", where in the reply the error is)."""
    try:
        check(RemoteAction("action_x", None), copy.deepcopy(reply))
        return "valid", []
    except jsonschema.ValidationError as error:
        return error.message, list(error.absolute_path)


class ActionServer(EndpointConfig):
    """The action endpoint, answering every call with `reply` (what `EndpointConfig.request` returns)."""

    def __init__(self, reply: dict) -> None:
        super().__init__(url="http://action-server.invalid/webhook")
        self.reply = reply

    async def request(self, **_kwargs: object) -> dict:
        return copy.deepcopy(self.reply)


def run_remote_action(reply: dict) -> list:
    """Rasa's own RemoteAction.run against an action server answering `reply`: the events the turn gets."""
    action = RemoteAction("action_x", ActionServer(reply))
    return run(action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                          DialogueStateTracker("conv-1", []), Domain.empty()))


def outcome(reply: dict) -> tuple:
    """What the turn gets from RemoteAction.run: its events, or the error and its message."""
    try:
        events = run_remote_action(reply)
    except Exception as error:  # noqa: BLE001 - the comparison is the point
        return type(error).__name__, getattr(error, "message", str(error))
    return "events", [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in events]


def test_the_replies_cover_both_verdicts() -> None:
    verdicts = [verdict(RASA_VALIDATE, reply)[0] for reply in REPLIES]
    assert verdicts.count("valid") >= 3 and len(verdicts) - verdicts.count("valid") >= 3


@pytest.mark.parametrize("reply", REPLIES)
def test_same_verdict_and_message_as_rasas_method(reply: dict) -> None:
    assert verdict(validate_action_result, reply) == verdict(RASA_VALIDATE, reply)


@pytest.mark.parametrize("reply", REPLIES)
def test_remote_actions_get_the_same_outcome_with_ours_installed(reply: dict) -> None:
    rasas = outcome(reply)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RemoteAction, "_validate_action_result", RASA_VALIDATE)
        validate_action_results_once()
        assert RemoteAction.__dict__["_validate_action_result"] is validate_action_result
        ours = outcome(reply)
    assert ours == rasas
    assert RemoteAction.__dict__["_validate_action_result"] is RASA_VALIDATE  # the scoped patch is undone


def test_invalid_replies_are_rejected_with_a_pointer_to_the_format() -> None:
    message, path = verdict(validate_action_result, {"events": "not a list"})
    assert message.startswith("'not a list' is not of type 'array'") and path == ["events"]
    assert "custom-actions" in message


def test_installed_remote_actions_check_replies_without_rechecking_the_schema(ours_installed, monkeypatch) -> None:
    validate_action_results_once()  # a second call changes nothing
    assert RemoteAction.__dict__["_validate_action_result"] is validate_action_result

    def validate_with_schema_check(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("jsonschema.validate ran: Rasa's per-reply schema check is still in use")

    monkeypatch.setattr(jsonschema, "validate", validate_with_schema_check)  # what Rasa's own method calls
    events = run_remote_action(REPLIES[2])
    assert [(type(e).__name__, getattr(e, "text", None) or getattr(e, "key", None)) for e in events] == \
        [("BotUttered", "hello"), ("SlotSet", "area")]
    with pytest.raises(jsonschema.ValidationError) as rejected:
        run_remote_action({"events": "not a list"})
    assert rejected.value.message.startswith("'not a list' is not of type 'array'")
    assert "custom-actions" in rejected.value.message
