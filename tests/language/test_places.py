"""Places and postcodes in chat messages, found with spaCy and the real gazetteer."""

import pytest

from language.extract import extract_entities, is_only_a_place
from language.places import PlaceFinder


@pytest.fixture(scope="module")
def finder(shared_directory):
    resolver = shared_directory.resolver
    return PlaceFinder(resolver.gazetteer(), resolver.outward_codes(), resolver.canonical_name,
                       minor_places=resolver.minor_place_names())


def places(finder, text):
    return [(m.entity, m.value) for m in finder.find(text)]


@pytest.mark.parametrize("text,expected", [
    ("what's available in Kendal?", ("place", "Kendal")),
    ("anything in barrow-in-furness", ("place", "Barrow in Furness")),
    ("services near barrowinfurness", ("place", "Barrow in Furness")),
    ("perps near kendel for a high risk man", ("place", "Kendal")),
    ("in Notts", ("place", "Nottinghamshire")),
    ("living in st helens", ("place", "St. Helens")),
    ("postcode ng15fs", ("postcode", "NG1 5FS")),
    ("what about NG7?", ("postcode", "NG7")),
    ("sector LA9 4", ("postcode", "LA9 4")),
])
def test_places_and_postcodes_found(finder, text, expected):
    assert expected in places(finder, text)


@pytest.mark.parametrize("text", [
    "for sale", "tell me more about help", "what's in my area", "ah brill, thanks", "hullo", "A1 road",
])
def test_ordinary_words_are_not_places(finder, text):
    assert places(finder, text) == []


def test_capitalised_common_word_after_preposition_is_a_place(finder):
    assert ("place", "Sale") in places(finder, "Is there anything in Sale for him")


def test_hostile_and_huge_text_is_handled(finder):
    assert places(finder, "<script>alert(1)</script> in <b>Kendal</b>") == [("place", "Kendal")]
    assert isinstance(finder.find("x" * 100_000), list)


def test_only_a_place():
    text = "what about NG7 5FS?"
    entities = extract_entities(text, None)
    assert is_only_a_place(text, entities)
    assert not is_only_a_place("tell me about Drive", extract_entities("tell me about Drive", None))


def test_a_misspelt_town_set_apart_by_commas_is_found_but_not_a_name(finder):
    assert [m.value for m in finder.find("typo central sorry, Mansfeild, is there anything for him there?")] == \
        ["Mansfield"]
    assert finder.find("thanks, Laraine, that helps") == []
