"""Configuration read from SIGNPOST_* environment variables, with embedded defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Settings:
    """Where the database lives; SQLite in ./var by default, PostgreSQL in production."""

    database_url: str

    @classmethod
    def from_env(cls) -> Settings:
        default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'signpost.db'}"
        return cls(database_url=os.environ.get("SIGNPOST_DATABASE_URL", default_db))
