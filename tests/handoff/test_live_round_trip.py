"""The full handoff round trip with a real Rasa server and action server (the live stack) and the console.

A worker's socket.io client talks to Rasa; the conversation is paused and queued as the handoff
action will do it (HandoffService.request_handoff + ConversationPaused, appended here through the
HTTP API until the action exists); an advisor signs in to the console, claims it, and they talk:
worker message -> advisor's websocket, advisor reply -> worker's socket.io; then the advisor ends
the chat and the bot answers the worker again. Prints p50/p95 latencies for both directions.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid

import pytest

from bench.clients import SocketWorker as Worker
from directory import db
from handoff.service import HandoffService
from handoff.settings import HandoffSettings
from tests.async_support import run
from tests.handoff.support import add_advisor

pytestmark = pytest.mark.conversation

ROUNDS = 10


def _advisor(data) -> dict:  # noqa: ANN001
    """The advisor_message payload as the widget's normalise() finds it (bare, or wrapped in data)."""
    if isinstance(data, dict) and isinstance(data.get("data"), dict) and not data.get("type"):
        data = data["data"]
    return data if isinstance(data, dict) and data.get("type") == "advisor_message" else {}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def test_round_trip_through_rasa_and_console(live_stack, tmp_path):
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from handoff.console import RELAY_KEY, create_console_app, mount_console
    from tests.handoff.support import PASSWORD

    url = live_stack.database_url
    db.migrate(url)
    settings = HandoffSettings(database_url=url, secure_cookie=False, poll_seconds=0.2)
    service = HandoffService(settings=settings)
    advisor = add_advisor(service.store, f"sam-{uuid.uuid4().hex[:6]}", display="Sam")

    async def scenario() -> None:
        console = create_console_app(url, live_stack.rasa_api_url, live_stack.token, settings=settings,
                                     hours=service.hours)
        root = web.Application()
        mount_console(root, console)
        async with TestClient(TestServer(root)) as client:
            # The advisor signs in first, so the bot finds someone on shift.
            page = await client.get("/console/signin")
            token = (await page.text()).split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            signed = await client.post("/console/signin", allow_redirects=False,
                                       data={"username": advisor.username, "password": PASSWORD, "csrf_token": token})
            assert signed.status == 303
            csrf = (await (await client.get("/console/api/me")).json())["csrf_token"]
            headers = {"X-CSRF-Token": csrf}

            worker = Worker(live_stack.rasa_url)
            await worker.connect()
            await worker.say("hello")
            await worker.next(lambda d: isinstance(d, dict) and d.get("text"))  # the bot answers before the handoff
            # The real escalation: action_contact_options queues the chat and pauses the bot.
            await worker.say("can I talk to someone please?")
            await worker.next(lambda d: isinstance(d, dict) and "advisor" in (d.get("text") or ""))
            request = service.store.open_request_for(worker.session_id)
            assert request is not None, "the handoff action did not queue the chat"
            handoff_id = request.id
            ws = await client.ws_connect("/console/ws")
            claim = await client.post(f"/console/api/handoffs/{handoff_id}/claim", headers=headers)
            assert claim.status == 200
            _, joined = await worker.next(lambda d: isinstance(d, dict) and "now connected to Sam" in (d.get("text") or ""))
            assert joined

            to_advisor, to_worker = [], []
            for i in range(ROUNDS):
                worker.drain()
                sent = await worker.say(f"worker message {i}")
                while True:
                    pushed = await asyncio.wait_for(ws.receive_json(), 15)
                    if pushed.get("type") == "message" and pushed.get("text") == f"worker message {i}":
                        to_advisor.append(time.perf_counter() - sent)
                        break
                started = time.perf_counter()
                reply = await client.post(f"/console/api/handoffs/{handoff_id}/reply", headers=headers,
                                          json={"text": f"advisor reply {i}"})
                assert reply.status == 200, await reply.text()
                at, data = await worker.next(lambda d, i=i: _advisor(d).get("text") == f"advisor reply {i}",
                                             timeout=15)
                assert _advisor(data) == {"type": "advisor_message", "text": f"advisor reply {i}", "advisor": "Sam"}
                to_worker.append(at - started)

            # While paused the bot said nothing of its own to the worker's messages.
            end = await client.post(f"/console/api/handoffs/{handoff_id}/end", headers=headers)
            assert end.status == 200
            await worker.next(lambda d: isinstance(d, dict) and "back with the Signpost assistant" in (d.get("text") or ""))
            worker.drain()
            await worker.say("what services are there in Leeds?")
            _, answer = await worker.next(lambda d: isinstance(d, dict) and (d.get("text") or d.get("type")))
            assert answer
            await ws.close()
            assert console[RELAY_KEY].last_pushed_id
        await worker.close()

        print(f"\nworker -> advisor screen: p50 {percentile(to_advisor, .5) * 1000:.0f} ms, "
              f"p95 {percentile(to_advisor, .95) * 1000:.0f} ms (relay polls every {settings.poll_seconds}s)")
        print(f"advisor reply -> worker: p50 {percentile(to_worker, .5) * 1000:.0f} ms, "
              f"p95 {percentile(to_worker, .95) * 1000:.0f} ms; n={ROUNDS}, mean {statistics.mean(to_worker) * 1000:.0f} ms")

    run(scenario())

