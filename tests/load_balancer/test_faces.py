"""The balancer's two faces: the public one passes on only the chat, the internal one Rasa's whole API.

The decisions are checked without a server, as test_routing.py does; then the balancer is started
as documented (`python -m balancer --port ... --internal-port ... --replica ...`) over a replica
address where nothing listens, so every request it passes on shows as a refused connection in its
log and a 503, while a request the public face refuses gets its 404 without any attempt upstream.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from balancer.faces import NOT_SERVED, serves_publicly
from directory.settings import PROJECT_ROOT
from handoff.texts import SERVICE_TROUBLE
from scripts.production import free_ports

CONVERSATION = "0f8e5c2a9b7d4e61"
# Rasa 3.6's HTTP API (and its sanic-jwt routes): none of it may be reachable from the internet.
ADMIN = [
    ("GET", "/"), ("GET", "/version"), ("GET", "/status"), ("GET", "/domain"),
    ("PUT", "/model"), ("DELETE", "/model"), ("POST", "/model/train"), ("POST", "/model/parse"), ("POST", "/model/test/intents"),
    ("GET", f"/conversations/{CONVERSATION}/tracker"), ("POST", f"/conversations/{CONVERSATION}/tracker/events"),
    ("PUT", f"/conversations/{CONVERSATION}/tracker/events"), ("GET", f"/conversations/{CONVERSATION}/story"),
    ("POST", f"/conversations/{CONVERSATION}/execute"), ("POST", f"/conversations/{CONVERSATION}/trigger_intent"),
    ("POST", f"/conversations/{CONVERSATION}/predict"), ("POST", f"/conversations/{CONVERSATION}/messages"),
    ("POST", "/auth"), ("GET", "/auth/verify"), ("GET", "/webhooks/socketio/"),
]
# What the widget (socket.io polling, CORS preflights) and REST clients send.
CHAT = [
    ("GET", f"/socket.io/?session_id={CONVERSATION}&EIO=4&transport=polling"),
    ("POST", f"/socket.io/?session_id={CONVERSATION}&EIO=4&transport=polling&sid=S1"),
    ("OPTIONS", "/socket.io/?EIO=4&transport=polling"),
    ("POST", "/webhooks/rest/webhook"), ("OPTIONS", "/webhooks/rest/webhook"), ("GET", "/webhooks/rest/"),
]


def test_the_public_face_serves_the_chat_paths_only():
    assert all(serves_publicly(method, path.split("?")[0]) for method, path in CHAT)
    assert not any(serves_publicly(method, path) for method, path in ADMIN)
    assert not serves_publicly("GET", "/webhooks/rest/webhook")  # the right path with the wrong method
    assert not serves_publicly("POST", "/webhooks/rest/")
    assert not serves_publicly("GET", "/socket.io")  # socket.io's path is /socket.io/


@pytest.mark.parametrize("path", [
    "/socket.io/../model", "/socket.io/%2e%2e/status", "/socket.io/..%2fdomain", "/socket.io/./x",
    "/webhooks/rest/webhook/../../../status", "/socket.io\\..\\model", "/webhooks%2frest%2fwebhook",
])
def test_a_path_that_could_mean_another_one_upstream_is_refused(path):
    """A URL parser upstream may resolve dot segments or decode escapes into one of the API's paths."""
    assert not serves_publicly("GET", path) and not serves_publicly("POST", path)


@dataclass
class Balancer:
    public: str
    internal: str
    log: Path

    def attempts(self) -> int:
        """How many times it tried to reach a replica (each one refused: nothing listens there)."""
        return self.log.read_text().count("refused a connection")


@pytest.fixture
def balancer(tmp_path: Path) -> Iterator[Balancer]:
    """`python -m balancer` with both faces, as scripts/stack.py and docker-compose.yml start it."""
    public, replica = free_ports(2), free_ports(1)
    log = tmp_path / "balancer.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "balancer", "--host", "127.0.0.1", "--port", str(public),
                                    "--internal-host", "127.0.0.1", "--internal-port", str(public + 1),
                                    "--replica", f"http://127.0.0.1:{replica}"],
                                   cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        started = Balancer(f"http://127.0.0.1:{public}", f"http://127.0.0.1:{public + 1}", log)
        _wait_until_up(started.public, process)
        yield started
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0, log.read_text()


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the balancer exited while starting"
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError("the balancer did not answer /healthz in time")


def send(base: str, method: str, path: str) -> tuple[int, dict]:
    body = json.dumps({"sender": CONVERSATION, "message": "hello"}).encode() if method in ("POST", "PUT") else None
    request = urllib.request.Request(base + path, data=body, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_the_public_face_refuses_rasas_api_without_reaching_a_replica(balancer: Balancer):
    for method, path in ADMIN:
        assert send(balancer.public, method, path) == (404, NOT_SERVED), (method, path)
    assert balancer.attempts() == 0


def test_the_public_face_passes_the_chat_on_to_a_replica(balancer: Balancer):
    for i, (method, path) in enumerate(CHAT, start=1):
        assert send(balancer.public, method, path) == (503, {"error": SERVICE_TROUBLE}), (method, path)
        assert balancer.attempts() == i, (method, path)


def test_the_internal_face_passes_rasas_api_on_and_both_faces_answer_health(balancer: Balancer):
    for i, (method, path) in enumerate(ADMIN, start=1):
        assert send(balancer.internal, method, path) == (503, {"error": SERVICE_TROUBLE}), (method, path)
        assert balancer.attempts() == i, (method, path)
    assert send(balancer.public, "GET", "/healthz") == send(balancer.internal, "GET", "/healthz") == (200, {"status": "ok"})
