"""Talking to a running stack the way a client does, keeping what the tests look at: status and replica."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

from handoff.rasa_client import auth_headers
from tests.conftest import RestChat


@dataclass
class Reply:
    status: int
    messages: list
    replica: str | None

    @property
    def text(self) -> str:
        return RestChat.text(self.messages) if isinstance(self.messages, list) else json.dumps(self.messages)

    @property
    def cards(self) -> list[dict]:
        return RestChat.cards(self.messages) if isinstance(self.messages, list) else []


def say(base_url: str, sender: str, text: str, timeout: float = 90) -> Reply:
    """POST one message to the REST channel at `base_url` (a replica or the balancer)."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{base_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, json.loads(response.read()), response.headers.get("X-Signpost-Replica"))
    except urllib.error.HTTPError as error:
        return Reply(error.code, json.loads(error.read() or b"null"), error.headers.get("X-Signpost-Replica"))


def tracker_events(base_url: str, sender: str, token: str) -> list[dict]:
    """The conversation's stored events, read through Rasa's HTTP API (a replica or the balancer's internal face)."""
    url = f"{base_url}/conversations/{quote(sender, safe='')}/tracker?include_events=ALL"
    request = urllib.request.Request(url, headers=auth_headers(token, sender))
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["events"]

