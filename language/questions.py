"""Which follow-up questions a message asks about a service, so one message with two gets both answers.

"DAPP - how long, and is there a cost?" asks about duration and cost; the intent classifier names one.
"""

from __future__ import annotations

import re

_QUESTIONS = [
    ("duration", r"\b(?:under|less than|fewer than|no more than|shorter than) (?:\d+|six|eight|ten|twelve) weeks?\b|"
                 r"\bhow long\b|\bhow many (?:weeks|sessions|months|modules|people)\b|\bduration\b|"
                 r"\blast(?:s)?\b.{0,10}\bweeks?\b|\bgroup size\b|\bhow big\b|\bmodules?\b|\b(?:longer|shorter) than\b"),
    ("format", r"\b(?:have|has|need|needs|got) to (?:go to|attend|do|be in|join) (?:a |the )?group\b|\bgroup or (?:one|1)\b|"
               r"\bis it (?:a |in a )?group\b|\b(?:group|one[- ]to[- ]one) (?:based|work or)\b|"
               r"\bin front of (?:the )?(?:others|other (?:men|lads|people)|the group|everyone|strangers)\b|"
               r"\bonly group(?: work)?\b|\bgroup work only\b|\bjust groups?\b|\bgroups? only\b|"
               # conversations_round26: "what about a group, would he be ok in one?"
               r"\b(?:ok|okay|alright|all right|fine|cope|manage|suitable) (?:in|with|for) (?:a |the |one\b|groups?)|"
               r"\bwhat about (?:a )?group\b|\bwho (?:would|should|can|could|gets?) (?:get |have |be offered )?"
               r"(?:one[- ]to[- ]one|1:1|1-1|1-2-1|individual work)\b"),
    ("waiting", r"\bwaiting (?:list|time)s?\b|\bhow long (?:will|would|does|do) (?:he|she|they|people|it) (?:have to |usually )?"
                r"wait\b|\bhow soon (?:can|could|would|will) (?:he|she|they)\b|\bwait(?:ing)? for a place\b|"
                # conversations_round27: "When does the next one start? Is there a wait?"
                r"\bis there (?:a|much of a|any) wait\b|\bwhen (?:does|do|will|is) (?:the )?next (?:one|group|course|cohort|"
                r"intake|programme)\b|\bnext (?:intake|cohort|start date)\b"),
    ("areas", r"\bwhere (?:are|is) (?:they|it|the (?:service|programme|group)) (?:based|located|run|held|delivered)\b|"
              r"^\W*(?:and |so )?(?:what|which) areas?\W*$|\bwhere (?:do|does) (?:they|it) (?:run|hold|deliver|operate)\b|"
              r"\bwhich areas? (?:is|are) (?:it|they|\w+) in\b|\bwhat areas? (?:is|are) (?:it|they|\w+) (?:in|for)\b|"
              r"\bwhere (?:is|are) (?:\w+ ){0,2}(?:available|offered|running|delivered|on offer)\b|"
              r"\b(?:the )?whole (?:county|area|region|of \w+)\b|"
              r"\bwhat areas? (?:do|does) (?:they|it) cover\b|\bwhich areas?\b.{0,20}\b(?:cover|covered|does it|do they)\b|"
              # conversations_round26: "When is the North starting?" after They Matter: the record's areas and caveat
              r"\bwhen (?:is|does|will) (?:it |they )?(?:start )?(?:in )?(?:the )?(?:north|south|east|west)\w*"
              r"(?: (?:start|starting|begin|beginning|open|opening))?\b|"
              r"\b(?:extend\w*|coming|come|expand\w*) (?:in)?to (?:the )?(?:north|south|east|west)\b"),
    ("cost", r"\bcost\b|\bfree\b|\bfees?\b|\bpay\b|(?<!been )(?<!being )\bcharge[sd]?\b(?! (?:with|by)\b)|\bhow much\b"),
    ("referral", r"\bconsent\b|\brefer(?:ral|ring)?\b|\bsign (?:him|her) up\b|\bhow do (?:i|we|you) get (?:him|her) on\b"),
    ("exclusions", r"\b(?:not )?suitable\b|\beligib\w*\b|\bwho(?: is it|'?s it| it'?s) (?:for|not for)\b|"
                   r"\b(?:is it|are they) (?:only |just )?for (?:perpetrators|workers|professionals|victims|partners)\b|"
                   r"\b(?:only|just) for (?:high|medium|standard|low)[- ]risk\b|\bcriteria\b|\bexclu\w*\b|"
                   r"\b(?:take|accept)s? (?:him|her|men|women|someone|people)\b|"
                   # conversations_round26: "Who exactly is it aimed at?", "who's it meant for?"
                   r"\bwho(?:'?s| is| are)? (?:it|this|that|they) (?:exactly )?(?:aimed at|meant for|targeted at|designed for)\b|"
                   r"\bwho(?: exactly)?(?:'?s| is) (?:it|this|that) (?:exactly |really )?(?:aimed at|meant for|for)\b|"
                   r"\baimed at (?:who|whom)\b|"
                   # conversations_round27: "Who is the programme intended for?", "are serving personnel accepted?"
                   r"\bwho(?: exactly| actually)?(?:'?s| is| are)? (?:the |this |that )?(?:programme|course|group|service|one) "
                   r"(?:\w+ )?(?:intended|"
                   r"aimed|meant|designed|targeted) (?:for|at)\b|\bwho(?:'?s| is| are)? (?:it|this|that|they) intended for\b|"
                   r"\bwho(?:'?s| is| are) (?:the|this|that) (?:programme|course|group|service|one) for\b|"
                   r"\b(?:are|is) (?:\w+ ){1,5}(?:also |still )?(?:accepted|eligible|allowed|taken on)\b"),
    ("stops", r"\b(?:anything|what) (?:else )?(?:that )?(?:would|could|might|will) (?:stop|prevent|rule (?:him|her|them) out|bar|"
              r"exclude)\b|\brule (?:him|her|them) out\b"),
    ("partner_support", r"\bpartner support\b|\bsupport (?:for )?(?:the |his |her )?(?:partner|victim|survivor)\b|"
                        r"\bsupport (?:is |be )?(?:offered|given|available|provided) (?:to|for) (?:the |his |her )?"
                        r"(?:partner|victim|survivor|ex|wife)\b|"
                        r"\b(?:does|do|will|would|must) (?:she|the (?:partner|victim|ex)|his (?:partner|wife|ex)) "
                        r"(?:have to|need to|be (?:contacted|asked|rung|called|told))\b|"
                        r"\bwhat if she (?:doesn'?t|does not|won'?t) want\b|"
                        r"\bwhat (?:would|will|does) happen (?:with|to|for) (?:her|the partner|his partner|the victim|mum)\b|"
                        r"\b(?:will|would|does|is) (?:she|the partner|his partner) (?:be )?(?:told|get told|informed|"
                        r"kept informed|updated)\b|\b(?:can|could|does|will) she (?:have|get|keep) "
                        r"it\b|\bhow long (?:can|does|will|would) (?:she|the partner|partners|the victim)\b|"
                        # conversations_round17: "and what about for her?" after a search, about his partner
                        r"\bwhat about (?:for |support for )?(?:her|mum|the partner|his partner|his wife|the victim)\b"
                        r"(?! (?:own|age))|"
                        r"\bsupport for (?:mum|his wife|his ex)\b|\bmake sure (?:she|mum) (?:isn'?t|is not) left\b|"
                        # conversations_round26: "something for him AND support for her at the same time"
                        r"\bfor him\b.{0,30}\b(?:support|help|something) for her\b"),
    ("accreditation", r"\baccredit\w*\b|\brespect standard\b"),
    ("contact", r"\bcontact details?\b|\b(?:phone|contact|the|their|a) (?:number|no\.?)\b|\be-?mail\b|"
                r"\bwho (?:do|should|would|can|could) i (?:actually |then |now )?(?:call|ring|contact|phone)\b|"
                # conversations_round26: "ok so who would she ring" about the person the search is for
                r"\bwho (?:would|should|could|can|does|do) (?:she|he|they) (?:actually |then )?(?:call|ring|contact|phone)\b|"
                r"\bwho (?:do|can|should|would) i (?:talk|speak) to (?:there|"
                r"at (?:the|that|them)|"
                r"about (?:a |the )?referral)\b|"
                r"\bweb ?site\b|\bweb address\b|\bread more\b|\bwhere can i read\b|\bfind out more\b|"
                r"\bmore info(?:rmation)?\b"),
    ("organisation", r"\bwho (?:actually |exactly |even )?(?:developed|designed|created|made|runs|delivers|provides|set up|"
                     r"started|is behind)\b|"
                     # conversations_round26: "and is TTS part of Victim Support then?"
                     r"\b(?:is|are) (?:it|they|tts|\w+) (?:part of|run by)\b|"
                     # conversations_round28: "who's in the consortium"
                     r"\bwho(?:'s| is| are)? (?:in|part of) (?:the|that|this) (?:consortium|partnership)\b|"
                     # conversations_round32, after its first run: "who came up with it?", "who's actually behind it",
                     # "which organisations are in it?"
                     r"\bwho (?:came up with|thought (?:of|up)|invented)\b|"
                     r"\bwho(?:'s|’s| is) (?:actually |really )?behind (?:it|that|this|them)\b|"
                     r"\b(?:which|what) (?:organisations?|organizations?|charities|agencies|partners) (?:are|is) "
                     r"(?:in|involved in|part of|behind) (?:it|that|this|them)\b"),
    # conversations_round26: "Who funds it?": the commissioner or funder a source names, never the fee
    ("funding", r"\bwho (?:actually |exactly )?(?:funds|funded|commissions|commissioned|pays for)\b|\bfunded by\b|"
                r"\bwhere (?:does|did) (?:the |its |their )?(?:money|funding) come from\b|\b(?:its|the) funding\b"),
    ("assessment", r"\bassessment (?:stage|process|like|involve)\b|\bwho (?:carries out|does|completes|conducts|runs) "
                   r"(?:the |that |this |his )?assessment\b|\bwho (?:decides|makes (?:the|that) (?:decision|call))\b|"
                   r"\b(?:need|needs|use|uses|ask for|get|want) (?:any )?(?:info\w*|details|evidence) from (?:the )?"
                   r"(?:victim|partner|her|ip|vp)\b|\bconfirm (?:he'?s|that he'?s|he is|his) (?:high|risk)|"
                   r"\bhow (?:are|is) (?:he|they|people|someone) assessed\b|"
                   r"\bwhat happens (?:at|in|during) (?:the |his |their )?(?:[\w']+ ){0,3}assessment\b|"
                   r"\bwhat'?s involved in (?:the |their |his )?assessment\b|\bwho (?:does|will|would|can) assess\b|"
                   r"\bhow long (?:does|will|is|would) (?:the |his |an |their )?(?:initial )?assessment\b"),
    ("schedule", r"\bwhat (?:times?|days?)\b|\bwhen (?:do|does|will|did) (?:the )?(?:groups?|sessions?|programme|course|it) "
                 r"(?:start|begin)\b|\bwhich days?\b|\bwhen (?:do|does|are|is) (?:they|it|the sessions?|the groups?)"
                 r" (?:run|meet|held|on|happen)\b|\bday ?time\b|\btimetable\b|(?<!good )\bmornings?\b|(?<!good )\bafternoons?\b|"
                 # conversations_round26: "how often are the sessions?"
                 r"\bhow often\b|\bhow frequent\w*\b|\bonce a week\b|\bweekly\b"),
    ("outcomes", r"\boutcomes?\b|\bsuccess(?:ful)? rates?\b|\bhow (?:effective|successful)\b|"
                 r"\bhow well (?:does|do) (?:it|they|the (?:programme|course|groups?)|\w+) work\b|"
                 r"\b(?:does|do) (?!he\b|she\b|you\b|i\b|we\b)(?:it|they|\w+(?: \w+)?) (?:actually |really )?work\b"
                 r"(?! (?:for|with|evenings?|weekends?|days|nights|on|at|in|around)\b)|"
                 r"\bevidence (?:that|it|for|base)\b|\bresults? (?:has|have|did|do|does) (?:it|they|\w+)\b|"
                 r"\bwhat results\b|\bany results\b|\bevidence\b.{0,60}\b(?:work|works|effective|reduce\w*)\b|"
                 # conversations_round26: "does anyone know if it actually works?"
                 r"\b(?:if|whether) (?:it|they|this|that|the (?:programme|course|group)s?) (?:actually |really )?works?\b|"
                 r"\bany (?:figures|stats|statistics|numbers)\b|"
                 # conversations_round30: "whether these programmes actually work", "what did the survivors themselves say"
                 r"\b(?:if|whether) (?:these|the|such|perpetrator) (?:programmes|courses|groups) "
                 r"(?:actually |really )?work\b|"
                 r"\bwhat (?:did|do|have) (?:the )?(?:survivors|partners|victims|women)(?: themselves)? "
                 r"(?:say|said|report\w*)\b"),
    ("source", r"^\W*(?:are|r) (?:you|u) (?:sure|certain)\b|\bsaid (?:something|sth) (?:different|else)\b|"
               r"\b(?:told|heard|said|read) (?:me |us )?(?:otherwise|the opposite|different(?:ly)?)\b|"
               r"\bthat'?s not what (?:\w+ ){1,3}(?:said|told|says)\b|"
               r"\bwhere (?:does|did) (?:that|this) (?:info\w* )?come from\b|"
               r"\bhow do (?:you|u) know (?:that|this)\b|\bwhat'?s your source\b|\bsource for (?:that|this)\b"),
    ("running", r"\bstill (?:running|going|available|open|on offer|operating|active|commissioned|funded)\b|"
                r"\bcontract (?:has )?(?:ended|finished|run out|ran out|expired)\b|"
                r"\b(?:looks|seems|is it) (?:old|dated|out of date)\b|\bout of date\b|\bdoes it (?:still )?exist\b"),
]
# "Would They Matter take someone like that?", "could he be accepted onto a programme?": a question about
# taking part, which a worker describing a serious risk may ask in the same message.
_TAKING_PART = re.compile(
    r"\b(?:could|would|can|will|does|do|is|are|might)\b.{0,80}\b(?:take|accept\w*|elig\w*|elegib\w*|suitable|an option|"
    r"go on|get on|join|attend|be referred|refer (?:him|her))\b|"
    r"\bdoes (?:that|it|this) (?:matter|make a difference|change anything)\b|^\W*(?:and |but |so )?(?:what )?if\b.*\?|"
    r"\b(?:count|go|be held) against (?:him|her|them)\b|\bif (?:that|it|this) (?:matters|makes (?:a|any) difference|"
    r"changes anything)\b",
    re.IGNORECASE)
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _QUESTIONS]


# "So where could he go instead?", "what else is there?": the other services found, or the next step.
_WHERE_ELSE = re.compile(
    r"\bwhere (?:else )?(?:could|can|would|should|might) (?:he|she|they|we) go\b|\bwhat else (?:is there|have you got|"
    r"could (?:he|she|they|we)|can (?:he|she|they|we))\b|\b(?:any|anything|anywhere) (?:other|else)\b.{0,25}"
    r"\b(?:options?|services?|programmes?|places?|ideas?|suggestions?)\b|\bw(?:ha|h|a)?t (?:are|r) (?:the|his|her|my) options\b|"
    r"\b(?:any )?alternatives?\b.{0,20}\b(?:for him|for her|locally|nearby|near)\b|^\W*(?:any |an |the )?alternatives?\W*$|"
    r"\bwhat (?:would|could|can|will|might) (?:he|she|they) (?:be offered|get|do|go on|be referred to) instead\b|"
    r"\bwhat (?:he|she|they) (?:can|could) do instead\b|\bwhat (?:can|could) (?:he|she|they) do (?:then|now|instead)\b|"
    r"^\W*(?:so|ok|okay|right)?\W*what (?:can|could) (?:he|she|they) do\W*$|"
    r"\bif not (?:that|this|them|they matter|that one|this one)\W*$|"
    r"\bis there an alternative\b", re.IGNORECASE)


def _says(pattern: re.Pattern[str], text: str, limit: int = 1000) -> bool:
    """Whether `pattern` is found in the first `limit` characters of the message (long pastes are cut)."""
    return bool(pattern.search((text or "")[:limit]))


# "BBR vs DAPP vs Drive", "what's the difference between Drive and a DAPP?": programmes compared, each explained
_COMPARES = re.compile(r"\bvs\.?(?=\s)|\bversus\b|\bdifference\b|\bcompar\w*|\bwhich (?:one |is |for )", re.IGNORECASE)
# "any dapp in nottingham that takes women?", "is there a DAPP near Kendal?": a search for the kind of programme
_ANY_IN = re.compile(r"^\W*(?:is there|are there|any|got any|do you have|have you got)\b.{0,40}\b(?:in|near|round|around)\b",
                     re.IGNORECASE)


def compares(text: str) -> bool:
    """Whether the message compares the things it names ("BBR vs DAPP vs Drive - which for which risk level?")."""
    return _says(_COMPARES, text)


def asks_for_one_in_a_place(text: str) -> bool:
    """Whether the message opens by asking for one of a kind in a place ("any dapp in nottingham?")."""
    return _says(_ANY_IN, text)


def asks_where_else(text: str) -> bool:
    """Whether the message asks for other services than the one just discussed."""
    return _says(_WHERE_ELSE, text)


# "what's the nearest then?", "show me the closest ones elsewhere", "anything nearby in the next county?": after a
# search that found nothing local, the services elsewhere that cover only their own areas
_NEAREST = re.compile(
    r"\b(?:nearest|closest|next nearest)\b(?! (?:to )?(?:me|him|her|them)\b)|"
    r"\b(?:services?|programmes?|ones?|anything|something)\b.{0,20}\b(?:elsewhere|nearby|near by|close by)\b|"
    r"\b(?:next|neighbouring|nearby) (?:county|counties|area|areas|force)\b", re.IGNORECASE)


def asks_for_the_nearest(text: str) -> bool:
    """Whether the message asks for the nearest services elsewhere rather than what covers the place."""
    return _says(_NEAREST, text)


# "Can you tell me whether he's high risk if I describe it?", "can you do a DASH on him?": the bot never assesses
# risk; the answer is who does and how.
_ASSESS_FOR_ME = re.compile(
    r"\b(?:tell me|say|assess|decide|work out|judge|rate)\b.{0,40}\b(?:whether|if|how)\b.{0,40}\b(?:high|medium|low|standard)"
    r"[- ]risk\b|\bcan you (?:do|complete|fill in|score|run) (?:a |the |his |her )?(?:dash|risk assessment|sara)\b|"
    r"\bwhat (?:risk level|level of risk) (?:is|would) (?:he|she|this|a|an|the|my)\b|"
    # danger_round29: "I need to put standard, medium or high on the form"
    r"\b(?:put|tick|write|choose|pick)\b.{0,20}\bstandard,? medium or high\b|"
    # conversations_round22: "can you work out the risk level for me?", "does the bot score risk?"
    r"\b(?:work out|tell me|give me|calculate) (?:the |his |her |a )?(?:risk level|risk score|level of risk)\b|"
    r"\b(?:do|does|can|will) (?:you|the bot|signpost|this) (?:score|rate|grade) (?:the )?risk\b|"
    r"\bknow (?:if|whether) (?:this|it|he|she) is (?:high|medium|low|standard)[- ]risk\b|"
    r"\b(?:letter|report|statement)\b.{0,40}\b(?:no risk|not a risk|isn'?t a risk|low risk|safe (?:with|around))\b",
    re.IGNORECASE)


# "who should complete it?", "and can i do it?", "Thank you. Who would usually complete the DASH?"
_QUESTION_WORDS = r"(?:who|what|how|when|where|which|why|whos|whats|hows|wheres|can|could|is|are|does|do|should|would)"
_QUESTION = re.compile(rf"\?|^\W*(?:and |so |but |ok |okay )?{_QUESTION_WORDS}\b|(?:[.!,:]|\s[-–])\s*{_QUESTION_WORDS}\b",
                       re.IGNORECASE)


# "Is that acceptable?", "would it help if...", "should I...": asking whether something is a good idea.
_ASKS_IF_ADVISABLE = re.compile(
    r"\bis (?:that|it|this|there any harm|there harm)\b.{0,15}\b(?:ok|okay|acceptable|appropriate|sensible|wise|alright|"
    r"all right|safe|a good idea|fine|wrong|harm)\b|\bgood idea\b|\bbad idea\b|\bsensible\W*$|"
    r"\bwould it (?:help|be (?:ok|okay|appropriate|wrong|bad|better|sensible))\b|\b(?:should|shall|can|could|may) i\b|"
    r"\bam i allowed\b|\bwould (?:that|this) (?:help|work|be ok)\b|\bbetter than\b|\binstead of\b", re.IGNORECASE)


# "Who could I talk this through with?", "is there anyone to advise me": a person, not a search.
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:who|someone|anyone|somebody|a person) (?:could|can|to|i could|i can)\b.{0,12}\b(?:talk|speak|discuss|run|"
    r"ring|call|phone)\b|"
    r"\btalk (?:this|it|things|the case|this case|my case|the situation) through\b|\bcall ?back\b|"
    r"\b(?:anyone|someone|a person) (?:to|who can|who could) (?:advise|help) me\b|"
    r"\b(?:can|could) i (?:talk to|speak to|ring|call|phone) (?:someone|a person|a human|an? advis[eo]r|somebody)\b|"
    r"\bwho (?:do|can|should) i ask\b|\bis (?:anyone|anybody|someone|somebody) (?:there|around|about|available|on)\b",
    re.IGNORECASE)


# "just want to check your hours", "when are you open?": the service's own hours.
_ASKS_HOURS = re.compile(r"\b(?:check|what are|know) (?:your |the |ur )?(?:opening )?hours\b|\byour (?:opening )?hours\b|"
                         r"\bwhen (?:are|is) (?:you|someone|anyone|an advis[eo]r) (?:open|available|on|about)\b|"
                         r"\bwhat time (?:do|are) you (?:open|close|shut)\b|"
                         r"\bis (?:anyone|anybody|someone|somebody) (?:there|about|around|on|in)\b.{0,40}"
                         r"\b(?:this time|tonight|night|weekend|\d{1,2} ?(?:am|pm))\b", re.IGNORECASE)


# "will they ring me?", "what support do I get while he's on it?": a partner asking what a programme offers her.
_PARTNER_SUPPORT = re.compile(r"\b(?:is there|any|what) partner support\b|"
                              r"\bwill (?:they|anyone|someone|the (?:programme|course|service))"
                              r"(?: from (?:the |his )?(?:programme|course|service|group))? (?:ring|call|contact|phone|"
                              r"speak to|talk to) me\b|\b(?:support|help) for me while (?:he|she)\b|"
                              r"\bwhat (?:support|help) (?:do|will|would|can) i get\b|"
                              # danger_round24: "Is partner support still available after the programme ends?"
                              r"\bis (?:the )?partner support (?:still )?(?:available|there|open|offered)\b|"
                              r"\bwill (?:they|anyone|the (?:programme|course|service)) (?:tell|let) me(?: know)? "
                              r"(?:if|when|whether)\b|"
                              # conversations_round30: "They Matter contacted me ... do I have to talk to them?", "my partner
                              # has been referred to something called Help"
                              r"\b(?:contacted|rang|called|phoned|wrote to|emailed) me\b.{0,80}\b(?:his|their|the) "
                              r"(?:programme|course|group)\b|\bdo i have to (?:talk|speak) to (?:them|the programme|they)\b|"
                              r"\bmy (?:partner|husband|boyfriend|ex|fella)(?:'s|s| has| is)? (?:been |just been )?"
                              r"(?:referred|sent|put|accepted) (?:to|on|onto|for)\b",
                              re.IGNORECASE)


# "Will the provider issue a completion certificate?": a question about how a programme works.
_ABOUT_A_PROGRAMME = re.compile(r"\b(?:providers?|programmes?|programs?|courses?|groups?|sessions?|dapps?|facilitators?|"
                                r"certificates?|waiting list|cr[eè]che|online|zoom|in person|intervention)\b", re.IGNORECASE)


def asks_about_a_programme(text: str) -> bool:
    """Whether the message is a question about how a programme works (then "I don't hold that" beats "sorry")."""
    return is_question(text) and _says(_ABOUT_A_PROGRAMME, text)


# "ok whats there for him on his own then": a search in the area already given.
_WHATS_THERE = re.compile(r"\bwhat'?s (?:there|available|out there|on offer) for (?:him|her|them|a (?:man|woman|dad|lad))\b|"
                          r"\bwhat (?:is|have you got) (?:there|available) for (?:him|her|them)\b|"
                          r"\b(?:is there )?anything (?:available |out there |local )?for (?:him|her|them)\b|"
                          r"\bwhat(?:'s| is|s| ?is| r| are) (?:there|ther|available|on offer)\b|"
                          # conversations_round26: "High-risk man in Workington, repeat incidents, DASH done. What have you got?"
                          r"\bwhat (?:have|ha|do) (?:you|u|ya) (?:got|have)\b|\bwhat'?s local\b", re.IGNORECASE)


# "ok, what about Nottingham then?", "and in Leeds?": the same question asked of another place.
_TURNS_TO_A_PLACE = re.compile(r"\b(?:what|how) about\b|^\W*(?:no,? )?(?:i meant )?the one (?:in|near|at)\b|"
                               r"^\W*(?:and|ok|okay|so)\W+(?:in|for|near|round|around)\b|"
                               r"\binstead\b|\bwhat if (?:they|he|she)(?:'?d| had| were| was| is| stayed|"
                               r" lived)\b|"
                               # conversations_round26: "and does it cover Fleet too, we have a block there"
                               r"\b(?:does|do|would|will) (?:it|they|that|that one) (?:also )?(?:cover|reach|go (?:in)?to)\b|"
                               # conversations_round29: "sorry, one more, Eastleigh?", "last one I promise - cardiff"
                               r"\b(?:one more|another one|last one|next one|next up|also)\W+(?:[\w'-]+\W*){0,3}$",
                               re.IGNORECASE)


def turns_to_a_place(text: str) -> bool:
    """Whether the message turns the conversation to another place ("what about Nottingham then?")."""
    return _says(_TURNS_TO_A_PLACE, text)


def asks_what_is_there(text: str) -> bool:
    """Whether the message asks what services there are for the person (a search, in the area already known)."""
    return _says(_WHATS_THERE, text)


# danger_round21: a partner asking about his programme ("my partners course taught him a time out thing, is that what
# they're meant to do?", "is there a course my husband could do?"): what such programmes are, beside her routes.
_HIS_PROGRAMME = re.compile(
    r"\b(?:his|my (?:partner|husband|hubby|boyfriend|ex)(?:'?s)?) (?:\w+ )?(?:course|programme|program|group|sessions?)\b|"
    r"\b(?:course|programme|program|group)\b.{0,30}\bmy (?:partner|husband|hubby|boyfriend|ex)\b.{0,20}\b(?:could|can|"
    r"should|would|might) (?:do|go on|attend|join)\b|"
    r"\bmy (?:partner|husband|hubby|boyfriend|ex)\b.{0,15}\b(?:is|'s) (?:starting|doing|on|going on|attending) (?:a|the|this)\b|"
    # danger_round24: "My ex finished a programme a couple of years ago", "If my ex does a programme"
    r"\bmy (?:partner|husband|hubby|boyfriend|ex)\b.{0,15}\b(?:does|did|finished|completed|starts|started|goes on|went on) "
    r"(?:a|the|his|this) (?:course|programme|program|group)\b|"
    # danger_round23: "my boyfriend asked me to look if theres a programme near Wrexham he could go on"
    r"\b(?:programme|course|group)s? (?:\w+ ){0,3}(?:he|she) (?:could|can|should|would|might) (?:go on|do|attend|join|get on)\b",
    re.IGNORECASE)


def asks_about_his_programme(text: str) -> bool:
    """Whether a partner asks about a programme for the man who harms her (his course, one he could do)."""
    return _says(_HIS_PROGRAMME, text) and (is_question(text) or "?" in text)


# conversations_round23: "And the higher end - what's for them?" after a low-level programme: the high-risk tier.
_HIGHER_END = re.compile(r"\b(?:the )?(?:higher|high|top|more serious|serious|heavier|harder) end\b|"
                         r"\bwhat(?:'?s| is| about) (?:there )?for (?:the )?(?:higher|high)[- ]risk (?:ones|men|cases|end)\b|"
                         r"\b(?:the )?(?:higher|more serious) risk (?:ones|men|cases)\b", re.IGNORECASE)


# conversations_round23: "...they mentioned the DASH and MARAC... Could you explain what SARA is?": the one asked about,
# wherever in a long message the question comes.
_EXPLAIN_WHAT = re.compile(r"\b(?:explain|tell me|remind me|say)\b.{0,12}\bwhat (?:an? |the )?([\w' -]{2,30}?) "
                           r"(?:is|are|means|stands for)\b|\bwhat (?:is|'s|does) (?:an? |the )?([\w' -]{2,30}?)"
                           r"(?: stand for| mean)?\?", re.IGNORECASE)


def what_is_asked_about(text: str) -> list[str]:
    """The words a message asks to have explained ("explain what SARA is" -> ["SARA"]), anywhere in it."""
    return [next(g for g in m.groups() if g) for m in _EXPLAIN_WHAT.finditer((text or "")[:2000])]


def asks_for_the_higher_end(text: str) -> bool:
    """Whether the message asks what there is for people at the high-risk end (the high-risk, high-harm tier)."""
    return _says(_HIGHER_END, text)


# conversations_round26: "what is partner support in perpetrator programmes?", "why do programmes want to contact the
# partner?": the practice in general, not one service's offer.
_WHAT_PARTNER_SUPPORT_IS = re.compile(
    r"^\W*(?:so |and |ok,? )?(?:what(?:'s| is| does)|explain|tell me about) (?:the |integrated )?partner support\b"
    r"(?! (?:at|with|for|on) (?:they matter|your choice|help|the hampton|change that))|"
    r"\bwhy (?:do|does|would) (?:perpetrator |the |these |a )?(?:programmes?|courses?|services?|providers?|dapps?) "
    r"(?:want to |need to |have to )?(?:contact|ring|call|speak to|talk to) (?:the |his )?(?:partner|victim|ex|wife)s?\b|"
    # conversations_round27: "If the dad goes on a programme, does anyone check in with mum?"
    r"\b(?:does|will|would|do) (?:anyone|anybody|someone|somebody|they|the programme) (?:ever )?(?:check (?:in )?(?:on|with)|"
    r"contact|support|speak to|talk to|look after) (?:mum|the mum|her|his partner|the partner|the victim|his wife|his ex)\b",
    re.IGNORECASE)


def asks_what_partner_support_is(text: str) -> bool:
    """Whether the worker asks what partner support is in general (the guidance), not what one service offers."""
    return _says(_WHAT_PARTNER_SUPPORT_IS, text)


def asks_about_partner_support(text: str) -> bool:
    """Whether a partner asks what a programme offers her (support, contact while he attends)."""
    return _says(_PARTNER_SUPPORT, text)


def asks_for_hours(text: str) -> bool:
    """Whether the message asks when the service (its advisors) is open."""
    return _says(_ASKS_HOURS, text)


# "could he ring someone himself?", "any support for staff like me?", "an advice line for workers?": the Respect
# Phoneline takes both perpetrators' and workers' calls.
_PHONELINE_ASKED = re.compile(
    r"\b(?:could|can|should) (?:he|she) (?:ring|call|phone|contact|speak to|talk to) (?:someone|somebody|anyone|"
    r"a helpline|them)(?: (?:himself|herself|directly))?\b|"
    r"\bis there (?:a|any) (?:helpline|number) (?:he|she) (?:can|could) (?:ring|call)\b|"
    r"\bsupport for (?:staff|workers|professionals|practitioners|people) like me\b|"
    r"\b(?:telephone|phone|ring|call|speak to) (?:someone|somebody|a helpline|a person) (?:himself|herself)\b|"
    r"\b(?:advice|help|support|national|phone|telephone) ?line (?:for|aimed at) (?:workers|professionals|"
    r"practitioners|staff|frontline|people like me|us)\b|"
    r"\b(?:do they|does it|is there) (?:have )?(?:a|an|any) (?:advice|help) ?line\b|"
    r"\bnational (?:advice |help ?)?line\b|\b(?:a|any) national (?:services?|options?|number|helpline)\b", re.IGNORECASE)


_DIRECTORY_COVERS = re.compile(
    r"\b(?:what|which) (?:areas?|places|regions|counties|parts of the (?:uk|country)|locations) (?:do|does|are|is) "
    r"(?:you|the directory|this|signpost|your directory)(?: \w+)? (?:have|hold|cover|know|got|include)\b|"
    r"\bwhere (?:do you|does the directory|does this) (?:cover|have (?:services|information|info))\b|"
    r"\b(?:do|does) (?:you|the directory|this) (?:cover|work for) (?:the whole|all of the|every)\b", re.IGNORECASE)


def asks_what_the_directory_covers(text: str) -> bool:
    """'What areas do you have information for?': the directory's own coverage, not one service's."""
    return _says(_DIRECTORY_COVERS, text)


def asks_for_the_phoneline(text: str) -> bool:
    """Whether the message asks for what the Respect Phoneline offers: a call he could make, support for workers."""
    return _says(_PHONELINE_ASKED, text)


def asks_for_a_person(text: str) -> bool:
    """Whether the message asks for someone to talk to."""
    return _says(_ASKS_FOR_A_PERSON, text)


def asks_if_advisable(text: str) -> bool:
    """Whether the message asks if something would be a good idea (how an unsafe idea is usually put)."""
    return _says(_ASKS_IF_ADVISABLE, text, 2000)


def is_question(text: str) -> bool:
    """Whether the message asks something (a question mark, or a question word opening it or one of its sentences)."""
    return _says(_QUESTION, text)


def asks_for_risk_assessment(text: str) -> bool:
    """Whether the worker asks the bot itself to assess or score someone's risk."""
    return _says(_ASSESS_FOR_ME, text)


def asks_about_taking_part(text: str) -> bool:
    """Whether the message asks if someone could take part in a programme."""
    return _says(_TAKING_PART, text, 2000)


def questions_in(text: str) -> list[str]:
    """The follow-up questions the message asks, in a fixed order."""
    return [name for name, pattern in _COMPILED if pattern.search(text or "")]
