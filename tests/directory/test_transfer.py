"""Import and export: lossless round trips, clear row/field messages for bad files, all-or-nothing writes."""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from directory import store
from directory.__main__ import main
from directory.csv_format import COLUMNS, write_csv
from directory.oruk_format import write_oruk
from directory.problems import InvalidDirectoryFile
from directory.records import ContactPoint, Coverage, ServiceRecord
from directory.service_directory import ServiceDirectory
from directory.settings import DATA_DIR
from directory.transfer import MAX_FILE_BYTES, export_records, import_records, read_file

EXAMPLE_FILE = DATA_DIR / "example_services.csv"
HEADER = "id,name,organisation,source_document,coverage"


def _records(directory: ServiceDirectory) -> list[ServiceRecord]:
    with directory.sessions() as session:
        return [store.load(session, i) for i in store.all_ids(session)]


def _snapshot(directory: ServiceDirectory) -> tuple[str, str]:
    return export_records(directory.sessions, "csv"), export_records(directory.sessions, "oruk")


def _cli(url: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--database-url", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- round trips -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "suffix"), [("csv", ".csv"), ("oruk", ".json")])
def test_seed_directory_survives_export_and_import_unchanged(
    seeded_directory: ServiceDirectory, geography_template: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    original = _records(seeded_directory)
    assert len(original) == 13
    exported = tmp_path / f"export{suffix}"
    exported.write_text(export_records(seeded_directory.sessions, fmt), encoding="utf-8")

    assert read_file(exported, seeded_directory.resolver) == original

    # A second database; seeded_directory_url and empty_directory_url would share one file in tmp_path.
    shutil.copy(geography_template, tmp_path / "fresh.db")
    fresh = ServiceDirectory(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert _records(fresh) == []
    import_records(fresh.sessions, read_file(exported, fresh.resolver))
    assert _records(fresh) == original
    assert export_records(fresh.sessions, fmt) == exported.read_text(encoding="utf-8")


def _tricky_record() -> ServiceRecord:
    return ServiceRecord(
        id="tricky-text",
        name='Men\'s "Choices" group, Caerdydd',
        organisation="Gwasanaeth Ynys Môn & Co",
        source_document="notes, 2025.docx",
        description='Line one, with a comma;\nline two with "quotes" and ’curly’ ones.',
        scope="local",
        intervention_types=["dapp_group"],
        genders=["male"],
        min_age=16,
        self_referral=False,
        evening_sessions=False,
        respect_accredited=None,
        interpreters=True,
        session_hours_min=1.5,
        session_hours_max=1.5,
        radius_km=0.5,
        location_postcodes=["CF10 1EP"],
        exclusions=["under a current court order", "no English, yet"],
        contacts=[
            ContactPoint("phone", "01632 960001", "evenings, weekends"),
            ContactPoint("phone", "01632 960002"),
            ContactPoint("email", "a.b@example.org", "Welsh: Cymraeg"),
        ],
        coverage=[Coverage("district", "Cardiff"), Coverage("nation", "Wales"), Coverage("uk", "United Kingdom")],
        caveat="Runs in term time only.",
        last_verified=date(2024, 2, 29),
        notes='A "quoted" note, with commas.',
    )


@pytest.mark.parametrize("fmt", ["csv", "oruk"])
def test_every_field_of_awkward_records_round_trips(empty_directory_url: str, fmt: str) -> None:
    directory = ServiceDirectory(empty_directory_url)
    example = read_file(EXAMPLE_FILE, directory.resolver)
    records = sorted([*example, _tricky_record()], key=lambda r: r.id)
    import_records(directory.sessions, records)
    assert _records(directory) == records

    text = export_records(directory.sessions, fmt)
    path = Path(empty_directory_url.removeprefix("sqlite:///")).with_name(f"again.{'csv' if fmt == 'csv' else 'json'}")
    path.write_text(text, encoding="utf-8")
    assert read_file(path, directory.resolver) == records


def test_example_file_shows_every_column_and_fictional_services(empty_directory_url: str) -> None:
    directory = ServiceDirectory(empty_directory_url)
    records = read_file(EXAMPLE_FILE, directory.resolver)
    assert 2 <= len(records) <= 3
    assert all(r.id.startswith("example-") and "EXAMPLE" in r.name for r in records)
    lines = EXAMPLE_FILE.read_text(encoding="utf-8").splitlines()
    comments = "\n".join(line for line in lines if line.startswith("#"))
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    for column in COLUMNS:
        assert re.search(rf"^# .*\b{column}\b", comments, re.MULTILINE), f"no comment explains {column}"
        assert any(row[column] for row in rows), f"no example row fills in {column}"
    kinds = {c.kind for r in records for c in r.coverage}
    assert {"district", "county_council", "county", "police_force", "nation"} <= kinds
    assert any(r.radius_km and r.location_postcodes for r in records)
    contacts = [c for r in records for c in r.contacts]
    assert any(c.label for c in contacts)
    assert all(re.fullmatch(r"01632 960\d{3}", c.value) for c in contacts if c.kind == "phone")
    assert all("example.org" in c.value for c in contacts if c.kind != "phone")


def test_imported_example_services_are_found_by_search(empty_directory_url: str) -> None:
    directory = ServiceDirectory(empty_directory_url)
    import_records(directory.sessions, read_file(EXAMPLE_FILE, directory.resolver))
    assert "example-group-programme" in {r.service_id for r in directory.find("Leeds").results if r.local}
    near = {r.service_id: r for r in directory.find("Kendal").results if r.local}
    assert near["example-one-to-one-radius"].reason == "covers the Cumbria Constabulary area"
    bradford = {r.service_id: r for r in directory.find("BD1 1HY").results if r.local}
    assert bradford["example-one-to-one-radius"].match == "near"
    assert "example-advice-line" in {r.service_id for r in directory.find("Chester").results if r.local}


# --- bad files: a clear message, and nothing written ----------------------------------------------------


def _oruk(**fields) -> str:
    base = {
        "id": "new-service",
        "name": "New service",
        "organisation": "New Org",
        "source_document": "test",
        "coverage": [{"kind": "district", "name": "Leeds"}],
    }
    return json.dumps([{"id": "new-service", "name": "New service", "x_signpost": {**base, **fields}}])


BAD_FILES = [
    (
        "unknown-column.csv",
        f"{HEADER},colour\nnew-service,New service,New Org,test,district: Leeds,red\n",
        ["row 1: unknown column 'colour'"],
    ),
    (
        "missing-column.csv",
        "id,name,organisation,coverage\nnew-service,New service,New Org,district: Leeds\n",
        ["row 1: missing required column(s): source_document"],
    ),
    (
        "bad-vocabulary.csv",
        f"{HEADER},genders\nnew-service,New service,New Org,test,district: Leeds,men\n",
        ["row 2, service 'new-service', field 'genders': 'men' is not one of: male, female"],
    ),
    (
        "bad-type.csv",
        f"{HEADER},intervention_types\nnew-service,New service,New Org,test,district: Leeds,group work\n",
        ["field 'intervention_types': 'group work' is not one of: early_response"],
    ),
    (
        "bad-number.csv",
        f"{HEADER},min_age\nnew-service,New service,New Org,test,district: Leeds,eighteen\n",
        ["row 2, service 'new-service', field 'min_age': 'eighteen' is not a whole number"],
    ),
    (
        "bad-decimal.csv",
        f"{HEADER},session_hours_max\nnew-service,New service,New Org,test,district: Leeds,2,5\n",
        ["row 2: this row has more cells than the header"],
    ),
    (
        "bad-radius.csv",
        f"{HEADER},radius_km,location_postcodes\nnew-service,New service,New Org,test,,ten,LS1 1UR\n",
        ["field 'radius_km': 'ten' is not a number"],
    ),
    (
        "bad-bool.csv",
        f"{HEADER},self_referral\nnew-service,New service,New Org,test,district: Leeds,maybe\n",
        ["field 'self_referral': 'maybe' should be yes, no or blank"],
    ),
    (
        "bad-date.csv",
        f"{HEADER},last_verified\nnew-service,New service,New Org,test,district: Leeds,22/11/2025\n",
        ["row 2, service 'new-service': last_verified '22/11/2025' should be a date like"],
    ),
    (
        "unknown-area.csv",
        f"{HEADER}\nnew-service,New service,New Org,test,county: Nottinghamshre\n",
        ["field 'coverage': no county called 'Nottinghamshre' (did you mean 'Nottinghamshire'?)"],
    ),
    (
        "unknown-area-kind.csv",
        f"{HEADER}\nnew-service,New service,New Org,test,region: North West\n",
        ["kind 'region' is not one of: district_2021, district, county_council, county, police_force, nation, uk"],
    ),
    (
        "coverage-without-kind.csv",
        f"{HEADER}\nnew-service,New service,New Org,test,Leeds\n",
        ["coverage 'Leeds' should look like 'county: Nottinghamshire'"],
    ),
    (
        "local-without-area.csv",
        f"{HEADER}\nnew-service,New service,New Org,test,\n",
        ["a local service needs coverage areas or a radius_km"],
    ),
    (
        "radius-without-base.csv",
        f"{HEADER},radius_km\nnew-service,New service,New Org,test,,10\n",
        ["a radius needs at least one location_postcodes entry"],
    ),
    (
        "unknown-postcode.csv",
        f"{HEADER},radius_km,location_postcodes\nnew-service,New service,New Org,test,,10,ZZ1 1ZZ\n",
        ["field 'location_postcodes': 'ZZ1 1ZZ' is not in the ONS postcode directory"],
    ),
    (
        "bad-contacts.csv",
        f"{HEADER},phones,emails\nnew-service,New service,New Org,test,district: Leeds,ring us,nobody\n",
        ["field 'phones': 'ring us' is not a phone number", "field 'emails': 'nobody' is not an email address"],
    ),
    (
        "bad-id.csv",
        f"{HEADER}\nNew Service,New service,New Org,test,district: Leeds\n",
        ["field 'id': use 2-100 lower-case letters, digits and hyphens"],
    ),
    ("missing-name.csv", f"{HEADER}\nnew-service,,New Org,test,district: Leeds\n", ["field 'name': is required"]),
    (
        "duplicate-ids.csv",
        f"{HEADER}\nnew-service,New service,New Org,test,district: Leeds\n"
        "new-service,Other,New Org,test,district: Leeds\n",
        [
            "row 2, field 'id': id 'new-service' is used by 2 rows",
            "row 3, field 'id': id 'new-service' is used by 2 rows",
        ],
    ),
    (
        "not-utf8.csv",
        f"{HEADER}\nnew-service,Caf\xe9 group,New Org,test,district: Leeds\n".encode("latin-1"),
        ["not UTF-8 text", "save it as 'CSV UTF-8'"],
    ),
    ("empty.csv", "", ["missing required column(s): id, name, organisation, source_document"]),
    ("header-only.csv", f"{HEADER}\n", ["the file has no services in it"]),
    ("services.xlsx", b"PK\x03\x04 not really a spreadsheet", ["'services.xlsx' should end in .csv or .json"]),
    (
        "services.txt",
        f"{HEADER}\nnew-service,New service,New Org,test,district: Leeds\n",
        ["should end in .csv or .json"],
    ),
    ("malformed.json", '[{"id": "new-service", "name": ', ["not valid JSON"]),
    ("nested.json", "[" * 10_000 + "]" * 10_000, ["not valid JSON"]),
    ("nested-object.json", '{"a":' * 10_000 + "1" + "}" * 10_000, ["not valid JSON"]),
    (
        "nested-service.json",
        json.dumps([{"id": "new-service", "extra": json.loads("[" * 30 + "]" * 30)}]),
        ["item 1: nested too deeply"],
    ),
    ("not-a-list.json", '"services"', ["expected a JSON list of ORUK services"]),
    ("empty-list.json", "[]", ["the file has no services in it"]),
    ("no-id.json", json.dumps([{"name": "New service"}]), ["item 1: missing required field 'id'"]),
    ("bad-field.json", _oruk(colour="red"), ["item 1: unknown x_signpost field(s): colour"]),
    ("bad-number.json", _oruk(min_age="eighteen"), ["item 1: 'min_age' must be a whole number or null"]),
    ("bad-bool.json", _oruk(self_referral="maybe"), ["item 1: 'self_referral' must be true, false or null"]),
    ("bad-radius.json", _oruk(radius_km="ten", location_postcodes=["LS1 1UR"]), ["'radius_km' must be a number"]),
    ("null-name.json", _oruk(name=None), ["item 1: 'name' must be text"]),
    ("bad-list.json", _oruk(genders="male"), ["item 1: 'genders' must be a list"]),
    ("bad-date.json", _oruk(last_verified="yesterday"), ["last_verified 'yesterday' should be a date like"]),
    (
        "bad-contact.json",
        _oruk(contacts=[{"kind": "fax", "value": "01632 960000"}]),
        ["field 'contacts': kind 'fax' is not one of: phone, email, secure_email, website"],
    ),
    (
        "unknown-area.json",
        _oruk(coverage=[{"kind": "county", "name": "Lancshire"}]),
        ["no county called 'Lancshire' (did you mean 'Lancashire'?)"],
    ),
]


@pytest.fixture(scope="module")
def shared_copy(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("bad-files") / "directory.db"
    shutil.copy(seeded_template, target)
    return f"sqlite:///{target}"


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_is_refused_with_a_clear_message_and_changes_nothing(
    shared_copy: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    expected: list[str],
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    directory = ServiceDirectory(shared_copy)
    before = _snapshot(directory)

    code, out, err = _cli(shared_copy, "import", str(path), capsys=capsys)

    assert code == 2
    assert out == ""
    assert "Nothing was imported." in err
    assert "Traceback" not in err
    for message in expected:
        assert message in err
    assert _snapshot(directory) == before


def test_file_too_large_is_refused_before_it_is_read(
    shared_copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(f"{HEADER}\n".encode())
        handle.truncate(MAX_FILE_BYTES + 1)
    directory = ServiceDirectory(shared_copy)
    before = _snapshot(directory)
    code, _, err = _cli(shared_copy, "import", str(path), capsys=capsys)
    assert code == 2
    assert "the file is larger than 20 MB" in err
    assert _snapshot(directory) == before


def test_missing_file_is_reported(shared_copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(shared_copy, "import", str(tmp_path / "nowhere.csv"), capsys=capsys)
    assert code == 2
    assert "no file at" in err


def test_every_problem_is_listed_not_just_the_first(seeded_directory: ServiceDirectory, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text(
        f"{HEADER},min_age,genders\n"
        "one-bad,One,Org,test,district: Leeds,eighteen,\n"
        "two-bad,Two,Org,test,county: Lancshire,,women\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidDirectoryFile) as caught:
        read_file(path, seeded_directory.resolver)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3
    assert messages[0].startswith("row 2, service 'one-bad', field 'min_age'")
    assert any(m.startswith("row 3, service 'two-bad', field 'genders'") for m in messages)
    assert any(m.startswith("row 3, service 'two-bad', field 'coverage'") for m in messages)


def test_row_numbers_match_the_spreadsheet_when_the_file_has_comment_lines(
    seeded_directory: ServiceDirectory, tmp_path: Path
) -> None:
    path = tmp_path / "commented.csv"
    path.write_text(
        "# The directory team's file\n# Edited in a spreadsheet\n"
        f"{HEADER},description\n"
        'good-one,Good,Org,test,district: Leeds,"two\nlines"\n'
        "# a note between rows\n"
        "bad-one,Bad,Org,test,district: Leedz,\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidDirectoryFile) as caught:
        read_file(path, seeded_directory.resolver)
    assert [str(p) for p in caught.value.problems] == [
        "row 6, service 'bad-one', field 'coverage': no district called 'Leedz' (did you mean 'Leeds'?)"
    ]


def test_rows_keep_their_numbers_when_the_header_has_a_problem_too(
    seeded_directory: ServiceDirectory, tmp_path: Path
) -> None:
    path = tmp_path / "both.csv"
    path.write_text(
        f"{HEADER},colour\nfine,Fine,Org,test,district: Leeds,red\nbad,Bad,Org,test,county: Cumbrai,blue\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidDirectoryFile) as caught:
        read_file(path, seeded_directory.resolver)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == "row 1: unknown column 'colour'; check its spelling against the example file"
    assert messages[1].startswith("row 3, service 'bad', field 'coverage': no county called 'Cumbrai'")


def test_validate_reports_problems_without_importing(
    shared_copy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nnew-service,New service,New Org,test,county: Nottinghamshre\n", encoding="utf-8")
    code, _, err = _cli(shared_copy, "validate", str(path), capsys=capsys)
    assert code == 2
    assert "1 problem(s)" in err
    assert "Fix these in the file and run the command again." in err


# --- all or nothing ----------------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_imports_nothing(
    seeded_directory_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mostly-good.csv"
    path.write_text(
        f"{HEADER}\n"
        "good-one,Good one,Org,test,district: Leeds\n"
        "good-two,Good two,Org,test,county: Cumbria\n"
        "bad-three,Bad three,Org,test,district: Atlantis\n"
        "good-four,Good four,Org,test,nation: Wales\n",
        encoding="utf-8",
    )
    directory = ServiceDirectory(seeded_directory_url)
    before = _snapshot(directory)

    code, _, err = _cli(seeded_directory_url, "import", str(path), capsys=capsys)

    assert code == 2
    assert "1 problem(s). Nothing was imported." in err
    assert "row 4, service 'bad-three', field 'coverage': no district called 'Atlantis'" in err
    assert _snapshot(directory) == before
    assert not {"good-one", "good-two", "good-four"} & {r.id for r in _records(directory)}


def test_a_failure_while_writing_rolls_back_the_whole_import(seeded_directory: ServiceDirectory) -> None:
    before = _snapshot(seeded_directory)
    good = ServiceRecord("written-first", "Written first", "Org", "test", coverage=[Coverage("district", "Leeds")])
    changed = replace(_records(seeded_directory)[0], name="Renamed in the same import")
    # Skips validation on purpose: an unknown taxonomy term breaks a foreign key part-way through the writes.
    broken = ServiceRecord(
        "written-last",
        "Broken",
        "Org",
        "test",
        intervention_types=["not-a-type"],
        coverage=[Coverage("district", "Leeds")],
    )
    with pytest.raises(IntegrityError):
        import_records(seeded_directory.sessions, [good, changed, broken])
    assert _snapshot(seeded_directory) == before


# --- replace-all -----------------------------------------------------------------------------------------


def _two_service_file(directory: ServiceDirectory, tmp_path: Path) -> Path:
    kept = next(r for r in _records(directory) if r.id == "your-choice-project")
    new = ServiceRecord(
        "leeds-new", "Leeds new programme", "Leeds Org", "test", coverage=[Coverage("district", "Leeds")]
    )
    path = tmp_path / "two.csv"
    path.write_text(write_csv([replace(kept, name="Your Choice (renamed)"), new]), encoding="utf-8")
    return path


def test_import_adds_and_updates_but_keeps_other_services(
    seeded_directory_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = ServiceDirectory(seeded_directory_url)
    before = {r.id for r in _records(directory)}
    code, out, _ = _cli(seeded_directory_url, "import", str(_two_service_file(directory, tmp_path)), capsys=capsys)
    assert code == 0
    assert "Imported 2 services" in out
    after = {r.id: r for r in _records(directory)}
    assert set(after) == before | {"leeds-new"}
    assert after["your-choice-project"].name == "Your Choice (renamed)"


def test_replace_all_leaves_exactly_the_services_in_the_file(
    seeded_directory_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = ServiceDirectory(seeded_directory_url)
    path = _two_service_file(directory, tmp_path)
    code, _, _ = _cli(seeded_directory_url, "import", "--replace-all", str(path), capsys=capsys)
    assert code == 0
    assert {r.id for r in _records(directory)} == {"leeds-new", "your-choice-project"}
    outcome = directory.find("Nottingham")
    assert [r.service_name for r in outcome.results] == ["Your Choice (renamed)"]  # the phoneline went too
    assert [r.service_id for r in directory.find("Leeds").results if r.local] == ["leeds-new"]


def test_replace_all_with_a_bad_file_deletes_nothing(
    seeded_directory_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = ServiceDirectory(seeded_directory_url)
    before = _snapshot(directory)
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nonly-one,Only,Org,test,district: Nowhere At All\n", encoding="utf-8")
    code, _, _ = _cli(seeded_directory_url, "import", "--replace-all", str(path), capsys=capsys)
    assert code == 2
    assert _snapshot(directory) == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    seeded_directory: ServiceDirectory, tmp_path: Path
) -> None:
    path = tmp_path / "all.json"
    path.write_text(write_oruk(_records(seeded_directory)), encoding="utf-8")
    import_records(seeded_directory.sessions, read_file(path, seeded_directory.resolver))
    first = _snapshot(seeded_directory)
    import_records(seeded_directory.sessions, read_file(path, seeded_directory.resolver))
    assert _snapshot(seeded_directory) == first
    assert seeded_directory.find("Kendal").found_local
