"""The turn queue: at most N turns at once, the rest admitted strictly in arrival order, no slot lost."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage

from bot.channels import failure_text
from bot.turn_limit import TurnQueue, TurnWaitTooLong, queue_turns, turns_at_once
from handoff.texts import BUSY, SERVICE_TROUBLE
from tests.async_support import run

# Rasa's own Agent.handle_message, as the class holds it when this module is imported.
RASA_HANDLE_MESSAGE = Agent.__dict__["handle_message"]


@pytest.fixture(autouse=True)
def rasas_handle_message_is_back_after_each_test():
    """Runs outside the tests' monkeypatch, so its check after the test sees what the rest of the run sees."""
    assert (RASA_HANDLE_MESSAGE.__module__, RASA_HANDLE_MESSAGE.__qualname__) == ("rasa.core.agent",
                                                                                "Agent.handle_message")
    assert Agent.__dict__["handle_message"] is RASA_HANDLE_MESSAGE, "Agent was already patched before this test"
    yield
    assert Agent.__dict__["handle_message"] is RASA_HANDLE_MESSAGE, "a test left the turn queue installed on Agent"


async def _turns(queue: TurnQueue, count: int) -> tuple[int, list[int]]:
    """Start `count` turns one after another; (most in progress at once, order they were admitted)."""
    in_progress, most, admitted = 0, 0, []

    async def turn(number: int) -> None:
        nonlocal in_progress, most
        async with queue:
            admitted.append(number)
            in_progress += 1
            most = max(most, in_progress)
            await asyncio.sleep(0.01)
            in_progress -= 1

    tasks = []
    for number in range(count):
        tasks.append(asyncio.create_task(turn(number)))
        await asyncio.sleep(0)  # arrive in order
    await asyncio.gather(*tasks)
    return most, admitted


def test_at_most_n_turns_at_once_admitted_in_arrival_order():
    queue = TurnQueue(3)
    most, admitted = run(_turns(queue, 20))
    assert most == 3 and admitted == list(range(20)) and queue.running == 0


def test_zero_means_no_queue():
    most, _ = run(_turns(TurnQueue(0), 20))
    assert most == 20


def test_a_turn_cancelled_while_waiting_loses_no_slot():
    async def scenario() -> list[str]:
        queue, done = TurnQueue(1), []

        async def turn(name: str, seconds: float) -> None:
            async with queue:
                await asyncio.sleep(seconds)
                done.append(name)

        first = asyncio.create_task(turn("first", 0.05))
        await asyncio.sleep(0)
        abandoned = asyncio.create_task(turn("abandoned", 0))
        last = asyncio.create_task(turn("last", 0))
        await asyncio.sleep(0.01)
        abandoned.cancel()
        await asyncio.gather(first, last)
        return done + [str(queue.running)]

    assert run(scenario()) == ["first", "last", "0"]


def test_a_turn_cancelled_as_it_is_admitted_passes_its_place_on():
    async def scenario() -> list[str]:
        queue, done = TurnQueue(1), []

        async def turn(name: str) -> None:
            async with queue:
                done.append(name)

        await queue.__aenter__()  # a turn in progress
        admitted_then_cancelled = asyncio.create_task(turn("cancelled"))
        waiting = asyncio.create_task(turn("next"))
        await asyncio.sleep(0)
        await queue.__aexit__(None, None, None)  # hands the slot to the first waiter...
        admitted_then_cancelled.cancel()  # ...which is cancelled before it runs
        await asyncio.gather(admitted_then_cancelled, waiting, return_exceptions=True)
        return done + [str(queue.running)]

    assert run(scenario()) == ["next", "0"]


def test_a_turn_that_waits_too_long_is_told_the_service_is_busy_and_the_queue_goes_on():
    async def scenario() -> list[str]:
        queue, outcomes = TurnQueue(1, max_wait_s=0.05), []

        async def turn(name: str, seconds: float) -> None:
            try:
                async with queue:
                    await asyncio.sleep(seconds)
                    outcomes.append(f"{name} done")
            except TurnWaitTooLong:
                outcomes.append(f"{name} busy")

        first = asyncio.create_task(turn("long", 0.2))
        await asyncio.sleep(0)
        await turn("impatient", 0)
        await first
        await turn("later", 0)
        return outcomes + [str(queue.running), str(len(queue.waiting))]

    assert run(scenario()) == ["impatient busy", "long done", "later done", "0", "0"]


def test_workers_read_busy_for_a_long_wait_and_service_trouble_for_anything_else():
    assert failure_text(TurnWaitTooLong()) == BUSY
    assert failure_text(ConnectionError()) == SERVICE_TROUBLE
    assert "999" in BUSY and "0808 802 4040" in BUSY


def test_setting(monkeypatch):
    monkeypatch.setenv("SIGNPOST_TURNS_AT_ONCE", "0")
    assert turns_at_once() == 0
    monkeypatch.setenv("SIGNPOST_TURNS_AT_ONCE", "not a number")
    assert turns_at_once() == 4


def test_agents_handle_messages_through_the_queue(monkeypatch):
    monkeypatch.setattr(Agent, "handle_message", RASA_HANDLE_MESSAGE)  # put back after the test
    queue_turns()
    installed = Agent.handle_message
    queue_turns()  # a second call changes nothing
    assert Agent.handle_message is installed and installed is not RASA_HANDLE_MESSAGE and installed.queued
    assert run(Agent().handle_message(UserMessage("hello"))) is None  # an agent without a model still says so


def test_the_installed_queue_admits_one_turn_at_a_time_in_arrival_order(monkeypatch):
    """What queue_turns puts on Agent, around a stand-in for Rasa's handle_message that waits to be let go."""
    monkeypatch.setenv("SIGNPOST_TURNS_AT_ONCE", "1")
    entered, release = [], None

    async def handle_message(self: Agent, message: UserMessage) -> list[str]:
        entered.append(message.text)
        await release.wait()
        return [message.text]

    monkeypatch.setattr(Agent, "handle_message", handle_message)  # put back after the test
    queue_turns()

    async def scenario() -> tuple[list[str], list[list[str]]]:
        nonlocal release
        release = asyncio.Event()
        agent = Agent()
        turns = [asyncio.create_task(agent.handle_message(UserMessage(text))) for text in ("a", "b", "c")]
        await asyncio.sleep(0)  # every turn runs until it waits
        while_first_runs = list(entered)
        release.set()
        return while_first_runs, await asyncio.gather(*turns)

    while_first_runs, replies = run(scenario())
    assert while_first_runs == ["a"]
    assert entered == ["a", "b", "c"] and replies == [["a"], ["b"], ["c"]]

