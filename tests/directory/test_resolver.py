"""Turning what a worker types into a place: awkward spellings, postcodes, areas, borders, unknowns."""

from __future__ import annotations

import math

import pytest

from directory.geography.resolver import AmbiguousPlace, Location, PlaceResolver, UnknownPlace
from directory.service_directory import ServiceDirectory


@pytest.fixture(scope="module")
def resolver(shared_directory: ServiceDirectory) -> PlaceResolver:
    return shared_directory.resolver


def _km(a: Location, b: Location) -> float:
    return math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000


# --- towns with awkward spellings -------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "barrow in furness",
        "Barrow-in-Furness",
        "barrowinfurness",
        "BARROW IN FURNESS",
        "Barrow in Furness ",
        "near Barrow-in-Furness",
    ],
)
def test_barrow_in_furness_however_it_is_written(resolver: PlaceResolver, typed: str) -> None:
    location = resolver.resolve(typed)
    assert location.label == "Barrow in Furness"
    assert location.kind == "place"
    assert "district:westmorland-and-furness" in location.covering_keys
    assert "county:cumbria" in location.covering_keys
    assert location.corrected_from is None


@pytest.mark.parametrize("typed", ["nottm", "Nottm", "Nottingham", "nottingham city"])
def test_nottingham_and_its_abbreviation(resolver: PlaceResolver, typed: str) -> None:
    location = resolver.resolve(typed)
    assert location.label == "Nottingham"
    assert location.district_code == "E06000018"
    assert location.covering_keys[0] == "district:nottingham"


def test_notts_means_the_county_of_nottinghamshire(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Notts")
    assert location.label == "Nottinghamshire"
    assert location.kind == "area"
    assert location.area_key == "county:nottinghamshire"
    assert "police_force:nottinghamshire-police" in location.covering_keys
    # The county contains several districts, so each of them covers only part of it.
    assert {"district:nottingham", "district:mansfield", "district:newark-and-sherwood"} <= set(location.partial_keys)


@pytest.mark.parametrize("typed", ["St Helens", "St. Helens", "st helens", "ST.HELENS"])
def test_st_helens_with_or_without_the_full_stop(resolver: PlaceResolver, typed: str) -> None:
    location = resolver.resolve(typed)
    assert location.label == "St. Helens"
    assert location.covering_keys[:2] == ("district:st-helens", "county:merseyside")


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Kendel", "Kendal"),
        ("Kendl", "Kendal"),
        ("Livrpool", "Liverpool"),
        ("Scarbrough", "Scarborough"),
        ("Nottinghamshre", "Nottinghamshire"),
    ],
)
def test_a_typo_is_corrected_and_says_so(resolver: PlaceResolver, typed: str, label: str) -> None:
    location = resolver.resolve(typed)
    assert location.label == label
    assert location.corrected_from == typed


def test_a_correct_spelling_is_not_marked_as_corrected(resolver: PlaceResolver) -> None:
    assert resolver.resolve("Kendal").corrected_from is None


def test_newcastle_on_its_own_means_newcastle_upon_tyne(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Newcastle")
    assert location.label == "Newcastle upon Tyne"
    assert "county:tyne-and-wear" in location.covering_keys


# --- postcodes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "label"),
    [
        ("NG1 5FS", "postcode", "NG1 5FS"),
        ("ng15fs", "postcode", "NG1 5FS"),
        ("NG1 5", "sector", "NG1 5"),
        ("NG1", "outward", "NG1"),
        ("ng1", "outward", "NG1"),
    ],
)
def test_nottingham_postcodes_full_sector_and_outward(
    resolver: PlaceResolver, typed: str, kind: str, label: str
) -> None:
    location = resolver.resolve(typed)
    assert (location.kind, location.label) == (kind, label)
    assert location.district_code == "E06000018"
    assert location.covering_keys[:3] == (
        "district:nottingham",
        "county:nottinghamshire",
        "police_force:nottinghamshire-police",
    )
    assert location.easting is not None and location.northing is not None


def test_full_postcode_sector_and_outward_code_are_close_together(resolver: PlaceResolver) -> None:
    full, sector, outward = (resolver.resolve(x) for x in ("NG1 5FS", "NG1 5", "NG1"))
    assert _km(full, sector) < 2
    assert _km(full, outward) < 3


def test_unknown_postcode_is_reported_as_a_postcode_not_found(resolver: PlaceResolver) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("ZZ1 1ZZ")
    assert "ZZ1 1ZZ" in caught.value.reason
    assert "postcode" in caught.value.reason
    assert "isn't in the ONS postcode directory" in caught.value.reason


def test_unknown_postcode_typed_without_a_space_is_shown_normalised(resolver: PlaceResolver) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("zz11zz")
    assert "'ZZ1 1ZZ'" in caught.value.reason


# --- areas ----------------------------------------------------------------------------------------


def test_cumbria_covers_both_of_its_councils_in_part(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Cumbria")
    assert (location.kind, location.label, location.area_key) == ("area", "Cumbria", "county:cumbria")
    assert {"county:cumbria", "police_force:cumbria-constabulary", "nation:england"} <= set(location.covering_keys)
    assert {"district:cumberland", "district:westmorland-and-furness"} == {
        k for k in location.partial_keys if k.startswith("district:")
    }
    assert location.name_of("district:cumberland") == "Cumberland"


def test_merseyside_contains_liverpool_and_the_wirral(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Merseyside")
    assert location.area_key == "county:merseyside"
    assert "police_force:merseyside-police" in location.covering_keys
    assert {"district:liverpool", "district:wirral", "district:st-helens", "district:sefton", "district:knowsley"} == {
        k for k in location.partial_keys if k.startswith("district:")
    }


def test_humberside_is_the_police_force_area_that_spans_two_counties(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Humberside")
    assert location.area_key == "police_force:humberside-police"
    assert location.label == "Humberside Police"
    assert "district:kingston-upon-hull-city-of" in location.partial_keys
    assert {"county:east-riding-of-yorkshire", "county:lincolnshire"} <= set(location.partial_keys)


def test_hampshire_the_county_contains_the_county_council_and_the_cities(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Hampshire")
    assert location.area_key == "county:hampshire"
    assert "police_force:hampshire-and-isle-of-wight-constabulary" in location.covering_keys
    assert {"county_council:hampshire", "district:southampton", "district:portsmouth", "district:winchester"} <= set(
        location.partial_keys
    )
    assert resolver.resolve("hants").area_key == "county:hampshire"


# --- places near borders --------------------------------------------------------------------------


def test_southampton_and_portsmouth_postcodes_are_in_different_cities(resolver: PlaceResolver) -> None:
    southampton, portsmouth = resolver.resolve("SO14 7LY"), resolver.resolve("PO1 2AL")
    assert southampton.covering_keys[0] == "district:southampton"
    assert portsmouth.covering_keys[0] == "district:portsmouth"
    for location in (southampton, portsmouth):
        assert "county:hampshire" in location.covering_keys
        assert "county_council:hampshire" not in location.covering_keys  # both cities are unitary


def test_winchester_is_under_hampshire_county_council(resolver: PlaceResolver) -> None:
    assert "county_council:hampshire" in resolver.resolve("Winchester").covering_keys


@pytest.mark.parametrize(
    ("typed", "former", "district"),
    [
        ("Penrith", "district_2021:eden", "district:westmorland-and-furness"),
        ("CA11 7QF", "district_2021:eden", "district:westmorland-and-furness"),
        ("Carlisle", "district_2021:carlisle", "district:cumberland"),
        ("CA3 8QG", "district_2021:carlisle", "district:cumberland"),
    ],
)
def test_penrith_and_carlisle_are_both_cumbria_but_different_councils(
    resolver: PlaceResolver, typed: str, former: str, district: str
) -> None:
    location = resolver.resolve(typed)
    assert location.covering_keys[:2] == (former, district)  # the former (2021) district, then the 2023 council
    assert "county:cumbria" in location.covering_keys


def test_lancaster_is_just_over_the_border_from_cumbria(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Lancaster")
    assert "county:lancashire" in location.covering_keys
    assert "county:cumbria" not in location.covering_keys


def test_cardiff_and_newport_are_neighbours_in_different_police_areas(resolver: PlaceResolver) -> None:
    cardiff, newport = resolver.resolve("Cardiff"), resolver.resolve("Newport, Wales")
    assert "police_force:south-wales-police" in cardiff.covering_keys
    assert "police_force:gwent-police" in newport.covering_keys
    assert _km(cardiff, newport) < 25


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("Bromborough", "district:wirral"),
        ("Prenton", "district:wirral"),
        ("Belle Vale", "district:liverpool"),
        ("Buckley", "district:flintshire"),
        ("Helsby", "district:cheshire-west-and-chester"),
    ],
)
def test_towns_around_the_dee_and_mersey_are_in_england_and_wales(
    resolver: PlaceResolver, typed: str, district: str
) -> None:
    # Northern Ireland postcodes come on the Irish Grid; read as GB grid they would sit on the Wirral.
    assert resolver.resolve(typed).covering_keys[0] == district


@pytest.mark.parametrize("typed", ["Belfast", "BT1 5GS", "Lisburn", "Derry", "Newry"])
def test_northern_irish_places_are_in_northern_ireland(resolver: PlaceResolver, typed: str) -> None:
    location = resolver.resolve(typed)
    assert "nation:northern-ireland" in location.covering_keys
    assert _km(location, resolver.resolve("Chester")) > 150


def test_belfast_postcode_is_in_belfast(resolver: PlaceResolver) -> None:
    assert _km(resolver.resolve("BT1 5GS"), resolver.resolve("Belfast")) < 5


# --- unknown places and hostile input -------------------------------------------------------------


def test_unknown_place_suggests_close_names(resolver: PlaceResolver) -> None:
    # A wrong first letter and two letters swapped: too far to correct, close enough to suggest.
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("Kumbira")
    assert caught.value.suggestions[0] == "Cumbria"
    assert "Kumbira" in caught.value.reason


def test_two_swapped_letters_are_corrected(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Cumbira")
    assert (location.label, location.corrected_from) == ("Cumbria", "Cumbira")


def test_saint_spelled_out_is_the_st_place(resolver: PlaceResolver) -> None:
    location = resolver.resolve("Saint Helens")
    assert location.label == "St. Helens"
    assert location.corrected_from is None


def test_made_up_place_is_unknown_without_a_silent_guess(resolver: PlaceResolver) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("Xyzzyville")
    assert "I don't recognise 'Xyzzyville'" in caught.value.reason
    assert len(caught.value.suggestions) <= 5


@pytest.mark.parametrize("typed", ["", "   ", "\n"])
def test_empty_input_asks_for_a_place(resolver: PlaceResolver, typed: str) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve(typed)
    assert caught.value.reason == "Please give a town, county, council area or postcode."
    assert caught.value.suggestions == []


def test_very_long_input_is_refused_quickly_and_not_echoed_in_full(resolver: PlaceResolver) -> None:
    typed = "Kendal " * 72  # 504 characters
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve(typed)
    assert len(caught.value.query) <= 100
    assert len(caught.value.reason) < 200


@pytest.mark.parametrize(
    "typed",
    ["<script>alert(1)</script>", "<b>Kendal</b>", "'; DROP TABLE service;--", "Kendal\nLeeds", "🙂", "\x00", "%", "_"],
)
def test_markup_and_odd_characters_are_unknown_places_not_errors(resolver: PlaceResolver, typed: str) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve(typed)
    assert all("<" not in s and ";" not in s for s in caught.value.suggestions)


def test_markup_around_a_real_town_suggests_the_town(resolver: PlaceResolver) -> None:
    with pytest.raises(UnknownPlace) as caught:
        resolver.resolve("<b>Kendal</b>")
    assert "Kendal" in caught.value.suggestions


def test_hostile_input_leaves_the_directory_working(shared_directory: ServiceDirectory) -> None:
    with pytest.raises(UnknownPlace):
        shared_directory.find("'; DROP TABLE service;--")
    assert shared_directory.find("Kendal").found_local


@pytest.mark.parametrize("typed", ["Newport", "newport", "Ashford", "Richmond"])
def test_a_name_in_several_counties_is_asked_about_not_guessed(resolver: PlaceResolver, typed: str) -> None:
    with pytest.raises(AmbiguousPlace) as asked:
        resolver.resolve(typed)
    assert asked.value.reason.startswith(f"There's more than one {typed.title()}")
    for choice in asked.value.suggestions:  # each choice resolves to one place
        assert resolver.resolve(choice).kind == "place" or resolver.resolve(choice).area_key


@pytest.mark.parametrize(("typed", "district"), [
    ("Newport, Shropshire", "E06000020"), ("Newport (Wales)", "W06000022"), ("Newport in the Isle of Wight", "E06000046"),
    ("Ashford, Kent", "E07000105"),
])
def test_a_qualified_name_resolves_to_that_one(resolver: PlaceResolver, typed: str, district: str) -> None:
    assert resolver.resolve(typed).district_code == district


@pytest.mark.parametrize("typed", ["Kendal", "St Helens", "Newcastle", "Hull", "Cumbria"])
def test_one_sizeable_place_or_a_chosen_alias_is_not_ambiguous(resolver: PlaceResolver, typed: str) -> None:
    resolver.resolve(typed)
