"""Phone numbers read as UK numbers are usually written."""

from __future__ import annotations

import pytest

from directory.phones import grouped


@pytest.mark.parametrize(("recorded", "shown"), [
    ("0808 8024040", "0808 802 4040"),
    ("08088024040", "0808 802 4040"),
    ("+44 808 802 4040", "0808 802 4040"),
    ("07936364165", "07936 364165"),
    ("0113 4960000", "0113 496 0000"),
    ("01614960000", "0161 496 0000"),
    ("02079460000", "020 7946 0000"),
    ("01632 960000", "01632 960000"),
    ("03069990000", "0306 999 0000"),
    ("999", "999"),
    ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
])
def test_numbers_are_grouped_as_usual(recorded, shown):
    assert grouped(recorded) == shown


def test_cards_and_answers_show_grouped_numbers():
    from directory import answers
    from directory.records import ContactPoint, ServiceRecord

    record = ServiceRecord(id="line", name="A line", organisation="Org", source_document="a source",
                           contacts=[ContactPoint("phone", "0808 8024040", "Freephone")])
    assert answers.card(record)["contacts"][0]["value"] == "0808 802 4040"
    assert "0808 802 4040 (Freephone)" in answers.card_text(1, record)
    assert "0808 802 4040 (Freephone)" in answers.contact(record)
