"""At most a few turns in progress per replica; the others wait their turn in arrival order.

A replica runs every turn on one event loop. Saturated, with a hundred turns in progress, each
of them shares the loop with all the others: every turn slows down together, the unluckiest
pass the clients' 30 s, and socket.io handshakes and pings wait behind them and time out. A
first-come-first-served queue in front of message handling keeps the same throughput with a
far shorter tail (bench/results/load.md). Applied by bot/rasa_cli.py.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from typing import Any

from rasa.core.agent import Agent

DEFAULT_TURNS_AT_ONCE = 4
SETTING = "SIGNPOST_TURNS_AT_ONCE"


class TurnQueue:
    """An asyncio semaphore that admits strictly in arrival order; 0 means no limit."""

    def __init__(self, at_once: int) -> None:
        self.at_once = at_once
        self.running = 0
        self.waiting: deque[asyncio.Future] = deque()

    async def __aenter__(self) -> None:
        if self.at_once and (self.running >= self.at_once or self.waiting):
            admitted = asyncio.get_running_loop().create_future()
            self.waiting.append(admitted)
            try:
                await admitted
            except asyncio.CancelledError:
                if admitted.done() and not admitted.cancelled():
                    self._admit_next()  # admitted just as it was cancelled: pass the place on
                else:
                    self.waiting.remove(admitted)
                raise
            return  # the slot was handed over by the turn that finished
        self.running += 1

    async def __aexit__(self, *exc_info: Any) -> None:
        self._admit_next()

    def _admit_next(self) -> None:
        """Hand this slot to the longest-waiting turn, or free it."""
        while self.waiting:
            admitted = self.waiting.popleft()
            if not admitted.done():
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
