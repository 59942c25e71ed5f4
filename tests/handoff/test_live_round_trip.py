"""The full handoff round trip with a real Rasa server and action server (the live stack) and the console.

A worker's socket.io client talks to Rasa and asks for a person (action_contact_options queues the
chat and pauses the bot); an advisor signs in to the console, claims it, and they talk: worker
message -> advisor's websocket, advisor reply -> worker's socket.io, the bot silent meanwhile.
Then the advisor ends the chat (or the worker types "end chat") and the bot answers ordinary
questions again without queueing the chat a second time. Prints p50/p95 latencies both ways."""

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
from tests.handoff.support import add_advisor, sign_out_everywhere

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


def _bot_texts(worker: Worker) -> list[str]:
    """What the bot itself (not the advisor) said to the worker since the last call."""
    texts = []
    while not worker.received.empty():
        _, data = worker.received.get_nowait()
        if isinstance(data, dict) and not _advisor(data) and data.get("text"):
            texts.append(data["text"])
    return texts


async def _answer_after_handoff(worker: Worker, service: HandoffService) -> None:
    """Once the hand-off has ended, an ordinary question gets the bot's answer and queues nothing."""
    worker.drain()
    await worker.say("what's available in Kendal?")
    _, answer = await worker.next(lambda d: isinstance(d, dict) and "They Matter" in str(d), timeout=30)
    assert answer
    await asyncio.sleep(1.0)  # anything said after the answer arrives with it
    said = " ".join(_bot_texts(worker))
    assert "connecting you to an advisor" not in said
    assert "can't help with that" not in said
    assert service.store.open_request_for(worker.session_id) is None, "the answered question queued the chat again"
    await worker.say("what is a DAPP?")
    _, again = await worker.next(lambda d: isinstance(d, dict) and "programme" in (d.get("text") or "").lower())
    assert again, "the bot went silent on the second question after the hand-off"


async def _closed_soon(service: HandoffService, handoff_id: int, tries: int = 50) -> bool:
    """Whether the handoff is closed within a few relay steps of the worker being told it is."""
    for _ in range(tries):
        if service.store.get(handoff_id).status == "closed":
            return True
        await asyncio.sleep(0.1)
    return False


async def _signed_in(client, advisor_name: str) -> dict[str, str]:  # noqa: ANN001
    """Sign the advisor in through the console's form; the headers its API wants."""
    from tests.handoff.support import PASSWORD

    page = await client.get("/console/signin")
    token = (await page.text()).split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    signed = await client.post("/console/signin", allow_redirects=False,
                               data={"username": advisor_name, "password": PASSWORD, "csrf_token": token})
    assert signed.status == 303
    return {"X-CSRF-Token": (await (await client.get("/console/api/me")).json())["csrf_token"]}


async def _claimed_chat(client, service: HandoffService, advisor_name: str, rasa_url: str):  # noqa: ANN001, ANN202
    """An advisor signed in, a worker who asked for a person, the advisor's claim: (worker, handoff id, headers)."""
    headers = await _signed_in(client, advisor_name)
    worker = Worker(rasa_url)
    await worker.connect()
    await worker.say("hello")
    await worker.next(lambda d: isinstance(d, dict) and d.get("text"))  # the bot answers before the handoff
    # The real escalation: action_contact_options queues the chat and pauses the bot.
    await worker.say("can I talk to someone please?")
    await worker.next(lambda d: isinstance(d, dict) and "advisor" in (d.get("text") or ""))
    request = service.store.open_request_for(worker.session_id)
    assert request is not None, "the handoff action did not queue the chat"
    claim = await client.post(f"/console/api/handoffs/{request.id}/claim", headers=headers)
    assert claim.status == 200
    _, joined = await worker.next(lambda d: isinstance(d, dict) and "now connected to Sam" in (d.get("text") or ""))
    assert joined
    return worker, request.id, headers


@pytest.fixture
def console_parts(live_stack):  # noqa: ANN001, ANN201
    """The stack, console settings, handoff service and an advisor, signed out again afterwards."""
    url = live_stack.database_url
    db.migrate(url)
    settings = HandoffSettings(database_url=url, secure_cookie=False, poll_seconds=0.2)
    service = HandoffService(settings=settings)
    advisor = add_advisor(service.store, f"sam-{uuid.uuid4().hex[:6]}", display="Sam")
    yield live_stack, settings, service, advisor
    sign_out_everywhere(url, advisor.id)  # the next tests on this stack expect nobody on shift


def test_round_trip_through_rasa_and_console(console_parts):
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from handoff.console import RELAY_KEY, create_console_app, mount_console

    live_stack, settings, service, advisor = console_parts

    async def scenario() -> None:
        console = create_console_app(live_stack.database_url, live_stack.rasa_api_url, live_stack.token,
                                     settings=settings, hours=service.hours)
        root = web.Application()
        mount_console(root, console)
        async with TestClient(TestServer(root)) as client:
            worker, handoff_id, headers = await _claimed_chat(client, service, advisor.username, live_stack.rasa_url)
            ws = await client.ws_connect("/console/ws")
            to_advisor, to_worker, bot_said = [], [], []
            for i in range(ROUNDS):
                bot_said += _bot_texts(worker)
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
            bot_said += _bot_texts(worker)
            assert bot_said == [], f"the bot spoke while the advisor had the chat: {bot_said}"

            end = await client.post(f"/console/api/handoffs/{handoff_id}/end", headers=headers)
            assert end.status == 200
            await worker.next(lambda d: isinstance(d, dict) and "back with the Signpost assistant" in (d.get("text") or ""))
            await _answer_after_handoff(worker, service)
            await ws.close()
            assert console[RELAY_KEY].last_pushed_id
        await worker.close()

        print(f"\nworker -> advisor screen: p50 {percentile(to_advisor, .5) * 1000:.0f} ms, "
              f"p95 {percentile(to_advisor, .95) * 1000:.0f} ms (relay polls every {settings.poll_seconds}s)")
        print(f"advisor reply -> worker: p50 {percentile(to_worker, .5) * 1000:.0f} ms, "
              f"p95 {percentile(to_worker, .95) * 1000:.0f} ms; n={ROUNDS}, mean {statistics.mean(to_worker) * 1000:.0f} ms")

    run(scenario())


def test_worker_ends_the_chat_and_the_bot_answers_again(console_parts):
    """The worker types "end chat": the relay resumes the bot, which then answers ordinary questions."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from handoff.console import create_console_app, mount_console

    live_stack, settings, service, advisor = console_parts

    async def scenario() -> None:
        console = create_console_app(live_stack.database_url, live_stack.rasa_api_url, live_stack.token,
                                     settings=settings, hours=service.hours)
        root = web.Application()
        mount_console(root, console)
        async with TestClient(TestServer(root)) as client:
            worker, handoff_id, _ = await _claimed_chat(client, service, advisor.username, live_stack.rasa_url)
            await worker.say("end chat")
            await worker.next(lambda d: isinstance(d, dict) and "left the advisor chat" in (d.get("text") or ""))
            # the relay resumes the bot first (so a failed resume leaves the chat open to retry), then closes it
            assert await _closed_soon(service, handoff_id)
            await _answer_after_handoff(worker, service)
        await worker.close()

    run(scenario())


def test_rest_worker_is_answered_after_the_advisor_ends(console_parts):
    """The same loop for a REST integration: after the advisor ends, the next question gets its answer."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from handoff.console import create_console_app, mount_console
    from tests.conftest import RestChat

    live_stack, settings, service, advisor = console_parts
    chat = RestChat(live_stack.rasa_url, f"rest-{uuid.uuid4().hex[:12]}")

    async def scenario() -> None:
        console = create_console_app(live_stack.database_url, live_stack.rasa_api_url, live_stack.token,
                                     settings=settings, hours=service.hours)
        root = web.Application()
        mount_console(root, console)
        async with TestClient(TestServer(root)) as client:
            headers = await _signed_in(client, advisor.username)
            queued = await asyncio.to_thread(chat.say, "can I talk to someone please?")
            assert "connecting you to an advisor" in chat.text(queued)
            request = service.store.open_request_for(chat.sender)
            assert request is not None
            assert (await client.post(f"/console/api/handoffs/{request.id}/claim", headers=headers)).status == 200
            assert await asyncio.to_thread(chat.say, "thanks, it's about a dad in Kendal") == []  # the advisor has it
            assert (await client.post(f"/console/api/handoffs/{request.id}/end", headers=headers)).status == 200
            answer = await asyncio.to_thread(chat.say, "what's available in Kendal?")
            assert any("They Matter" in card["name"] for card in chat.cards(answer)), chat.text(answer)
            assert "connecting you to an advisor" not in chat.text(answer)
            assert service.store.open_request_for(chat.sender) is None

    run(scenario())
