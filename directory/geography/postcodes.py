"""Recognise and normalise UK postcodes: full ("NG1 5FS"), sector ("NG1 5"), outward ("NG1")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL = re.compile(rf"^({_OUTWARD})\s*([0-9][A-Z]{{2}})$")
_SECTOR = re.compile(rf"^({_OUTWARD})\s+([0-9])$")
_OUTWARD_ONLY = re.compile(rf"^({_OUTWARD})$")
# Finds postcode-like tokens inside free text, for the chat's entity extractor.
POSTCODE_IN_TEXT = re.compile(
    rf"\b({_OUTWARD})(?:\s*([0-9][A-Z]{{2}})|\s+([0-9])(?![0-9A-Z]))?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class PostcodeQuery:
    """A normalised postcode and how much of it was given."""

    kind: str  # full|sector|outward
    code: str


def parse_postcode(text: str) -> Optional[PostcodeQuery]:
    """Return the normalised postcode in `text`, or None when it isn't one."""
    cleaned = re.sub(r"\s+", " ", text.strip().upper())
    if match := _FULL.match(cleaned):
        return PostcodeQuery("full", f"{match.group(1)} {match.group(2)}")
    if match := _SECTOR.match(cleaned):
        return PostcodeQuery("sector", f"{match.group(1)} {match.group(2)}")
    if match := _OUTWARD_ONLY.match(cleaned):
        return PostcodeQuery("outward", match.group(1))
    return None


def looks_like_postcode(text: str) -> bool:
    """True when `text` has the shape of a full, sector or outward postcode."""
    return parse_postcode(text) is not None
