"""Handoff round trip against a running stack: a worker on socket.io, an advisor on the console.

Measures worker message -> advisor's console websocket and advisor reply -> worker's widget,
through the real Rasa replicas, balancer and web app (used by bench/load.py while under load).
"""

from __future__ import annotations

import asyncio
import time
import uuid

import aiohttp

from bench.clients import SocketWorker
from handoff.console.auth import hash_password
from handoff.store import HandoffStore

PASSWORD = "probe-password-not-secret"


def _advisor_text(data) -> str:  # noqa: ANN001
    if isinstance(data, dict) and isinstance(data.get("data"), dict) and not data.get("type"):
        data = data["data"]
    return data.get("text", "") if isinstance(data, dict) and data.get("type") == "advisor_message" else ""


async def _sign_in(http: aiohttp.ClientSession, web_url: str, username: str) -> dict[str, str]:
    page = await (await http.get(f"{web_url}/console/signin")).text()
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    await http.post(f"{web_url}/console/signin", data={"username": username, "password": PASSWORD,
                                                        "csrf_token": token}, allow_redirects=False)
    me = await (await http.get(f"{web_url}/console/api/me")).json()
    return {"X-CSRF-Token": me["csrf_token"]}


async def round_trips(rasa_url: str, web_url: str, database_url: str, rounds: int = 10) -> tuple[list[float], list[float]]:
    """(worker->advisor seconds, advisor->worker seconds) for `rounds` exchanges in one handoff."""
    store = HandoffStore(database_url)
    username = f"probe-{uuid.uuid4().hex[:6]}"
    store.create_advisor(username, hash_password(PASSWORD, n=2**12), "Probe", False)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        headers = await _sign_in(http, web_url, username)
        worker = SocketWorker(rasa_url)
        await worker.connect()
        await worker.say("can I talk to someone please?")
        await worker.next(lambda d: isinstance(d, dict) and "advisor" in (d.get("text") or ""), timeout=60)
        handoff_id = store.open_request_for(worker.session_id).id
        ws = await http.ws_connect(f"{web_url}/console/ws")
        await http.post(f"{web_url}/console/api/handoffs/{handoff_id}/claim", headers=headers)
        await worker.next(lambda d: isinstance(d, dict) and "now connected" in (d.get("text") or ""), timeout=60)
        to_advisor, to_worker = [], []
        for i in range(rounds):
            worker.drain()
            sent = await worker.say(f"probe message {i}")
            while (await asyncio.wait_for(ws.receive_json(), 60)).get("text") != f"probe message {i}":
                pass
            to_advisor.append(time.perf_counter() - sent)
            started = time.perf_counter()
            await http.post(f"{web_url}/console/api/handoffs/{handoff_id}/reply", headers=headers,
                            json={"text": f"probe reply {i}"})
            at, _ = await worker.next(lambda d, i=i: _advisor_text(d) == f"probe reply {i}", timeout=60)
            to_worker.append(at - started)
        await http.post(f"{web_url}/console/api/handoffs/{handoff_id}/end", headers=headers)
        await ws.close()
        await worker.close()
    return to_advisor, to_worker
