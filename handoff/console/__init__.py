"""The advisor console (aiohttp): sign-in, live queue, claim/reply/end, callbacks, audit log."""

from handoff.console.app import RELAY_KEY, STATE_KEY, create_console_app
from handoff.console.mount import mount_console

__all__ = ["create_console_app", "mount_console", "RELAY_KEY", "STATE_KEY"]
