"""What each face of the balancer passes on: the public face only the chat, the internal face everything.

The public face is what the TLS proxy exposes to the internet: the widget's socket.io, the REST
channel and its health. Rasa's HTTP API (model, status, domain, trackers, events, execute) would
let anyone holding its secret read or rewrite any conversation, so only the internal face serves
it, on the private network, for the advisors' console.
"""

from __future__ import annotations

SOCKETIO_PREFIX = "/socket.io/"
SOCKETIO_METHODS = frozenset({"GET", "POST", "OPTIONS"})
CHAT_PATHS = {
    "/webhooks/rest/webhook": frozenset({"POST", "OPTIONS"}),
    "/webhooks/rest/": frozenset({"GET", "HEAD", "OPTIONS"}),  # the REST channel's health
}
HEALTH_PATH = "/healthz"  # answered by the balancer itself, on both faces
NOT_SERVED = {"error": "This path is not served here."}


def serves_publicly(method: str, raw_path: str) -> bool:
    """True only for the chat paths (OPTIONS for CORS preflights); `raw_path` is the path as received, still encoded."""
    if not _plain(raw_path):
        return False
    if raw_path.startswith(SOCKETIO_PREFIX):
        return method in SOCKETIO_METHODS
    return method in CHAT_PATHS.get(raw_path, frozenset())


def _plain(raw_path: str) -> bool:
    """No percent-encoding, backslash or dot segment: nothing a URL parser upstream could turn into another path."""
    if "%" in raw_path or "\\" in raw_path:
        return False
    return not any(segment in (".", "..") for segment in raw_path.split("/"))
