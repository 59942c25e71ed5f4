"""No test, fixture or example carries a phone number that could be a real line (issue 14).

Made-up numbers come from Ofcom's ranges kept for drama; the only real numbers are the ones the
seeds or a named public source give (They Matter's contacts, the Respect Phoneline).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Seed 003 (They Matter); seed 002 (Respect Phoneline); the victim-survivor helplines of safety/routes.py, with
# their public sources there (National Domestic Abuse Helpline, Men's Advice Line).
SOURCED = {"07936364165", "07919393311", "08088024040", "08082000247", "08088010327"}
# Ofcom, 'TV, radio and theatre (drama) numbers': geographic 01xx 496 0xxx, 020 7946 0xxx,
# 028 9649 6xxx, 029 2018 0xxx, 01632 960xxx, mobile 07700 900xxx, freephone 08081 570xxx, 0909 879 0xxx, 03069 990xxx.
DRAMA = re.compile(r"^(?:01\d{2}4960\d{3}|01632960\d{3}|02079460\d{3}|02896496\d{3}|02920180\d{3}|07700900\d{3}|"
                   r"08081570\d{3}|09098790\d{3}|03069990\d{3})$")
NUMBER = re.compile(r"(?<![\w.])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\d)")
FILES = [*ROOT.glob("tests/**/*.py"), *ROOT.glob("tests/**/*.yml"), *ROOT.glob("tests/**/*.json"),
         ROOT / "directory" / "data" / "example_services.csv", ROOT / "docs" / "directory-csv.md"]


def national(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("44") else digits


def test_every_phone_number_in_tests_and_examples_is_a_drama_number_or_sourced():
    found = []
    for path in FILES:
        if "nlu_holdout" in path.parts or path.name.endswith(".min.js") or path == Path(__file__):
            continue
        for match in NUMBER.finditer(path.read_text(encoding="utf-8", errors="replace")):
            number = national(match.group())
            if len(number) == 11 and number not in SOURCED and not DRAMA.match(number):
                found.append(f"{path.relative_to(ROOT)}: {match.group()}")
    assert not found, found
