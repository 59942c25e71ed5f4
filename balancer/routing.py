"""Which replica serves a request: the same one for a conversation while it is up, another if not.

Rendezvous hashing on the conversation id gives every replica the same answer without shared
state, and moves only the conversations of a replica that goes down.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional
from urllib.parse import parse_qs

DOWN_FOR_S = 5.0
CONVERSATION_PATH = re.compile(r"^/conversations/([^/]+)/")
SOCKETIO_OPEN = re.compile(rb'^\d*:?0(\{.*?"sid"\s*:\s*"([^"]+)".*\})')


@dataclass
class Backend:
    """One Rasa replica; `down_until` is set when it refused a connection."""

    index: int
    url: str
    down_until: float = 0.0

    def is_up(self, now: float) -> bool:
        return now >= self.down_until


class Router:
    """Orders replicas for a request: by conversation when known, round robin otherwise."""

    def __init__(self, urls: list[str], max_sessions: int = 200_000) -> None:
        self.backends = [Backend(i, url.rstrip("/")) for i, url in enumerate(urls)]
        self._turns = itertools.cycle(range(len(self.backends)))
        self._socket_sessions: OrderedDict[str, int] = OrderedDict()
        self.max_sessions = max_sessions

    def candidates(self, conversation: Optional[str]) -> list[Backend]:
        """Replicas to try in order; those marked down go last rather than not at all."""
        if conversation is None:
            start = next(self._turns)
            ordered = self.backends[start:] + self.backends[:start]
        else:
            ordered = sorted(self.backends, key=lambda b: _score(conversation, b.url), reverse=True)
        now = time.monotonic()
        return [b for b in ordered if b.is_up(now)] + [b for b in ordered if not b.is_up(now)]

    def mark_down(self, backend: Backend) -> None:
        backend.down_until = time.monotonic() + DOWN_FOR_S

    def remember_socket_session(self, sid: str, backend: Backend) -> None:
        """socket.io's polling transport must keep talking to the replica that opened the session."""
        self._socket_sessions[sid] = backend.index
        self._socket_sessions.move_to_end(sid)
        while len(self._socket_sessions) > self.max_sessions:
            self._socket_sessions.popitem(last=False)

    def socket_session_backend(self, sid: str) -> Optional[Backend]:
        index = self._socket_sessions.get(sid)
        return None if index is None else self.backends[index]


def _score(conversation: str, url: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{conversation}|{url}".encode(), digest_size=8).digest(), "big")


def conversation_of(method: str, path: str, body: bytes) -> Optional[str]:
    """The conversation a Rasa request belongs to: the REST `sender` or the /conversations/<id>/ path."""
    match = CONVERSATION_PATH.match(path)
    if match:
        return match.group(1)
    if method == "POST" and path.startswith("/webhooks/") and body:
        try:
            sender = json.loads(body).get("sender")
        except (ValueError, AttributeError):
            return None
        return sender if isinstance(sender, str) else None
    return None


def socket_session_of(path: str, query_string: str) -> Optional[str]:
    """The Engine.IO session id of a socket.io request, absent on the opening handshake."""
    if not path.startswith("/socket.io"):
        return None
    values = parse_qs(query_string).get("sid")
    return values[0] if values else None


def opened_socket_session(body: bytes) -> Optional[str]:
    """The session id in an Engine.IO polling handshake response (`0{"sid": ...}`)."""
    match = SOCKETIO_OPEN.match(body)
    return match.group(2).decode() if match else None
