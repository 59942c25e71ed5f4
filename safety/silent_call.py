"""Someone who can't speak aloud where they are: how to make a 999 call without speaking (the Silent Solution).

A victim hiding from him, or a worker in the same room, may not be able to talk on a 999 call.
The police's Silent Solution lets a mobile caller press 55 when prompted, so the call is put through.
"""

from __future__ import annotations

from knowledge.citations import cite
from safety.lexicon import CANNOT_SPEAK

SOURCE = ("Isle of Wight Council, 'Immediate danger' (adult safeguarding, iow.gov.uk); Thames Valley Police, "
          "'Silent Solution – 999 and 55', as published by Aston Rowant Parish Council; read 2026-12-01")
SILENT_SOLUTION = ("If you can't speak, call 999 from a mobile and stay on the line: when the recorded message asks, "
                   "press 55, then answer the call handler's questions by tapping or pressing keys. This is the "
                   "police's Silent Solution.")

def cannot_speak_aloud(text: str) -> bool:
    """Whether the message says the writer can't talk out loud where they are."""
    return bool(text) and bool(CANNOT_SPEAK.search(text[:2000]))


def silent_call_text() -> str:
    """How to call 999 without speaking, with its source."""
    return f"{SILENT_SOLUTION}\nSource: {cite(SOURCE)}"
