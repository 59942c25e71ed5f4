"""Workers read sources as documents (title, publisher where named, date), never as our seed file names."""

from __future__ import annotations

import re

import knowledge
from directory import answers, store
from directory.settings import PROJECT_ROOT
from knowledge.answers import programme_text, topic_text
from knowledge.citations import SEED_DOCUMENTS, cite
from language.welsh import bilingual_reply
from safety.routes import risk_routes_text, victim_routes_text

FOR_US = re.compile(r"seeds/|\bSeed \d{3}|\bseed \d{3}|\.txt\b")


def test_every_cited_seed_file_exists():
    seeds = PROJECT_ROOT.parent / "shared"
    for name in SEED_DOCUMENTS:
        assert (seeds / name).is_file(), name


def test_a_seed_file_name_becomes_its_title_and_date():
    assert cite("seeds/001_8195186f5045652a.txt") == (
        "'Domestic abuse perpetrator programme praised for helping to reduce violence', news from the "
        "Nottinghamshire Police and Crime Commissioner (1 June 2022)")
    assert cite("Seed 002: 'From early responses to interrupting high harm' factsheet, undated "
                "(seeds/002_857bfc9fae6c47e5.txt); Respect") == (
        "'From early responses to interrupting high harm' factsheet, undated; Respect")


def test_knowledge_answers_name_no_file():
    for entry in knowledge.load_programmes():
        assert not FOR_US.search(programme_text(entry)), entry.id
    for topic in knowledge.load_guidance():
        assert not FOR_US.search(topic_text(topic)), topic.id


def test_fixed_texts_name_no_file():
    for text in (risk_routes_text(), victim_routes_text(), bilingual_reply(), answers.ONE_TO_ONE_NOTE):
        assert not FOR_US.search(text), text


def test_service_details_name_their_document(seeded_directory):
    with seeded_directory.sessions() as session:
        records = [store.load(session, i) for i in store.all_ids(session)]
    for record in records:
        shown = answers.details(record) + answers.partner_support(record)
        assert not FOR_US.search(shown), record.id
        assert "Source: " in shown
