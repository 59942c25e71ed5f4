"""Search as a worker sees it: the seed programmes inside and outside their areas, reasons, caveats,
filters, the explicit 'nothing local' answer, ranking and radius services."""

from __future__ import annotations

import re

import pytest

from directory.records import Coverage, ServiceRecord
from directory.search import KM_PER_MILE, SearchFilters, SearchOutcome, SearchResult
from directory.service_directory import ServiceDirectory
from directory.transfer import import_records

UNKNOWN_SCOPE_SEEDS = {
    "building-better-relationships",
    "make-a-change",
    "dapp-groupwork",
    "dapp-one-to-one",
    "respect-individual-work-programme",
    "drive-partnership",
}


def _local(outcome: SearchOutcome) -> dict[str, SearchResult]:
    return {r.service_id: r for r in outcome.results if r.local}


def _by_id(outcome: SearchOutcome) -> dict[str, SearchResult]:
    return {r.service_id: r for r in outcome.results}


# --- every seed programme inside and outside its area: tests/directory/test_coverage_by_seed.py ----------------------


def test_every_seed_service_is_reachable_by_some_search(shared_directory: ServiceDirectory) -> None:
    seen: set[str] = set()
    for place in ["Nottingham", "Kendal", "Liverpool", "Cardiff", "Winchester", "Leicester"]:
        seen |= {r.service_id for r in shared_directory.find(place).results}
    with shared_directory.sessions() as session:
        from directory import store

        assert seen == set(store.all_ids(session))


# --- reasons and caveats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "service_id", "reason"),
    [
        ("Nottingham", "your-choice-project", "covers the Nottinghamshire Police area"),
        ("Kendal", "they-matter-cumbria", "covers the former South Lakeland district"),
        ("Whitehaven", "they-matter-cumbria", "covers the former Copeland district"),
        ("Hull", "help-interserve-crc", "covers the Humberside Police area"),
        ("Cardiff", "change-that-lasts-cardiff", "covers Cardiff"),
        ("Southampton", "hampshire-perpetrator-service", "covers Southampton"),
        ("Winchester", "hampshire-perpetrator-service", "covers Hampshire"),
        ("Cumbria", "they-matter-cumbria",
         "covers part of Cumbria (the former Allerdale, Barrow-in-Furness, Copeland and South Lakeland districts)"),
        ("Cumberland", "they-matter-cumbria", "covers part of Cumberland (the former Allerdale and Copeland districts)"),
    ],
)
def test_each_result_says_why_it_matched(
    shared_directory: ServiceDirectory, place: str, service_id: str, reason: str
) -> None:
    assert _local(shared_directory.find(place))[service_id].reason == reason


def test_a_service_covering_part_of_a_county_says_which_part(shared_directory: ServiceDirectory) -> None:
    result = _local(shared_directory.find("Hampshire"))["hampshire-perpetrator-service"]
    assert result.match == "part"
    assert result.reason.startswith("covers part of Hampshire")
    assert "Southampton" in result.reason


@pytest.mark.parametrize(
    ("place", "service_id", "words"),
    [
        ("Winchester", "hampshire-perpetrator-service", ["2015", "2017"]),
        ("Liverpool", "help-interserve-crc", ["CRC", "probation"]),
        ("Kendal", "they-matter-cumbria", ["pilot"]),
        ("Portsmouth", "hampshire-perpetrator-service", ["2017"]),  # nearest alternatives carry it too
    ],
)
def test_caveats_from_old_or_uncertain_sources_travel_with_the_result(
    shared_directory: ServiceDirectory, place: str, service_id: str, words: list[str]
) -> None:
    caveat = _by_id(shared_directory.find(place))[service_id].caveat
    assert all(word in caveat for word in words), caveat


def test_a_service_without_a_caveat_has_none(shared_directory: ServiceDirectory) -> None:
    assert _local(shared_directory.find("Cardiff"))["change-that-lasts-cardiff"].caveat == ""


# --- filters ----------------------------------------------------------------------------------------


def test_high_risk_in_kendal_finds_they_matter(shared_directory: ServiceDirectory) -> None:
    outcome = shared_directory.find("Kendal", SearchFilters(intervention_type="high_risk"))
    assert list(_local(outcome)) == ["they-matter-cumbria"]
    assert outcome.summary() == "1 local service (High-risk, high-harm intervention) for Kendal."


def test_women_in_nottingham_find_your_choice_but_not_the_dads_programme(shared_directory: ServiceDirectory) -> None:
    local = _local(shared_directory.find("Nottingham", SearchFilters(gender="female")))
    assert "your-choice-project" in local
    assert "your-choice-dads-programme" not in local


def test_women_in_kendal_are_not_offered_they_matter(shared_directory: ServiceDirectory) -> None:
    outcome = shared_directory.find("Kendal", SearchFilters(gender="female"))
    assert "they-matter-cumbria" not in _by_id(outcome)
    assert not outcome.found_local
    assert "(for women)" in outcome.summary()


def test_a_service_that_records_no_gender_is_not_excluded_by_a_gender_filter(
    shared_directory: ServiceDirectory,
) -> None:
    assert "help-interserve-crc" in _local(shared_directory.find("Liverpool", SearchFilters(gender="female")))


@pytest.mark.parametrize(
    ("place", "filters", "present", "absent"),
    [
        (
            "Nottingham",
            SearchFilters(intervention_type="dapp_group"),
            {"your-choice-project"},
            {"your-choice-dads-programme"},
        ),
        (
            "Nottingham",
            SearchFilters(intervention_type="parenting"),
            {"your-choice-dads-programme"},
            {"your-choice-project"},
        ),
        ("Kendal", SearchFilters(intervention_type="dapp_group"), set(), {"they-matter-cumbria"}),  # high-risk pilot, not a DAPP
        ("Cardiff", SearchFilters(intervention_type="dapp_group"), set(), {"change-that-lasts-cardiff"}),
        ("Scarborough", SearchFilters(intervention_type="probation_programme"), {"help-interserve-crc"}, set()),
        ("Winchester", SearchFilters(intervention_type="helpline"), {"hampshire-perpetrator-service"}, set()),
        ("Kendal", SearchFilters(risk="high"), {"they-matter-cumbria"}, set()),
        ("Liverpool", SearchFilters(risk="high"), set(), {"help-interserve-crc"}),
        ("Hull", SearchFilters(route="probation"), {"help-interserve-crc"}, set()),
        ("Kendal", SearchFilters(route="self"), set(), {"they-matter-cumbria"}),
        ("Kendal", SearchFilters(format="group"), {"they-matter-cumbria"}, set()),
        ("Kendal", SearchFilters(format="webchat"), set(), {"they-matter-cumbria"}),
    ],
)
def test_filters_narrow_the_local_results(
    shared_directory: ServiceDirectory, place: str, filters: SearchFilters, present: set[str], absent: set[str]
) -> None:
    local = set(_local(shared_directory.find(place, filters)))
    assert present <= local
    assert not absent & local


def test_a_type_filter_keeps_only_matching_national_services(shared_directory: ServiceDirectory) -> None:
    helpline = _by_id(shared_directory.find("Kendal", SearchFilters(intervention_type="helpline")))
    assert helpline["respect-phoneline"].match == "national"
    assert "respect-phoneline" not in _by_id(
        shared_directory.find("Kendal", SearchFilters(intervention_type="high_risk"))
    )


# --- nothing local ----------------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["Leicester", "Derby", "Lancaster", "Manchester", "Newport (Wales)", "Portsmouth", "Truro"])
def test_nothing_local_is_said_explicitly_with_alternatives(shared_directory: ServiceDirectory, place: str) -> None:
    outcome = shared_directory.find(place)
    assert not outcome.found_local
    assert all(not r.local for r in outcome.results)
    summary = outcome.summary()
    assert summary.startswith("I found no local services covering ")
    assert outcome.location.label in summary
    assert "national services first, then the nearest services elsewhere, which cover only their own areas" in summary
    kinds = [r.match for r in outcome.results]
    assert kinds.index("national") < kinds.index("nearest")  # national routes before area-bound services
    nearest = [r for r in outcome.results if r.match == "nearest"]
    assert 1 <= len(nearest) <= 3
    distances = [r.distance_km for r in nearest]
    assert all(d is not None and d > 0 for d in distances)
    assert distances == sorted(distances)
    assert all(r.reason.startswith("nearest alternative") and "miles away" in r.reason for r in nearest)
    assert all(" only" in r.reason for r in nearest)


def _first_nearest(outcome):
    return next(r for r in outcome.results if r.match == "nearest")


def test_nearest_alternative_to_lancaster_is_the_cumbrian_service(shared_directory: ServiceDirectory) -> None:
    first = _first_nearest(shared_directory.find("Lancaster"))
    assert first.service_id == "they-matter-cumbria"
    assert first.reason.startswith("nearest alternative: covers the former South Lakeland, ")
    assert "Barrow-in-Furness" in first.reason and "districts only, about " in first.reason
    assert 20 < first.distance_km < 50


def test_portsmouth_is_pointed_at_the_hampshire_service_next_door(shared_directory: ServiceDirectory) -> None:
    first = _first_nearest(shared_directory.find("Portsmouth"))
    assert (first.service_id, first.local, first.match) == ("hampshire-perpetrator-service", False, "nearest")
    assert first.distance_km < 20


def test_belfast_alternatives_are_not_measured_as_if_belfast_were_in_cheshire(
    shared_directory: ServiceDirectory,
) -> None:
    nearest = [r for r in shared_directory.find("Belfast").results if r.match == "nearest"]
    assert min(r.distance_km for r in nearest) > 100


@pytest.mark.parametrize("place", ["Glasgow", "Belfast"])
def test_scotland_and_northern_ireland_get_national_routes_first(shared_directory: ServiceDirectory, place: str) -> None:
    outcome = shared_directory.find(place)
    assert outcome.results[0].match == "national"
    assert all(" only" in r.reason for r in outcome.results if r.match == "nearest")


def test_a_filter_the_record_is_silent_on_is_named_not_implied(shared_directory: ServiceDirectory) -> None:
    outcome = shared_directory.find("Liverpool", SearchFilters(gender="female"))
    help_result = _local(outcome)["help-interserve-crc"]
    assert help_result.unrecorded == ["genders"]
    assert "the directory doesn't record whether it is for women: ask the provider" in help_result.reason
    assert "0 recorded as for women" in outcome.summary() and "(for women)" not in outcome.summary()


def test_a_filter_the_record_meets_is_not_flagged(shared_directory: ServiceDirectory) -> None:
    outcome = shared_directory.find("Nottingham", SearchFilters(gender="female"))
    assert not _local(outcome)["your-choice-project"].unrecorded


@pytest.mark.parametrize("place", ["Leicester", "Kendal", "Nottingham", "Truro"])
def test_the_national_respect_phoneline_is_always_offered_but_never_as_local(
    shared_directory: ServiceDirectory, place: str
) -> None:
    outcome = shared_directory.find(place)
    phoneline = _by_id(outcome)["respect-phoneline"]
    assert (phoneline.local, phoneline.match) == (False, "national")
    assert phoneline.reason == "national service, available wherever you are"
    assert phoneline.distance_km is None
    local_positions = [i for i, r in enumerate(outcome.results) if r.local]
    assert all(i < outcome.results.index(phoneline) for i in local_positions)
    if not local_positions:
        assert outcome.results[0].match == "national"


def test_services_with_unrecorded_areas_are_offered_only_when_nothing_local(shared_directory: ServiceDirectory) -> None:
    far = _by_id(shared_directory.find("Leicester"))
    assert UNKNOWN_SCOPE_SEEDS <= set(far)
    assert all(far[s].match == "unknown_area" and not far[s].local for s in UNKNOWN_SCOPE_SEEDS)
    assert "ask the provider or the Respect Phoneline" in far["drive-partnership"].reason
    assert not UNKNOWN_SCOPE_SEEDS & set(_by_id(shared_directory.find("Nottingham")))


def test_results_are_limited(shared_directory: ServiceDirectory) -> None:
    assert len(shared_directory.find("Leicester", limit=4).results) == 4


# --- ranking and radius services (a directory built for the test) --------------------------------


def _service(service_id: str, name: str, **fields) -> ServiceRecord:
    return ServiceRecord(id=service_id, name=name, organisation=f"{name} Org", source_document="test", **fields)


@pytest.fixture
def built_directory(empty_directory_url: str) -> ServiceDirectory:
    directory = ServiceDirectory(empty_directory_url)
    import_records(
        directory.sessions,
        [
            # Names run against the expected order, so alphabetical order cannot pass the test by accident.
            _service(
                "force-wide",
                "AAA Nottinghamshire force-wide programme",
                coverage=[Coverage("police_force", "Nottinghamshire Police")],
            ),
            _service(
                "county-wide", "MMM Nottinghamshire county programme", coverage=[Coverage("county", "Nottinghamshire")]
            ),
            _service("city-only", "ZZZ Nottingham city programme", coverage=[Coverage("district", "Nottingham")]),
            _service(
                "nottingham-base",
                "BBB group within 10 km of Nottingham",
                radius_km=10.0,
                location_postcodes=["NG1 5FS"],
            ),
            _service(
                "kendal-base",
                "Kendal group within 16 km",
                radius_km=16.0,
                location_postcodes=["LA9 4DL"],
                intervention_types=["dapp_group"],
            ),
            _service("helpline", "National line", scope="national"),
        ],
    )
    return directory


def test_a_district_service_ranks_above_county_and_police_force_ones(built_directory: ServiceDirectory) -> None:
    outcome = built_directory.find("Nottingham")
    order = [r.service_id for r in outcome.results if r.local]
    assert order == ["city-only", "county-wide", "force-wide", "nottingham-base"]
    assert [r.match for r in outcome.results if r.local] == ["covers", "covers", "covers", "near"]
    assert outcome.summary() == "4 local services for Nottingham."


def test_outside_the_city_only_the_wider_services_match(built_directory: ServiceDirectory) -> None:
    assert [r.service_id for r in built_directory.find("Mansfield").results if r.local] == ["county-wide", "force-wide"]


@pytest.mark.parametrize(("place", "low_km", "high_km"), [("Kendal", 0, 2), ("LA9 4DL", 0, 0.5), ("Windermere", 8, 16)])
def test_radius_service_is_local_within_its_radius_with_distance(
    built_directory: ServiceDirectory, place: str, low_km: float, high_km: float
) -> None:
    result = _local(built_directory.find(place))["kendal-base"]
    assert result.match == "near"
    assert low_km <= result.distance_km <= high_km
    miles = re.match(r"^(under a mile|(\d+) miles?) from (.+)$", result.reason)
    assert miles, result.reason
    if miles.group(2):
        assert int(miles.group(2)) == round(result.distance_km / KM_PER_MILE)
    else:
        assert result.distance_km < KM_PER_MILE


def test_radius_reason_names_the_place_asked_about(built_directory: ServiceDirectory) -> None:
    result = _local(built_directory.find("Windermere"))["kendal-base"]
    assert result.reason.endswith(" miles from Windermere")


@pytest.mark.parametrize("place", ["Penrith", "Lancaster", "Carlisle"])
def test_radius_service_beyond_its_radius_is_only_a_nearest_alternative(
    built_directory: ServiceDirectory, place: str
) -> None:
    outcome = built_directory.find(place)
    assert not outcome.found_local
    result = _by_id(outcome)["kendal-base"]
    assert (result.local, result.match) == (False, "nearest")
    assert result.distance_km > 16


def test_radius_service_honours_filters(built_directory: ServiceDirectory) -> None:
    assert "kendal-base" in _local(built_directory.find("Kendal", SearchFilters(intervention_type="dapp_group")))
    assert "kendal-base" not in _by_id(built_directory.find("Kendal", SearchFilters(intervention_type="helpline")))


def test_covering_a_place_ranks_above_being_near_it(built_directory: ServiceDirectory) -> None:
    import_records(
        built_directory.sessions,
        [_service("cumbria-wide", "Cumbria-wide programme", coverage=[Coverage("county", "Cumbria")])],
    )
    assert [r.service_id for r in built_directory.find("Kendal").results if r.local] == ["cumbria-wide", "kendal-base"]


def test_empty_directory_still_answers_with_an_explicit_nothing_local(empty_directory_url: str) -> None:
    outcome = ServiceDirectory(empty_directory_url).find("Kendal")
    assert outcome.results == []
    assert not outcome.found_local
    assert outcome.summary().startswith("I found no local services covering Kendal")


@pytest.mark.parametrize("place", ["Kendal", "Carlisle", "Penrith", "Alston"])
def test_they_matter_caveat_says_the_seeds_area_and_only_the_potential_to_extend(
    shared_directory: ServiceDirectory, place: str
) -> None:
    caveat = _by_id(shared_directory.find(place))["they-matter-cumbria"].caveat
    assert "South and West of Cumbria" in caveat and "potential to extend to the North" in caveat
    assert "planned" not in caveat
    assert "Carlisle" in caveat and "Eden" in caveat and "before referring" in caveat


def test_every_seed_tag_has_its_sentence_in_a_seed(shared_directory: ServiceDirectory) -> None:
    record = shared_directory.record
    assert "dapp_group" not in record("they-matter-cumbria").intervention_types
    assert "dapp_group" not in record("make-a-change").intervention_types
    assert "early_response" not in record("help-interserve-crc").intervention_types
    assert record("building-better-relationships").organisation == "Not named in the seeds"
    assert record("dapp-groupwork").self_referral is True
    hampshire = record("hampshire-perpetrator-service")
    assert hampshire.name == "The Hampton Trust's perpetrator service (Hampshire)"
    assert "November 2015 to March 2017" in hampshire.schedule
    from directory import answers

    assert "November 2015 to March 2017" in answers.card(hampshire)["details"]  # on the card, not only a caveat


def test_needs_notes_say_what_the_record_says_never_a_verdict(shared_directory: ServiceDirectory) -> None:
    from directory.eligibility import needs_notes

    they_matter = shared_directory.record("they-matter-cumbria")
    notes = needs_notes([they_matter], {"interpreter": True, "same_sex": True})
    assert any("English not sufficient" in n for n in notes) and any("heterosexual" in n for n in notes)
    assert "one-to-one" in notes[-1] and "From early responses" in notes[-1]
    assert needs_notes([they_matter], {}) == []


def test_a_referral_from_childrens_services_finds_a_service_taking_any_professional(
        shared_directory: ServiceDirectory) -> None:
    outcome = shared_directory.find("Workington", SearchFilters(route="children_services"))
    assert "they-matter-cumbria" in [r.service_id for r in outcome.local_results]
    outcome = shared_directory.find("Workington", SearchFilters(route="self"))
    assert "they-matter-cumbria" not in [r.service_id for r in outcome.local_results]


def test_with_nothing_local_the_nearest_service_comes_before_those_whose_area_is_unrecorded(
        shared_directory: ServiceDirectory) -> None:
    results = shared_directory.find("Portsmouth", SearchFilters()).results
    matches = [r.match for r in results]
    assert matches[0] == "national" and results[1].service_id == "hampshire-perpetrator-service"
    assert matches.index("unknown_area") > matches.index("nearest")
