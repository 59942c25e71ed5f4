"""Which replica serves a request: the same one for a conversation while it is up, another if not.

A new conversation goes where rendezvous hashing on its id says, which spreads conversations
evenly; after that it stays on the replica that last served it (its "home"), so a conversation
that failed over does not move back while its socket.io connection is still on the new replica.
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
        self._homes: OrderedDict[str, int] = OrderedDict()
        self.max_sessions = max_sessions

    def candidates(self, conversation: Optional[str]) -> list[Backend]:
        """Replicas to try in order: the conversation's home first; those marked down go last, not never."""
        if conversation is None:
            start = next(self._turns)
            ordered = self.backends[start:] + self.backends[:start]
        else:
            ordered = sorted(self.backends, key=lambda b: _score(conversation, b.url), reverse=True)
            home = self._homes.get(conversation)
            if home is not None:
                ordered.sort(key=lambda b: b.index != home)
        now = time.monotonic()
        return [b for b in ordered if b.is_up(now)] + [b for b in ordered if not b.is_up(now)]

    def served(self, conversation: str, backend: Backend) -> None:
        """Remember which replica now holds the conversation (its socket.io room, its lock)."""
        _remember(self._homes, conversation, backend.index, self.max_sessions)

    def mark_down(self, backend: Backend) -> None:
        backend.down_until = time.monotonic() + DOWN_FOR_S

    def remember_socket_session(self, sid: str, backend: Backend) -> None:
        """socket.io's polling transport must keep talking to the replica that opened the session."""
        _remember(self._socket_sessions, sid, backend.index, self.max_sessions)

    def socket_session_backend(self, sid: str) -> Optional[Backend]:
        index = self._socket_sessions.get(sid)
        return None if index is None else self.backends[index]


def _remember(table: OrderedDict[str, int], key: str, index: int, limit: int) -> None:
    """Record `key` -> replica `index`, forgetting the least recently used beyond `limit`."""
    table[key] = index
    table.move_to_end(key)
    while len(table) > limit:
        table.popitem(last=False)


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
        except (ValueError, AttributeError, RecursionError):  # not JSON, not an object, nested too deep
            return None
        return sender if isinstance(sender, str) else None
    return None


def socket_ids_of(path: str, query_string: str) -> tuple[Optional[str], Optional[str]]:
    """(conversation, Engine.IO session) of a socket.io request.

    Our widget names its conversation in the connection's query (`session_id`), so its socket
    lands on the replica that REST and the advisors' console use for that conversation, and an
    advisor's reply is emitted where the worker's socket is. Other clients only have the `sid`
    that the opening handshake gave them.
    """
    if not path.startswith("/socket.io"):
        return None, None
    query = parse_qs(query_string)
    return (query.get("session_id") or [None])[0], (query.get("sid") or [None])[0]


def opened_socket_session(body: bytes) -> Optional[str]:
    """The session id in an Engine.IO polling handshake response (`0{"sid": ...}`)."""
    match = SOCKETIO_OPEN.match(body)
    return match.group(2).decode() if match else None
