"""Setup keeps a seed-loaded directory in step with the seed file, and never overwrites a team's import."""

from __future__ import annotations

import shutil
from pathlib import Path

from directory import db, store
from directory.geography.resolver import PlaceResolver
from directory.settings import DATA_DIR
from directory.setup import SEED_FILE, prepare
from directory.transfer import import_records, read_file

OLD, NEW = "Helpline, email and webchat", "Helpline, email and web chat (corrected)"


def _database(geography_template: Path, tmp_path: Path) -> str:
    shutil.copy(geography_template, tmp_path / "directory.db")
    return f"sqlite:///{tmp_path / 'directory.db'}"


def _description(url: str, service_id: str = "respect-phoneline") -> str:
    with db.session_factory(url)() as session:
        return store.load(session, service_id).description


def _edited_seed(tmp_path: Path) -> Path:
    seed = tmp_path / "seed_services.csv"
    seed.write_text(SEED_FILE.read_text().replace(OLD, NEW, 1))
    return seed


def test_a_changed_seed_reaches_a_directory_loaded_from_the_older_seed(geography_template, tmp_path):
    url = _database(geography_template, tmp_path)
    assert any("loaded" in line for line in prepare(url))
    assert _description(url).startswith(OLD)
    assert prepare(url) == []  # nothing changed: nothing redone
    done = prepare(url, seed_file=_edited_seed(tmp_path))
    assert any("reloaded" in line and "changed" in line for line in done)
    assert _description(url).startswith(NEW)


def test_a_teams_import_is_never_replaced_by_the_seed(geography_template, tmp_path):
    url = _database(geography_template, tmp_path)
    prepare(url)
    example = DATA_DIR / "example_services.csv"
    records = read_file(example, PlaceResolver(db.get_engine(url)))
    import_records(db.session_factory(url), records, replace_all=True, source=example)
    assert prepare(url, seed_file=_edited_seed(tmp_path)) == []
    with db.session_factory(url)() as session:
        assert set(store.all_ids(session)) == {r.id for r in records}


def test_a_seed_directory_loaded_before_loads_were_recorded_is_refreshed(geography_template, tmp_path):
    url = _database(geography_template, tmp_path)
    records = read_file(SEED_FILE, PlaceResolver(db.get_engine(url)))
    import_records(db.session_factory(url), records)  # as setup did before: no record of the load
    assert any("reloaded" in line for line in prepare(url, seed_file=_edited_seed(tmp_path)))
    assert _description(url).startswith(NEW)
