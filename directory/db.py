"""Engine, sessions and schema migrations for the directory database."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _ensure_sqlite_folder(database_url: str) -> None:
    """SQLite creates the file but not its folder (./var on a fresh checkout)."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=8)
def get_engine(database_url: str) -> Engine:
    """One engine per URL; SQLite gets foreign keys and WAL so readers never block.

    hide_parameters: a database error's text then never carries the values bound to it (message
    text, contact details), so logging an error can't leak them.
    """
    _ensure_sqlite_folder(database_url)
    if database_url.startswith("sqlite"):
        # SQLAlchemy 1.4 opens a new SQLite connection per checkout by default; keeping a small
        # pool saves about a quarter of a search's time (bench/bench_search.py).
        engine = create_engine(database_url, future=True, poolclass=QueuePool, pool_size=5, hide_parameters=True,
                               connect_args={"check_same_thread": False})
    else:
        engine = create_engine(database_url, future=True, pool_pre_ping=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def session_factory(database_url: str) -> sessionmaker[Session]:
    """Sessions bound to the engine for `database_url`."""
    return sessionmaker(get_engine(database_url), future=True, expire_on_commit=False)


def alembic_config(database_url: str) -> Config:
    """Alembic configuration built in code, so no alembic.ini is needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate(database_url: str) -> None:
    """Bring the schema up to the newest migration of every branch (idempotent; features add branches from 0005)."""
    _ensure_sqlite_folder(database_url)
    command.upgrade(alembic_config(database_url), "heads")
