"""Routing decisions of the balancer, without any server: which replica a request goes to."""

from __future__ import annotations

from balancer.routing import Router, conversation_of, opened_socket_session, socket_ids_of

URLS = ["http://127.0.0.1:5005", "http://127.0.0.1:5006"]


def test_a_conversation_always_goes_to_the_same_replica_and_conversations_spread():
    router = Router(URLS)
    firsts = {router.candidates(f"worker-{i}")[0].index for i in range(40)}
    assert firsts == {0, 1}
    assert len({router.candidates("worker-7")[0].index for _ in range(10)}) == 1


def test_a_replica_marked_down_is_tried_last_and_only_its_conversations_move():
    router = Router(URLS)
    homes = {f"w{i}": router.candidates(f"w{i}")[0] for i in range(20)}
    down = router.backends[0]
    router.mark_down(down)
    for conversation, home in homes.items():
        ordered = router.candidates(conversation)
        assert ordered[0] is not down and ordered[-1] is down
        if home is not down:
            assert ordered[0] is home


def test_rest_sender_and_api_path_name_the_conversation():
    assert conversation_of("POST", "/webhooks/rest/webhook", b'{"sender": "abc", "message": "hi"}') == "abc"
    assert conversation_of("GET", "/conversations/abc/tracker", b"") == "abc"
    assert conversation_of("POST", "/webhooks/rest/webhook", b"not json") is None
    assert conversation_of("POST", "/webhooks/rest/webhook", b"[1, 2]") is None
    deep = b'{"sender": "abc", "metadata": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert conversation_of("POST", "/webhooks/rest/webhook", deep) is None  # left to Rasa to refuse


def test_socketio_requests_carry_the_widget_conversation_or_the_engineio_session():
    assert socket_ids_of("/socket.io/", "session_id=abc&EIO=4&transport=polling") == ("abc", None)
    assert socket_ids_of("/socket.io/", "EIO=4&transport=polling&sid=S1") == (None, "S1")
    assert socket_ids_of("/webhooks/rest/webhook", "sid=S1") == (None, None)


def test_the_polling_handshake_reveals_the_session_to_pin():
    router = Router(URLS)
    sid = opened_socket_session(b'0{"sid":"Zx1","upgrades":[],"pingInterval":25000,"pingTimeout":20000}')
    assert sid == "Zx1"
    router.remember_socket_session(sid, router.backends[1])
    assert router.socket_session_backend("Zx1") is router.backends[1]
    assert opened_socket_session(b"40") is None


def test_a_conversation_that_failed_over_stays_on_its_new_replica_after_the_old_one_returns():
    """Its socket.io connection now lives on the new replica, so replies must be emitted there."""
    router = Router(URLS)
    home = router.candidates("worker-9")[0]
    router.mark_down(home)
    new_home = router.candidates("worker-9")[0]
    router.served("worker-9", new_home)
    home.down_until = 0.0  # the old replica is back
    assert new_home is not home
    assert router.candidates("worker-9")[0] is new_home
