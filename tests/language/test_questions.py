"""One message asking two things about a service gets both answers (issue 13)."""

from __future__ import annotations

import pytest

from language.questions import questions_in


@pytest.mark.parametrize("text,asked", [
    ("DAPP - how long, and is there a cost?", ["duration", "cost"]),
    ("how do I refer, and who is it not suitable for?", ["referral", "exclusions"]),
    ("would they take him if he denies it", ["exclusions"]),
    ("thanks", []),
])
def test_questions_in_a_message(text, asked):
    assert questions_in(text) == asked
