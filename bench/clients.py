"""Clients that talk to Signpost as the webchat widget and REST integrations do (load script, live tests)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

import aiohttp
import socketio

# The widget's socket.io client (web/static) waits 20 s for a connection, its default `timeout`. The Python
# client's own defaults are far shorter (5 s per request, 1 s for the namespace to be confirmed), so a load
# run with them counted a busy replica's slow handshake as an error no browser would have shown.
BROWSER_CONNECT_TIMEOUT_S = 20


class SocketWorker:
    """The widget's side of socket.io: session_request, user_uttered, bot_uttered."""

    def __init__(self, rasa_url: str, log: logging.Logger | bool = False) -> None:
        """`log`: where socket.io and Engine.IO report dropped connections and failed polls (warnings)."""
        self.rasa_url = rasa_url
        self.session_id = f"live-{uuid.uuid4().hex[:12]}"
        self.client = socketio.AsyncClient(reconnection=False, request_timeout=BROWSER_CONNECT_TIMEOUT_S,
                                           logger=log, engineio_logger=log)
        self.received: asyncio.Queue = asyncio.Queue()
        self.client.on("bot_uttered", self._on_bot)

    async def _on_bot(self, data=None) -> None:  # noqa: ANN001
        await self.received.put((time.perf_counter(), data))

    async def connect(self) -> None:
        confirmed = asyncio.Event()
        self.client.on("session_confirm", lambda *_: confirmed.set())
        # engineio 4.15's websocket client needs a newer aiohttp than 3.9.5, so long-polling it is.
        await self.client.connect(f"{self.rasa_url}?session_id={self.session_id}", transports=["polling"],
                                  socketio_path="/socket.io", wait_timeout=BROWSER_CONNECT_TIMEOUT_S)
        await self.client.emit("session_request", {"session_id": self.session_id})
        await asyncio.wait_for(confirmed.wait(), 30)

    async def say(self, text: str) -> float:
        sent = time.perf_counter()
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        return sent

    async def next(self, predicate, timeout: float = 30):  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while True:
            at, data = await asyncio.wait_for(self.received.get(), max(0.1, deadline - time.monotonic()))
            if predicate(data):
                return at, data

    async def close(self, wait_s: float = 1.0) -> None:
        """Disconnect, waiting at most `wait_s`: the pending long-poll can hold a plain disconnect for 25 s."""
        disconnecting = asyncio.ensure_future(self.client.disconnect())
        _, pending = await asyncio.wait([disconnecting], timeout=wait_s)
        for task in pending:
            task.cancel()
        http = self.client.eio.http  # left open by a cut-short disconnect (aiohttp then warns "Unclosed")
        if http is not None and not http.closed:
            await http.close()

    def drain(self) -> None:
        while not self.received.empty():
            self.received.get_nowait()


async def rest_say(session: aiohttp.ClientSession, rasa_url: str, sender: str, text: str) -> tuple[float, bool]:
    """One REST turn: (seconds, whether the bot answered with at least one message)."""
    started = time.perf_counter()
    async with session.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}) as reply:
        body = await reply.json(content_type=None) if reply.status == 200 else None
    return time.perf_counter() - started, bool(body)
