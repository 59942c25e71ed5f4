"""Fixes for Rasa 3.6.21's socket.io channel with the versions in requirements.lock.

1. Rasa calls `sio.enter_room(...)` without awaiting it; python-socketio 5.x made it a
   coroutine, so the browser never joined its session's room and got no replies.
2. Rasa sends custom JSON as `emit(event, **json_message)`, which fails for payloads with
   keys like "type" (our service cards). We send it as the message body instead.
"""

from __future__ import annotations

from typing import Any


def patch_socketio() -> None:
    """Apply both fixes; safe to call more than once."""
    import socketio
    from rasa.core.channels.socketio import SocketIOOutput

    def enter_room_now(self: Any, sid: str, room: str, namespace: str | None = None) -> None:
        self.manager.basic_enter_room(sid, namespace or "/", room)

    async def send_custom_json(self: Any, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)

    socketio.AsyncServer.enter_room = enter_room_now
    SocketIOOutput.send_custom_json = send_custom_json
