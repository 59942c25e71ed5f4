"""Hostile input through Rasa's REST channel of the running assistant (real Rasa, action server and web app).

A worker's browser, a broken integration or an attacker can send anything. Whatever arrives, the
assistant must answer with a 2xx or a 4xx (never a 5xx, never a hang), never repeat markup it was
sent, keep answering ordinary messages, and never change the directory.
"""

from __future__ import annotations

import http.client
import json
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from scripts.stack import StackConfig

pytestmark = pytest.mark.conversation

WEBHOOK = "/webhooks/rest/webhook"
TIMEOUT = 60  # seconds; no answer by then counts as a hang
FUZZ = settings(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])
MARKUP = ["<script", "</script", "onerror=", "onload=", "<img", "<iframe", "<svg", "javascript:", "<a href", "<b>"]
PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">Kendal</a>", "\"><script>alert(document.cookie)</script>", "<b>Kendal</b>",
    "'; DROP TABLE service; --", "Kendal'; DELETE FROM service WHERE '1'='1", "\" OR 1=1 --", "1; UPDATE service SET name='x'",
    "Robert'); DROP TABLE trackers;--", "${7*7}", "{{7*7}}", "%s%s%s%n", "../../etc/passwd", "/restart", "/inform{\"place\":",
    "/inform{\"place\": \"<script>alert(1)</script>\"}", "/talk_to_human", "\x00", "\x1b[2J", "\u202eevil", "\ufeff", "\r\n",
    "\ud800", "Kendal \udfff", "\udcff\udcfe NG1 5FS",
]
CONTEXTS = ["{}", "services in {}", "what's available in {} for perpetrators?", "I work in {}", "{} Kendal", "Kendal {}"]


def _post(config: StackConfig, body: bytes, content_type: str | None = "application/json") -> tuple[int, bytes]:
    """POST raw bytes to the REST webhook; a timeout (a hang) raises and fails the test."""
    url = urlsplit(config.rasa_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    try:
        connection.request("POST", WEBHOOK, body=body, headers={"Content-Type": content_type} if content_type else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _say(config: StackConfig, message: Any, sender: str | None = None) -> tuple[int, bytes]:
    body = {"sender": sender or f"fuzz-{uuid.uuid4().hex[:12]}", "message": message}
    return _post(config, json.dumps(body).encode("utf-8", errors="surrogatepass"))


def _check_reply(status: int, body: bytes, sent: str) -> None:
    """No 5xx; a 200 is a JSON list of messages that repeats none of the markup that was sent."""
    event(f"HTTP {status}")
    assert status < 500, f"{status}: {body[:300]!r}"
    if status != 200:
        return
    replies = json.loads(body)
    assert isinstance(replies, list)
    said = json.dumps(replies, ensure_ascii=False).lower()
    for marker in MARKUP:
        if marker in sent.lower():
            assert marker not in said, f"the reply repeats {marker!r}: {said[:500]}"


def _services_dump(config: StackConfig) -> list[str]:
    """Every service row of the running assistant's directory."""
    engine = create_engine(config.database_url)
    try:
        with engine.connect() as connection:
            return sorted(map(repr, connection.execute(text("SELECT * FROM service ORDER BY id"))))
    finally:
        engine.dispose()


def _still_answers(config: StackConfig) -> None:
    status, body = _say(config, "what's available in Kendal?")
    assert status == 200 and "They Matter" in body.decode("utf-8"), body[:300]


@pytest.fixture(scope="module")
def stack(live_stack: StackConfig) -> StackConfig:
    """The running assistant; afterwards it must still answer and its directory must be unchanged."""
    before = _services_dump(live_stack)
    assert before, "the live stack's directory should hold the seed services"
    yield live_stack
    _still_answers(live_stack)
    assert _services_dump(live_stack) == before


# --- strategies ------------------------------------------------------------------------------------------

huge = st.builds(lambda unit, size: unit * (size // len(unit.encode()) + 1),  # 100 kB to 250 kB of UTF-8
                 st.sampled_from(["a", "Kendal ", "<script>", "\u00e9", "\U0001f600", " ", "x\n"]), st.integers(100_000, 250_000))
control = st.text(st.characters(codec="utf-8", max_codepoint=0x9f), min_size=1, max_size=30)
hostile = st.one_of(st.sampled_from(PAYLOADS), control, st.text(max_size=60), huge)
messages = st.builds(lambda ctx, payload: ctx.format(payload), st.sampled_from(CONTEXTS), hostile)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)


def _nested_json(depth: int, opener: str, closer: str) -> str:
    return opener * depth + closer * depth


# --- tests -----------------------------------------------------------------------------------------------


@settings(FUZZ, max_examples=40)
@given(message=messages)
def test_hostile_messages_get_an_answer_without_markup(stack: StackConfig, message: str) -> None:
    """Markup, SQL, control characters or a 100 kB+ paste get a normal answer that never repeats the markup."""
    status, body = _say(stack, message)
    _check_reply(status, body, message)


@settings(FUZZ, max_examples=15)
@given(payload=st.sampled_from(PAYLOADS) | control | huge)
def test_hostile_answer_to_which_area_is_not_echoed(stack: StackConfig, payload: str) -> None:
    """Asked for an area, a hostile reply gets 'I don't recognise that' without the markup repeated."""
    sender = f"fuzz-{uuid.uuid4().hex[:12]}"
    status, body = _say(stack, "what services are there in my area?", sender)
    _check_reply(status, body, "")
    status, body = _say(stack, payload, sender)
    _check_reply(status, body, payload)


@settings(FUZZ, max_examples=20)
@given(raw=st.one_of(
    st.sampled_from([b"\xff\xfe\xfd", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80", b"Kendal\xe2\x82", b"\x00\x01"]),
    st.binary(min_size=1, max_size=64),
), escaped=st.booleans())
def test_invalid_utf8_and_lone_surrogates_are_refused_or_answered(stack: StackConfig, raw: bytes, escaped: bool) -> None:
    """Bytes that are not UTF-8 (sent raw, or as \\ud800 escapes) get a 4xx or an answer, never a server error."""
    message = "".join(f"\\u{0xdc00 + b:04x}" for b in raw) if escaped else None
    body = (b'{"sender": "fuzz-bytes", "message": "' + (message.encode() if message else raw) + b'"}')
    status, reply = _post(stack, body)
    _check_reply(status, reply, raw.decode("utf-8", errors="replace"))


@settings(FUZZ, max_examples=12)
@given(depth=st.integers(10, 100_000), where=st.sampled_from(["body", "message", "metadata", "sender"]),
       brackets=st.sampled_from([("[", "]"), ('{"a":', "}")]))
def test_deeply_nested_json_is_refused(stack: StackConfig, depth: int, where: str, brackets: tuple[str, str]) -> None:
    """A JSON body nested thousands of levels deep is refused or answered; the server does not fall over."""
    nested = _nested_json(depth, *brackets)
    bodies = {"body": nested, "message": f'{{"sender": "fuzz-deep", "message": {nested}}}',
              "metadata": f'{{"sender": "fuzz-deep", "message": "hi", "metadata": {{"x": {nested}}}}}',
              "sender": f'{{"sender": {nested}, "message": "hi"}}'}
    status, reply = _post(stack, bodies[where].encode())
    _check_reply(status, reply, "")


@st.composite
def malformed_requests(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """Invalid JSON, wrong types, missing fields, wrong content types, empty bodies."""
    good = {"sender": "fuzz-malformed", "message": "hello"}
    kind = draw(st.sampled_from(["wrong_type", "missing", "not_object", "invalid_json", "content_type", "empty"]))
    if kind == "wrong_type":
        body = dict(good, **{draw(st.sampled_from(["sender", "message", "metadata", "input_channel"])): draw(json_values)})
    elif kind == "missing":
        body = {k: v for k, v in good.items() if k != draw(st.sampled_from(list(good)))}
    elif kind == "not_object":
        body = draw(json_values.filter(lambda v: not isinstance(v, dict)))
    if kind in ("wrong_type", "missing", "not_object"):
        return json.dumps(body).encode(), "application/json"
    if kind == "invalid_json":
        return draw(st.sampled_from([b"{", b'{"sender": "x", "message": }', b"{'sender': 'x'}", b"nul", b"NaN",
                                     b'{"sender": "x", "message": "hi"', b"[1, 2,]"]) | st.binary(max_size=40)), \
            "application/json"
    if kind == "content_type":
        return json.dumps(good).encode(), draw(st.sampled_from(["text/plain", "application/x-www-form-urlencoded",
                                                                "multipart/form-data; boundary=x", "application/xml"]))
    return b"", draw(st.sampled_from(["application/json", None]))


@settings(FUZZ, max_examples=45)
@given(request=malformed_requests())
def test_malformed_requests_get_a_4xx_not_a_server_error(stack: StackConfig, request: tuple[bytes, str | None]) -> None:
    """A broken integration sending bad requests gets a 4xx (or an answer), never a 5xx or a hang."""
    body, content_type = request
    status, reply = _post(stack, body, content_type)
    event(f"HTTP {status}")
    assert status < 500, f"{status} for {body[:200]!r} ({content_type}): {reply[:300]!r}"


def test_assistant_still_answers_after_the_fuzzing(stack: StackConfig) -> None:
    """After all of the above, a worker asking for services in Kendal still gets them."""
    _still_answers(stack)
