"""Small numbers: 1 to 9 shown as 'fewer than 10', and others withheld so no line that adds up gives a
hidden figure away (or narrows a 'fewer than 10' to a few values)."""

from __future__ import annotations

from insight.suppression import Table, suppress


def _column(values: dict[str, int]) -> Table:
    table = Table()
    for key, value in values.items():
        table.cell(key, value)
    table.cell("total", sum(values.values()))
    table.adds_up("total", list(values))
    return table


def test_counts_under_the_threshold_are_fewer_than_it_and_noughts_are_shown():
    result = suppress(_column({"a": 4, "b": 0, "c": 25, "d": 30}), 10)
    assert result.display("a") == "fewer than 10"
    assert result.display("b") == "0"
    assert result.display("total") == "59" or result.display("total") == "withheld"


def test_one_hidden_figure_in_a_column_hides_another_so_the_total_cannot_give_it_away():
    result = suppress(_column({"a": 4, "c": 25, "d": 30}), 10)
    shown = {key: result.number(key) for key in ("a", "c", "d", "total")}
    assert shown["a"] is None
    assert sum(value is None for value in shown.values()) >= 2
    assert result.display("c") == "withheld"  # the smallest figure that mends the line, total kept
    assert result.display("total") == "59"


def test_a_withheld_figure_must_not_pin_the_small_one_down():
    """1 + 10 = 11: 'withheld' means 10 or more, so withholding the 10 alone would show the 1."""
    result = suppress(_column({"a": 1, "b": 10, "c": 40}), 10)
    assert result.number("a") is None
    assert result.secondary != {"b"}
    assert result.display("c") == "withheld" and result.display("total") == "51"  # 1 + c = 41: c can't be pinned


def test_two_small_figures_that_add_up_to_almost_twenty_are_protected_further():
    """9 + 9 = 18 would tell a reader each is 8 or 9."""
    result = suppress(_column({"a": 9, "b": 9, "c": 40}), 10)
    assert result.number("c") is None or result.number("total") is None


def test_a_complement_never_shown_is_protected_too():
    """25 searches, 23 out of hours: the 2 in hours follow by subtraction unless something is withheld."""
    table = Table()
    table.cell("searches", 25)
    table.cell("out_of_hours", 23)
    table.cell("in_hours", 2, shown=False)
    table.adds_up("searches", ["out_of_hours", "in_hours"])
    result = suppress(table, 10)
    assert result.number("searches") is None or result.number("out_of_hours") is None


def test_a_complement_never_shown_is_withheld_first():
    table = Table()
    table.cell("searches", 25)
    table.cell("callback", 3)
    table.cell("no_callback", 22, shown=False)
    table.adds_up("searches", ["callback", "no_callback"])
    result = suppress(table, 10)
    assert result.display("searches") == "25" and result.display("callback") == "fewer than 10"


def test_the_threshold_is_configurable():
    result = suppress(_column({"a": 4, "b": 6, "c": 12, "d": 25}), 5)
    assert result.display("a") == "fewer than 5"
    assert result.primary == {"a"}  # 6 is under 10 but not under this threshold
    assert result.display("d") == "25" and result.display("total") == "47"
