"""A small aiohttp client for the parts of Rasa's HTTP API the console needs.

Rasa runs with --jwt-secret (a file holding SIGNPOST_RASA_TOKEN), and the console reaches it on an
internal address (the balancer's internal face). Each request carries, in its Authorization header,
a JWT signed with that secret for its one conversation that expires within minutes; the secret
itself never travels, and nothing goes in a URL, where proxies' access logs would keep it.

How an advisor's words reach the worker (checked against Rasa 3.6.21's source):
POST /conversations/{id}/tracker/events?output_channel=socketio&execute_side_effects=true appends
the events to the tracker, then `MessageProcessor.execute_side_effects` sends every BotUttered to
the named input channel's output channel as `BotUttered.message()`, i.e. `data` with `text` added.
`OutputChannel.send_response` sends `text` as a text message if it is set, and `custom` through
`send_custom_json`. The socket.io output's `send_custom_json(recipient, json_message)` calls
`sio.emit(bot_message_evt, **json_message)` with `room` defaulting to the conversation id, so the
custom dict must be `{"data": payload}`: the widget then receives `payload` itself on
`bot_uttered`. So an advisor message is
    {"event": "bot", "text": null, "data": {"custom": {"data": {"type": "advisor_message", ...}}}}
(text null, or socket.io would also get a plain bot bubble). The REST channel and the tracker see
`{"custom": {"data": {...}}}`, which the widget also unwraps.
With bot/rasa_compat.py's fix the custom dict is sent as the body instead, so the widget gets
`{"data": payload}` and unwraps it: the same wrapping works either way.
The output channel is named (default "socketio"): `output_channel=latest` has been reported failing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import jwt

TOKEN_LIFETIME_S = 60  # Rasa's sanic-jwt allows 180 s of leeway on top


class RasaError(Exception):
    """Rasa could not be reached or refused the request; the message says which and why."""


def conversation_token(secret: str, conversation_id: str, now: float | None = None) -> str:
    """A JWT (HS256) for Rasa's API on this one conversation only, for a minute.

    Rasa 3.6 lets role "user" act only where `username` equals the path's conversation id, which
    it compares still percent-encoded: hence the quoted id, as in the URL.
    """
    issued = int(time.time() if now is None else now)
    claims = {"user": {"username": quote(conversation_id, safe=""), "role": "user"},
              "iat": issued, "exp": issued + TOKEN_LIFETIME_S}
    return jwt.encode(claims, secret, algorithm="HS256")


def auth_headers(secret: str, conversation_id: str) -> dict[str, str]:
    """The Authorization header for a request about `conversation_id`; none if Rasa runs without auth."""
    return {"Authorization": f"Bearer {conversation_token(secret, conversation_id)}"} if secret else {}


def advisor_payload(text: str, advisor: str) -> dict[str, Any]:
    return {"type": "advisor_message", "text": text, "advisor": advisor}


def advisor_event(text: str, advisor: str, timestamp: float | None = None) -> dict[str, Any]:
    """A BotUttered event whose custom payload the socket.io widget shows as the advisor's message."""
    event: dict[str, Any] = {
        "event": "bot",
        "text": None,
        "data": {"custom": {"data": advisor_payload(text, advisor)}},
        "metadata": {"handoff": True},
    }
    if timestamp is not None:
        event["timestamp"] = timestamp
    return event


def bot_text_event(text: str, timestamp: float | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"event": "bot", "text": text, "data": {}, "metadata": {"handoff": True}}
    if timestamp is not None:
        event["timestamp"] = timestamp
    return event


def resume_events(text: str | None, now: float) -> list[dict[str, Any]]:
    """The events that hand the conversation back to the bot, ready for the worker's next message."""
    events: list[dict[str, Any]] = [{"event": "resume", "timestamp": now}]
    if text:
        events.append(bot_text_event(text, now + 0.001))
    events.append({"event": "action", "name": "action_listen", "timestamp": now + 0.002})
    return events


@dataclass(frozen=True)
class WorkerMessage:
    """A message the worker typed, from the tracker: Rasa's event timestamp identifies it."""

    timestamp: float
    text: str


@dataclass(frozen=True)
class TranscriptLine:
    who: str  # worker|bot|advisor
    text: str
    timestamp: float
    advisor: str | None = None


def advisor_payload_of(event: dict[str, Any]) -> dict[str, Any] | None:
    """The advisor_message payload inside a bot event, in whichever wrapping it came."""
    data = event.get("data") or {}
    custom = data.get("custom") if isinstance(data, dict) else None
    if isinstance(custom, dict) and isinstance(custom.get("data"), dict):
        custom = custom["data"]
    if isinstance(custom, dict) and custom.get("type") == "advisor_message":
        return custom
    return None


def transcript_from_events(events: list[dict[str, Any]]) -> list[TranscriptLine]:
    """What the worker and the bot (or advisor) said, in order; cards shown as their plain text."""
    lines = []
    for event in events:
        kind, ts = event.get("event"), float(event.get("timestamp") or 0)
        if kind == "user":
            text = event.get("text") or ""
            if text:
                lines.append(TranscriptLine("worker", text, ts))
        elif kind == "bot":
            advisor = advisor_payload_of(event)
            if advisor is not None:
                lines.append(TranscriptLine("advisor", str(advisor.get("text") or ""), ts, str(advisor.get("advisor"))))
                continue
            text = event.get("text") or ""
            custom = (event.get("data") or {}).get("custom")
            if not text and isinstance(custom, dict):
                text = str(custom.get("text") or "")
            buttons = (event.get("data") or {}).get("buttons") or []
            titles = [str(b.get("title")) for b in buttons if isinstance(b, dict) and b.get("title")]
            if titles:
                text += "\n[" + " | ".join(titles) + "]"
            if text:
                lines.append(TranscriptLine("bot", text, ts))
    return lines


def worker_messages_after(events: list[dict[str, Any]], after: float) -> list[WorkerMessage]:
    return [WorkerMessage(float(e["timestamp"]), e.get("text") or "") for e in events
            if e.get("event") == "user" and float(e.get("timestamp") or 0) > after and (e.get("text") or "")]


def restarted_after(events: list[dict[str, Any]], after: float) -> bool:
    """True if the worker restarted the conversation (which unpauses it) after `after`."""
    return any(e.get("event") == "restart" and float(e.get("timestamp") or 0) > after for e in events)


class RasaClient:
    """Rasa's HTTP API (--enable-api --jwt-secret) at an internal `base_url`; `secret` signs each request's JWT."""

    def __init__(self, base_url: str, secret: str, output_channel: str = "socketio",
                 session: aiohttp.ClientSession | None = None, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret = secret
        self.output_channel = output_channel
        self._session = session
        self._own_session = session is None
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def __aenter__(self) -> RasaClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
            self._own_session = True
        return self._session

    async def close(self) -> None:
        if self._own_session and self._session is not None and not self._session.closed:
            await self._session.close()

    def _url(self, conversation_id: str, suffix: str) -> str:
        return f"{self.base_url}/conversations/{quote(conversation_id, safe='')}/{suffix}"

    async def _request(self, method: str, conversation_id: str, suffix: str, params: dict[str, str],
                       body: Any = None) -> Any:
        url, headers = self._url(conversation_id, suffix), auth_headers(self.secret, conversation_id)
        try:
            async with self.session.request(method, url, params=params, json=body, headers=headers) as response:
                if response.status >= 400:
                    detail = (await response.text())[:300]
                    raise RasaError(f"Rasa answered {response.status} to {method} {url}: {detail}")
                return await response.json(content_type=None)
        except (TimeoutError, aiohttp.ClientError) as error:
            raise RasaError(f"could not reach Rasa at {self.base_url}: {error or type(error).__name__}") from error

    async def append_events(self, conversation_id: str, events: list[dict[str, Any]],
                            execute_side_effects: bool = True) -> dict[str, Any]:
        """Append events; with side effects, bot messages go out on the named output channel."""
        params = {"include_events": "NONE"}
        if execute_side_effects:
            params.update(output_channel=self.output_channel, execute_side_effects="true")
        return await self._request("POST", conversation_id, "tracker/events", params, events)

    async def send_advisor_message(self, conversation_id: str, text: str, advisor: str) -> None:
        await self.append_events(conversation_id, [advisor_event(text, advisor, time.time())])

    async def send_bot_text(self, conversation_id: str, text: str) -> None:
        await self.append_events(conversation_id, [bot_text_event(text, time.time())])

    async def pause(self, conversation_id: str) -> None:
        await self.append_events(conversation_id, [{"event": "pause", "timestamp": time.time()}],
                                 execute_side_effects=False)

    async def resume(self, conversation_id: str, text: str | None) -> None:
        """ConversationResumed, (if given) a bot message saying the bot is back, then action_listen.

        The paused conversation's last action is the handoff action, and the rules only answer a
        message that follows action_listen: without it the worker's next question fell to the
        default fallback, whose revert left "talk to someone" as the last message and re-queued them.
        """
        events = resume_events(text, time.time())
        await self.append_events(conversation_id, events)

    async def tracker(self, conversation_id: str, include_events: str = "ALL") -> dict[str, Any]:
        return await self._request("GET", conversation_id, "tracker", {"include_events": include_events})

    async def events(self, conversation_id: str) -> list[dict[str, Any]]:
        return list((await self.tracker(conversation_id)).get("events") or [])

    async def transcript(self, conversation_id: str) -> list[TranscriptLine]:
        return transcript_from_events(await self.events(conversation_id))
