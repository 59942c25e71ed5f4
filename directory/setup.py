"""Make a database ready to serve: schema migrations, geography tables, seed directory."""

from __future__ import annotations

import logging
from pathlib import Path

from directory import db, store
from directory.geography import build
from directory.geography.resolver import PlaceResolver
from directory.settings import DATA_DIR
from directory.transfer import file_sha256, import_records, latest_import, read_file

log = logging.getLogger(__name__)
SEED_FILE = DATA_DIR / "seed_services.csv"


def prepare(database_url: str, seed_file: Path = SEED_FILE) -> list[str]:
    """Idempotent: does only the work that is missing and says what it did."""
    done = []
    db.migrate(database_url)
    engine = db.get_engine(database_url)
    if not build.is_built(engine):
        stats = build.build(engine)
        done.append(f"built geography tables ({stats['postcodes']:,} postcodes in {stats['seconds']} s)")
    sessions = db.session_factory(database_url)
    with sessions() as session:
        ids, latest = set(store.all_ids(session)), latest_import(session)
    if ids and latest is not None and (latest.kind != "seed" or latest.file_sha256 == file_sha256(seed_file)):
        return done  # a team's import (never replaced), or the seed as it is now
    records = read_file(seed_file, PlaceResolver(engine))
    if not ids:
        import_records(sessions, records, source=seed_file, kind="seed")
        done.append(f"loaded {len(records)} seed services from {seed_file.name}")
    elif latest is not None or ids == {r.id for r in records}:
        # an older seed file; or loaded before loads were recorded, holding exactly the seed's services
        import_records(sessions, records, replace_all=True, source=seed_file, kind="seed")
        done.append(f"reloaded {len(records)} seed services: {seed_file.name} changed since it was loaded")
    return done
