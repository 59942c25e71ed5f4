"""One set of safety texts for every layer, with the Respect Phoneline's public contact details."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handoff import texts as handoff_texts
from safety import routes, texts

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
# Replies that are not a confident answer: each must carry the safety line.
NOT_CONFIDENT = ["utter_ask_area", "utter_ask_rephrase", "utter_default", "utter_out_of_scope",
                 "utter_goodbye", "utter_callback_cancelled", "utter_anything_else"]


@pytest.mark.parametrize("response", NOT_CONFIDENT)
def test_replies_that_are_not_a_confident_answer_carry_the_safety_line(response):
    for variant in DOMAIN["responses"][response]:
        assert texts.SAFETY_LINE in variant["text"]


def test_every_999_sentence_in_the_domain_is_one_of_the_shared_texts():
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            if "999" in variant["text"]:
                assert texts.DANGER_SENTENCE in variant["text"], name


def test_failure_texts_name_999_and_the_phoneline():
    for text in (handoff_texts.SERVICE_TROUBLE, handoff_texts.BUSY, handoff_texts.ACTION_FAILED):
        assert "999" in text and texts.PHONELINE_PHONE in text and texts.PHONELINE_EMAIL in text


def test_the_seeds_email_variant_is_said_nowhere():
    for path in [ROOT / "bot" / "domain.yml", *ROOT.glob("knowledge/*.yml"), ROOT / "directory" / "data" / "seed_services.csv"]:
        text = path.read_text(encoding="utf-8")
        assert "@respectphonenumber" not in text and "//respectphonenumber" not in text, path.name
    for value in (texts.RESPECT_PHONELINE, texts.SAFETY_LINE, texts.DANGER_NEXT, routes.risk_routes_text()):
        assert "respectphonenumber" not in value


def test_risk_routes_say_the_bot_does_not_assess_risk_and_cite_sources():
    text = routes.risk_routes_text()
    assert "can't assess risk" in text and "Dash" in text and "Marac" in text and "children's services" in text
    assert "999" in text and texts.PHONELINE_PHONE in text and "Sources: " in text
    assert "may fit what you've described" not in text and "score is" not in text
