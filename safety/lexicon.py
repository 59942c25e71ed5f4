"""The patterns that must always raise the alarm, and the serious-risk themes they name.

Hand-written rules beside the classifier (safety/classifier.py): either can raise the alarm. A
pattern is `strong` when the words alone describe danger happening now ("he's strangling her"),
`weak` when they need the classifier or a word of immediacy to be sure ("he's got a knife").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSON = r"(?:he|she|they|him|her|them|someone|somebody|partner|husband|wife|boyfriend|girlfriend|ex|dad|father|man|guy|client|patient|perp|son)"
_IS = r"(?:'s|’s|s|\s+is|\s+are|\s+was|\s+has|\s+keeps?|\s+still)?"
_VIOLENT_ING = (r"(?:(?:hitt|beat|batter|strangl|throttl|chok|stabb|attack|kick|punch|hurt|assault|smash|slapp|"
                r"dragg|shak|rap|threaten|stamp|smother|suffocat|burn|trash|push|shov|headbutt)(?:ing|in)\b|"
                r"kicking off|going mad|going crazy|losing it|laying into|going for)")
_WEAPON = (r"(?:knife|knives|kife|knfe|nife|blade|gun|shotgun|firearm|rifle|weapon|machete|axe|hammer|bat|crossbow|screwdriver|"
           r"bottle)")
_CHILD = (r"(?:baby|babies|child|children|kids?|toddler|son|daughter|little one|newborn|boy|girl|"
          r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ -](?:day|week|month|year)[ -]old)")

NOW = re.compile(
    r"\b(?:now|right now|rn|atm|tonight|at the moment|currently|as we speak|as i type|this minute|"
    r"on (?:his|her|their|my) way|outside|at the door|at the window|downstairs|in the house|still there|"
    r"still here|here now|just now|just (?:turned up|arrived|rang|called|phoned|texted|messaged|happened|heard)|"
    r"happening|coming (?:round|over|back|here)|(?:minutes?|mins?) ago|today|in the next|any minute|any min|any moment|be here soon|on the phone|on the line|"
    r"in the room|with me|next door|upstairs|in the car|in the waiting room|on (?:the|a|my) visit|"
    r"hasn't come back|not answering|can't get hold|been (?:here|in here|stuck|locked in) since|getting dark)\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:last (?:week|month|year|night|time|summer|christmas)|ago|used to|previously|in the past|history|"
    r"historic(?:al)?|was convicted|conviction|disclosed|reported|has form|years|months|weeks|before|"
    r"once|back in|when they|when she was|had (?:been|a|an)|told me (?:that )?(?:he|she) (?:had|was|used)|"
    # conversations_round23: "two police callouts this year ... a neighbour calling 999 after hearing screaming"
    r"(?:earlier )?this year|(?:police )?call ?-?outs?|on (?:the )?file|in the file)\b",
    re.IGNORECASE,
)
# Words that turn an alarming word into an ordinary one when nothing strong is present.
ORDINARY = re.compile(
    r"\b(?:training|course|awareness|workshop|webinar|session|module|curriculum|statistics|stats|figures|"
    r"data|research|report|policy|policies|procedure|guidance|definition|define|meaning|mean|leaflet|poster|"
    r"campaign|conference|seminar|lecture|e-?learning|quiz|film|documentary|podcast|book|article|exam|"
    r"deadline|rota|paperwork|caseload|inbox|workload)\b",
    re.IGNORECASE,
)
# "I'm on the emergency duty team tonight": a worker's shift or the service's hours, which the classifier alone may
# read as danger; then 999 is added, the answer not lost.
SERVICE_TALK = re.compile(r"\b(?:emergency duty team|duty team|edt|out of hours|office hours|on call|on-call|"
                          r"night shift|on shift)\b|"
                          # "thinking of doing a home visit when hes in, good idea?": a plan asked about, not danger now
                          r"\b(?:thinking of|thinking about|planning (?:to|on)|is it (?:ok|okay|wise) to|would it be (?:ok|wise)|"
                          r"good idea\b|any reason not to|shall i\b)", re.IGNORECASE)
# danger_round20 and round21: a complaint about the bot's last answer ("that answer was way too long to read on my
# break", "why did you just tell me to ring 999?"): about the chat, not a case, unless danger words say otherwise.
ABOUT_THE_BOT = re.compile(r"\b(?:that|your|the last) (?:answer|reply|message|response) (?:was|is)\b|"
                           r"\bwhy (?:did|do) you (?:just )?(?:tell|say|keep)\b|\byou just (?:told|said)\b|"
                           # danger_round24: "the bot just told me to ring 999. I was asking about training dates"
                           r"\b(?:the|this|your) (?:bot|chat ?bot|chat|assistant) (?:just |only |then )?(?:told|said|gave|replied)\b",
                           re.IGNORECASE)
# danger_round24: "an arson conviction from when he was 15, nothing to do with DA, 20 years ago. Do I need to put it?"
NOT_ABOUT_ABUSE = re.compile(r"\b(?:nothing|not anything) to do with (?:the )?(?:da|dv|domestic (?:abuse|violence)|abuse|"
                             r"(?:his|her) (?:partner|ex|relationship)|the relationship)\b|\bnot (?:da|dv)[- ]related\b",
                             re.IGNORECASE)
QUOTED = re.compile(r"['‘\"“][^'’\"”]{3,80}['’\"”]")
# conversations_round23: "its his new partner he is hurting. does that change things?": a question about whether a
# programme still fits him, which a worker at a scene of violence going on would not stop to ask.
ASKS_IF_HE_FITS = re.compile(r"\bdoes (?:that|this|it) (?:ch(?:an|na)ge|affect) (?:things|anything|it|his)\b|"
                             r"\b(?:would|will|could|can) (?:they|it|the (?:programme|course|group)) (?:still )?(?:take|accept) "
                             r"him\b|\bis he (?:still )?(?:eligible|suitable)\b", re.IGNORECASE)
# conversations_round23: "the neighbours hear him screaming at her most weekends": a pattern reported, not a call
# going on; 999 still comes first, with the answer asked for.
HABITUAL = re.compile(r"\b(?:most|every|at|some|on) (?:weekends?|nights?|evenings?|days?)\b|\b(?:often|regularly|"
                      r"frequently|usually|all the time|a lot|over and over|for (?:weeks|months|years))\b", re.IGNORECASE)
HEARD_ON_A_CALL = "heard on a call"
_NEGATED_DANGER = re.compile(r"\b(?:not|no|isn't|isnt|aren't|never|without)\s+(?:\w+\s+){0,2}(?:in\s+)?(?:immediate\s+)?danger",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]


def _p(name: str, pattern: str) -> Pattern:
    return Pattern(name, re.compile(pattern, re.IGNORECASE))


BEEN_VIOLENT = "violence going on"
VIOLENCE_IN_PROGRESS = "violence in progress"
# Someone who can't talk aloud where they are ("he's in the next room, i can't ring anyone"): danger now, and the
# reply says how to call 999 without speaking (safety/silent_call.py).
_CANNOT_SPEAK_ALOUD = (
    r"\b(?:can'?t|cannot|cant|can not|unable to|daren'?t|dare not|too scared to)\s+(?:"
    r"(?:speak|talk)(?:\s+(?:out loud|aloud|on the phone|to them|to anyone))?(?!\s+(?:long|for long|much|now|right now|"
    r"at the moment|today|till|until|later|to (?:him|her|the|his|my)|with (?:him|her)|about|english|welsh|much))|"
    r"(?:ring|call|phone)\s+(?:anyone|anybody|999|the police|for help|out)|make a (?:sound|noise)|say anything)\b|"
    r"\b(?:he|she|they)(?:'ll| will| would| might)? (?:hear|overhear) me\b|\bhiding (?:in|from)\b|"
    r"\bin the (?:bathroom|toilet|loo|wardrobe|cupboard)\b.{0,60}\b(?:he|she|hiding|locked)\b|"
    r"\b(?:he|she)(?:'s| is) in the next room\b")
CANNOT_SPEAK = re.compile(_CANNOT_SPEAK_ALOUD, re.IGNORECASE)
# Said this plainly, danger now however calm the rest of the message reads.
UNDOUBTED = frozenset({"cannot speak aloud", "heard being hurt", "weapon on the writer", "child hiding now", "held by the neck now"})
# An implied death threat: "she'd not see christmas", "you won't live to see the morning".
_WONT_SEE = (r"\b(?:won'?t|will not|wouldn'?t|would not|would never|will never|'d not|'d never|not|never)\s+(?:live to\s+)?see\s+"
             r"(?:xmas|christmas|the morning|her birthday|his birthday|your birthday|the new year|another (?:day|year|birthday|"
             r"christmas)|the weekend|tomorrow)\b")
# A threat told, then silence where contact was agreed, either way round: "she missed our 4pm call; he threatened her".
_THREATENED = (r"(?:\bthreat(?:en(?:ed|ing|s)?|s)\b|\bmade threats\b|\b(?:told|said to|says to|warned|texted) (?:her|me|them|mum)\s+"
               r"(?:that\s+)?(?:he'?d|he would|he'?ll|he will)\s+(?:find|get|kill|hurt|come for|sort|finish)\b|"
               r"\b(?:said|says|told her) (?:he'?d|he would|he will|he'?ll) (?:kill|hurt|finish)\b|"
               # danger_round24: "he said if she ever left he'd make sure nobody else had her"
               r"\b(?:he'?d|he would|he'?ll|he will) make sure (?:nobody|no ?one|no-one) (?:else )?(?:would |will |could )?"
               r"(?:ha[sd]|have|gets?|got)\b|"
               rf"{_WONT_SEE})")
_SILENCE = (r"\b(?:(?:it'?s|its) (?:\d[\d.:]*\w*|half \d+) and nothing|"
            r"hasn'?t (?:messaged|replied|checked in|been in touch|arrived|turned up|rung|called)|"
            r"not (?:checked in|messaged|arrived|turned up)|never (?:turned up|arrived|got there)|"
            r"phones? (?:is )?(?:now )?(?:off|switched off)|missed (?:her |the |both |two |our )?(?:\d|check|call|safety call|it)|"
            r"phone(?:'s| is)? (?:off|dead|going to voicemail)|(?:goes|going|phone) (?:straight )?to voicemail|(?:rings|ringing) out|"
            r"(?:\d+|two|three|an?) ?(?:hours?|hrs?) (?:past|over|late for|after) (?:(?:her|his|their|the) )?check[- ]?in|"
            r"no reply since|no sign of her|no contact|didn'?t (?:attend|turn up|arrive|come in|show)|not picking up)\b")
# Going back to him today, told with harm done or threatened: "she has to get back before he notices", "back to his now".
_GOING_BACK = (r"\b(?:go(?:ing)?|get(?:ting)?|has to get|have to get|got to get|needs? to (?:go|get)|heading|head) back"
               r"(?: to (?:him|his(?: place| flat| house)?|the (?:flat|house)|home))?\b")
_GOING_BACK_NOW = (r"\b(?:is|she'?s|shes|she is) (?:going|heading|having to go) back to (?:him|his)\b|"
                   r"\bback to (?:him|his(?: place| flat| house)?)\b.{0,30}\b(?:now|tonight|today|straight after)\b")
_SOON = r"\b(?:now|tonight|today|this (?:afternoon|evening)|before he (?:notices|gets|finds)|straight after|after this)\b"
_HARMED = (r"\b(?:black eye|bruis\w+|broke|broken|strangl\w+|threat\w*|kill|finish (?:it|the job|her)|hurt|injur\w+|"
           r"hit her|beat|won'?t see another|marks on her neck)\b")
# "he is going to do what he did before", "you'll know about it": harm promised; with a time later today, danger now.
_TIMED_THREAT = (r"(?:'ll|’ll|'d|’d|\bwould|\bwill|\bis going to|\bgoing to|\bgonna)\s+(?!it\b|that\b|this\b)(?:[\w'’]+\s+){0,6}?['‘\"]?(?:hurt|kill|finish (?:her|you|them|me)|"
                 r"come (?:round |over )?(?:and|to) (?:take|get|drag|grab)|drag (?:her|him|them|the kids|the children)|"
                 r"take (?:him|her|them|the baby|the kids|the children) by force|"
                 r"do what (?:he|she) did|do it (?:properly|again|for real)|know about it|['‘\"]?deal with['’\"]?|"
                 r"beat (?:her|him|them|mum|her mother|you|me) ['‘\"]?to death|regret (?:it|this)|be sorry|teach (?:her|you|them|me) a lesson|"
                 r"sort (?:her|you|them|me) out|(?:batter|beat|smash|hit|punch|kick) (?:her|him|you|them|me|mum|the kids|the baby))\b")
_LATER_TODAY = (r"\b(?:tonight|this evening|this afternoon|later today|when (?:she|he|mum|you|they) (?:goes|go|leaves|leave|"
                r"gets? (?:back|home|in)|is out|goes out|goes to)|(?:it'?s|its) \d{1,2}(?::\d\d)? ?(?:now|pm|am)|(?:it'?s|its) \d{1,2}[:.]\d\d|"
                r"in (?:\d{1,2}|ten|five|twenty|fifteen|thirty) (?:minutes|mins)|due to (?:collect|pick (?:her|him|them) up|pick up|arrive)|"
                r"(?:coming|comes|here) to (?:collect|get|pick up)|discharged today|(?:leaves|finishes|starts) at \d|"
                r"(?:by|at|before) \d{1,2}(?::\d\d|\.\d\d)? ?(?:pm|am|tonight|this evening|today)|after school|"
                r"(?:we )?(?:shut|close|closes|finish) at \d)\b")
STRONG_NOW: tuple[Pattern, ...] = (
    _p("cannot speak aloud", _CANNOT_SPEAK_ALOUD),
    _p("with him after serious harm today", r"^(?=.*\b(?:strangl\w*|chok(?:e|ed|ing)|pillow|suffocat\w*|smother\w*|stabb\w*|"
                                             r"knife|threaten\w* to kill)\b)(?=.*\b(?:this morning|today|last night|earlier)\b)"
                                             r".*\b(?:at home|home|in the house|alone|stuck|left) with (?:him|dad|daddy|"
                                             r"her partner|the perpetrator)\b"),
    _p("in danger", r"\b(?:in|at)\s+(?:\w+\s+){0,2}(?:danger|peril)\b|\blife is at risk\b|\bunsafe right now\b"),
    _p("being attacked", r"\b(?:is|are|am|'s|’s|s|'m|’m|getting|currently)\s+(?:being|getting)\s+"
                         r"(?:attacked|stabbed|strangled|choked|beaten|battered|assaulted|raped|kicked|punched|"
                         r"hit|hurt|held|threatened|smothered|dragged)\b"),
    # "told us about him hurting her": an account of it, not violence going on
    _p(VIOLENCE_IN_PROGRESS, rf"(?<!about )(?<!of )(?<!regarding )(?<!over )"
                               rf"\b{_PERSON}{_IS}\s+(?:now\s+|currently\s+|still\s+|literally\s+)?{_VIOLENT_ING}\b"
                               r"(?!\s+(?:awareness|training|course))"),
    # "he's been hitting her": going on lately, or a pattern told after it; 999 first, but the answer stays.
    _p(BEEN_VIOLENT, rf"\b{_PERSON}{_IS}\s+been\s+(?:now\s+|currently\s+|still\s+)?{_VIOLENT_ING}\b"
                     r"(?!\s+(?:awareness|training|course))"),
    _p("weapon at hand", rf"\b(?:with|holding|waving|pulled|pulling|brandishing|grabbed|wielding|got|has)\s+"
                         rf"(?:out\s+)?(?:a|the|his|her|an|some)\s+{_WEAPON}\b.{{0,60}}\b(?:now|right now|outside|at the door|"
                         r"in the house|here|there|again|to (?:her|his|my) (?:throat|neck|head))\b|"
                         rf"\b(?:have|has) (?:a |the )?{_WEAPON} now\b"),
    _p("weapon to body", rf"\b{_WEAPON}\s+(?:to|at|against)\s+(?:her|his|my|their|the)\s+(?:throat|neck|head|chest)"),
    _p("medical emergency", r"\b(?:not breathing|isn't breathing|stopped breathing|can't breathe|unconscious|"
                            r"(?:won't|wouldn't|can't|couldn't|didn't) wake(?: up)?|unresponsive|passed out|collaps(?:ed|ing)|fainted|"
                            r"bleeding (?:badly|heavily|a lot|everywhere)|taken an overdose|"
                            r"took an overdose|overdosing|set (?:fire|light) to|petrol through|"
                            r"smell(?:s|ing)? of (?:gas|petrol))\b"),
    _p("trapped", r"\b(?:locked|lock|locks|locking|barricaded|trapped|shut)\s+(?:her|them|me|us|the kids|the children|the baby|"
                  r"himself|herself)?\s*(?:in|inside)\b(?!\s*(?:the\s+)?(?:past|a\s+cycle|denial))|\bhostage\b|"
                  r"\bblocking the (?:door|exit)\b"),
    _p("alarm raised", r"\blone ?worker (?:alert|alarm|code|button|device)\b|\b(?:code|safe) (?:word|phrase)\b|"
                       r"\bpanic (?:alarm|button)\b|\b(?:sounds|noises?) of (?:a |an )?(?:da|dv|fight\w*|struggle|violence|"
                       r"incident|someone being)|\bin progress\b|\bscreaming in the (?:bg|background)\b|"
                       # danger_round27/28: an agreed signal sent ("sent our code", "the emoji we agreed", "texted NOW ... agreed")
                       r"\b(?:sent|texted|messaged|used)\b.{0,30}\b(?:our|the agreed|an agreed)\s+(?:code|emoji|signal|word)\b|"
                       r"\bthe (?:emoji|signal|code|word) we (?:agreed|arranged|set up)\b|"
                       r"\b(?:sent|texted|messaged)\b.{0,30}\bwhat we (?:agreed|arranged)\b"),
    _p("hiding from him now", r"\bwhere (?:do|can|should) (?:i|we) hide\b"),
    _p(HEARD_ON_A_CALL, r"\b(?:heard|hear|hearing|could hear|can hear)\s+(?:\w+\s+){0,3}(?:scream\w*|shout\w*|banging|"
                          r"crash\w*|smash\w*|thud\w*|crying|yelling|glass|a struggle|fighting|her cry)\b|"
                          r"\b(?:line|call|phone)\s+(?:\w+\s+)?(?:went dead|cut off|cut out|went silent|went quiet|dropped)\b"),
    _p("breaking in", r"\b(?:kicking|smashing|breaking|banging)\s+(?:\w+\s+)?(?:the|her|my|our)\s+(?:door|window)s?\b(?!.{0,20}\b(?:last|ago)\b)|"
                      r"\btrying to (?:get in|break in|force his way)\b|\bbroke(?:n)? in\b.{0,30}\bnow\b"),
    _p("threat now", r"\b(?:going to|gonna|about to|will|'ll|’ll|wants to)\s+(?:\w+\s+)?(?:kill|stab|shoot|murder|"
                     r"strangle|burn)\s+(?:her|him|me|them|us|the kids|the children|the baby|everyone|someone|you)"
                     r"\b.{0,40}\b(?:tonight|now|today|when (?:she|he) gets|as soon as|on his way)\b"),
    _p("threat for later today", r"(?:\b(?:hell|shell|theyll)|'ll|’ll|\bwill|\bgoing to|\bgonna)\s+['‘\"]?(?:\w+\s+){0,2}(?:pay|burn|sort|get|hurt|kill|"
                                 r"finish|do (?:her|him|them|mum) in)\b.{0,60}\b(?:tonight|this evening|this afternoon|"
                                 r"later today|when (?:she|he|mum) gets (?:back|home|in))\b|"
                                 r"\b(?:tonight|this evening)(?:'s|’s| is) the night\b|\benjoy your last (?:night|day)\b|"
                                 rf"{_TIMED_THREAT}.{{0,120}}{_LATER_TODAY}|{_LATER_TODAY}.{{0,120}}{_TIMED_THREAT}"),
    # danger_round24: "Right now he's in the hallway saying he'll make me watch what he does to the baby"
    _p("threatening now", r"\b(?:right now|as we speak|as i type|as i write|at this moment)\b,? (?:he|she)(?:'s| is)\b.{0,60}?"
                          r"\b(?:saying|threatening|shouting|screaming|yelling)\b(?: (?:that|to))? (?:(?:he|she)(?:'ll|’ll| will|'s going to|"
                          r" is going to|'d| would)|kill|hurt)\b"),
    _p("held by the throat", r"\b(?:has|'s got|’s got|has got|got|is holding|holding)\s+(?:\w+\s+){0,2}by the "
                             r"(?:throat|neck|hair)\b(?!.{0,30}\b(?:last|ago|before|once)\b)"),
    _p("dog set on someone", r"\b(?:telling|setting|sending|urging)\s+(?:it|the dogs?|his dogs?)\s+(?:to go for|to attack|"
                             r"on)\s+(?:her|me|them|him|us|the)\b"),
    _p("silence after a threat", rf"{_THREATENED}.{{0,160}}{_SILENCE}|{_SILENCE}.{{0,160}}{_THREATENED}"),
    _p("going back to him today", rf"(?=.*{_HARMED}).*(?:{_GOING_BACK}.{{0,80}}{_SOON}|{_SOON}.{{0,80}}{_GOING_BACK}|"
                                  rf"{_GOING_BACK_NOW})"),
    _p("forced marriage today", r"\b(?:taking|take|taken|flying|fly|sending|send|put on a plane)\b.{0,50}\b(?:airport|abroad|"
                                r"overseas|flight|plane)\b.{0,80}\b(?:marr\w+|wedding)\b|\bforced (?:to )?marr\w+\b.{0,60}"
                                r"\b(?:tonight|today|tomorrow|this (?:evening|afternoon|weekend)|flight)\b"),
    # danger_round20: someone overdue by hours from a visit, or a lone-working app showing no movement
    _p("overdue by hours", r"\b(?:should(?:'ve| have| of) been back|was due back|due back|not back yet)\b.{0,30}"
                           r"\b(?:\d+|two|three|four|an?) ?(?:hours?|hrs?) ago\b|"
                           r"\bphone (?:hasn'?t|has not|hasnt) moved\b|\blone[- ]work\w* (?:alarm|app|device)\b.{0,30}"
                           r"\b(?:pressed|went off|activated|triggered|no response)\b"),
    # danger_round22: "he si hre hes found us" from a refuge; a photo from inside her flat minutes ago; her insulin
    # hidden and now drowsy; fainting since he had his hands round her throat
    _p("found now", r"\b(?:he'?s|he has|he si|hes) found (?:us|me|her|them|the (?:refuge|flat|house))\b|"
                    r"\b(?:posted|sent|shared) (?:a )?(?:photo|picture|pic|video)\w* (?:from )?(?:inside|outside|of) her "
                    r"(?:flat|house|home|door|street)\b.{0,30}\b(?:\d+|ten|five|twenty|thirty) (?:minutes|mins) ago\b"),
    _p("medication withheld now", r"\b(?:hidden|hid|withheld|withholding|taken|took|hiding) (?:her|his|the) (?:insulin|"
                                  r"medication|meds|inhaler|tablets|epipen|epi-pen)\b.{0,80}\b(?:confused|drowsy|unwell|"
                                  r"collaps\w*|not making sense|can'?t breathe|struggling to breathe)\b"),
    _p("fainting after strangulation", r"\b(?:hands? (?:round|around) (?:my|her) (?:throat|neck)|strangl\w*|chok\w*)\b"
                                       r".{0,120}\b(?:keep(?:s)? fainting|fainting|passing out|keep(?:s)? passing out|"
                                       r"can'?t swallow|voice (?:has )?(?:nearly )?gone)\b"),
    # danger_round20: "please stop you're hurting me" heard on an open line, a thud then silence; a threat for when
    # he wakes ("when he wakes up i'm getting it")
    _p("heard being hurt", r"\bplease stop\b.{0,20}\b(?:you'?re|your|you are) (?:hurting|killing|choking|strangling)\b|"
                           r"\b(?:thud|bang|crash|scream)\w*\b.{0,25}\b(?:and|then) (?:then )?(?:silence|nothing|the line went dead)\b"),
    _p("threat for when he wakes", r"\bwhen (?:he|she) wakes(?: up)?\b.{0,40}\b(?:i'?m|im|she'?s|shes|we'?re) (?:getting it|"
                                   r"gonna get it|going to get it|dead|in for it)\b|"
                                   r"\b(?:i'?m|im|she'?s|shes) (?:getting it|gonna get it|in for it)\b.{0,40}\bwhen (?:he|she) "
                                   r"(?:wakes|gets (?:home|back|in))\b"),
    # danger_round19: a child telling of a parent who won't wake or has lain on the floor since yesterday
    _p("parent not waking", r"\b(?:mum|mummy|mam|mammy|mother|dad|daddy|father|nan|nana|grandma)\b.{0,40}\b(?:won'?t|wouldn'?t|"
                            r"can'?t|couldn'?t|didn'?t|doesn'?t|not) wake(?:n)?(?: up)?\b|"
                            r"\b(?:asleep|lying|laid|unconscious|not moving) on the floor\b.{0,30}\bsince\b|"
                            # danger_round21: a child told of mum "on the floor not moving" when dad left
                            r"\bon the floor (?:and )?(?:not moving|wasn'?t moving|not breathing|wouldn'?t move)\b|"
                            r"\bbeen (?:asleep|lying|unconscious) on the floor\b"),
    # danger_round17: a parent at the airport with the children now, about to fly in breach of an order
    _p("children taken abroad now", r"\b(?:at|in|to|heading to|on the way to)\s+(?:\w+\s+)?airport\b.{0,80}\b(?:children|kids|"
                                    r"son|daughter|child|baby)\b.{0,120}\b(?:flight|fly|flying|plane|board)\b|"
                                    r"\b(?:board|catch|get on)\w*\s+a\s+(?:flight|plane)\b.{0,60}\b(?:next (?:\w+\s+)?hours?|"
                                    r"in (?:an|the next|\w+) hours?|tonight|this (?:evening|afternoon))\b"),
    # danger_round25: "at Heathrow T4, they've taken my passport, they're making me go"
    _p("taken abroad now", r"\b(?:airport|heathrow|gatwick|stansted|luton|terminal \d|t[1-5])\b.{0,100}\b(?:taken (?:my|her|his) "
                           r"passport|making (?:me|her|him) go|forcing (?:me|her|him)|won'?t let (?:me|her|him) (?:go|leave))\b|"
                           r"\b(?:taken (?:my|her|his) passport|making (?:me|her|him) go)\b.{0,100}\b(?:airport|heathrow|gatwick|"
                           r"stansted|luton|terminal \d|flight|plane)\b"),
    # danger_round25: an interpreter told "her husband is in the next room, has threatened to kill her if she ends the call"
    _p("threatened with him in the next room", r"(?=.*\bthreat\w* (?:\w+ ){0,2}(?:to )?kill\b)"
                                               r".*\b(?:he|husband|partner|boyfriend|ex)(?:'s| is)\s+(?:still\s+)?in the "
                                               r"(?:next|other) room\b"),
    _p("overdose taken", r"\b(?:took|taken|swallowed|had)\s+(?:about |around |over |like )?\d+\s+(?:paracetamol|tablets|pills|"
                         r"co-?codamol|sleeping pills|painkillers)\b|\b(?:took|taken|swallowed)\s+(?:a load of|loads of|all (?:of )?"
                         r"(?:his|her|my|the))\s+(?:pills|tablets|meds|medication)\b"),
    # a victim out of contact since a meeting with him or a missed handover; him released and heading to her; a car
    # following the worker and the family now
    # danger_round26: told in few words or in code, or held now: "yes he hurt me", a pizza ordered to an address with
    # "please come quick", "ive got her in a headlock ... she goin purple", "he got kife to me", a child under the bed
    _p("hurt just now", r"^\W*(?:yes|yeah|yh|yep)?\W*(?:he|she)(?:'s| is| has)? (?:just )?(?:hurt|hit|hitting|hurting|punched|"
                        r"kicked|strangled|choked|stabbed|beaten|beating) me\W*$"),
    _p("coded call", r"\b(?:pizza|margherita|pepperoni|takeaway)\b.{0,80}\b(?:come quick\w*|hurry|asap|please come|quickly)\b"),
    _p("held by the neck now", r"\b(?:got|have|has|holding|'ve got) (?:her|him|them|me) in a (?:headlock|choke ?hold|sleeper hold)\b|"
                               r"\b(?:going|goin|turning|gone|turned) (?:purple|blue)\b"),
    _p("weapon on the writer", rf"\b(?:got|has|holding|with) (?:a |the |his )?{_WEAPON} (?:to|at|on|against) (?:me|my)\b|"
                               r"\blet me (?:\w+ )?(?:to )?say good ?bye?\b"),
    _p("child hiding now", r"\b(?:i'?m|i am|im|we'?re|we are) (?:hiding )?(?:under (?:my|the) bed|in (?:my|the) (?:wardrobe|"
                           r"cupboard|closet))\b|\b(?:i'?m|im|i am) getting it after (?:he|she) (?:does|has done|finishes with) "
                           r"(?:mum|mam|mom|her|dad)\b"),
    _p("children not collected and her phone off", r"\b(?:hasn'?t|has not|didn'?t|did not|not) (?:collected|picked up|come for)\b"
                                                   r".{0,80}\bphone(?:'s| is| has been)? (?:off|dead|switched off)\b"),
    _p("victim missing", r"\b(?:not (?:been )?heard from|no(?:one|body| one) has heard from|hasn'?t been seen|not seen|missing)\b"
                         r".{0,30}\bsince (?:last night|this morning|yesterday|lunchtime|earlier)\b.{0,120}"
                         r"\b(?:phone(?:'s| is| has been)? (?:off|dead|switched off)|not answering|never (?:done|does) this|meeting him|with him|"
                         r"hasn'?t come back)\b|"
                         r"\bnever turned up\b.{0,160}\b(?:phone(?:'s| is| has been)? (?:off|dead|switched off)|hasn'?t come back|not answering|can'?t (?:reach|get hold))\b"),
    _p("released and heading to her", r"\breleased\b.{0,160}\b(?:heading|going|on his way|intends? to go|will go|plans? to go|"
                                      r"(?:is )?going to go)(?: straight)? (?:to|round to|over to|back to) "
                                      r"(?:hers|her (?:house|address|flat|home|place)|the victim'?s?|see her)\b|"
                                      r"\breleased\b.{0,160}\b(?:will|'ll) be (?:at|round at|outside|round) "
                                      r"(?:hers|her (?:house|address|flat|home|place|door))\b"),
    _p("followed now", r"\b(?:has been|been|is|'s|keeps?) (?:behind|following|tailing) (?:us|me)\b(?!.{0,20}\b(?:last|ago)\b)|"
                       r"\bfollowing (?:us|my car|our car)\b"),
    _p("colleague missing", r"\b(?:colleague|co-?worker|worker|staff member|social worker|health visitor)\s+(?:is\s+)?(?:missing|"
                            r"unaccounted for|uncontactable)\b"),
    _p("aggressive here now", r"\b(?:getting|being|is being|'s getting|is getting)\s+(?:really\s+|very\s+)?(?:aggressive|violent|"
                              r"threatening|abusive)\s+(?:w(?:ith)?|to|towards|at)\s+(?:security|staff|reception|the nurses|the doctor|"
                              r"us|the receptionist|the teachers?)\b"),
    _p("approaching now", r"\b(?:he|she|they|the man)(?:'s| is| has| have)?\s+(?:just\s+)?(?:started\s+|starting\s+)?(?:walking|"
                          r"coming|heading|running|marching)\s+(?:over\s+)?(?:towards|to|up to)\s+(?:the|our|her|my)\s+"
                          r"(?:gate|door|front door|house|building|refuge|car|entrance)\b"),
    _p("suicidal about going home", r"\brather (?:die|be dead|kill (?:myself|herself|himself))\b.{0,40}\b(?:than|tonight|"
                                    r"go(?:ing)? home)\b|\b(?:kill|end) (?:myself|herself|it all)\b.{0,40}\btonight\b"),
    _p("suicide now", r"\b(?:is|'s|’s|s|am|'m)\s+(?:standing|sitting|stood)\s+on\s+(?:the|a)\s+(?:bridge|ledge|roof|edge)\b|"
                      r"\b(?:holding|has|got)\s+(?:a\s+)?(?:rope|ligature|noose)\b|"
                      r"\b(?:taken|swallowed|took)\s+(?:\w+\s+){0,2}(?:tablets|pills)\b|"
                      # danger_round30: "i tkae all my tablets beacuse she left me", typed in the present
                      r"\bi(?:'ve| have)?\s+(?:take|tkae|taek|tak|taken|took)\s+(?:all|loads|a load)\s+(?:of\s+)?my\s+"
                      r"(?:tablets|pills|meds|medication)\b"),
    _p("emergency word", r"(?<!not an )(?<!not a )(?<!isn't an )(?<!no )\b(?:emergency|sos|mayday)\b(?!\s+(?:protection|planning|contact|housing|accommodation|"
                         r"services?|order|number|fund|department|dept|budget|duty|contraception|appointment|"
                         r"meeting|strategy|plan|response team|dentist|care))"),
    _p("call 999 now", r"\b(?:call(?:ing|ed)?|ring(?:ing)?|phon(?:e|ing))\s+(?:999|the police|an ambulance|police)\s+"
                       r"(?:now|right now|for me)\b|\bsomeone call 999\b"),
)
# A risk theme as a subject (a programme's topics, a drama, a course), not a case: with a benign reading, no routes.
ABOUT_THE_TOPIC = re.compile(r"\b(?:generally|in general|difference between|mixed up|as (?:a )?topics?|topics? (?:like|such as)|drama|film|tv|telly|soap|"
                             r"storyline|novel|documentary|podcast|case stud(?:y|ies)|scenario|module|curriculum|"
                             r"(?:studies|research|evidence|statistics|data) (?:on|about|into)|"
                             r"th(?:at|is) kind of (?:history|background|offending)|"
                             r"course content|cover(?:s|ed)? (?:things like|topics)|that kind of thing|"
                             r"(?:awareness|prevention) (?:week|day|month|campaign|event|session|training)|"
                             r"standalone offence|act 20\d\d|legislation|came into force|come into force|statutory guidance|"
                             r"(?:our|a|the) (?:da |domestic abuse )?strategy|dhr learning|domestic homicide reviews?|"
                             # danger_round30: the law, a student's reading, a case review read on placement
                             r"(?:a |an )?criminal offence|which act\b|serious case reviews?|reflective (?:piece|essay|account)|"
                             r"books? or courses|reading list)\b",
                             re.IGNORECASE)
# danger_round30: a survivor telling her own past to offer help ("twenty years ago ... I'd like to train as a helpline
# volunteer"): an offer to give back, told as over, is no case to route.
GIVING_BACK = re.compile(r"\b(?:volunteer(?:ing|s)?|interview panel|survivor speakers?|(?:share|shared|sharing) my story|"
                         r"train as an?|lived experience (?:panel|group|role|speaker))\b", re.IGNORECASE)
TOLD_AS_OVER = re.compile(r"\b(?:years ago|(?:a )?long time ago|long ago|in my (?:teens|twenties|thirties)|i survived|"
                          r"i'?m a survivor|as a survivor|(?:he|she) went to prison|doing (?:really |very )?well now)\b",
                          re.IGNORECASE)
# "he's sat with me, calm": the classifier alone may read a man present as danger; then 999 is added, not the answer lost.
CALM = re.compile(r"\b(?:he'?s|hes|he is|she'?s|she is|they'?re|they are)\s+(?:being\s+|very\s+|really\s+)?(?:calm|settled|"
                  r"polite|cooperative|co-operative|relaxed)\b", re.IGNORECASE)
# Strong patterns that say "now" by themselves, whatever past events the message also tells
# ("threatened her last night and hasn't checked in since"): a past marker never dismisses them.
NOW_BY_NATURE = frozenset({"victim missing", "released and heading to her", "followed now", "colleague missing", "aggressive here now", "approaching now", "threat for later today", "held by the throat", "dog set on someone", "suicidal about going home",
                           "going back to him today", "forced marriage today", "overdose taken", "children taken abroad now", "parent not waking", "heard being hurt", "threat for when he wakes", "overdue by hours", "found now",
                           "medication withheld now", "fainting after strangulation", "taken abroad now", "coded call", "held by the neck now",
                           "child hiding now", "children not collected and her phone off", "hurt just now",
                           "silence after a threat"})
WEAK_NOW: tuple[Pattern, ...] = (
    _p("weapon held", rf"\b(?:has|has got|'s got|’s got|got|with|holding|carrying|waving|pulled)\s+(?:out\s+)?"
                      rf"(?:a|the|his|an)\s+{_WEAPON}\b"),
    _p("threat to kill", r"\b(?:going to|gonna|about to|will|'ll|’ll)\s+(?:\w+\s+)?(?:kill|stab|shoot|murder|strangle)\b|"
                         r"\b(?:finish|end|do)\s+(?:her|him|mum|them|you|me|us)\s+(?:off|in)\b"),
    _p("outside", rf"\b{_PERSON}{_IS}\s+(?:\w+\s+){{0,5}}?(?:opposite (?:our|her|the|my)|across the (?:road|street) from)\b|"
                  rf"\b{_PERSON}{_IS}\s+(?:\w+\s+)?(?:outside|at the door|at the window|in the garden|"
                  r"parked outside|waiting outside|banging on|in the car park|on (?:his|her) way|"
                  # danger_round21: him in the corridor of the clinic where she has just told of an assault
                  r"(?:in|waiting in|sat in|sitting in) the (?:corridor|waiting room|waiting area|reception|foyer|hallway|stairwell))\b"),
    _p("scared now", r"\b(?:i'?m|i am|she'?s|she is|we'?re|we are)\s+(?:\w+\s+)?(?:scared|terrified|frightened|afraid|"
                     r"petrified|panicking)\b"),
    _p("colleague overdue", r"\b(?:colleague|co-?worker|worker|staff|she|he)\s+(?:\w+\s+){0,4}(?:hasn'?t|has not|not|never|didn'?t)\s+"
                            r"(?:come back|returned|checked in|called in|answered|responded|rung|signed out)\b"),
    _p("child in peril", rf"\b{_CHILD}\s+(?:\w+\s+){{0,3}}(?:alone|on (?:his|her|their) own|in the road|near the water|"
                         r"in the bath|not moving|floppy|limp|injured|hurt|bleeding|fell|fallen|missing|"
                         r"locked (?:in|out)|in the car)\b"),
    _p("drink driving with children", rf"\b(?:drunk|drinking|high|off his face|wasted|pissed)\b.{{0,60}}\b(?:driv\w*|car)\b.{{0,60}}\b{_CHILD}\b|"
                                      rf"\b(?:driv\w*|car)\b.{{0,60}}\b{_CHILD}\b.{{0,60}}\b(?:drunk|drinking|high|off his face|wasted|pissed)\b"),
    _p("self-harm threat", r"\b(?:kill|hang|hurt|harm|end)\s+(?:himself|herself|myself|themselves|it all)\b"),
    _p("help", r"^\s*(?:help|please help|help me|help us|urgent|quick)\s*[!.]*\s*$|\bhelp\s*!{2,}"),
    _p("not letting go", r"\bwon'?t let (?:her|me|them|us) (?:leave|out|go)\b(?!\s+(?:to|on|anywhere|with))|"
                         r"\brefus(?:es|ing) to (?:leave|go)\b|\bwon'?t leave\b"),
    _p("child taken", rf"\b(?:taken|took|snatched|grabbed|abducted|taking|run off with|ran off with|drove off with|left with)\s+"
                      rf"(?:\w+\s+){{0,2}}{_CHILD}\b"),
    _p("fire", r"\bsmoke (?:coming|pouring)\b|\bon fire\b(?!.{0,30}\bnot literally\b)|\bfire (?:at|in) (?:the|her|his)\b"),
    _p("getting in", r"\bclimbing (?:over|in|through|up)\b|\bgetting in through\b|\bcoming (?:to|into) (?:the|her|my|our) "
                     r"(?:school|house|home|office|flat|ward|surgery)\b"),
    _p("threat of harm", r"\b(?:will|'ll|gonna|going to)\s+(?:get|be)\s+hurt\b|\bparked (?:at|outside|across)\b|"
                         r"\bengine running\b"),
    _p("on his way", r"\b(?:he'?ll|he will|he's going to|he is going to|she'?ll|they'?ll)\s+be\s+(?:here|there|round|over|back)\b"),
    _p("overdue", r"\b(?:due|expected|supposed to be) back\b|\bshould(?:'ve| have| of) been back\b|\bnot back\b|\bno answer\b|"
                  r"\bnot answering\b|"
                  r"\b(?:hasn'?t|has not|didn'?t|did not|never) (?:turned up|arrived|come home|got home)\b|"
                  r"\b(?:hasn'?t|has not|not) (?:replied|answered|responded|been in touch|picked up)\b|"
                  r"\bnothing since\b|\bno reply since\b|\b(?:went|gone) quiet\b|\bthen nothing\b|"
                  r"\bstopped (?:replying|responding|messaging|answering)\b"),
)
RISK_THEMES: tuple[Pattern, ...] = (
    _p("threats to kill", r"\bthreat\w*\s+(?:\w+\s+){0,3}(?:to\s+)?(?:kill|murder|stab|shoot)|"
                          r"\b(?:said|says|told|texted|messaged)\s+(?:\w+\s+){0,3}(?:he'?d|he would|he will|he'?ll|she'?d|she'?ll)\s+"
                          r"(?:\w+\s+)?(?:kill|murder|stab|shoot|end)\b|\bkill (?:her|him|you|me|them) if\b|"
                          r"\b(?:mummy|mum|mam|your mum|your mummy)(?:'s| is)? (?:going|gonna) (?:to )?die\b|"
                          rf"{_WONT_SEE}"),
    _p("strangulation", r"\bstrang\w*|\bthrottl\w*|\bchok(?:e|ed|es|ing)\b(?! on (?:my|his|her|a|the|their) (?:food|sandwich|"
                        r"tea|coffee|drink|dinner|lunch|breakfast|biscuit|toast|crisps|water|sweets?))|\bsuffocat\w*|\bsmother\w*|"
                        r"\b(?:hands?|arm|fingers)\s+(?:round|around|on)\s+(?:her|his|my|their)\s+(?:neck|throat)|"
                        r"\bpillow over\b|\bnon-?fatal\b|\bnfs\b|\bheadlock\b|\b(?:couldn'?t|could not|can'?t) breathe\b|"
                        r"\b(?:grab\w*|held|hold\w*|squeez\w*|pinn\w*|press\w*|gripp?\w*)\s+(?:\w+\s+){0,3}(?:by the\s+)?(?:neck|throat)\b"),
    _p("stalking", r"\bstalk\w*|\bharass\w*|\bfollow(?:s|ed|ing)\s+(?:her|him|me)\b|\bturn(?:s|ed|ing)? up at\b|"
                   r"\bkeeps? (?:turning|showing) up\b|\btrack(?:s|ed|ing|er)?\b.{0,20}\b(?:phone|car|location)\b|"
                   r"\bi know where you (?:live|park|work|go)\b|\bwatching (?:her|the) house\b|"
                   # danger_round25: "i keep driving past my exs house at night ... she's blocked me so i got a new number"
                   r"\bdriv(?:e|es|ing|en|ive)? past (?:my |her |his |the )?(?:ex'?s?|her|his|victim'?s?|partner'?s) "
                   r"(?:house|flat|home|place|work)\b|\b(?:air ?tags?|tracking device|gps tracker)\b|\btracker (?:in|on|under|sewn)\b|\bblocked (?:me|him)\b.{0,40}\bnew (?:number|account|profile)\b|\bsitting outside (?:her|the) house\b|\bloads of (?:texts|calls|messages)\b"),
    _p("breach of an order", r"\bbreach\w*|\bbroke(?:n)?\s+(?:\w+\s+)?(?:order|bail|injunction|conditions)|\bexclusion zone\b|"
                             r"\bnon-?mol\w*|\brestraining order\b|\bnmo\b|\bdvpo\b|\bdvpn\b|\bbail conditions\b|\binjunction\b"),
    _p("separation", r"\b(?:just|recently|about to|planning to|plans to|wants? to|trying to|going to|finally)\s+"
                     r"(?:\w+\s+)?(?:left|leave|leaving|split|separat\w*|end(?:ed)? it|kick(?:ed)? him out|move out)\b|"
                     r"\bseparat(?:ed|ion)\b|\bsplit up\b|\bbroke(?:n)? up\b|\bleft him\b|\bif she leaves\b|\bwhen she leaves\b|"
                     # danger_round20: "partner kicked him out friday, he'll get the kids back 'one way or another'"
                     r"\b(?:kicked|threw|thrown|chucked) him out\b"),
    _p("pregnancy or a new baby", r"\bpregnan\w*|\bf(?:o)?etal\b|\bnew-?born|\bnew baby\b|\bexpecting\b|\bweeks gone\b|\bante-?natal|"
                                  r"\bpost-?natal|\bjust had (?:a|the|her) baby\b|\bmidwife\b|\bdue date\b|\bbump\b"),
    _p("escalation", r"\bescalat\w*|\bgetting worse\b|\b(?:rising|increas\w*|growing) (?:in )?(?:frequency|severity)\b|\bmore (?:often|frequent|violent|serious|dangerous|controlling)\b|"
                     r"\bworse and worse\b|\bstepped up\b|\bramped up\b|\bfirst time he\b|\bnever (?:used to|been) this\b|"
                     r"\b(?:\d+|two|three|four|five|six|seven)\s+(?:times|call-?outs|incidents|attendances)\s+in\s+(?:the\s+(?:last|past)\s+)?"
                     r"(?:\d+|a|one|two|three|four|five|six|a few)\s+(?:days|weeks|months)\b"),
    _p("dog used as a weapon", r"\bset (?:the|his|a|their) dogs? on\b"),
    _p("weapons", rf"\b(?:has|have|keeps?|owns?|carr(?:y|ies)|got|access to|bought|hides?|hidden|waved|pulled|threatened (?:her|him|me) with)\s+"
                  rf"(?:\w+\s+){{0,3}}{_WEAPON}s?\b|\b{_WEAPON}s?\s+(?:\w+\s+){{0,2}}(?:under|in|hidden|at (?:his|her)|collection|"
                  r"by (?:the |his |her )?(?:front |back |bedroom )?door|on top of)\b|"
                  r"\bshotgun licen[cs]e\b|\bfirearms? licen[cs]e\b|\bgun licen[cs]e\b|\bammo\b"),
    _p("suicide threats", r"\b(?:kill|hang|hurt|harm)\s+(?:himself|herself|themselves)\b|\bsuicid\w*(?!\s+(?:prevention|awareness))|\btake his (?:own )?life\b|"
                          r"\bend it all\b|\bend his life\b|\bnot worth living\b|\b(?:my|his|her) blood (?:will be|is|'ll be) on (?:my|your|her|his) hands\b"),
    _p("harm to children", rf"\b(?:hit|hits|hitting|hurt|hurts|hurting|harm\w*|threaten\w*|shak\w*|smack\w*|slap\w*|punch\w*|kick\w*|"
                           rf"abus\w*|neglect\w*)\s+(?:\w+\s+){{0,2}}{_CHILD}\b|\b{_CHILD}\s+(?:\w+\s+){{0,3}}"
                           r"(?:bruis\w*|injur\w*|neglect\w*|fractur\w*|broken (?:arm|leg|bone|wrist)|burns?|black eye|marks?|"
                           r"scared of him|witness\w*|saw (?:it|him|everything))|"
                           rf"(?=.*\b{_CHILD}\b).*\b(?:bare mattress|dog mess|no food|no heating|filthy|head lice|same nappy|"
                           r"always hungry|not being fed|no electric|unwashed|not brought to)\b|"
                           rf"\b{_CHILD}\b.{{0,60}}\b(?:hits?|hitting|hurts?|beats?|smacks?|belt|bruis\w*|scared of (?:him|dad))\b|"
                           r"\btake the (?:kids|children|baby)\b|\bneglect\w*|\bchild protection\b|\bcp plan\b|\bs47\b|"
                           r"\bget (?:the|his|my) (?:kids|children|baby) back\b.{0,20}\bone way or (?:another|the other)\b|"
                           r"(?=.*\b(?:bairns|kids|children|little ones)\b).*\b(?:come and get (?:you|them)|you'?ll be sorry|"
                           r"youll be sorry)\b|"
                           r"\bsection 47\b|\bnever see the (?:kids|children)\b|\bsleep in (?:their|his|her) (?:shoes|clothes)\b|"
                           r"\btake (?:him|her|them|the (?:kids|children)) (?:far )?away\b.{0,40}\b(?:mummy|mum|mam|mother)\b"),
    _p("coercive control", r"\bnot allowed (?:out|to (?:see|go|leave|work|have))\b|\bcut (?:her|me|him) off from\b|"
                           r"\bwon'?t let (?:her|me|him) (?:see|go to|out|have|work)\b|\bcontrols? (?:all )?(?:her|the|my|his) (?:money|phone|finances|bank|benefits|medication|methadone)\b|"
                           r"\btakes? (?:her|my) (?:phone|keys|passport|bank card|car keys)\b|"
                           r"\b(?:keeps?|kept|holds?|took|taken|has) (?:my|her) (?:passport|documents|visa)\b|"
                           r"\bdeleted (?:my|her) (?:friends|contacts)\b|"
                           r"\bisolat\w*|\bchecks? (?:her|my) phone\b|\b(?:doesn'?t|won'?t|does not|will not) let (?:me|her) sleep\b|"
                           r"\btells (?:me|her) what to wear\b|\bwho (?:i|she) (?:can|am allowed to) see\b|\bfinancial control\b|"
                           r"\bmonitor(?:s|ing)? (?:her|my|me)\b|\bcoercive control\b.{0,40}\b(?:she|he|her|him|my|client|mum)\b"),
    # danger_round25: in-laws saying she has dishonoured them; a family planning to force a gay son to marry abroad
    _p("honour-based abuse", r"\bdishonou?r\w*|\bhonou?r[- ](?:based|killing|violence|abuse)\b|\bbrought shame\b|"
                             r"\bshame (?:on|to) the family\b|\bforc\w* (?:him|her|me|them|you) (?:to |into )?(?:marr\w*|a marriage)\b|"
                             r"\bforced marriage\b|\bmarry (?:a|his|her|their) cousin\b"),
    _p("sexual violence", r"\brap(?:e|es|ed|ing|ist)\b|\bsexual(?:ly)?\s+(?:assault\w*|abus\w*|violen\w*)|"
                          r"\bforc(?:es|ed|ing) (?:her|him|me) to have sex\b|\bforced sex\b|"
                          r"\b(?:makes?|made|forc\w*|pressur\w*)\s+(?:me|her|him)\s+(?:to\s+)?(?:do|have)\s+(?:sex|stuff|things)\b.{0,40}\b(?:bed|want|sex)\b|"
                          r"\bwon'?t take no\b|\b(?:doing|does|did) (?:stuff|things)\b.{0,20}\b(?:i|she) (?:haven'?t|hasn'?t|didn'?t|never) (?:said yes|agreed|consented)\b|\bwhile (?:she|i) (?:was|am) asleep\b"),
)


# Themes told in words no ordinary question uses ("breaching bail conds", "he rapes her"): risk whatever the classifier
# reads, unless the message is about the topic in general.
SURE_THEMES: tuple[Pattern, ...] = (
    _p("breach of an order", r"\bbreach\w*\s+(?:(?:his|her|the|of|their)\s+)?(?:\w+\s+)?(?:bail|non-?mol\w*|nmo|"
                             r"restraining order|injunction|dvpo|dvpn|protection order)\b"),
    _p("sexual violence", r"\b(?:he|she|partner|husband|boyfriend)\s+(?:\w+\s+)?rap(?:es|ed)\s+(?:her|him|me)\b|"
                          r"\bforced (?:her|him|me) to have sex\b"),
    _p("strangulation", r"\b(?:strangled|throttled|choked)\s+(?:her|him|me|mum)\b"),
    _p("stalking", r"\bi know where you (?:live|park|work|go)\b|"
                   # danger_round23: calls made under a false name to find out where she will be
                   r"\b(?:pretending to be|posing as|claiming to be)\b.{0,60}\b(?:to find out|to get|asking for) "
                   r"(?:where|when|her|the)\b"),
    # danger_round25: "uses suicide threats as leverage (texts like 'I'll do it if you don't answer')"
    _p("suicide threats", r"\bsuicide threats? (?:as|for) (?:leverage|control|a weapon|blackmail)\b|"
                          r"\bthreaten\w* (?:to )?(?:kill|harm|hurt) (?:himself|herself) (?:if|unless)\b"),
    # danger_round23: "12 incidents in 6 months compared with 3 the year before"
    _p("escalation", r"\b\d+ (?:incidents|call-?outs|reports|attendances) in (?:the (?:last|past) )?\d+ (?:days|weeks|months)\b"
                     r".{0,40}\b(?:compared (?:with|to)|up from|against|from) (?:just |only )?\d+\b"),
)


def hits(patterns: tuple[Pattern, ...], text: str) -> list[str]:
    """The names of the patterns found in `text`."""
    return [p.name for p in patterns if p.regex.search(text)]


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces, and the commonest texting forms spelled out."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\b(?:hes)\b", "he's", text)
    text = re.sub(r"\b(?:shes)\b", "she's", text)
    text = re.sub(r"\b(?:im)\b", "i'm", text)
    text = re.sub(r"\bu\b", "you", text)
    text = re.sub(r"\b(?:wont)\b", "won't", text)
    text = re.sub(r"\b(?:cant)\b", "can't", text)
    text = re.sub(r"\b(?:pls|plz)\b", "please", text)
    return " ".join(text.split())


# "no one's at risk right this minute but this has been going on for weeks": the worker says it is not happening now
_NOT_NOW = re.compile(r"\b(?:no ?one|nobody|noone|no-one)(?:'s|’s| is) (?:in (?:any )?danger|at risk|in immediate danger) "
                      r"(?:right )?(?:now|this minute|at the moment|tonight|today)\b|"
                      r"\b(?:not|isn'?t|aren'?t) (?:in (?:immediate )?danger|at (?:immediate )?risk) (?:right )?"
                      r"(?:now|this minute|at the moment)\b|\bnot happening (?:right )?now\b|"
                      r"\b(?:she'?s|shes|she is|he'?s|he is|they'?re|they are) (?:at home |home |with (?:her|his) \w+ )?safe "
                      r"(?:now|tonight|at the moment|for now|today)\b", re.IGNORECASE)
# danger_round24: "she's sat in our waiting room now, he doesn't know she's here": a threat told by someone hidden from him
# for now; 999 stays first (he may find her), and the routes for the threat come after it.
HIDDEN_FROM_HIM = re.compile(r"\bhe (?:doesn'?t|does not|dont) know (?:she'?s|she is|they'?re|we'?re|i'?m) (?:here|with us|in here)\b",
                             re.IGNORECASE)


def says_not_happening_now(text: str) -> bool:
    """Whether the worker says the harm told is not happening now (then a risk, not an emergency)."""
    return bool(_NOT_NOW.search(text))


def is_negated_danger(text: str) -> bool:
    """'not in immediate danger', 'no danger now': the danger words deny the danger."""
    return bool(_NEGATED_DANGER.search(text))
