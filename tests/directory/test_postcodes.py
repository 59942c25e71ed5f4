"""Recognising UK postcodes as workers type them: full, sector and outward, any spacing or case."""

from __future__ import annotations

import pytest

from directory.geography.postcodes import POSTCODE_IN_TEXT, looks_like_postcode, parse_postcode


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("NG1 5FS", "NG1 5FS"),
        ("ng1 5fs", "NG1 5FS"),
        ("ng15fs", "NG1 5FS"),
        ("NG15FS", "NG1 5FS"),
        ("  NG1    5FS  ", "NG1 5FS"),
        ("ng1\t5fs", "NG1 5FS"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("LA9 4DL", "LA9 4DL"),
        ("BT1 5GS", "BT1 5GS"),
        ("CF10 1EP", "CF10 1EP"),
    ],
)
def test_full_postcodes_are_normalised_to_one_space_and_upper_case(typed: str, code: str) -> None:
    parsed = parse_postcode(typed)
    assert parsed is not None
    assert (parsed.kind, parsed.code) == ("full", code)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("NG1 5", "NG1 5"), ("ng1 5", "NG1 5"), ("NG1   5", "NG1 5"), ("sw1a 1", "SW1A 1"), ("LA9 4", "LA9 4")],
)
def test_sectors_are_recognised(typed: str, code: str) -> None:
    parsed = parse_postcode(typed)
    assert parsed is not None
    assert (parsed.kind, parsed.code) == ("sector", code)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("NG1", "NG1"),
        ("ng1", "NG1"),
        (" ng1 ", "NG1"),
        ("NG15", "NG15"),
        ("SW1A", "SW1A"),
        ("M1", "M1"),
        ("la9", "LA9"),
    ],
)
def test_outward_codes_are_recognised(typed: str, code: str) -> None:
    parsed = parse_postcode(typed)
    assert parsed is not None
    assert (parsed.kind, parsed.code) == ("outward", code)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "Nottingham",
        "Kendal",
        "NG",
        "12345",
        "NG1 5F",
        "NG1 5FSX",
        "NG1 55FS",
        "1NG 5FS",
        "NG1 5FS Nottingham",
        "NG1-5FS",
        "SW1A1",
        "<b>NG1 5FS</b>",
        "NG1 5FS; DROP TABLE service",
    ],
)
def test_text_that_is_not_a_postcode_is_rejected(typed: str) -> None:
    assert parse_postcode(typed) is None
    assert not looks_like_postcode(typed)


def test_postcodes_are_found_inside_a_sentence() -> None:
    found = [m.group(0) for m in POSTCODE_IN_TEXT.finditer("he lives at ng1 5fs, works near LA9 4")]
    assert found == ["ng1 5fs", "LA9 4"]
