"""The seed documents named as a person would cite them: title, publisher where the document names
one, and the date it gives. Records keep the file names (for checking); workers read these."""

from __future__ import annotations

import re

# Titles are the documents' own headings; a publisher is named only where the document names it.
SEED_DOCUMENTS = {
    "seeds/000_488244efeed0693a.txt": "'Interserve's work to reduce domestic violence', an article about Interserve's "
                                      "Community Rehabilitation Companies (undated)",
    "seeds/001_8195186f5045652a.txt": "'Domestic abuse perpetrator programme praised for helping to reduce violence', "
                                      "news from the Nottinghamshire Police and Crime Commissioner (1 June 2022)",
    "seeds/002_857bfc9fae6c47e5.txt": "'From early responses to interrupting high harm: interventions for perpetrators "
                                      "of domestic abuse', a factsheet for frontline workers (undated)",
    "seeds/003_53e756fb0cc8ebef.txt": "'They Matter', Victim Support's Turning the Spotlight pilot leaflet (undated)",
    "seeds/004_9ca743614d983c89.txt": "'Hampshire Agencies Join Forces to Tackle Domestic Abuse', an article on the "
                                      "Hampton Trust's service (contract November 2015 to March 2017)",
}
FACTSHEET = "the factsheet 'From early responses to interrupting high harm'"  # seed 002, named in a sentence
SEED_FILE = re.compile(r"\bseeds/\d{3}_[0-9a-f]{16}\.txt\b")
_LABEL_WITH_FILE_ONLY = re.compile(r"\bSeed \d{3}\s*\((seeds/\d{3}_[0-9a-f]{16}\.txt)\)")
_FILE_AFTER_TITLE = re.compile(r"\s*\(seeds/\d{3}_[0-9a-f]{16}\.txt\)")
_SEED_LABEL = re.compile(r"\bSeed \d{3}(?::| -)\s*")


def cite(text: str) -> str:
    """A source line as a worker reads it: no "Seed 002:" labels or file names; a bare file name becomes its citation."""
    text = _LABEL_WITH_FILE_ONLY.sub(lambda m: m.group(1), text)
    text = _SEED_LABEL.sub("", _FILE_AFTER_TITLE.sub("", text))
    return SEED_FILE.sub(lambda m: SEED_DOCUMENTS.get(m.group(0), m.group(0)), text)
