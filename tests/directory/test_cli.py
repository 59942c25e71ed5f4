"""`python -m directory` run as a worker or the directory team would run it, against a copied database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from directory.oruk_format import oruk_id
from directory.settings import DATA_DIR, PROJECT_ROOT

EXAMPLE_FILE = DATA_DIR / "example_services.csv"
RESULT_KEYS = {"service_name", "organisation_name", "reason", "local", "distance_km"}


def run(url: str | None, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "directory", *(["--database-url", url] if url else []), *args]
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})}
    return subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def read_only_url(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("cli") / "directory.db"
    shutil.copy(seeded_template, target)
    return f"sqlite:///{target}"


# --- search ----------------------------------------------------------------------------------------------


def test_search_json_lists_local_services_then_national_ones(read_only_url: str) -> None:
    done = run(read_only_url, "search", "Kendal", "--json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert all(RESULT_KEYS <= set(item) for item in items)
    first = items[0]
    assert first["service_name"] == "They Matter (Turning the Spotlight)"
    assert first["organisation_name"] == "Victim Support - Turning the Spotlight"
    assert (first["local"], first["reason"], first["distance_km"]) == (True, "covers the former South Lakeland district", None)
    assert "pilot" in first["caveat"]
    phoneline = next(i for i in items if i["service_name"] == "Respect Phoneline")
    assert phoneline["local"] is False


def test_search_json_with_nothing_local_gives_alternatives_with_distances(read_only_url: str) -> None:
    items = json.loads(run(read_only_url, "search", "Leicester", "--json").stdout)
    assert items and all(item["local"] is False for item in items)
    nearest = [i for i in items if i["reason"].startswith("nearest alternative")]
    assert nearest and all(isinstance(i["distance_km"], (int, float)) and i["distance_km"] > 0 for i in nearest)


def test_search_json_filters(read_only_url: str) -> None:
    high_risk = json.loads(run(read_only_url, "search", "kendal", "--type", "high_risk", "--json").stdout)
    assert [i["service_name"] for i in high_risk if i["local"]] == ["They Matter (Turning the Spotlight)"]
    women = json.loads(run(read_only_url, "search", "Kendal", "--gender", "female", "--json").stdout)
    assert "They Matter (Turning the Spotlight)" not in {i["service_name"] for i in women}
    assert not any(i["local"] for i in women)


def test_search_by_postcode_without_a_space(read_only_url: str) -> None:
    items = json.loads(run(read_only_url, "search", "ng15fs", "--json").stdout)
    assert items[0]["service_name"] == "Your Choice Project perpetrator programme"
    assert items[0]["reason"] == "covers the Nottinghamshire Police area"


def test_search_text_says_when_nothing_is_local(read_only_url: str) -> None:
    done = run(read_only_url, "search", "Leicester")
    assert done.returncode == 0
    assert done.stdout.startswith("I found no local services covering Leicester in the directory.")
    assert "- Respect Phoneline (Respect): national service, available wherever you are" in done.stdout


def test_search_text_shows_a_corrected_spelling_and_caveats(read_only_url: str) -> None:
    done = run(read_only_url, "search", "Kendel")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "(Showing results for Kendal.)"
    assert lines[1] == "1 local service for Kendal."
    assert any(line.strip().startswith("Note: A pilot delivered in the South and West of Cumbria") for line in lines)


def test_unknown_place_exits_non_zero_with_suggestions(read_only_url: str) -> None:
    done = run(read_only_url, "search", "Kumbira", "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert "I don't recognise 'Kumbira' as a UK place or postcode." in done.stderr
    assert "Did you mean: Cumbria" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("ZZ1 1ZZ", "'ZZ1 1ZZ' looks like a postcode but isn't in the ONS postcode directory"),
        ("", "Please give a town, county, council area or postcode."),
        ("<script>alert(1)</script>", "I don't recognise"),
    ],
)
def test_places_that_cannot_be_found_exit_non_zero(read_only_url: str, place: str, message: str) -> None:
    done = run(read_only_url, "search", place)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_filter_value_is_refused(read_only_url: str) -> None:
    done = run(read_only_url, "search", "Kendal", "--type", "anger_management")
    assert done.returncode == 2
    assert "invalid choice: 'anger_management'" in done.stderr


def test_database_url_can_come_from_the_environment(read_only_url: str) -> None:
    done = run(None, "search", "Cardiff", "--json", env={"SIGNPOST_DATABASE_URL": read_only_url})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["service_name"] == "Change that Lasts - perpetrator strand (Cardiff)"


# --- validate, import, export ----------------------------------------------------------------------------


def test_validate_a_good_file(read_only_url: str) -> None:
    done = run(read_only_url, "validate", str(EXAMPLE_FILE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{EXAMPLE_FILE}: 3 services, no problems found."


def test_validate_a_bad_file(read_only_url: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "# checked by the team\nid,name,organisation,source_document,coverage,self_referral\n"
        "new-one,New,Org,test,county: Lancshire,perhaps\n",
        encoding="utf-8",
    )
    done = run(read_only_url, "validate", str(path))
    assert done.returncode == 2
    # A row whose cells cannot be read is reported for those cells; its areas are checked once they can be.
    assert f"{path}: 1 problem(s)." in done.stderr
    assert "row 3, service 'new-one', field 'self_referral': 'perhaps' should be yes, no or blank" in done.stderr
    assert "Fix these in the file and run the command again." in done.stderr


def test_import_then_export_then_search(seeded_directory_url: str, tmp_path: Path) -> None:
    done = run(seeded_directory_url, "import", str(EXAMPLE_FILE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Imported 3 services from {EXAMPLE_FILE}."

    exported = run(seeded_directory_url, "export")
    assert exported.returncode == 0
    ids = [line.split(",", 1)[0] for line in exported.stdout.splitlines()[1:]]
    assert {"example-group-programme", "example-one-to-one-radius", "example-advice-line", "respect-phoneline"} <= set(
        ids
    )

    saved = tmp_path / "everything.csv"
    done = run(seeded_directory_url, "export", "--output", str(saved))
    assert done.stdout.strip() == f"Wrote {saved}."
    assert saved.read_text(encoding="utf-8") == exported.stdout
    assert run(seeded_directory_url, "validate", str(saved)).returncode == 0

    near = json.loads(run(seeded_directory_url, "search", "BD1 1HY", "--json").stdout)
    radius = next(i for i in near if i["service_name"].startswith("EXAMPLE One-to-one"))
    assert radius["local"] is True
    assert isinstance(radius["distance_km"], float) and radius["distance_km"] < 1
    assert radius["reason"] == "under a mile from BD1 1HY"


def test_failed_import_exits_non_zero_and_changes_nothing(seeded_directory_url: str, tmp_path: Path) -> None:
    before = run(seeded_directory_url, "export").stdout
    path = tmp_path / "bad.json"
    path.write_text('[{"id": "half-written"', encoding="utf-8")
    done = run(seeded_directory_url, "import", str(path))
    assert done.returncode == 2
    assert "Nothing was imported." in done.stderr
    assert "not valid JSON" in done.stderr
    assert run(seeded_directory_url, "export").stdout == before


def test_export_oruk_is_valid_json_for_every_service(read_only_url: str) -> None:
    done = run(read_only_url, "export", "--format", "oruk")
    assert done.returncode == 0
    services = json.loads(done.stdout)
    assert len(services) == 13
    ids = [s["x_signpost"]["id"] for s in services]
    assert ids == sorted(ids)
    for service in services:  # ORUK 3.0 ids are UUIDs, derived from Signpost's own
        assert service["name"] and service["organization"]["name"]
        assert isinstance(service["service_areas"], list)
        assert service["id"] == oruk_id("service", service["x_signpost"]["id"])
    they_matter = next(s for s in services if s["x_signpost"]["id"] == "they-matter-cumbria")
    areas = [(a["service_area"], a["extent"]) for a in they_matter["service_areas"]]
    assert ("South Lakeland", "district_2021: South Lakeland") in areas
    assert any([p["number"] for p in c.get("phones", [])] == ["07936 364165"] for c in they_matter["contacts"])


def test_exported_oruk_imports_back(seeded_directory_url: str, tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    assert run(seeded_directory_url, "export", "--format", "oruk", "--output", str(path)).returncode == 0
    before = run(seeded_directory_url, "export").stdout
    done = run(seeded_directory_url, "import", "--replace-all", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Imported 13 services from {path}."
    assert run(seeded_directory_url, "export").stdout == before


# --- audit -----------------------------------------------------------------------------------------------


def test_the_audit_command_lists_every_seed_record(read_only_url: str):
    done = run(read_only_url, "audit")
    assert done.returncode == 0
    assert done.stdout.startswith("13 services; ")
    assert "- They Matter (Turning the Spotlight) [they-matter-cumbria]" in done.stdout
