"""Family details added after a search: the search stands and is shown again in their light."""

import pytest

from language.details import adds_family_detail


# conversations_round13 misses, in our own words
@pytest.mark.parametrize("text", [
    "He's also got three kids from his first marriage.",
    "he has his little ones every weekend",
    "oh and he is the father of her baby",
    "she's expecting in the spring, btw",
    "what if he's not the father, just her new partner?",
    "he sees the children at weekends",
])
def test_a_family_detail_is_recognised(text):
    assert adds_family_detail(text)


@pytest.mark.parametrize("text", [
    "how long is the programme for dads?",
    "does it cost anything if he has kids?",
    "what's available in Kendal?",
    "he denies all of it",
    "the children are with their gran",
])
def test_a_question_of_its_own_or_no_family_detail_is_not_one(text):
    assert not adds_family_detail(text)
