"""Running a coroutine from a test, whether or not the thread already runs an event loop."""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Any


def run(coro: Any) -> Any:
    """Run a coroutine to completion, in a fresh thread if this one already has a running loop
    (Playwright's sync API keeps one running in the main thread during browser tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
