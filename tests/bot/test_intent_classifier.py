"""LinearIntentClassifier as a Rasa graph component: trains, persists, loads and ranks intents."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "greet": ["hi", "hello there", "good morning", "hiya, social worker here"],
    "ask_cost": ["is it free", "how much does it cost", "does he have to pay", "is there a fee"],
    "ask_duration": ["how long is it", "how many weeks", "how many sessions", "how long does it last"],
}


def _training_data() -> TrainingData:
    return TrainingData([Message(data={TEXT: text, INTENT: intent})
                         for intent, texts in EXAMPLES.items() for text in texts])


def test_trains_persists_loads_and_ranks(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear_intent")
    context = ExecutionContext(GraphSchema({}), "test")
    trained = LinearIntentClassifier.create({}, storage, resource, context)
    trained.train(_training_data())

    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    message = Message(data={TEXT: "how much would it cost him"})
    loaded.process([message])

    assert message.get(INTENT)["name"] == "ask_cost"
    ranking = message.get(INTENT_RANKING_KEY)
    assert [r["name"] for r in ranking][0] == "ask_cost"
    assert {r["name"] for r in ranking} == set(EXAMPLES)
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_untrained_component_leaves_messages_alone(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    component = LinearIntentClassifier.load({}, storage, Resource("never_trained"), context)
    message = Message(data={TEXT: "hello"})
    component.process([message])
    assert message.get(INTENT) is None


def test_blank_message_gets_no_intent_so_the_bot_asks_to_rephrase(tmp_path: Path):
    """A bare line break has no words: an empty intent (Rasa's fallback then asks again), not a crash."""
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear_intent")
    context = ExecutionContext(GraphSchema({}), "test")
    LinearIntentClassifier.create({}, storage, resource, context).train(_training_data())
    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    messages = [Message(data={TEXT: text}) for text in ("\r\n", "   ")]
    loaded.process(messages)
    assert all(m.get(INTENT) == {"name": None, "confidence": 0.0} for m in messages)
