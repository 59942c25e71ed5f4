"""Open Referral UK 3.0: the export validates against the UK profile's schema; feeds in the 3.0 shape import,
GeoJSON service areas included; every bad feed gets a problem naming its item and field, and nothing is written."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from directory import store
from directory.__main__ import main
from directory.oruk_format import read_oruk
from directory.records import ContactPoint, Coverage, ServiceRecord
from directory.service_directory import ServiceDirectory
from directory.settings import PROJECT_ROOT
from directory.transfer import export_records, import_records, read_file

SCHEMA_DIR = PROJECT_ROOT / "directory" / "oruk_schema"
SERVICE_FULL = PROJECT_ROOT / "tests" / "fixtures" / "oruk_service_full.json"
# Central Leeds: contains LS1 1UR; LS6 1AA (Headingley, also in Leeds district) and BD1 1HY lie outside it.
CITY_CENTRE = {"type": "Polygon",
               "coordinates": [[[-1.56, 53.79], [-1.53, 53.79], [-1.53, 53.805], [-1.56, 53.805], [-1.56, 53.79]]]}


def profile_validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _records(directory: ServiceDirectory) -> list[ServiceRecord]:
    with directory.sessions() as session:
        return [store.load(session, i) for i in store.all_ids(session)]


def _feed_with_area(**area: Any) -> dict[str, Any]:
    """The profile's own example service with its placeholder service area replaced."""
    item = json.loads(SERVICE_FULL.read_text(encoding="utf-8"))
    item["service_areas"][0] = {"id": item["service_areas"][0]["id"], **area}
    return item


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_seed_export_validates_against_the_uk_profile_with_no_errors(seeded_directory: ServiceDirectory) -> None:
    services = json.loads(export_records(seeded_directory.sessions, "oruk"))
    assert len(services) == 13
    validator = profile_validator("service_with_definitions.json")
    errors = [f"{s['name']}: {e.json_path}: {e.message}" for s in services for e in validator.iter_errors(s)]
    assert errors == []
    text = json.dumps(services)
    assert "eligibilitys" not in text and "service_taxonomys" not in text  # pre-3.0 collection names
    they_matter = next(s for s in services if s["x_signpost"]["id"] == "they-matter-cumbria")
    for service in services:  # each named area as text with its kind; a national service as the whole UK
        coverage = service["x_signpost"]["coverage"] or (
            [{"kind": "uk", "name": "United Kingdom"}] if service["x_signpost"]["scope"] == "national" else [])
        assert [(a["extent_type"], a["extent"], a["service_area"]) for a in service["service_areas"]] == [
            ("text", f"{c['kind']}: {c['name']}", c["name"]) for c in coverage]
    assert they_matter["service_areas"]
    assert "07936 364165" in [p["number"] for c in they_matter["contacts"] for p in c.get("phones", [])]
    assert {"English"} == {x["name"] for x in they_matter["languages"]}
    terms = {a["taxonomy_term"]["taxonomy"] for a in they_matter["attributes"]}
    assert "signpost-intervention-type" in terms


def test_the_profiles_example_service_validates_and_imports(empty_directory_url: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", empty_directory_url, "validate", str(SERVICE_FULL)]) == 0
    assert "1 services, no problems found" in capsys.readouterr().out
    directory = ServiceDirectory(empty_directory_url)
    [record] = read_file(SERVICE_FULL, directory.resolver)
    assert (record.id, record.name, record.organisation) == (
        "ac148810-d857-441c-9679-408f346de14b", "Community Counselling", "Example Organization Inc.")
    assert record.min_age == 12
    assert ContactPoint("email", "email@example.com") in record.contacts
    assert ContactPoint("website", "http://example.com/counselling") in record.contacts
    assert record.schedule.startswith("The service is available from 10 am to 6pm weekdays.")
    # Its extent is the placeholder "extent" and its area a sentence: kept as published, not searchable.
    assert record.scope == "unknown" and record.coverage == []
    assert record.caveat.startswith("Service area as published: The service is available to all residents of")
    assert record.location_postcodes == []  # its one address is in the US
    import_records(directory.sessions, [record])  # (the CLI's setup has loaded the seed directory too)
    with directory.sessions() as session:
        assert store.load(session, record.id) == record
    unknown = [r.service_name for r in directory.find("LS1 1UR").results if r.match == "unknown_area"]
    assert "Community Counselling" in unknown


def test_a_geojson_service_area_is_found_from_a_postcode_inside_it_only(empty_directory_url: str,
                                                                         tmp_path: Path) -> None:
    feed = _feed_with_area(name="Leeds city centre", service_area="Leeds city centre", extent_type="geojson",
                           extent=json.dumps(CITY_CENTRE))
    directory = ServiceDirectory(empty_directory_url)
    import_records(directory.sessions, read_file(_write(tmp_path / "feed.json", feed), directory.resolver))

    inside = directory.find("LS1 1UR")
    assert [(r.service_name, r.local, r.reason) for r in inside.results] == [
        ("Community Counselling", True, "covers Leeds city centre")]
    for postcode in ("LS6 1AA", "BD1 1HY"):
        outside = directory.find(postcode)
        assert not outside.found_local
        [alternative] = outside.results
        assert alternative.match == "nearest" and "covers Leeds city centre only" in alternative.reason
    assert 0 < directory.find("LS6 1AA").results[0].distance_km < directory.find("BD1 1HY").results[0].distance_km


def test_a_geojson_area_survives_oruk_and_csv_round_trips(empty_directory_url: str, tmp_path: Path) -> None:
    feed = _feed_with_area(name="Leeds; city centre", extent_type="geojson",
                           extent={"type": "Feature", "properties": {}, "geometry": CITY_CENTRE})
    directory = ServiceDirectory(empty_directory_url)
    records = read_file(_write(tmp_path / "feed.json", feed), directory.resolver)
    import_records(directory.sessions, records)
    assert _records(directory) == records
    exported = json.loads(export_records(directory.sessions, "oruk"))
    [area] = exported[0]["service_areas"]
    assert area["extent_type"] == "geojson" and json.loads(area["extent"]) == CITY_CENTRE
    assert area["service_area"] == "Leeds; city centre"
    assert list(profile_validator("service_with_definitions.json").iter_errors(exported[0])) == []
    for fmt, name in (("oruk", "again.json"), ("csv", "again.csv")):
        path = tmp_path / name
        path.write_text(export_records(directory.sessions, fmt), encoding="utf-8")
        assert read_file(path, directory.resolver) == records, fmt


def test_a_feed_without_the_extension_is_read_from_the_standard_fields(seeded_directory: ServiceDirectory,
                                                                       tmp_path: Path) -> None:
    original = {r.name: r for r in _records(seeded_directory)}
    services = json.loads(export_records(seeded_directory.sessions, "oruk"))
    for service in services:
        del service["x_signpost"]
    read = {r.name: r for r in read_file(_write(tmp_path / "feed.json", services), seeded_directory.resolver)}
    assert read.keys() == original.keys()
    for name, record in original.items():
        got = read[name]
        assert (got.scope, got.coverage, got.intervention_types, got.genders, got.formats, got.languages) == (
            record.scope, record.coverage, record.intervention_types, record.genders, record.formats,
            record.languages), name
        assert [c.value for c in got.contacts if c.kind == "phone"] == [
            c.value for c in record.contacts if c.kind == "phone"], name
        assert (got.min_age, got.schedule, got.organisation) == (record.min_age, record.schedule, record.organisation)


def _bowtie(item: dict[str, Any]) -> None:
    item["service_areas"][0].update(extent_type="geojson", extent=json.dumps(
        {"type": "Polygon", "coordinates": [[[-1.56, 53.79], [-1.53, 53.805], [-1.53, 53.79], [-1.56, 53.805],
                                             [-1.56, 53.79]]]}))


def _swapped(item: dict[str, Any]) -> None:
    ring = [[lat, lon] for lon, lat in CITY_CENTRE["coordinates"][0]]
    item["service_areas"][0].update(extent=json.dumps({"type": "Polygon", "coordinates": [ring]}))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(item: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = item
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


BAD_FEEDS = [
    ("self-crossing-area", _bowtie, "service_areas[0].extent", "is not a valid polygon"),
    ("swapped-coordinates", _swapped, "service_areas[0].extent", "check they are not swapped"),
    ("broken-geojson", _set("service_areas.0.extent", '{"type": "Polygon", '), "service_areas[0].extent",
     "is not valid GeoJSON text"),
    ("point-area", _set("service_areas.0.extent", '{"type": "Point", "coordinates": [-1.5, 53.8]}'),
     "service_areas[0].extent", "must be a Polygon or MultiPolygon"),
    ("misspelt-area", _set("service_areas.0", {"id": "a", "service_area": "Leedz", "extent_type": "text"}),
     "service_areas[0].service_area", "(did you mean 'Leeds'?)"),
    ("age-in-words", _set("minimum_age", "twelve"), "minimum_age", "must be a whole number of years"),
    ("contacts-not-a-list", _set("contacts", {"name": "Reception"}), "contacts", "must be a list of objects"),
    ("phone-as-number", _set("contacts.0.phones", [{"id": "p", "number": 1632960000}]),
     "contacts[0].phones[].number", "must be text"),
    ("bad-assured-date", _set("assured_date", "last week"), "assured_date", "should be a date like"),
]


@pytest.fixture(scope="module")
def shared_copy(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("bad-feeds") / "directory.db"
    shutil.copy(seeded_template, target)
    return f"sqlite:///{target}"


@pytest.mark.parametrize(("name", "change", "field", "expected"), BAD_FEEDS, ids=[case[0] for case in BAD_FEEDS])
def test_a_bad_feed_names_the_item_and_field_and_writes_nothing(
    shared_copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
    change: Callable[[dict[str, Any]], None], field: str, expected: str,
) -> None:
    good = _feed_with_area(name="Leeds city centre", extent_type="geojson", extent=json.dumps(CITY_CENTRE))
    bad = copy.deepcopy(good)
    change(bad)
    directory = ServiceDirectory(shared_copy)
    before = export_records(directory.sessions, "oruk")
    path = _write(tmp_path / f"{name}.json", [good | {"id": "0b8a3c1e-7d52-4e0b-9f3a-2c6d8e1f4a5b"}, bad])

    code = main(["--database-url", shared_copy, "import", str(path)])

    err = capsys.readouterr().err
    assert code == 2
    assert "1 problem(s). Nothing was imported." in err
    assert f"field '{field}': item 2: " in err and expected in err
    assert "Fix these in the file and run the command again." in err
    assert export_records(directory.sessions, "oruk") == before


def test_a_uk_wide_area_reads_as_a_national_service() -> None:
    item = _feed_with_area(name="United Kingdom", extent="uk: United Kingdom", extent_type="text")
    [record], problems = read_oruk(json.dumps(item))
    assert problems == []
    assert (record.scope, record.coverage) == ("national", [])
    item = _feed_with_area(name="Wales", extent="nation: Wales", extent_type="text")
    assert read_oruk(json.dumps(item))[0][0].coverage == [Coverage("nation", "Wales")]
