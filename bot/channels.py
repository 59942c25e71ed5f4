"""Signpost's REST and socket.io channels: Rasa's, with danger first and without the failure modes
that hurt a worker.

Every message is checked for danger before anything else (safety.detector): if it describes danger
now, the worker's first reply line is the 999 line, whatever the dialogue answers after it (also
while an advisor has the chat). Rasa's channels answer an internal failure (lock store or tracker
store down) with silence, and its REST channel logs the worker's message text. These answer with
an honest message that names the helpline (REST: status 503), log no text, and REST rejects
malformed requests with a 400.
"""

from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.turn_limit import TurnWaitTooLong
from handoff.texts import BUSY, SERVICE_TROUBLE
from safety import detector
from safety.routes import NOT_AN_ASSESSMENT, VICTIM_INTRO, risk_routes_text
from safety.texts import DANGER_NOW

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 20_000
MAX_METADATA_CHARS = 4_000
MAX_METADATA_DEPTH = 6


def plain_metadata(value: Any) -> dict:
    """Metadata small and shallow enough to store; anything else is dropped.

    Metadata is saved with the conversation, so one deeply nested object would make every later
    message of that conversation fail to load (a RecursionError on each turn).
    """
    if not isinstance(value, dict) or _depth(value) > MAX_METADATA_DEPTH:
        return {}
    return value if len(json.dumps(value, default=str)) <= MAX_METADATA_CHARS else {}


def _depth(value: Any, limit: int = MAX_METADATA_DEPTH + 1) -> int:
    """Nesting depth of JSON `value`, counting no further than `limit` (so it cannot recurse deeply)."""
    if limit == 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def read_message(request: Request) -> tuple[str, str, dict] | str:
    """(sender, text, metadata) from a REST request body, or what is wrong with it."""
    try:
        body = request.json
    except Exception:  # Sanic raises its own InvalidUsage for a body that is not JSON
        return "the body must be JSON"
    if not isinstance(body, dict):
        return "the body must be a JSON object with 'sender' and 'message'"
    sender, text, metadata = body.get("sender", "default"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > 255:
        return "'sender' must be a non-empty string of at most 255 characters"
    if not isinstance(text, str):
        return "'message' must be a string"
    return sender, plain_text(text[:MAX_MESSAGE_CHARS]), plain_metadata(metadata)


def plain_text(text: str) -> str:
    """Text as valid Unicode: JSON's \\ud800-style escapes can carry lone surrogates, which no later
    step can encode (the message then fails in the NLU pipeline); they become '?'."""
    return text.encode("utf-8", "replace").decode("utf-8")


class SafeRestInput(RestInput):
    """Same URL and replies as Rasa's REST channel (`/webhooks/rest/webhook`), safer failures."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_SafeRestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = read_message(request)
            if isinstance(parsed, str):
                return response.json({"error": parsed}, status=400)
            sender, text, metadata = parsed
            collector = CollectingOutputChannel()
            output = SafetyFirstOutput(collector, text)
            try:
                await on_new_message(UserMessage(text, output, sender, input_channel=self.name(),
                                                 metadata=metadata))
                await output.finish(sender)
            except (CancelledError, Exception) as error:  # noqa: BLE001 - every failure gets the same honest answer
                logger.error("Could not handle a REST message (%s); answered 503", type(error).__name__)
                return response.json([{"recipient_id": sender, "text": failure_text(error)}], status=503)
            return response.json(collector.messages)

        return webhook


def failure_text(error: BaseException) -> str:
    """What the worker reads when their message could not be handled: busy, or part of the service down."""
    return BUSY if isinstance(error, TurnWaitTooLong) else SERVICE_TROUBLE


def answer_failures(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap Rasa's message handler: metadata made safe to store, a failure answered (failure_text)."""

    async def handle(message: UserMessage) -> None:
        message.metadata = plain_metadata(message.metadata)
        message.text = plain_text(message.text) if isinstance(message.text, str) else message.text
        output = message.output_channel = SafetyFirstOutput(message.output_channel, message.text)
        try:
            await on_new_message(message)
            await output.finish(message.sender_id)
        except Exception as error:  # noqa: BLE001 - every failure gets the same honest answer
            logger.error("Could not handle a socket.io message (%s); answered with the helplines",
                         type(error).__name__)
            await message.output_channel.send_text_message(message.sender_id, failure_text(error))

    return handle


class SafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, except that a failure is answered instead of dropped."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(answer_failures(on_new_message))


class SafetyFirstOutput(OutputChannel):
    """Wraps a turn's output channel so that, when the worker's message describes danger now, the
    first line they read is the 999 line (said once), even if the dialogue answered something else
    or nothing at all (the bot paused for an advisor); and when it names a serious risk, an answer
    to something else is followed by the routes for serious risk (never instead of them)."""

    def __init__(self, inner: OutputChannel, text: Any) -> None:
        self.inner = inner
        check = detector.check(text) if isinstance(text, str) else detector.NOTHING
        self.danger_now = check.danger_now
        self.risk = check.risk
        self.routed = False
        self.started = False

    def name(self) -> str:  # type: ignore[override]  # channel-specific responses follow the real channel
        return self.inner.name()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if self.danger_now and message.get("text") == DANGER_NOW and self.started:
            message = {key: value for key, value in message.items() if key != "text"}
            if not message:
                return
        await self._danger_line_first(recipient_id, message)
        text = message.get("text") or ""
        self.routed = self.routed or NOT_AN_ASSESSMENT in text or VICTIM_INTRO in text
        await self.inner.send_response(recipient_id, message)

    async def _danger_line_first(self, recipient_id: str, message: dict[str, Any]) -> None:
        if not self.started:
            self.started = True
            if self.danger_now and message.get("text") != DANGER_NOW:
                await self.inner.send_text_message(recipient_id, DANGER_NOW)

    async def finish(self, recipient_id: str) -> None:
        """After the turn: a danger message that got no reply at all still gets the 999 line; an answer to a
        message naming a serious risk that did not give the routes is followed by them."""
        if not self.started and self.danger_now:
            self.started = True
            await self.inner.send_text_message(recipient_id, DANGER_NOW)
        elif self.started and self.risk and not self.routed:
            self.routed = True
            await self.inner.send_text_message(recipient_id, risk_routes_text())
