"""Every safety text the bot says, in one place, so each layer (channels, NLU, actions, domain) agrees.

Contact details of the Respect Phoneline: the phone number is the same in seed 002
(seeds/002_857bfc9fae6c47e5.txt, "0808 8024040") and in the Respect Phoneline's own pages. The
email and website follow the named public source, not the seed: seed 002 writes "Respect
Phonenumber", info@respectphonenumber.org.uk and respectphonenumber.org.uk, but the Respect
Phoneline's site (respectphoneline.org.uk, its 'Guidelines for working with perpetrators of domestic
abuse' page cited in knowledge/guidance.yml) and Respect's own articles (respect.uk.net, 'Respect
Phoneline support over the festive period') name it the Respect Phoneline at respectphoneline.org.uk,
email info@respectphoneline.org.uk. Checked 2026-12-01; no trace of the seed's domain was found.
"""

from __future__ import annotations

PHONELINE_NAME = "the Respect Phoneline"
PHONELINE_PHONE = "0808 802 4040"
PHONELINE_EMAIL = "info@respectphoneline.org.uk"
PHONELINE_WEBSITE = "https://respectphoneline.org.uk/"
# For a reply's "Sources:" line (the seed's variant is recorded in the docstring above).
PHONELINE_SOURCE = ("Seed 002 (seeds/002_857bfc9fae6c47e5.txt); the Respect Phoneline's website "
                    "(respectphoneline.org.uk), checked 2026-12-01")

# Short form, for a sentence: "... or {RESPECT_PHONELINE_SHORT}."
RESPECT_PHONELINE_SHORT = f"{PHONELINE_NAME} on {PHONELINE_PHONE} ({PHONELINE_EMAIL})"
# Full form, a message of its own, in seed 002's words ("Helpline, email, and webchat service for domestic abuse
# perpetrators and those supporting them"; "advice on working safely with perpetrators"). The seeds and the public
# sources give no opening hours.
RESPECT_PHONELINE = (
    "The Respect Phoneline is a helpline for domestic abuse perpetrators and those supporting them, and gives frontline "
    f"workers advice on working safely with perpetrators: phone {PHONELINE_PHONE}, "
    f"email {PHONELINE_EMAIL}, or webchat via {PHONELINE_WEBSITE} "
    "(I don't have their opening hours, so please check the website)."
)

# The first thing said when a message describes danger happening now (on any turn).
DANGER_NOW = "If anyone is in danger right now, call 999 now and ask for the police."
# What follows it when the whole reply is about the danger (the next step, once everyone is safe).
DANGER_NEXT = (
    f"When everyone is safe, you can talk through what to do next with {RESPECT_PHONELINE_SHORT}, "
    "and I can help with local services or guidance."
)
# The safety line on every reply that is not a confident answer (clarifications, "which area?",
# fallbacks, errors, goodbyes).
DANGER_SENTENCE = "If anyone is in danger now, call 999."
SAFETY_LINE = f"{DANGER_SENTENCE} To talk it through, call {RESPECT_PHONELINE_SHORT}."
# The same sentence in the failure and out-of-hours texts (handoff/texts.py), said as a message of its own.
EMERGENCY = f"{DANGER_SENTENCE} It's there 24 hours a day."
# The same safety line in Welsh, for a message written in Welsh (language/welsh.py).
SAFETY_LINE_WELSH = ("Os oes unrhyw un mewn perygl nawr, ffoniwch 999. "
                     f"Gallwch hefyd ffonio'r Respect Phoneline ar {PHONELINE_PHONE}.")
HELPLINES = EMERGENCY + " " + RESPECT_PHONELINE
