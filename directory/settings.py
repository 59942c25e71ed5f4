"""Configuration read from SIGNPOST_* environment variables, with embedded defaults."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_REVIEW_MONTHS = 12  # how often a listing must be checked with its provider, unless configured

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Where the database lives (SQLite in ./var by default, PostgreSQL in production), and how often a
    listing must be checked with its provider (SIGNPOST_REVIEW_MONTHS, default DEFAULT_REVIEW_MONTHS)."""

    database_url: str
    review_months: int = DEFAULT_REVIEW_MONTHS

    @classmethod
    def from_env(cls) -> Settings:
        default_db = f"sqlite:///{PROJECT_ROOT / 'var' / 'signpost.db'}"
        return cls(database_url=os.environ.get("SIGNPOST_DATABASE_URL", default_db),
                   review_months=_review_months(os.environ.get("SIGNPOST_REVIEW_MONTHS", "")))


@lru_cache(maxsize=1)
def review_months() -> int:
    """SIGNPOST_REVIEW_MONTHS read once per process for the chat's cards (tests reset with cache_clear()).

    A bad value is logged and the default used, so search answers keep working; the console and the
    command line still refuse to start with it (Settings.from_env)."""
    try:
        return _review_months(os.environ.get("SIGNPOST_REVIEW_MONTHS", ""))
    except ValueError as error:
        log.warning("%s; using %d until it is fixed and the bot restarted.", error, DEFAULT_REVIEW_MONTHS)
        return DEFAULT_REVIEW_MONTHS


def _review_months(text: str) -> int:
    if not text.strip():
        return DEFAULT_REVIEW_MONTHS
    try:
        months = int(text)
    except ValueError:
        months = 0
    if months < 1:
        raise ValueError(f"SIGNPOST_REVIEW_MONTHS must be a whole number of months, 1 or more, not {text!r}")
    return months
