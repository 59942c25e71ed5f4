"""The advisor console through HTTP: auth, CSRF, lock-out, the handoff round trip against a fake Rasa,
the relay of worker messages, websocket pushes, and a console restart mid-handoff."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from handoff.callbacks import validate_form
from handoff.console import RELAY_KEY, create_console_app, mount_console
from handoff.settings import HandoffSettings
from tests.async_support import run
from tests.handoff.support import PASSWORD, Clock, FakeRasa, add_advisor, console_for, london
from tests.handoff.test_callbacks import GOOD

API_GETS = ["me", "queue", "handoffs/1", "callbacks", "audit"]
API_POSTS = ["handoffs/1/claim", "handoffs/1/reply", "handoffs/1/end", "callbacks/1/done"]


def test_no_session(console_factory, store):
    async def scenario():
        async with console_factory() as c:
            for path in API_GETS:
                response = await c.get(path)
                assert response.status == 401, path
            for path in API_POSTS:
                response = await c.post(path, csrf=None)
                assert response.status == 401, path
            page = await c.client.get("/console/", allow_redirects=False)
            assert page.status == 303 and page.headers["Location"] == "/console/signin"
            ws = await c.client.get("/console/ws")
            assert ws.status == 401
            signin = await c.client.get("/console/signin")
            assert signin.status == 200
            assert signin.headers["Cache-Control"] == "no-store"
            assert "script-src 'self'" in signin.headers["Content-Security-Policy"]

    run(scenario())


def test_wrong_password_and_unknown_user(console_factory, store):
    add_advisor(store, "sam")

    async def scenario():
        async with console_factory() as c:
            wrong = await c.sign_in("sam", "not the password")
            assert wrong.status == 401
            assert "Wrong username or password." in await wrong.text()
            unknown = await c.sign_in("nobody", PASSWORD)
            assert unknown.status == 401
            assert "Wrong username or password." in await unknown.text()
            assert (await c.get("me")).status == 401
        actions = [(e.advisor_username, e.action) for e in store.audit_log()]
        assert ("sam", "sign_in_failed") in actions
        assert (None, "sign_in_failed") in actions

    run(scenario())


def test_sign_in_sets_a_safe_cookie_and_sign_out_needs_csrf(console_factory, store):
    add_advisor(store, "sam")

    async def scenario():
        async with console_factory() as c:
            response = await c.sign_in()
            assert response.status == 303 and response.headers["Location"] == "/console/"
            cookie = next(v for v in response.headers.getall("Set-Cookie") if v.startswith("signpost_console="))
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console/" in cookie
            me = await (await c.get("me")).json()
            assert me["username"] == "sam" and me["is_admin"] is False
            page = await c.client.get("/console/")
            html = await page.text()
            assert me["csrf_token"] in html and "Sam" in html
            # Sign-out without the token is refused; with it, the session is gone.
            refused = await c.client.post("/console/signout", data={}, allow_redirects=False)
            assert refused.status == 403
            assert (await c.get("me")).status == 200
            done = await c.client.post("/console/signout", data={"csrf_token": me["csrf_token"]},
                                       allow_redirects=False)
            assert done.status == 303
            assert (await c.get("me")).status == 401
        assert store.advisors_online(timedelta(minutes=5)) == 0

    run(scenario())


def test_secure_cookie_flag(handoff_url, hours, store):
    add_advisor(store, "sam")
    settings = HandoffSettings(database_url=handoff_url, secure_cookie=True)

    async def scenario():
        app = create_console_app(handoff_url, "http://127.0.0.1:9", "t", settings=settings, hours=hours,
                                 run_relay=False)
        root = web.Application()
        mount_console(root, app)
        async with TestClient(TestServer(root)) as client:
            page = await client.get("/console/signin")
            assert "Secure" in page.headers["Set-Cookie"]
            token = (await page.text()).split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            # aiohttp's client will not send a Secure cookie over http; send it by hand.
            response = await client.post("/console/signin", allow_redirects=False,
                                         data={"username": "sam", "password": PASSWORD, "csrf_token": token},
                                         headers={"Cookie": f"signpost_console_signin={token}"})
            assert response.status == 303
            cookie = next(v for v in response.headers.getall("Set-Cookie") if v.startswith("signpost_console="))
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie

    run(scenario())


def test_signin_form_csrf(console_factory, store):
    add_advisor(store, "sam")

    async def scenario():
        async with console_factory() as c:
            await c.client.get("/console/signin")
            missing = await c.client.post("/console/signin", data={"username": "sam", "password": PASSWORD},
                                          allow_redirects=False)
            assert missing.status == 403
            wrong = await c.client.post("/console/signin", allow_redirects=False,
                                        data={"username": "sam", "password": PASSWORD, "csrf_token": "forged"})
            assert wrong.status == 403
            assert (await c.get("me")).status == 401

    run(scenario())


def test_api_csrf(console_factory, store):
    sam = add_advisor(store, "sam")
    request = store.create_request("conv-1", {"area": "Leeds"})

    async def scenario():
        async with console_factory() as c:
            await c.sign_in()
            missing = await c.post(f"handoffs/{request.id}/claim", csrf=None)
            assert missing.status == 403
            wrong = await c.post(f"handoffs/{request.id}/claim", csrf="x" * 43)
            assert wrong.status == 403
            assert store.get(request.id).status == "queued"
            ok = await c.post(f"handoffs/{request.id}/claim")
            assert ok.status == 200
            assert store.get(request.id).advisor_id == sam.id

    run(scenario())


def test_wrong_passwords_slow_that_name_from_that_address_only(handoff_url, hours, store):
    """Five free failures, then back-off for that name from that address; the advisor still signs in elsewhere."""
    add_advisor(store, "sam")
    clock = Clock(london(2026, 11, 24, 10, 0))

    async def scenario():
        async with console_for(handoff_url, hours, clock=clock) as c:
            for attempt in range(5):
                assert (await c.sign_in("sam", f"wrong {attempt}", address="203.0.113.9")).status == 401
            sixth = await c.sign_in("sam", "wrong again", address="203.0.113.9")
            assert sixth.status == 429 and "wait 30 seconds" in await sixth.text()
            assert (await c.sign_in("sam", PASSWORD, address="203.0.113.9")).status == 429  # must wait
            assert (await c.sign_in("sam", PASSWORD, address="198.51.100.7")).status == 303  # elsewhere: fine
            c.client.session.cookie_jar.clear()
            clock.advance(seconds=31)
            assert (await c.sign_in("sam", PASSWORD, address="203.0.113.9")).status == 303
        actions = [e.action for e in store.audit_log(advisor_username="sam")]
        assert "sign_in_throttled" in actions and actions.count("sign_in_failed") == 6
        assert all("203.0.113.9" not in (e.subject or "") for e in store.audit_log(advisor_username="sam"))

    run(scenario())


def test_known_and_unknown_names_are_answered_alike(handoff_url, hours, store):
    add_advisor(store, "sam")
    clock = Clock(london(2026, 11, 24, 10, 0))

    async def answers(c, name: str) -> list[tuple[int, str]]:
        seen = []
        for attempt in range(7):
            response = await c.sign_in(name, f"wrong {attempt}", address=f"192.0.2.{len(name)}")
            body = (await response.text()).replace(name, "NAME")
            seen.append((response.status, body.split('class="message"', 1)[-1][:200]))
        return seen

    async def scenario():
        async with console_for(handoff_url, hours, clock=clock) as c:
            known, unknown = await answers(c, "sam"), await answers(c, "nobody-here")
            assert [status for status, _ in known] == [401] * 5 + [429] * 2
            assert known == unknown

    run(scenario())


def test_idle_session_expires(handoff_url, hours, store):
    add_advisor(store, "sam")
    clock = Clock(london(2026, 11, 24, 10, 0))

    async def scenario():
        async with console_for(handoff_url, hours, clock=clock) as c:
            await c.sign_in()
            clock.advance(minutes=59)
            assert (await c.get("me")).status == 200  # refreshes last seen
            clock.advance(minutes=61)
            assert (await c.get("me")).status == 401

    run(scenario())


def test_handoff_round_trip_against_fake_rasa(console_factory, store):
    add_advisor(store, "sam", display="Sam")
    request = store.create_request("conv-1", {"area": "Leeds", "services_shown": ["Leeds DAPP"], "topic": "risk"})

    async def scenario():
        async with console_factory() as c:
            rasa = c.rasa
            rasa.trackers["conv-1"] = [
                {"event": "user", "text": "what is there in Leeds?", "timestamp": 1.0},
                {"event": "bot", "text": "Here are services", "data": {"buttons": [{"title": "More"}]},
                 "timestamp": 2.0},
            ]
            await c.sign_in()
            queue = await (await c.get("queue")).json()
            assert [h["id"] for h in queue["queued"]] == [request.id]
            assert queue["queued"][0]["summary"]["area"] == "Leeds"

            claim = await c.post(f"handoffs/{request.id}/claim")
            assert claim.status == 200
            again = await c.post(f"handoffs/{request.id}/claim")
            assert again.status == 409
            cid, params, events = rasa.appended[-1]
            assert cid == "conv-1" and events[0]["event"] == "bot" and "Sam" in events[0]["text"]

            detail = await (await c.get(f"handoffs/{request.id}")).json()
            assert [(t["who"], t["text"]) for t in detail["transcript"]][:2] == [
                ("worker", "what is there in Leeds?"), ("bot", "Here are services\n[More]")]

            # The worker types while paused; the relay records it once.
            rasa.say("conv-1", "Hello, is anyone there?")
            relay = c.app[RELAY_KEY]
            await relay.step()
            await relay.step()
            assert [(m.direction, m.text) for m in store.messages(request.id)] == [
                ("worker", "Hello, is anyone there?")]

            reply = await c.post(f"handoffs/{request.id}/reply", {"text": "Hi, I'm Sam. How can I help?"})
            assert reply.status == 200
            cid, params, events = rasa.appended[-1]
            assert params["output_channel"] == "socketio"
            assert params["execute_side_effects"] == "true"
            assert "token" not in params  # the credential goes in a header (FakeRasa checked the JWT)
            assert events[0]["event"] == "bot" and events[0]["text"] is None
            assert events[0]["data"]["custom"]["data"] == {
                "type": "advisor_message", "text": "Hi, I'm Sam. How can I help?", "advisor": "Sam"}
            assert (await c.post(f"handoffs/{request.id}/reply", {"text": "  "})).status == 400
            assert (await c.post(f"handoffs/{request.id}/reply", {"text": "x" * 2001})).status == 400

            detail = await (await c.get(f"handoffs/{request.id}")).json()
            assert [(t["who"], t.get("advisor")) for t in detail["transcript"]][-1] == ("advisor", "Sam")
            assert [m["direction"] for m in detail["relayed"]] == ["worker", "advisor"]

            end = await c.post(f"handoffs/{request.id}/end")
            assert end.status == 200
            cid, params, events = rasa.appended[-1]
            assert [e["event"] for e in events] == ["resume", "bot", "action"]
            assert "back with the Signpost assistant" in events[1]["text"]
            assert params["execute_side_effects"] == "true"
            assert store.get(request.id).status == "closed"
            assert store.get(request.id).closed_by == "advisor"
            assert (await c.post(f"handoffs/{request.id}/reply", {"text": "late"})).status == 409
            assert (await c.post(f"handoffs/{request.id}/end")).status == 409

        actions = [e.action for e in store.audit_log(advisor_username="sam")]
        assert {"claim", "view_transcript", "reply", "end"} <= set(actions)

    run(scenario())


def test_reply_only_by_the_claiming_advisor(console_factory, store):
    sam = add_advisor(store, "sam")
    add_advisor(store, "alex")
    request = store.create_request("conv-1", None)
    store.claim(request.id, sam.id)

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("alex")
            assert (await c.post(f"handoffs/{request.id}/reply", {"text": "hi"})).status == 403
            assert (await c.post(f"handoffs/{request.id}/end")).status == 403
            assert (await c.post("handoffs/999/claim")).status == 404

    run(scenario())


def test_rasa_down_loses_nothing(console_factory, store):
    add_advisor(store, "sam")
    request = store.create_request("conv-1", None)

    async def scenario():
        async with console_factory() as c:
            await c.sign_in()
            await c.post(f"handoffs/{request.id}/claim")
            c.rasa.fail = True
            reply = await c.post(f"handoffs/{request.id}/reply", {"text": "are you there?"})
            assert reply.status == 502
            assert store.messages(request.id) == []  # not recorded as sent
            end = await c.post(f"handoffs/{request.id}/end")
            assert end.status == 502
            assert store.get(request.id).status == "active"  # still open: the bot was not resumed
            detail = await (await c.get(f"handoffs/{request.id}")).json()
            assert detail["transcript_error"]
            await c.app[RELAY_KEY].step()  # a failing Rasa does not break the loop

    run(scenario())


def test_worker_ends_the_chat_and_restart(console_factory, store):
    sam = add_advisor(store, "sam")
    ending = store.create_request("conv-end", None)
    store.claim(ending.id, sam.id)
    restarting = store.create_request("conv-restart", None)

    async def scenario():
        async with console_factory() as c:
            c.rasa.say("conv-end", "End chat")
            c.rasa.trackers.setdefault("conv-restart", []).append(
                {"event": "restart", "timestamp": datetime.now(UTC).timestamp() + 1})
            await c.app[RELAY_KEY].step()
            assert store.get(ending.id).closed_by == "worker"
            assert store.get(restarting.id).closed_by == "worker"
            resumed = [events for cid, _, events in c.rasa.appended if cid == "conv-end"]
            assert resumed and resumed[-1][0]["event"] == "resume"

    run(scenario())


def test_stale_handoffs_close_and_resume(handoff_url, hours, store):
    now = datetime.now(UTC)
    clock = Clock(now)
    request = store.create_request("conv-gone", None, now)

    async def scenario():
        async with console_for(handoff_url, hours, clock=clock) as c:
            await c.app[RELAY_KEY].step()
            assert store.get(request.id).status == "queued"
            clock.advance(minutes=31)
            await c.app[RELAY_KEY].step()
            assert store.get(request.id).closed_by == "timeout"
            assert c.rasa.appended[-1][2][0]["event"] == "resume"

    run(scenario())


def test_websocket_pushes_queue_and_worker_messages(console_factory, store):
    add_advisor(store, "sam")
    add_advisor(store, "alex")

    async def receive(ws, kind):
        while True:
            message = await asyncio.wait_for(ws.receive_json(), 5)
            if message["type"] == kind:
                return message

    async def scenario():
        async with console_factory() as c, console_factory(rasa=c.rasa) as other:
            await c.sign_in("sam")
            await other.sign_in("alex")
            refused = await c.client.get("/console/ws", headers={"Origin": "https://evil.example"})
            assert refused.status == 403
            ws = await c.client.ws_connect("/console/ws")
            ws_alex = await other.client.ws_connect("/console/ws")
            assert (await receive(ws, "hello"))["advisor"] == "Sam"
            await receive(ws, "queue")
            await receive(ws_alex, "queue")

            request = store.create_request("conv-1", {"topic": "programmes"})  # made by the action server
            relay = c.app[RELAY_KEY]
            await relay.step()
            pushed = await receive(ws, "queue")
            assert [h["id"] for h in pushed["queued"]] == [request.id]

            await c.post(f"handoffs/{request.id}/claim")
            c.rasa.say("conv-1", "my question is about a high-risk dad")
            await relay.step()
            message = await receive(ws, "message")
            assert message["text"] == "my question is about a high-risk dad"
            assert message["handoff_id"] == request.id and message["direction"] == "worker"

            # Alex's console sees the queue change but never the message text.
            await other.app[RELAY_KEY].step()
            seen = []
            while True:
                try:
                    seen.append(await asyncio.wait_for(ws_alex.receive_json(), 0.3))
                except TimeoutError:
                    break
            assert all(m["type"] != "message" for m in seen)
            assert "high-risk dad" not in str(seen)

            await ws.send_json({"type": "ping"})
            assert (await receive(ws, "pong"))["type"] == "pong"
            await ws.close()
            await ws_alex.close()

    run(scenario())


def test_console_restart_mid_handoff_loses_nothing(console_factory, store):
    """Claim and talk, stop the console, the worker writes meanwhile, start a new console: all there, once."""
    add_advisor(store, "sam")
    rasa = FakeRasa()
    request = store.create_request("conv-1", None)

    async def scenario():
        async with console_factory(rasa=rasa) as c:
            await c.sign_in()
            await c.post(f"handoffs/{request.id}/claim")
            rasa.say("conv-1", "first message")
            await c.app[RELAY_KEY].step()
            await c.post(f"handoffs/{request.id}/reply", {"text": "reply one"})
            cookies = {k: v.value for k, v in c.client.session.cookie_jar.filter_cookies(
                c.client.make_url("/console/")).items()}
        rasa.say("conv-1", "written while the console was down")
        async with console_factory(rasa=rasa) as c2:
            c2.client.session.cookie_jar.update_cookies(cookies, c2.client.make_url("/console/"))
            assert (await c2.get("me")).status == 200  # sessions live in the database
            queue = await (await c2.get("queue")).json()
            assert [h["id"] for h in queue["active"]] == [request.id]
            await c2.app[RELAY_KEY].step()
            await c2.app[RELAY_KEY].step()
            detail = await (await c2.get(f"handoffs/{request.id}")).json()
            assert [(m["direction"], m["text"]) for m in detail["relayed"]] == [
                ("worker", "first message"), ("advisor", "reply one"),
                ("worker", "written while the console was down")]
            assert (await c2.post(f"handoffs/{request.id}/reply", {"text": "still here"})).status == 200

    run(scenario())


def test_callbacks_list_and_done(console_factory, store):
    add_advisor(store, "sam")
    first = store.add_callback(validate_form(GOOD), "conv-1")

    async def scenario():
        async with console_factory() as c:
            await c.sign_in()
            listing = await (await c.get("callbacks")).json()
            assert listing["retention_days"] == 30
            assert [(cb["id"], cb["contact"]) for cb in listing["callbacks"]] == [(first, "07700 900123")]
            assert (await c.post(f"callbacks/{first}/done", csrf=None)).status == 403
            done = await (await c.post(f"callbacks/{first}/done")).json()
            assert done["changed"] is True and done["callback"]["done_by"] == "Sam"
            assert (await (await c.get("callbacks")).json())["callbacks"] == []
            assert len((await (await c.get("callbacks?all=1")).json())["callbacks"]) == 1
            assert (await c.post("callbacks/424242/done")).status == 404
        actions = [(e.action, e.subject) for e in store.audit_log(advisor_username="sam")]
        assert ("view_callbacks", f"callbacks {first}") in actions
        assert ("callback_done", f"callback {first}") in actions

    run(scenario())


def test_audit_log_is_for_admins(console_factory, store):
    add_advisor(store, "sam")
    add_advisor(store, "ada", admin=True)

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("sam")
            await c.get("callbacks")
            assert (await c.get("audit")).status == 403
        async with console_factory() as admin:
            await admin.sign_in("ada")
            events = (await (await admin.get("audit?advisor=sam")).json())["events"]
            assert [e["action"] for e in events][:2] == ["view_callbacks", "sign_in"]

    run(scenario())


def test_static_files_and_page(console_factory, store):
    add_advisor(store, "sam")

    async def scenario():
        async with console_factory() as c:
            script = await c.client.get("/console/static/console.js")
            assert script.status == 200 and "X-CSRF-Token" in await script.text()
            await c.sign_in()
            page = await (await c.client.get("/console/")).text()
            assert 'src="/console/static/console.js"' in page
            assert "<script>" not in page  # no inline script (CSP script-src 'self')

    run(scenario())


def test_a_database_error_in_the_relay_logs_its_type_not_the_message(console_factory, store, handoff_url, caplog):
    """A relay poll that fails writing the worker's message must not put that message into the logs (issue 15)."""
    import logging

    from sqlalchemy import text

    from directory import db

    rasa = FakeRasa()
    store.create_request("conv-1", None)
    rasa.say("conv-1", "my number is 07700 900123, he lives at 1 Example Road")

    async def scenario():
        async with console_factory(rasa=rasa) as c:
            with db.get_engine(handoff_url).begin() as conn:
                conn.execute(text("DROP TABLE relayed_message"))
            with caplog.at_level(logging.DEBUG, logger="handoff"):
                loop = asyncio.create_task(c.app[RELAY_KEY].run())
                await asyncio.sleep(0.5)
                loop.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await loop

    run(scenario())
    assert "handoff relay step failed (OperationalError)" in caplog.text
    assert "07700 900123" not in caplog.text and "Example Road" not in caplog.text


def test_topic_labels_are_plain_words(console_factory, store):
    from handoff.console.topics import TOPIC_LABELS, topic_label

    assert topic_label("find_services") == "Finding services"
    assert topic_label("ask_guidance") == "Safe-practice guidance"
    assert topic_label("ask_something_new") == "Asked about something new"
    assert topic_label("new_intent") == "New intent"
    assert topic_label("/ask_cost") == "Cost"
    assert topic_label("is a programme right for him") == "is a programme right for him"
    assert topic_label(None) is None and topic_label("  ") is None
    domain = (Path(__file__).resolve().parents[2] / "bot" / "domain.yml").read_text(encoding="utf-8")
    intents = yaml.safe_load(domain)["intents"]
    assert set(intents) <= set(TOPIC_LABELS), set(intents) - set(TOPIC_LABELS)
    assert all("_" not in label for label in TOPIC_LABELS.values())

    add_advisor(store, "sam")
    request = store.create_request("conv-topic", {"topic": "find_services"})

    async def scenario():
        async with console_factory() as c:
            await c.sign_in()
            queue = await (await c.get("queue")).json()
            assert queue["queued"][0]["topic_label"] == "Finding services"
            assert queue["queued"][0]["summary"]["topic"] == "find_services"
            one = await (await c.get(f"handoffs/{request.id}")).json()
            assert one["handoff"]["topic_label"] == "Finding services"

    run(scenario())
