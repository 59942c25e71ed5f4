"""Configuration read from SIGNPOST_* environment variables, with embedded defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Settings:
    """Where the database lives (SQLite in ./var by default, PostgreSQL in production), and how often a
    listing must be checked with its provider (SIGNPOST_REVIEW_MONTHS, default 12)."""

    database_url: str
    review_months: int = 12

    @classmethod
    def from_env(cls) -> Settings:
        default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'signpost.db'}"
        return cls(database_url=os.environ.get("SIGNPOST_DATABASE_URL", default_db),
                   review_months=_review_months(os.environ.get("SIGNPOST_REVIEW_MONTHS", "")))


def _review_months(text: str) -> int:
    if not text.strip():
        return 12
    try:
        months = int(text)
    except ValueError:
        months = 0
    if months < 1:
        raise ValueError(f"SIGNPOST_REVIEW_MONTHS must be a whole number of months, 1 or more, not {text!r}")
    return months
