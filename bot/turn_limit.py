"""At most a few turns in progress per replica; the others wait their turn in arrival order.

A replica runs every turn on one event loop. Saturated, with a hundred turns in progress, each
of them shares the loop with all the others: every turn slows down together, the unluckiest
pass the clients' 30 s, and socket.io handshakes and pings wait behind them and time out. A
first-come-first-served queue in front of message handling keeps the same throughput with a
far shorter tail (bench/results/load.md). A turn that waits longer than the widget shows its
typing indicator is answered "busy, send it again" (bot/channels.py) instead of never. Applied
by bot/rasa_cli.py.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from typing import Any

from rasa.core.agent import Agent

DEFAULT_TURNS_AT_ONCE = 4
SETTING = "SIGNPOST_TURNS_AT_ONCE"
# The widget stops showing "typing" after 20 s (web/static/signpost-widget.js): answer before that.
MAX_WAIT_S = 15.0


class TurnWaitTooLong(Exception):
    """The replica was too busy to start this turn within MAX_WAIT_S."""


class TurnQueue:
    """An asyncio semaphore that admits strictly in arrival order; 0 means no limit."""

    def __init__(self, at_once: int, max_wait_s: float = MAX_WAIT_S) -> None:
        self.at_once = at_once
        self.max_wait_s = max_wait_s
        self.running = 0
        self.waiting: deque[asyncio.Future] = deque()

    async def __aenter__(self) -> None:
        if self.at_once and (self.running >= self.at_once or self.waiting):
            await self._wait_for_a_slot()
            return  # the slot was handed over by the turn that finished
        self.running += 1

    async def _wait_for_a_slot(self) -> None:
        admitted = asyncio.get_running_loop().create_future()
        self.waiting.append(admitted)
        try:
            async with asyncio.timeout(self.max_wait_s):
                await admitted
        except TimeoutError:
            if admitted.done() and not admitted.cancelled():
                return  # admitted at the last moment: go ahead
            self._forget(admitted)
            raise TurnWaitTooLong(f"no turn free within {self.max_wait_s:.0f} s") from None
        except asyncio.CancelledError:
            if admitted.done() and not admitted.cancelled():
                self._admit_next()  # admitted just as it was cancelled: pass the place on
            else:
                self._forget(admitted)
            raise

    def _forget(self, admitted: asyncio.Future) -> None:
        if admitted in self.waiting:
            self.waiting.remove(admitted)

    async def __aexit__(self, *exc_info: Any) -> None:
        self._admit_next()

    def _admit_next(self) -> None:
        """Hand this slot to the longest-waiting turn, or free it."""
        while self.waiting:
            admitted = self.waiting.popleft()
            if not admitted.done():  # a cancelled waiter may not have removed itself yet
                admitted.set_result(None)
                return
        self.running -= 1


def turns_at_once() -> int:
    """SIGNPOST_TURNS_AT_ONCE, else the default; 0 turns the queue off."""
    value = os.environ.get(SETTING, "").strip()
    return int(value) if value.isdigit() else DEFAULT_TURNS_AT_ONCE


def queue_turns() -> None:
    """Put every message a replica handles through one TurnQueue; safe to call twice."""
    if getattr(Agent.handle_message, "queued", False):
        return
    original = Agent.handle_message
    queue = TurnQueue(turns_at_once())

    async def handle_message(self: Agent, *args: Any, **kwargs: Any) -> Any:
        async with queue:
            return await original(self, *args, **kwargs)

    handle_message.queued = True  # type: ignore[attr-defined]
    Agent.handle_message = handle_message  # type: ignore[method-assign]
