"""The events the console sends, run through Rasa 3.6's own classes: what the socket.io widget receives."""

from __future__ import annotations

# Required packages (requirements.lock): a missing or broken one must fail this file, never skip it.
import rasa.core.channels.channel as channel
import rasa.core.channels.socketio as socketio_channel
import rasa.shared.core.events as events
import socketio as python_socketio

from bot import rasa_compat as compat
from handoff.rasa_client import advisor_event, bot_text_event, transcript_from_events
from tests.async_support import run


class FakeSio:
    """Records AsyncServer.emit calls with python-socketio's signature."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, object]] = []

    async def emit(self, event, data=None, to=None, room=None, skip_sid=None, namespace=None, callback=None,
                   ignore_queue=False):  # noqa: ANN001
        self.calls.append((event, data, room))


def _send(output, event) -> None:
    # execute_side_effects -> MessageProcessor._send_bot_messages -> output.send_response(sender, e.message())
    run(output.send_response("conv-1", event.message()))


def test_advisor_message_reaches_the_socketio_widget_as_its_payload():
    """Rasa's own socket.io output, unpatched."""
    event = events.Event.from_parameters(advisor_event("Hello, I'm Sam.", "Sam", 1.0))
    assert isinstance(event, events.BotUttered)
    sio = FakeSio()
    _send(socketio_channel.SocketIOOutput(sio, "bot_uttered"), event)
    # One emit, to the conversation's room, carrying exactly what the widget's normalise() expects.
    assert sio.calls == [("bot_uttered", {"type": "advisor_message", "text": "Hello, I'm Sam.", "advisor": "Sam"},
                          "conv-1")]


def test_rest_channel_and_tracker_keep_the_wrapped_payload():
    event = events.Event.from_parameters(advisor_event("Hi", "Sam", 1.0))
    collecting = channel.CollectingOutputChannel()
    _send(collecting, event)
    assert collecting.messages[0]["custom"]["data"]["type"] == "advisor_message"
    lines = transcript_from_events([event.as_dict()])
    assert [(line.who, line.text, line.advisor) for line in lines] == [("advisor", "Hi", "Sam")]


def test_resume_and_bot_text_events_parse():
    resume = events.Event.from_parameters({"event": "resume", "timestamp": 1.0})
    assert isinstance(resume, events.ConversationResumed)
    bot = events.Event.from_parameters(bot_text_event("You're back with the assistant.", 2.0))
    sio = FakeSio()
    _send(socketio_channel.SocketIOOutput(sio, "bot_uttered"), bot)
    assert sio.calls == [("bot_uttered", {"text": "You're back with the assistant."}, "conv-1")]


def test_with_the_projects_socketio_fix(monkeypatch):
    """bot.rasa_compat sends custom JSON as the message body: the widget gets {"data": payload} and unwraps it."""
    monkeypatch.setattr(socketio_channel.SocketIOOutput, "send_custom_json",
                        socketio_channel.SocketIOOutput.send_custom_json)  # restored after the test
    monkeypatch.setattr(python_socketio.AsyncServer, "enter_room", python_socketio.AsyncServer.enter_room)
    compat.patch_socketio()
    event = events.Event.from_parameters(advisor_event("Hi", "Sam", 1.0))
    sio = FakeSio()
    _send(socketio_channel.SocketIOOutput(sio, "bot_uttered"), event)
    assert sio.calls == [("bot_uttered", {"data": {"type": "advisor_message", "text": "Hi", "advisor": "Sam"}},
                          "conv-1")]
