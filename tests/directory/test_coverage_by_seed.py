"""Each seed programme is local exactly where its seed says it runs, and only an alternative elsewhere.

The areas, as the seeds put them:
- Help (seed 000): "run successfully in Merseyside, Cheshire and HLNY CRC" (Humberside, Lincolnshire,
  North Yorkshire), modelled as those police force areas.
- Your Choice (seed 001): commissioned by the Nottinghamshire Police and Crime Commissioner.
- Change that Lasts (seed 002): "In Cardiff, this includes working with perpetrators".
- They Matter (seed 003): "a 27 week programme in the South and West of Cumbria with the potential to
  extend our service to deliver in the North", modelled as the former districts Allerdale and Copeland
  (West) and Barrow-in-Furness and South Lakeland (South). Carlisle and the former Eden district are not in it.
- The Hampton Trust (seed 004): Hampshire County Council and Southampton City Council; Portsmouth and
  the Isle of Wight are not named.
"""

from __future__ import annotations

import pytest

from directory import answers
from directory.search import SearchOutcome, SearchResult
from directory.service_directory import ServiceDirectory

INSIDE = [
    ("help-interserve-crc", ["Liverpool", "Chester", "Hull", "Lincoln", "Scarborough", "Grimsby", "York"]),
    ("your-choice-project", ["Nottingham", "Mansfield", "Newark", "NG1 5FS", "Notts"]),
    ("your-choice-dads-programme", ["Nottingham", "Mansfield", "Newark"]),
    ("change-that-lasts-cardiff", ["Cardiff", "CF10 1EP"]),
    # West: Whitehaven and Egremont (Copeland), Workington and Keswick (Allerdale); South: Barrow, Ulverston,
    # Kendal (Barrow-in-Furness, South Lakeland). CA12 4AA is a Keswick postcode in a sector Eden shares.
    ("they-matter-cumbria", ["Whitehaven", "Egremont", "Workington", "Keswick", "Barrow", "Barrow-in-Furness",
                             "Ulverston", "Kendal", "Windermere", "CA28 7", "LA9 4DL", "CA12 4AA", "Copeland",
                             "South Lakeland"]),
    ("hampshire-perpetrator-service", ["Winchester", "Southampton", "Basingstoke", "Andover", "SO14 7LY"]),
]
OUTSIDE = [
    ("help-interserve-crc", ["Manchester", "Leeds"]),
    ("your-choice-project", ["Leicester", "Derby"]),
    ("your-choice-dads-programme", ["Leicester", "Derby"]),
    ("change-that-lasts-cardiff", ["Newport, Wales", "Swansea"]),
    # The North (Carlisle) and the former Eden district (Penrith, Appleby, Alston); Lancaster is not Cumbria.
    # CA12 4AE is in the same sector as CA12 4AA but was in Eden.
    ("they-matter-cumbria", ["Carlisle", "Penrith", "Alston", "Appleby-in-Westmorland", "Kirkby Stephen", "Brampton, Cumbria",
                             "CA1 1AA", "CA11 7", "CA12 4AE", "Eden", "Lancaster"]),
    ("hampshire-perpetrator-service", ["Portsmouth", "PO1 2AL", "Isle of Wight"]),
]


def _local(outcome: SearchOutcome) -> dict[str, SearchResult]:
    return {r.service_id: r for r in outcome.results if r.local}


@pytest.mark.parametrize(("service_id", "place"), [(s, p) for s, places in INSIDE for p in places])
def test_a_seed_programme_is_local_inside_its_seed_area(shared_directory: ServiceDirectory, service_id: str,
                                                        place: str) -> None:
    outcome = shared_directory.find(place)
    result = _local(outcome).get(service_id)
    assert result is not None, f"{service_id} not local for {place}: {[r.service_id for r in outcome.results]}"
    assert result.reason.startswith("covers") and result.match == "covers"
    assert result.service_name and result.organisation_name
    assert answers.card(shared_directory.record(service_id), result)["coverage"] == "local"


@pytest.mark.parametrize(("service_id", "place"), [(s, p) for s, places in OUTSIDE for p in places])
def test_a_seed_programme_is_never_local_outside_its_seed_area(shared_directory: ServiceDirectory, service_id: str,
                                                               place: str) -> None:
    outcome = shared_directory.find(place)
    assert service_id not in _local(outcome)
    result = next((r for r in outcome.results if r.service_id == service_id), None)
    if result is not None:  # may still be offered, but only as a nearest alternative
        assert (result.match, result.local) == ("nearest", False)
        assert answers.card(shared_directory.record(service_id), result)["coverage"] == "nearest"


@pytest.mark.parametrize("place", ["Carlisle", "Penrith", "Alston", "Appleby-in-Westmorland"])
def test_the_north_and_eden_are_told_they_matter_covers_only_south_and_west_cumbria(
        shared_directory: ServiceDirectory, place: str) -> None:
    outcome = shared_directory.find(place)
    assert not outcome.found_local and outcome.summary().startswith("I found no local services covering ")
    result = next(r for r in outcome.results if r.service_id == "they-matter-cumbria")
    text = answers.card_text(1, shared_directory.record("they-matter-cumbria"), result)
    assert result.reason.startswith("nearest alternative: covers the former ")
    for district in ("Allerdale", "Copeland", "Barrow-in-Furness", "South Lakeland"):
        assert district in result.reason
    assert "Carlisle" not in result.reason and "Eden" not in result.reason
    assert "districts only, about " in result.reason
    assert "South and West of Cumbria" in text and "potential to extend to the North" in text


def test_a_council_holding_part_of_the_seed_area_is_told_which_part(shared_directory: ServiceDirectory) -> None:
    result = _local(shared_directory.find("Westmorland and Furness"))["they-matter-cumbria"]
    assert result.match == "part"
    assert result.reason == ("covers part of Westmorland and Furness "
                             "(the former Barrow-in-Furness and South Lakeland districts)")
