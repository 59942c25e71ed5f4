"""Unsafe ideas proposed indirectly, and pushback after the guidance, mapped to the guidance that answers them.

Workers rarely write "couples counselling?": they ask whether both could go to the same programme,
whether a nan could mediate, or whether to read him what his wife told the doctor. Each pattern
names the guidance topic (knowledge/guidance.yml) that answers it. Plain Python, no Rasa.
"""

from __future__ import annotations

import re
from typing import Optional

_F = re.IGNORECASE
_PAIR = (r"(?:as a couple|(?<!same-sex )(?<!same sex )couples?(?! of\b)|couple's|the two of them|both of them|them both|"
         r"with both|both parties|"
         r"him and her|her and him|he and she|jointly|everyone including (?:him|dad|the dad|the father))")
# "together" as a joint session, not a household ("all living together in Kendal", conversations_round23)
_TOGETHER = (r"(?:\b(?:them|both|couple|he and she|him and her|partner|she and him)\b.{0,40}"
             r"(?<!living )(?<!live )(?<!lives )(?<!moved in )(?<!staying )\btogether\b|"
             r"\b(?:can|could|should|would) they\b.{0,40}\btogether\b|"
             r"\bthey(?:'ll| will| are going to|'re going to| could| can| should| would)\b.{0,50}\btogether\b)")
_ACTIVITY = (r"(?:sessions?|visits?|appointments?|meetings?|courses?|programmes?|groups?|counsel\w*|therapy|review|"
             r"safety plan|conference|work on|talk|learn|attend|see them|sort|leaflets?|healthy relationships?|"
             r"go on it|do it)")

# (topic id, patterns): the first topic with a matching pattern answers.
_PROPOSALS: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = (
    ("worker_safety", (
        re.compile(r"\b(?:on my own|alone|by myself|single[- ]handed|solo)\b.{0,50}\b(?:visit|go(?:ing)? (?:round|over)|"
                   r"to his (?:flat|house|home|place|address)|drop(?:ping)? (?:it |the \w+ )?off|"
                   r"pop(?:ping)? (?:round|over|in)|call(?:ing)? round|drop(?:ping)? (?:in|by|round)|"
                   r"see(?:ing)? him|meet(?:ing)? him)\b|\b(?:visit(?:ing)?|"
                   r"go(?:ing)? (?:round|over|to (?:his|the) (?:address|flat|house|home))|"
                   r"pop(?:ping)? (?:round|over|in)|"
                   r"call(?:ing)? round|drop(?:ping)? (?:in|by|round)|see(?:ing)? him|meet(?:ing)? him)\b.{0,80}"
                   r"\b(?:on my own|alone|by myself|solo)\b", _F),
    )),
    ("safety_first", (
        # conversations_round28: "Mum could supervise dad's contact with the kids"; "the only number I have for her is his
        # mobile. I'll ring that to talk about the abuse"
        re.compile(r"\b(?:mum|mam|she|the mother|his (?:partner|wife|ex))\b.{0,20}\bsupervis\w* (?:dad'?s|his|the) contact\b|"
                   r"\bonly (?:phone )?(?:number|phone|contact)(?: number)? (?:i (?:have|'ve got) )?for her is his\b|"
                   r"\bhis (?:mobile|phone|number)\b.{0,60}\b(?:ring|call|text|message) (?:her|that|it)\b.{0,60}\babuse\b", _F),
        # conversations_round29: "She's in my office now. Shall I ring him on speaker so we can sort the rent?"
        re.compile(r"\b(?:ring|call|phone|facetime|video ?call) (?:him|dad|the dad|the father|her husband|her partner) "
                   r"(?:up )?(?:on|with|using)? ?(?:the )?(?:speaker|loudspeaker|speakerphone|speaker ?phone)\b|"
                   r"\b(?:him|her) on (?:the )?(?:speaker|loudspeaker|speakerphone)\b", _F),
        re.compile(r"\bwhile he'?s in the (?:next|other) room\b|\bwith him (?:in the next room|nearby|listening)\b|"
                   r"\b(?:ring|call|phone|speak to) her while he'?s (?:with me|here|there|listening|in the room)\b", _F),
        re.compile(r"\b(?:come|sit|be|stay) (?:in|into|in on) (?:her|the) (?:\w+ ){0,2}(?:appointments?|appts?|booking|"
                   r"consultations?|assessments?|reviews?|scans?)\b|\blet him (?:in|into|stay in|sit in|stay) (?:the room|"
                   r"her appointment|on|for it)\b|\bask him to (?:wait outside|leave the room|step out)\b", _F),
        # him interpreting for her, or his programme where and when her support runs
        re.compile(r"\b(?:dad|he|him|the father|her (?:husband|partner)|the perp\w*|his (?:brother|mum|mother|sister))\b"
                   r"(?: \w+){0,3} (?:interprets?|interpreting|translates?|translating)\b|"
                   r"\b(?:use|using|let|letting|have|having) (?:him|dad|the father|her (?:husband|partner)) (?:to )?"
                   r"(?:interpret|translate)\b|"
                   r"\bsame (?:venue|place|building|centre|center|site|time|day|night)\b.{0,40}\b(?:partner'?s|her|his "
                   r"(?:partner|wife|girlfriend|ex)|mum'?s|the victim'?s|wife'?s)\b.{0,20}\b(?:support|group|sessions?|"
                   r"appointments?|refuge)\b", _F),
        # conversations_round30: her support reached through him, or her at his sessions
        re.compile(r"\b(?:ask|get|have|asking|getting) (?:him|dad|the dad|the father|my client|the client) (?:to )?"
                   r"(?:pass|give|hand|take|bring)(?: on)? (?:\w+ ){0,4}(?:to|for) (?:her|his (?:partner|wife|girlfriend|ex)|mum|"
                   r"the mum)\b|"
                   r"\b(?:through|via) him\b.{0,30}\b(?:to|for) (?:her|his (?:partner|wife|girlfriend|ex))\b|"
                   r"\b(?:he|him|dad|my client)\b.{0,40}\b(?:partner support|her support|her|the partner'?s?) ?"
                   r"(?:support )?(?:worker|idva|advocate)'?s? (?:number|contact|details|phone|email)\b|"
                   r"\b(?:his (?:partner|wife|girlfriend|ex)|she|the partner|mum|i)\b.{0,30}\b(?:sit in on|sit in|join|attend|"
                   r"come to|come along to|go along to|go along with him to) (?:one of )?his "
                   r"(?:sessions?|groups?|course|programme|classes)\b|"
                   r"\b(?:his (?:partner|wife|girlfriend|ex)|she|the partner|mum)\b.{0,30}\bsit in on (?:a|one|the) "
                   r"(?:session|group)\b|\b(?:can|could|should|shall) i (?:go|come|sit in)(?: along)? with him\b", _F),
        re.compile(r"\b(?:ask|asking|raise|raising|do|doing) (?:the|her|about|my)? ?(?:da|dv|routine|enquiry|question|"
                   r"questions|screening)\b.{0,40}\bwith him (?:there|present|in the room|sat there|listening)\b", _F),
    )),
    ("challenge_minimisation", (
        re.compile(r"\b(?:aa|alcoholics anonymous|rehab|detox)\b.{0,40}\b(?:sort|fix|stop|solve|end)\b|\bit was mutual\b|"
                   r"\bmutual (?:abuse|violence|fighting|aggression)\b|"
                   r"\bsort(?:ing)? (?:out )?(?:the |his )?drinking\b|"
                   r"\bonly (?:ever )?happens when (?:he'?s|hes|he is) (?:had a drink|"
                   r"drunk|drinking|high)\b|\bevery (?:incident|time)\b.{0,30}\b(?:drunk|drinking|had a drink|high)\b|"
                   r"\b(?:started|going to|joined) (?:aa|alcoholics anonymous|rehab|detox)\b|\bpromised to stop drinking\b", _F),
        # conversations_round29: "the only reason things get heated is because she knows how to push his buttons and it
        # takes two"
        re.compile(r"(?:\bpush(?:es|ing)? (?:his|all his) buttons\b|\bit takes two\b|\btakes two to tango\b)"
                   r"(?!.{0,80}\b(?:joint|together|couples?|mediat\w*)\b)", _F),
        # conversations_round28: "he's agreed to go to AA, so can we close the DA side"
        re.compile(r"\b(?:agreed|agrees|going|promised) to (?:go to |attend |start )?(?:aa|alcoholics anonymous|rehab|detox|"
                   r"a drink(?:s|ing)? (?:course|service|group))\b|"
                   r"\bclose (?:the )?(?:da|dv|abuse) (?:side|case|referral|part)\b", _F),
        # conversations_round27: "Surely if we treat his depression the abuse will stop?"
        re.compile(r"\b(?:treat|treating|sort|sorting|fix|fixing|help with)\b (?:out )?(?:his|her|the) (?:depression|"
                   r"mental health|anxiety|ptsd|stress|drinking|drug use|addiction)\b.{0,60}\b(?:abuse|violence|it|"
                   r"he)\b.{0,20}\b(?:stop|end|go away|calm down)|\bdo we (?:really |actually )?need (?:a|the) "
                   r"(?:da|dv|perpetrator|perp|abuse) (?:programme|course|referral)\b", _F),
        # conversations_round23: "can i just prescribe him something to calm him down? he says its stress"
        re.compile(r"\b(?:prescrib\w*|medication|meds|tablets|propranolol|beta[- ]?blockers?|antidepressants?|sedat\w*)\b.{0,60}"
                   r"\b(?:calm (?:him|her) down|his (?:anger|temper|stress)|stress)\b|\bcalm (?:him|her) down\b.{0,60}"
                   r"\b(?:prescrib\w*|medication|meds|tablets|propranolol)\b", _F),
        re.compile(r"\b(?:decent|good|nice|lovely) (?:bloke|lad|guy|man|fella) really\b|"
                   r"\breally (?:nice|decent|good|lovely) (?:bloke|lad|guy|man|fella)\b|\bjust has a (?:bit of a )?temper\b|"
                   r"\bonly (?:gets |get |is |becomes )?(?:violent|violant|aggressive|nasty|abusive) when "
                   r"(?:he'?s|hes|he is|he has) "
                   r"(?:had a drink|drunk|drinking|high)\b|\b(?:it'?s|its) the (?:alcohol|drink|drugs?) (?:we|you) "
                   r"(?:should|shuold|need to|ought to) (?:be )?treat|\b(?:she|her) provok\w+ him\b(?!.{0,60}\btogether\b)|"
                   r"\b(?:it was )?(?:only|just) (?:the )?(?:one|a) (?:slap|push|shove|grab)\b|"
                   r"\b(?:something|summat|owt|anything) (?:lighter|less (?:heavy|intense|formal))\b|"
                   r"\bi (?:honestly |really |genuinely |actually )?believe him\b|\bit was (?:a )?one[- ]off\b|"
                   r"\b(?:skip|instead of|rather than|not need) (?:the |a )?(?:perpetrator |perp |dv |da )?"
                   r"(?:programme|course|dapp)\b.{0,40}\b(?:drink\w*|alcohol|drugs?|rehab)\b|"
                   r"\b(?:drink\w*|alcohol|drugs?)\b.{0,60}\b(?:skip|instead of|rather than) (?:the |a )?(?:perpetrator |perp )?"
                   r"(?:programme|course)\b", _F),
    )),
    ("partner_disclosures", (
        re.compile(r"\bread(?:ing)? (?:out )?(?:the |her )?(?:vp'?s|victim'?s|ip'?s|partner'?s|her) (?:victim )?"
                   r"(?:account|statement|disclosure|words)\b", _F),
        re.compile(r"\b(?:her|the victim'?s|the ip'?s|mum'?s|the complaint she|the statement she) ?(?:statement|complaint|"
                   r"safety plan|disclosure|dash|made)?\b.{0,80}\b(?:give (?:him|the perp)|share (?:it |this )?with (?:him|"
                   r"the perp)|show him|send him|release)\b", _F),
        re.compile(r"\b(?:give|share|show|send|release)\b.{0,40}\b(?:copy of|summary of)?\s?(?:her|the victim'?s|the ip'?s) "
                   r"(?:statement|complaint|safety plan|disclosure|dash)\b|\bcopy of the (?:complaint|statement) she\b", _F),
        re.compile(r"\btell him (?:that )?she(?:'s|s| has)? (?:told|said|disclosed|spoken|reported|gone|moved|left)\b|"
                   r"\btell him where she\b|\b(?:read|show|give|send) him (?:her|the victim'?s)\b|"
                   r"\b(?:know|tell him) where (?:the kids|the children|she|they) (?:live|lives|are|is)\b|"
                   r"\basking (?:me )?(?:directly )?what she (?:said|told)\b|"
                   r"\b(?:what|which) (?:town|area|city|street|village|refuge|part of \w+) (?:she|they|the kids)"
                   r"(?:'s|’s| is| are|'re)? (?:in|at|living|staying|living in|staying in)\b|"
                   r"\b(?:put|raise|use) (?:those|them|it|that|this|what she said|her disclosures?) "
                   r"(?:to|with) him\b", _F),
        re.compile(r"\b(?:tell|show|read|give|confirm|pass on|forward|send|let him (?:see|know|read))\b.{0,40}"
                   r"\b(?:what (?:she|his wife|his partner|his girlfriend|mum) (?:said|told|disclosed|mentioned)|"
                   r"her (?:disclosure|dash|address|new address|statement|words|notes|details|contact details|"
                   r"number|phone number)|the dash|"
                   r"(?:whether|if) she(?:'s| has)? (?:said|told|mentioned|been in touch|disclosed))", _F),
        # conversations_round27: "should i give him the heads up so its not a shock for him"
        re.compile(r"\b(?:give|giving|gave) (?:him|dad|the dad|the father) (?:a |the )?heads[- ]?up\b|"
                   r"\b(?:warn|tell|let|prepare) him (?:know )?(?:that )?(?:she'?s|shes|she is|she'?ll|she will) "
                   r"(?:planning|going|leaving|moving|about to|off)\b|\bso (?:it'?s|its|it is) not a shock (?:for|to) him\b", _F),
        re.compile(r"\bhint (?:at|about|to him)\b|\btell him (?:that )?(?:the )?(?:referr?al|report|call|complaint|concern) "
                   r"(?:came|was|is) from her\b|\b(?:share|show|give|send|read|pass)\b.{0,40}\b(?:marac|mash|strategy|"
                   r"safety|child protection|cp|risk|core group)\s+(?:action plan|minutes|plan|notes|referral|assessment|"
                   r"report|meeting notes)\b.{0,40}\b(?:with|to) (?:him|the perp\w*|dad|the father|the dad)\b|"
                   r"\b(?:send|give|show|read|forward) (?:him|the perp\w*|dad|the father) (?:the |a copy of the |a copy of )?"
                   r"(?:marac|mash|strategy|safety|child protection|cp|risk|core group)\s+(?:action plan|minutes|plan|notes|"
                   r"referral|assessment|report)\b", _F),
        re.compile(r"\bwhat (?:his wife|his partner|she) (?:told|said to) (?:the|us|me|her)\b.{0,60}"
                   r"\b(?:tell|read|give|show)\b", _F),
        re.compile(r"\b(?:asked|asking|wants?|wanted) (?:me )?for (?:her|the victim'?s|mum'?s|his ex'?s) (?:new )?(?:address|"
                   r"number|phone number|details)\b|\bgo[- ]between\b|\bmiddle ?man between\b", _F),
        re.compile(r"\b(?:her|the victim'?s|mum'?s) (?:new )?address\b.{0,40}\b(?:give|tell|pass|send)\b|"
                   r"\b(?:give|tell|pass|send)\b.{0,30}\b(?:her|the victim'?s) (?:new )?address\b", _F),
        re.compile(r"\b(?:sight of|see|read|access to|a copy of)\b.{0,50}\b(?:partner support|what (?:the )?partner|"
                   r"her (?:updates|records?|notes|file))\b", _F),
        re.compile(r"\bconfirm (?:it|yes or no|that)\b.{0,60}\b(?:she|her)\b|\b(?:she|her)\b.{0,60}"
                   r"\bconfirm (?:it|yes or no|that)\b", _F),
    )),
    ("not_couples_work", (
        re.compile(r"\bmediat\w*|\bmiam\b|\brestorative\b|\bfamily group conferenc\w*|\bfgcs?\b|\bcounsel (?:them|the two)\b|"
                   r"\bcounsell?(?:or|ing)\b.{0,30}\b(?:his|the|about) anger\b|\banger\b.{0,20}\bcounsell?\w*|"
                   r"\banger (?:and \w+ )?(?:manag\w*|mgmt)|\bstress manag\w*|\bmanag\w* (?:his |the )?stress\b|"
                   r"\bmindfulness\b|\bcouples? (?:work|counselling|therapy|sessions?)\b|\ba relationship problem\b|"
                   r"\bcount to ten\b|\banger (?:app|course|class)|"
                   r"\b(?:try|suggest|refer (?:them )?to|go to|book) relate\b|"
                   # conversations_round27: "a stres managment app ... can that replace a perpatrator referal"
                   r"\bstres{1,2} manag\w*|\b(?:replace|instead of|rather than|substitute for)\b (?:a |the |his )?"
                   r"(?:perp\w* |da |dv |specialist )?(?:referr?al|programme|course|intervention)\b", _F),
        re.compile(r"\b(?:can|could) she (?:do|come to|attend|join|sit in on) (?:the |his )?(?:sessions?|group|programme)\b",
                   _F),
        re.compile(rf"\b(?:with (?:the mother|mum|her|the victim|his partner|his wife) (?:present|there)|both parents)\b"
                   rf".{{0,60}}\b{_ACTIVITY}\b|\b{_ACTIVITY}\b.{{0,60}}\b(?:with (?:the mother|mum|her|the victim|his partner)"
                   rf" (?:present|there)|both parents)\b", _F),
        re.compile(r"\bjoint (?:work|session|appointment|meeting|visit|counselling|review)s? with (?:him|her|both|them|"
                   r"(?:his|her) (?:partner|wife|girlfriend|ex))\b|\bmeeting between them\b|"
                   r"\bmeeting between (?:him|dad|the father|the dad) and (?:her|the mother|mum|the mum|his ex|the victim)\b|"
                   r"\bapologi[sz]e to her\b|"
                   r"\bcome along with (?:her|him)\b|\bsit in on (?:his|her) \w+", _F),
        re.compile(rf"\b{_PAIR}\b.{{0,60}}\b{_ACTIVITY}\b|\b{_ACTIVITY}\b.{{0,60}}\b{_PAIR}\b", _F),
        re.compile(rf"{_TOGETHER}", _F),
        # conversations_round27: "they've come to me together to 'improve communication'"
        re.compile(r"\bthey(?:'ve| have)? (?:come|came|been coming) (?:to (?:me|us|see me) )?together\b|"
                   r"\bimprov\w* (?:their |the )?communication\b", _F),
        re.compile(r"\b(?:support|see|work with|help|counsel) (?:them|the two of them|them both|both of them)(?: both)? "
                   r"(?:as a couple|together|jointly)\b", _F),
        re.compile(r"\btips on (?:walking away|calming down|controlling his temper|managing his anger|keeping calm)\b|"
                   r"\bsay sorry to her\b|\bface to face\b.{0,30}\b(?:with her|apolog\w*|sorry)\b|"
                   r"\b(?:something|anything|a programme|a course|a service|support) for couples\b|"
                   r"\bboth (?:go|be|attend|join|do)\b.{0,25}\bsame (?:group|programme|course|sessions?)\b", _F),
        re.compile(r"\b(?:refer|get|put|send|book|sign) (?:them|the two of them|both of them)(?: both)? (?:on|onto|into|to|up to|"
                   r"for)? ?(?:the )?same\b|\bboth (?:to|on|onto) the same\b", _F),
        re.compile(r"\bsame (?:programme|course|group|caseworker|case worker|worker|key ?worker|sessions?|"
                   r"appointments?) as (?:her|his partner|his wife|the victim|mum|the mum)\b", _F),
        re.compile(r"\b(?:his )?(?:partner|wife|girlfriend|she|mum)\b.{0,40}\b(?:come|came|coming|attend|join|sit in)\b"
                   r".{0,30}\b(?:his|the|some of his) (?:[\w:-]+ ){0,2}(?:sessions?|programme|group|appointments?)\b", _F),
        re.compile(r"\bfamily therapy\b|\bwhole family\b.{0,20}\b(?:him|dad|he) included\b|"
                   r"\balongside (?:his|her) (?:partner|wife|girlfriend|husband)\b|"
                   r"\b(?:his|her) (?:partner|wife|girlfriend|husband) (?:sat |sitting )?(?:alongside|beside|next to) "
                   r"(?:him|her)\b|"
                   r"\bjoint (?:session|sessions|counselling|therapy)\b(?! with (?:probation|police|a colleague|my colleague))",
                   _F),
        re.compile(r"\bfamily (?:session|meeting|day|visit|time|therapy)s? (?:with|for) (?:everyone|all of them|all four|"
                   r"the whole family|both|them all)\b|\b(?:everyone|the whole family) (?:together|in one room)\b", _F),
        re.compile(r"\b(?:go|come|sit in) with him to (?:every|his|the|all)\b|\bthree-way meeting\b|"
                   r"\bat the same time as (?:mum|her|the mother|his partner)\b", _F),
        re.compile(r"\bbring him in\b.{0,60}\b(?:shes?|her)\b|\bboth (?:go|attend|do|come) (?:on|to|along)\b", _F),
        # conversations_round25: her at his assessment "so they can both give their side"; "him, her, me, same room"
        re.compile(r"\b(?:both|they both|each) (?:give|tell|put|share) (?:their|his and her) (?:sides?|versions?|accounts?)\b|"
                   r"\b(?:him|he),? (?:and )?her\b.{0,30}\bsame room\b|\bsame room\b.{0,30}\b(?:him and her|both of them)\b", _F),
    )),
    ("information_sharing", (
        re.compile(r"\b(?:don'?t|do not|not|won'?t) share anything\b|"
                   r"\bonly engage if\b.{0,40}\b(?:share|tell|confidential)\w*", _F),
    )),
    ("dont_collude", (
        re.compile(r"\b(?:say|said|tell|told|saying|telling) (?:to )?him (?:that )?(?:it'?s|that'?s|it is|that is) "
                   r"(?:understandable|fair enough|normal|natural|only natural|ok|okay)\b|\bkeep(?:ing)? him on side\b", _F),
        # conversations_round27: "Tbh I get that, anyone would be annoyed"
        re.compile(r"\b(?:anyone|anybody|any (?:man|bloke|guy|husband)) would (?:be|get|have been) (?:\w+ )?(?:annoyed|angry|"
                   r"mad|upset|wound up|jealous|cross|furious)\b", _F),
        re.compile(r"\bi (?:kind of |sort of |actually )?agree with him\b|\bwhere he'?s coming from\b|"
                   r"\b(?:have|had) a quiet word\b|\bpass (?:it|the letter|a letter|this|the message|a message) on\b|"
                   r"\bhe asked me to pass\b|\bpass (?:her|him) (?:a|the|his) (?:letter|message|card|note|gift)\b|"
                   r"\bletter\b.{0,60}\b(?:deliver|pass (?:it )?on|hand (?:it )?(?:to|over))\b|"
                   r"\b(?:she'?s|she is) (?:really|actually) (?:the )?(?:abuser|abusive one)\b|"
                   r"\brefer her\b.{0,30}\binstead\b|"
                   r"\bboth sides\b(?! of the (?:border|county|river|bay|estuary|pennines|city|patch))|"
                   r"\btell her to (?:stop|ease off|back off|calm down|leave him)\b|"
                   r"\bif (?:mum|she) stops (?:'|‘)?nagging\b|"
                   r"\bif she does\b.{0,40}\b(?:course|programme|one|too|same)\b|"
                   r"\bif she (?:just )?(?:stayed in|stopped|didn'?t (?:wind|go out|nag|provoke|answer back)|did what he)\b|"
                   r"\b(?:only like this|only does it|only happens) when she\b|\b(?:gets|got|was|is) provoked\b|"
                   r"\binclined to agree\b|\bpass (?:a|the|his) (?:message|letter|note|card|apology) (?:to|on to) her\b|"
                   r"\b(?:says|saying|claims|claiming|reckons|insists|thinks)\b.{0,40}\b(?:he'?s|hes|he is) (?:actually |really |"
                   r"the real |the )*victim\b|\b(?:she'?s|shes|she is) the (?:real |actual )?(?:abusive one|abuser)\b|"
                   r"\bpass on (?:a|an|the|his) (?:\w+ )?(?:letter|message|card|note|gift|apology)\b", _F),
    )),
)

_ALTERNATIVE = (r"\bwhat'?s the alternative\b|\bwhat should (?:it|we|i) (?:be|do) instead\b|\bwhat'?s the next step\b|"
                r"\bwhat would you suggest\b|\bwhat (?:should|can|do) i (?:do|offer|say) (?:then|instead)\b|"
                r"\bhow (?:should|can|do|could) i (?:do|handle|approach) (?:it|this|that) instead\b|"
                r"\bhow should i have (?:responded|handled it|said it)\b|\bwhat else (?:can|could|should) i do\b|"
                r"\bwhat (?:would|will|does|might|could) (?:actually |really )?help\b")
_PUSHBACK = re.compile(
    r"\b(?:but|surely|even if|though)\b.{0,60}\b(?:keen|agreed|agrees|wants it|her idea|his idea|"
    r"good idea|try it|give it a go|willing|consent\w*|happy to|insist\w*|asked for it)\b|"
    r"\b(?:can'?t|couldn'?t|could|can) (?:we|i) (?:just )?(?:try|give it a go)\b|"
    r"\b(?:any way|anyway) it could work\b|\bif i'?m there\b|\bif (?:i|we) (?:sit in|supervise)\b|"
    r"\bwho (?:do|should|are) (?:we|i) (?:supposed to |meant to )?believe\b|"
    # conversations_round25: "i'll keep my phone on me, its fine"; "just the bits about how she's feeling?"
    r"\bi'?ll (?:keep|have) my phone on me\b|\b(?:it'?s|its|i'?ll be|it will be) (?:fine|ok|okay)\W*$|"
    r"\bjust the (?:bits|parts|general bits)\b|\bnothing specific\b|"
    # conversations_round21: the family's pressure, the worker's own experience, "come on", her part pressed
    r"\b(?:family|families|they|she|he|everyone|his mum|her mum|the court)(?: are| is|'re|'s)? (?:really |all )?"
    r"(?:pushing|pressing|pushy|keen) (?:for|on) it\b|\b(?:feel|felt|it'?s|its) (?:\w+ )?awkward (?:saying|to say) no\b|"
    # conversations_round28: "but she's asking for it herself", "they're both adults and she's agreed, so why not?",
    # "I hear you but I don't have anything else"
    r"\b(?:she'?s|she is|she has|they'?re|they are) (?:the one )?(?:asking|asked) for it\b|\bso why not\b|"
    r"\b(?:they'?re|they are) both adults\b|\b(?:she'?s|she has|they'?ve|they have|both have) agreed\b|"
    r"\bi hear you,? but\b|\bi (?:don'?t|do not) have anything else\b|\bnothing else (?:is )?(?:available|on offer|to offer)\b|"
    # conversations_round29: "he'd be offended by being called a perpetrator"
    r"\b(?:he'?d|he would|he will|he'?ll|she'?d|she would) (?:be )?(?:really )?(?:offended|insulted|upset|furious)\b|"
    r"\bhard to say no\b|\b(?:i'?ve|i have|we'?ve|we have) done (?:it|this|that) before\b|"
    r"\bit was fine (?:before|last time|tbh|then)\b|^\W*come on\b|\bshe (?:admits|says|accepts) she \w+ (?:\w+ )?too\b|"
    r"\b(?:she'?s|she is) just as bad\b|\bthey both do it\b|\bas bad as each other\b|"
    # conversations_round17: a smaller part of what was advised against ("just the postcode then?")
    r"^\W*(?:ok(?:ay)?|so|well)?\W*(?:just|only|what about|even) (?:the|her|their|a) (?:postcode|street|road|area|town|"
    r"first line|number|phone number|mobile|email|school|general area)\b|"
    # conversations_round19: the pressure of the job given as the reason ("we're short staffed though")
    r"\b(?:short[- ]staffed|understaffed|stretched|no capacity)\b|\b(?:it'?s|its|it is) (?:just )?(?:quicker|easier|faster)\b|"
    r"\bno ?one else (?:is )?(?:free|available|around)\b|\bnobody (?:else )?(?:is )?(?:free|available)\b|"
    r"\b(?:his|her|the) (?:psychiatrist|gp|doctor|consultant|therapist|counsellor|probation officer|solicitor) "
    r"(?:agrees|(?:thinks|says|said|reckons) (?:so|it'?s (?:fine|ok|okay|enough)|that'?s (?:fine|enough)))\b|"
    r"\b(?:think|thinks|says?) it'?s a good idea\b|\bif it'?s (?:her|his|their) (?:idea|choice)\b|"
    r"\bit'?ll help (?:her|him|them)\b|\bshe (?:really )?wants it\b|"
    r"\b(?:what|so what) (?:would|should|could|do|can) (?:you|i|we) (?:suggest|do|say|recommend|offer)\b.{0,25}\binstead\b|"
    r"\binstead then\b|^\W*why not\W*$|\b(?:both|they both|she|he) (?:want|wants|asked for) (?:it|this)\b|"
    r"\b(?:their|her|his) (?:own )?choice\b|\bhappy to do it\b|\bjust an apology\b|\bjust the gist\b|"
    r"\bwhat if i (?:take|bring) (?:a|my) colleague\b|\basked for it\b|\bwants? it too\b|\bit'?s only (?:a|an|\d+)\b|"
    r"\bi'?ll be (?:fine|ok|okay)\b|\bsurely\b|\bnothing threatening\b|\bherself though\b|\bkeen on it\b|"
    r"\bfree though\b|\bcomplain if i don'?t\b|\bif i don'?t tell him\b|"
    r"\b(?:asked for it|wants it|agreed to it|keen)\b.{0,30}\bthough\b|"
    r"\b(?:quickest|quicker|fastest|faster|easiest|easier|cheapest|cheaper) (?:route|option|way)\b|"
    r"\balready on (?:the|a|their) waiting list\b|\b(?:it'?s )?(?:that|this) or nothing\b|"
    r"\bwon'?t (?:do|go on|go to) anything (?:with|called)\b|\bno ?one (?:free|available|else) to (?:come|go) with me\b|"
    r"\b(?:never|not) been (?:aggressive|violent|threatening|rude) (?:to|towards|with) (?:staff|us|me|workers|anyone)\b|"
    r"\b(?:drop out|disengage|walk away|stop engaging|pull out)\b.{0,30}\bif (?:i|we) (?:don'?t|do not|won'?t)\b|"
    r"\bshe wants (?:to|it|this) (?:as well|too)\b|\bwhat about just\b|\bjust a (?:short|quick|brief) one\b|"
    r"\b(?:he )?(?:just|only) wants? to (?:send|give|see|say|pass|write)\b|"
    r"\b(?:the )?court (?:has )?order(?:ed|s) it\b|\bworth a (?:go|try|shot)\b|\bno ?one (?:free|available)\b|"
    r"\bjust go (?:then|anyway)\b|\b(?:got|has|have) pr\b|\b(?:cafcass|the judge|the court) (?:wants?|said|says)\b|"
    r"\b(?:she'?s|he'?s|they'?re|she is|he is) (?:really |very )?"
    r"(?:insistent|adamant|determined)\b|\bentitled to (?:know|see|it|that)\b|\bparental responsibility\b|"
    r"\bthe one who (?:suggested|asked for|wanted) it\b|\b(?:both )?seem to want it\b|"
    r"\b(?:my |our |the )?(?:manager|supervisor|boss|team (?:leader|manager)|senior|colleagues?|line manager|"
    r"practice lead|consultant|gp|the team) (?:(?:thinks?|says?|said|reckons?) (?:that )?(?:it'?s|its|it is|it'?d be|it would be|"
    r"that'?s|that is) (?:fine|ok|okay|alright|all right|acceptable|a good idea|good|worth)|is happy|are happy|"
    r"(?:has |have )?agreed|agrees|wants? (?:me|us) to)\b|"
    r"\b(?:he'?ll|he will|he'?d|he would|she'?ll|she will) (?:kick off|go mad|be furious|get angry|disengage|complain|"
    r"refuse)\b.{0,20}\bif (?:i|we) (?:say no|don'?t|refuse|won'?t)\b|\bif (?:i|we) say no\b|"
    + _ALTERNATIVE,
    _F)


# "says it was mutual ... anger mgmt for both?": work with the two of them asked for, whatever else the message says
_FOR_BOTH = re.compile(r"\b(?:anger (?:mgmt|management|course|classes)|counselling|mediation|a course|sessions?|therapy) "
                       r"(?:for|with) (?:both|the two of them|them both|the pair of them|the couple)\b", _F)


def proposed_topic(text: str) -> Optional[str]:
    """The guidance topic answering an unsafe idea the message proposes or asks about, if it does."""
    sample = (text or "")[:2000]
    if sample.lstrip().startswith("/"):
        return None
    if _FOR_BOTH.search(sample):
        return "not_couples_work"
    for topic_id, patterns in _PROPOSALS:
        if any(p.search(sample) for p in patterns):
            return topic_id
    return None


def asks_for_alternative(text: str) -> bool:
    """'So what should it be instead?': after the guidance, a request for what to do."""
    return bool(re.search(_ALTERNATIVE, (text or "")[:500], _F))


def is_pushback(text: str) -> bool:
    """'But he's keen and she's agreed': pressing for what the guidance just advised against."""
    return bool(_PUSHBACK.search((text or "")[:500]))
