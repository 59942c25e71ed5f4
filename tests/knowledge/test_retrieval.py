"""Retrieval over the knowledge base answers what names or describes an entry, and nothing else."""

from __future__ import annotations

import pytest

from knowledge.retrieval import retrieve


@pytest.mark.parametrize("text,entry", [
    ("whats a marac", "marac"),
    ("is OASys a risk tool", "oasys"),
    ("is the respect phonline free", "respect_phoneline"),
    ("hampton trust still running?", "hampshire_perpetrator_service"),
])
def test_an_entry_named_or_misspelt_is_found(text, entry):
    hit = retrieve(text)
    assert hit is not None and hit.entry.id == entry


@pytest.mark.parametrize("text", ["blah blah wibble", "can I talk to someone", "what's available in Kendal", "", "ok"])
def test_nothing_close_finds_nothing(text):
    assert retrieve(text) is None
