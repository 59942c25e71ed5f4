"""The channels put the 999 line first on any message about danger now, once, whatever else is said."""

from __future__ import annotations

from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels import SafetyFirstOutput
from safety.routes import NOT_AN_ASSESSMENT, risk_routes_text
from safety.texts import DANGER_NOW
from tests.async_support import run


def turn(text: str, replies: list[str]) -> list[str]:
    collector = CollectingOutputChannel()
    output = SafetyFirstOutput(collector, text)

    async def go() -> None:
        for reply in replies:
            await output.send_response("worker", {"text": reply})
        await output.finish("worker")

    run(go())
    return [m["text"] for m in collector.messages]


def test_possible_danger_gets_999_before_the_answer():
    assert turn("he's outside her house again", ["Which area do you work in?"]) == [DANGER_NOW, "Which area do you work in?"]


def test_the_danger_answer_is_not_repeated():
    assert turn("he's kicking the door in right now", [DANGER_NOW, "next step", DANGER_NOW]) == [DANGER_NOW, "next step"]


def test_an_answer_to_a_message_naming_a_serious_risk_is_followed_by_the_routes():
    said = turn("he choked her last month, would They Matter take him?", ["They Matter is not suitable for..."])
    assert said[0] == "They Matter is not suitable for..."
    assert said[1].startswith(NOT_AN_ASSESSMENT) and "Marac" in said[1]


def test_the_routes_are_not_repeated_when_the_answer_gave_them():
    routes = risk_routes_text()
    assert turn("he choked her last month", [routes, "Ask me what is available"]) == [routes, "Ask me what is available"]


def test_no_routes_are_added_while_an_advisor_has_the_chat():
    assert turn("he choked her last month", []) == []


def test_danger_while_an_advisor_has_the_chat_still_gets_999():
    assert turn("he's just kicked the door in", []) == [DANGER_NOW]


def test_an_ordinary_message_is_untouched():
    assert turn("what's available in Kendal?", ["cards", "more"]) == ["cards", "more"]


def test_the_output_channel_keeps_the_real_channels_name():
    assert SafetyFirstOutput(CollectingOutputChannel(), "hi").name() == "collector"
