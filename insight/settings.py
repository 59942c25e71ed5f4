"""The threshold under which a count is shown as "fewer than 10", read from SIGNPOST_INSIGHT_THRESHOLD."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_THRESHOLD = 10  # the usual convention in UK official statistics


class InsightSettingsError(ValueError):
    """A setting that cannot be used; the message says which and what to put instead."""


@dataclass(frozen=True)
class InsightSettings:
    threshold: int = DEFAULT_THRESHOLD

    @classmethod
    def from_env(cls) -> InsightSettings:
        raw = os.environ.get("SIGNPOST_INSIGHT_THRESHOLD", "").strip()
        if not raw:
            return cls()
        return cls(threshold=parse_threshold(raw))


def parse_threshold(raw: str) -> int:
    """A whole number of 1 or more; anything else is refused with what to set instead."""
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise InsightSettingsError(
            f"The suppression threshold (SIGNPOST_INSIGHT_THRESHOLD or --threshold) must be a whole number of 1 or "
            f"more (counts under it are shown as "
            f"'fewer than N'), not {raw!r}: set it to 10, the usual convention, or unset it.")
    return value
