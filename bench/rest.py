"""A running stack to evaluate against, and one worker's message through its REST channel."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def say(rasa_url: str, sender: str, text: str) -> list[dict]:
    """The bot's reply messages; a 503 answer still carries what the worker would read."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"[]")


def reply_texts(messages: list[dict], buttons: bool = True) -> list[str]:
    """Every text the worker would read, cards (and, unless told not to, button titles) included, in order."""
    texts = []
    for message in messages:
        texts.append(message.get("text") or "")
        custom = message.get("custom")
        if isinstance(custom, dict):
            texts.append(str(custom.get("text") or custom.get("type") or ""))
        if buttons:
            texts += [str(b.get("title", "")) for b in message.get("buttons") or []]
    return [t for t in texts if t]


@contextmanager
def running_stack(url: str | None, name: str) -> Iterator[str]:
    """`url` if given; else the embedded stack on its own ports, as `make run` starts it, stopped afterwards."""
    if url:
        yield url
        return
    from directory.settings import Settings
    from directory.setup import prepare
    from scripts.stack import Stack, StackConfig
    from scripts.train_if_changed import model_path

    prepare(Settings.from_env().database_url)  # as `make run` does: a directory from an older seed is refreshed
    config = StackConfig(rasa_port=5305, action_port=5355, web_port=8305, with_web=False,
                         tracker_db=Path(f"/tmp/signpost-{name}-trackers.db"))
    stack = Stack(config, model_path())
    stack.start()
    try:
        yield config.rasa_url
    finally:
        stack.stop()
