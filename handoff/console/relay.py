"""The console's background loop: worker messages from Rasa to the database, and pushes to advisors.

Rasa 3.6 stores a paused conversation's user messages but has no hook that tells anyone, so once
a second (SIGNPOST_CONSOLE_POLL_MS) the loop reads the tracker of every open handoff and records
each new user event in relayed_message, keyed by its Rasa timestamp: a restarted console carries
on from handoff_request.worker_cursor and never relays a message twice. It then pushes
(websocket) new messages to the advisor who claimed the handoff, and the queue to every signed-in
console whenever it changes. Stale handoffs (no activity for SIGNPOST_HANDOFF_STALE_MINUTES) are
closed and the bot resumed. Everything it pushes is read back from the database, so any number of
console processes can run it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from handoff import texts
from handoff.rasa_client import RasaClient, RasaError, restarted_after, worker_messages_after
from handoff.store import HandoffStore

if TYPE_CHECKING:
    from handoff.console.app import ConsoleState

log = logging.getLogger(__name__)


class Relay:
    def __init__(self, state: ConsoleState) -> None:
        self.state = state
        self.last_pushed_id: int | None = None
        self.last_queue: str | None = None
        self._last_cleanup = 0.0
        self._rasa_warned = 0.0

    @property
    def store(self) -> HandoffStore:
        return self.state.store

    @property
    def rasa(self) -> RasaClient:
        return self.state.rasa

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.state.clock

    def _warn_rasa(self, error: Exception) -> None:
        if time.monotonic() - self._rasa_warned > 60:
            log.warning("handoff relay: %s", error)
            self._rasa_warned = time.monotonic()

    async def ingest(self) -> None:
        """Record new worker messages of every open handoff; close those the worker ended or restarted."""
        requests = self.store.open_requests()
        if not requests:
            return
        results = await asyncio.gather(*(self.rasa.events(r.conversation_id) for r in requests),
                                       return_exceptions=True)
        for request, events in zip(requests, results, strict=True):
            if isinstance(events, RasaError):
                self._warn_rasa(events)
                continue
            if isinstance(events, BaseException):
                # the error's type only: its text can carry message text or bound values
                log.error("handoff relay: reading handoff %s failed (%s)", request.id, type(events).__name__)
                continue
            await self._ingest_one(request, events)

    async def _ingest_one(self, request: Any, events: list[dict[str, Any]]) -> None:
        cursor = request.worker_cursor or request.created_at.timestamp()
        ended = False
        for message in worker_messages_after(events, cursor):
            self.store.add_message(request.id, "worker", message.text, rasa_ts=message.timestamp, now=self.clock())
            if texts.is_worker_end(message.text):
                ended = True
        if ended:
            try:
                await self.rasa.resume(request.conversation_id, texts.RESUMED_BY_WORKER)
            except RasaError as error:
                self._warn_rasa(error)
                return
            if self.store.close(request.id, "worker", self.clock()):
                self.store.audit(None, "worker_ended", f"handoff {request.id}", self.clock())
        elif restarted_after(events, cursor):
            # /restart unpauses the conversation in Rasa itself; the worker has started again.
            if self.store.close(request.id, "worker", self.clock()):
                self.store.audit(None, "worker_restarted", f"handoff {request.id}", self.clock())

    async def close_stale(self) -> None:
        timeout = timedelta(minutes=self.state.settings.stale_minutes)
        for request in self.store.stale(timeout, self.clock()):
            try:
                await self.rasa.resume(request.conversation_id, texts.RESUMED_AFTER_TIMEOUT)
            except RasaError as error:
                self._warn_rasa(error)
                continue
            if self.store.close(request.id, "timeout", self.clock()):
                self.store.audit(None, "timed_out", f"handoff {request.id}", self.clock())

    async def push(self) -> None:
        """New relayed messages to the claiming advisor's consoles; the queue to all when it changed."""
        if self.last_pushed_id is None:
            self.last_pushed_id = self.store.last_message_id()
        messages = self.store.messages_after(self.last_pushed_id)
        if messages:
            owners: dict[int, int | None] = {}
            names = self.store.advisor_names()
            for message in messages:
                if message.handoff_id not in owners:
                    try:
                        owners[message.handoff_id] = self.store.get(message.handoff_id).advisor_id
                    except Exception:  # deleted meanwhile
                        owners[message.handoff_id] = None
                owner = owners[message.handoff_id]
                if owner is not None:
                    await self.state.send_to_advisor(owner, {"type": "message", **message_json(message, names)})
                self.last_pushed_id = message.id
        queue = self.state.queue_snapshot()
        encoded = json.dumps(queue, sort_keys=True, default=str)
        if encoded != self.last_queue:
            self.last_queue = encoded
            await self.state.broadcast({"type": "queue", **queue})

    async def step(self) -> None:
        await self.ingest()
        await self.close_stale()
        await self.push()
        if time.monotonic() - self._last_cleanup > 60:
            self._last_cleanup = time.monotonic()
            self.store.delete_expired_sessions(timedelta(minutes=self.state.settings.idle_minutes), self.clock())

    async def run(self) -> None:
        while True:
            try:
                await self.step()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # logged by type only, as above
                log.error("handoff relay step failed (%s); retrying", type(error).__name__)
            await asyncio.sleep(self.state.settings.poll_seconds)


def message_json(message: Any, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": message.id,
        "handoff_id": message.handoff_id,
        "direction": message.direction,
        "text": message.text,
        "at": message.at.isoformat(),
        "advisor": names.get(message.advisor_id) if message.advisor_id else None,
    }
