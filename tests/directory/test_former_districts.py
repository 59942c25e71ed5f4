"""Cumbria's former (2021) districts: the project's table, how the build uses it, and coverage that names them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory.geography import former, sources
from directory.geography.resolver import PlaceResolver
from directory.records import Coverage, ServiceRecord
from directory.service_directory import ServiceDirectory
from directory.validation import validate

SIX = {"E07000026", "E07000027", "E07000028", "E07000029", "E07000030", "E07000031"}


def test_the_table_names_only_cumbrias_six_districts_as_the_ons_2021_lookup_names_them() -> None:
    rows = sources.read_project_csv(former.TABLE)
    names = sources.authority_names_2021()
    assert {r["lad21_code"] for r in rows} == SIX
    assert all(r["lad21_name"] == names[r["lad21_code"]][0] for r in rows)
    assert {r["kind"] for r in rows} == {"sector", "postcode"}
    sectors = {r["code"] for r in rows if r["kind"] == "sector"}
    assert not any(r["code"][:-2] in sectors for r in rows if r["kind"] == "postcode")  # a split sector is by postcode


def test_editing_the_table_rebuilds_the_geography(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "geography"
    shutil.copytree(sources.GEOGRAPHY_DIR, copy)
    monkeypatch.setattr(sources, "GEOGRAPHY_DIR", copy)
    before = sources.data_version()
    with open(copy / former.TABLE, "a", encoding="utf-8") as table:
        table.write("CA99 9,sector,E07000030,Eden\n")
    assert sources.data_version() != before


def _table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str) -> None:
    (tmp_path / former.TABLE).write_text("code,kind,lad21_code,lad21_name\n" + rows, encoding="utf-8")
    monkeypatch.setattr(sources, "GEOGRAPHY_DIR", tmp_path)


def test_a_postcode_takes_its_own_row_then_its_sectors_then_its_nearest_neighbours(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _table(tmp_path, monkeypatch, "AB1 1,sector,E07000029,Copeland\nAB1 2AA,postcode,E07000026,Allerdale\n"
                                  "AB1 2AB,postcode,E07000029,Copeland\nAB2 1,sector,E07000030,Eden\n")
    row = sources.PostcodeRow
    postcodes = [row("AB1 1ZZ", 0, 0, "E06000063"), row("AB1 2AA", 1000, 0, "E06000063"),
                 row("AB1 2AB", 5000, 0, "E06000063"),
                 row("AB1 2ZZ", 1100, 0, "E06000063"),  # newer than the table, in a split sector: nearest is AB1 2AA
                 row("AB2 1AA", 9000, 0, "E06000064"), row("ZZ1 1AA", 0, 0, "E09000001")]
    split = former.split(postcodes)
    assert [p.lad_code for p in split.postcodes] == ["E07000029", "E07000026", "E07000029", "E07000026", "E07000030",
                                                     "E09000001"]
    assert split.parts == {"E07000026": ("Allerdale", "E06000063"), "E07000029": ("Copeland", "E06000063"),
                           "E07000030": ("Eden", "E06000064")}


def test_a_row_naming_a_district_of_another_council_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _table(tmp_path, monkeypatch, "AB1 1,sector,E07000029,Copeland\nAB9 9AA,postcode,E07000030,Eden\n"
                                  "AB2 1,sector,E07000030,Eden\n")
    row = sources.PostcodeRow
    postcodes = [row("AB1 1AA", 0, 0, "E06000063"), row("AB1 1AB", 0, 10, "E06000063"),
                 row("AB9 9AA", 0, 100, "E06000063"),  # in Cumberland now, so not in Eden: its nearest neighbour's
                 row("AB2 1AA", 9000, 0, "E06000064"), row("AB2 1AB", 9000, 10, "E06000064")]
    assert [p.lad_code for p in former.split(postcodes).postcodes] == ["E07000029", "E07000029", "E07000029", "E07000030",
                                                                       "E07000030"]


def test_each_former_district_is_in_its_council_county_and_force(shared_directory: ServiceDirectory) -> None:
    resolver: PlaceResolver = shared_directory.resolver
    kendal = resolver.resolve("Kendal")
    assert kendal.covering_keys[:2] == ("district_2021:south-lakeland", "district:westmorland-and-furness")
    assert {"county:cumbria", "police_force:cumbria-constabulary"} <= set(kendal.covering_keys)
    assert resolver.area_districts["district:cumberland"] == {"E07000026", "E07000028", "E07000029"}
    assert resolver.area_districts["district:westmorland-and-furness"] == {"E07000027", "E07000030", "E07000031"}


def test_a_town_keeps_its_name_where_a_former_district_shares_it(shared_directory: ServiceDirectory) -> None:
    carlisle = shared_directory.resolver.resolve("Carlisle")
    assert (carlisle.kind, carlisle.label) == ("place", "Carlisle")
    assert shared_directory.resolver.resolve("Barrow").label == "Barrow in Furness"


def _record(*coverage: Coverage) -> ServiceRecord:
    return ServiceRecord(id="west-cumbria-test", name="Test", organisation="Test Org", source_document="test",
                         scope="local", coverage=list(coverage))


def test_coverage_can_name_a_former_district_and_a_wrong_name_is_refused(shared_directory: ServiceDirectory) -> None:
    resolver = shared_directory.resolver
    assert validate([_record(Coverage("district_2021", "Copeland"))], resolver) == []
    problems = validate([_record(Coverage("district_2021", "Copland"))], resolver)
    assert [p.message for p in problems] == ["no district_2021 called 'Copland' (did you mean 'Copeland'?)"]
