"""Make a database ready to serve: schema migrations, geography tables, seed directory."""

from __future__ import annotations

import logging
from pathlib import Path

from directory import db, store
from directory.geography import build
from directory.geography.resolver import PlaceResolver
from directory.settings import DATA_DIR
from directory.transfer import import_records, read_file

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
        empty = not store.all_ids(session)
    if empty:
        records = read_file(seed_file, PlaceResolver(engine))
        import_records(sessions, records)
        done.append(f"loaded {len(records)} seed services from {seed_file.name}")
    return done
