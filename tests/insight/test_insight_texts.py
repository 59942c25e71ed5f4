"""The privacy page, the bot's confidentiality answer and the README say what is counted, all of it."""

from __future__ import annotations

import re

import yaml

from directory.settings import PROJECT_ROOT

DIMENSIONS = ("day", "local authority", "police force area", "local service", "filters", "out of", "person",
              "callback")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*\*", "", text)).lower()


def test_the_privacy_page_lists_every_counted_dimension():
    page = _plain((PROJECT_ROOT / "web" / "templates" / "privacy.html").read_text(encoding="utf-8"))
    section = page.split("what is counted for commissioners", 1)[1].split("leaving quickly", 1)[0]
    for dimension in DIMENSIONS:
        assert dimension in section, dimension
    assert "no conversation" in section and "no time of day" in section and "fewer than 10" in section


def test_the_confidentiality_answer_says_what_is_counted():
    domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    answer = _plain(domain["responses"]["utter_confidential"][0]["text"])
    for dimension in ("by day", "area searched for", "anything local", "filters", "out of hours", "person",
                      "callback", "links back to this conversation"):
        assert dimension in answer, dimension
    assert domain["slots"]["insight_search"]["influence_conversation"] is False


def test_the_readme_says_what_is_counted():
    readme = _plain((PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    section = readme.split("## what is counted for commissioners", 1)[1].split("## configuration", 1)[0]
    for dimension in (*DIMENSIONS[:3], "local was found", *DIMENSIONS[4:]):
        assert dimension in section, dimension
    assert "| `insight/` |" in readme
