"""What a worker is told when a message describes serious risk that is not happening now.

The bot never assesses risk: it names the routes that exist for serious risk and who uses them,
each sentence with the public source it comes from (the same sources as knowledge/).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.citations import cite
from safety.texts import PHONELINE_PHONE, PHONELINE_SOURCE

SAFELIVES_DASH = ("SafeLives, 'Resources for identifying the risk victims face' (Dash risk checklist page, "
                  "https://safelives.org.uk/practice-support/resources-identifying-risk-victims-face) and "
                  "'Quick start guidance for Dash risk checklist', read 2026-12-01")
RESPECT_GUIDELINES = ("Respect Phoneline, 'Guidelines for working with perpetrators of domestic abuse' "
                      "(resource for frontline workers, undated)")
SEED_002 = "Seed 002: 'From early responses to interrupting high harm' factsheet (seeds/002_857bfc9fae6c47e5.txt)"


@dataclass(frozen=True)
class Route:
    """One step a worker can take, and where it comes from."""

    text: str
    source: str


NOT_AN_ASSESSMENT = ("What you've described can be a sign of serious risk. I can't assess risk and won't give "
                     "a level or score: that is for trained staff. These are the routes for it:")
RISK_ROUTES: tuple[Route, ...] = (
    Route("A Dash risk checklist, completed with the victim by someone trained to use it, if it is safe to "
          "ask her. It is guidance that does not replace professional judgement.", SAFELIVES_DASH),
    Route("If she is at high risk, a referral to Marac (the multi-agency risk assessment conference) under "
          "your agency's policy, where agencies agree one safety plan; high-risk victims should also get an "
          "Idva (independent domestic violence adviser).", SAFELIVES_DASH),
    Route("If you are worried about the children, follow your agency's safeguarding procedures and make a "
          "referral to children's services so their safety is assessed.",
          f"{SAFELIVES_DASH}; {RESPECT_GUIDELINES}"),
    Route("If it becomes danger now, call 999.", "999, the UK emergency number"),
    Route(f"To talk it through, call the Respect Phoneline on {PHONELINE_PHONE}.", PHONELINE_SOURCE),
    Route("Work with the man himself (for example a high-risk, high-harm intervention such as Drive) sits "
          "alongside these routes, never instead of them; ask me what is available in your area.", SEED_002),
)
ADVISOR_FIRST = "An advisor is on shift now and can talk this through with you."


def risk_routes_text() -> str:
    """The routes as one message: a line each, then their sources."""
    lines = [NOT_AN_ASSESSMENT] + [f"- {route.text}" for route in RISK_ROUTES]
    sources = list(dict.fromkeys(part.strip() for route in RISK_ROUTES for part in route.source.split(";")))
    return "\n".join(lines) + "\nSources: " + cite("; ".join(sources))


# For a victim or survivor writing for herself (language/audience.py): routes for victim-survivors.
GOV_UK_HELP = ("UK Government, 'Domestic abuse: how to get help' (gov.uk guidance, as reproduced by Disability "
               "Partnership Calderdale, disabilitypartnershipcalderdale.org), read 2026-12-01")
TEIGNBRIDGE = "Teignbridge District Council, 'Domestic abuse' housing advice guide (teignbridge.gov.uk), read 2026-12-01"
NATIONAL_HELPLINE, NATIONAL_HELPLINE_PHONE = "Refuge's National Domestic Abuse Helpline", "0808 2000 247"  # GOV_UK_HELP
VICTIM_INTRO = ("It sounds as if this is happening to you. I'm an assistant for workers who deal with the people "
                "causing harm, so I'm not the right service for you, but these services are there for you:")
VICTIM_ROUTES: tuple[Route, ...] = (
    Route("If you are in danger now, call 999.", "999, the UK emergency number"),
    Route(f"{NATIONAL_HELPLINE}: {NATIONAL_HELPLINE_PHONE}, free and confidential, 24 hours a day.", GOV_UK_HELP),
    Route("If you are a man experiencing abuse: the Men's Advice Line, 0808 801 0327.", TEIGNBRIDGE),
    Route(f"If he wants to stop, the Respect Phoneline ({PHONELINE_PHONE}) talks to people who use abuse.",
          PHONELINE_SOURCE),
)


# "Can I find out if he was violent before?": the Domestic Violence Disclosure Scheme, in a council's words.
KNOWSLEY_CLARES_LAW = ("Knowsley Council, 'Clare's Law' (knowsley.gov.uk, adult social care, safeguarding adults, "
                       "domestic abuse), read 2026-12-02")
CLARES_LAW = Route("Clare's Law (the Domestic Violence Disclosure Scheme) gives you the right to ask the police whether a "
                   "new or current partner has a violent or abusive past. If their records show you may be at risk, the "
                   "police consider telling you, where it is legal, proportionate and necessary. You can ask online, by "
                   "phone or in person at a police station; a worker who thinks you are at risk can also apply for you.",
                   KNOWSLEY_CLARES_LAW)


def clares_law_text() -> str:
    """Clare's Law as one message, with its source."""
    return f"{CLARES_LAW.text}\nSources: {cite(CLARES_LAW.source)}"


# After 999 for a writer not known to be a victim: her helpline, in case the danger is to the person writing.
IF_IT_IS_YOU = (f"If this is happening to you, {NATIONAL_HELPLINE} is free and confidential, 24 hours a day: "
                f"{NATIONAL_HELPLINE_PHONE}.")

VICTIM_SERVICES_INTRO = ("These services are there for victim-survivors (for the person you're supporting, or for you "
                         "if this is about you):")


def victim_routes_text(intro: str = VICTIM_INTRO) -> str:
    """The victim-survivor routes as one message, with their sources."""
    lines = [intro] + [f"- {route.text}" for route in VICTIM_ROUTES]
    sources = list(dict.fromkeys(route.source for route in VICTIM_ROUTES))
    return "\n".join(lines) + "\nSources: " + cite("; ".join(sources))
