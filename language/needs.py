"""Needs a worker raises about the person they're asking for: age, gender, language, literacy, substance use...

"hes only 17 btw", "its the mum whos abusive", "he's dyslexic", "he'd need evenings": each is a question
about who a programme takes. Found here (plain Python); directory.eligibility answers each from the record.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE
_WITH = r"(?:in a relationship with|with|living with|married to|going out with)"
# Languages a worker names for a man who would need an interpreter ("he speaks kurdish only", "delivered in spanish")
_LANGUAGE = (r"(?:spanish|polish|urdu|punjabi|panjabi|arabic|kurdish|sorani|kurmanji|romanian|portuguese|bengali|bangla|"
             r"sylheti|somali|farsi|persian|dari|pashto|tigrinya|amharic|lithuanian|latvian|turkish|gujarati|hindi|"
             r"mandarin|cantonese|chinese|russian|ukrainian|albanian|bulgarian|czech|slovak|hungarian|french|italian|"
             r"tamil|vietnamese|thai|tagalog|welsh|cymraeg|gaelic|swahili|yoruba|igbo|shona|lingala)")
_NEEDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("women", re.compile(r"\b(?:she'?s|she is|it'?s) the one (?:doing|perpetrating|using|abusing|who)|"
                         r"\b(?:shes|she'?s|it'?s|its) (?:a woman|female)\b|"
                         r"\b(?:the )?(?:mum|mother|wife|girlfriend|she)(?:'s| is)? (?:the one )?(?:who'?s|whos|is|that'?s)? ?"
                         r"(?:abusive|the abuser|the perpetrator|perpetrating|doing it)\b|"
                         r"\b(?:take|work with|accept|for) (?:women|a woman|her|female perpetrators|mums?)\b|"
                         r"\bwud they work with her\b|\bit'?s her,? not him\b|\b(?:men|male)[- ]only\b|"
                         r"\b(?:only|just) for (?:men|males)\b|\b(?:it'?s|its) (?:actually )?the (?:wife|mum|mother|"
                         r"girlfriend|woman)\b|"
                         r"\bthe (?:wife|girlfriend|mum|mother) (?:controlling|abusing|hitting|attacking)\b|"
                         r"\b(?:mum|mother|wife|girlfriend|she)\b.{0,20}\b(?:who'?s|whos|who is|is|who has been) "
                         r"(?:using|perpetrating|committing|doing) (?:the )?(?:abuse|violence|it)\b|"
                         r"\b(?:perpetrator|abuser|person using abuse|client) (?:is|were|was) a (?:woman|female|mum|mother)\b|"
                         r"\b(?:mum|mother|she)(?:'s| is| has)(?: actually)? (?:been )?(?:the )?(?:violent|abusive) one\b|"
                         r"^\W*(?:and |what about |how about |do they take |any for )?(?:women|a woman|females?|mums)\W*$|"
                         r"\b(?:it'?s|its) (?:actually )?(?:her|mum|the mum|the mother) (?:who'?s|whos|who has|who is|that'?s) "
                         r"(?:been )?(?:violent|abusive|hitting|the abuser|the perpetrator)\b", _F)),
    ("same_sex", re.compile(r"\bsame[- ]sex\b|\b(?:gay|bisexual|bi)\b.{0,40}\b(?:partner|man|men)\b|"
                            r"\b(?:his|her) (?:current )?partner is a (?:man|woman)\b|\bboth (?:are )?(?:men|women)\b|"
                            r"\b(?:lgbt\w*|queer|lesbian)\b|\b(?:his|he has a|he'?s got a) (?:boyfriend|husband)\b|"
                            r"\b(?:her|she has a|she'?s got a) (?:girlfriend|wife)\b|\bstraight (?:men|lads|blokes|"
                            r"guys|couples)\b|"
                            r"\b(?:he'?s|hes|he is|she'?s|she is) gay\b|\b(?:his|a) male (?:partner|boyfriend)\b|"
                            # conversations_round23: "hes with another man now and its his new partner he is hurting"
                            r"\b(?:he'?s|hes|he is|he'?s now|now) (?:with|seeing|dating) (?:another|a) man\b|"
                            r"\bin a relationship with (?:a|another) (?:man|guy|bloke|woman)\b|"
                            r"\bmale (?:perp\w*|client|offender|man),? (?:and )?(?:a )?male partner\b|"
                            r"\b(?:she'?s|shes|she is) (?:with|seeing|dating) (?:another|a) woman\b|"
                            r"\b(?:her|a) female (?:partner|girlfriend)\b|"
                            rf"\bhe(?:'s| is)? {_WITH} (?:a|another) man\b|\bshe(?:'s| is)? {_WITH} (?:a|another) woman\b",
                            _F)),
    ("interpreter", re.compile(r"\binterp\w*|\btransl\w*|\bfirst language\b|"
                               rf"\b(?:speaks?|speaking|needs?) (?:only |it in |an? )?{_LANGUAGE}(?: only)?\b|"
                               rf"\b{_LANGUAGE} (?:only|speaker|speaking)\b|"
                               rf"\b(?:in|into) {_LANGUAGE}\b(?! (?:food|restaurant|class(?:es)?|lessons?|culture|football))|"
                               r"\b(?!english)[a-z]+[- ]speaking (?:group|programme|worker|facilitator|course|"
                               r"sessions?|service)\b|"
                               r"\b(?:bit of|little|limited|no|poor|basic|broken) english\b|"
                               r"\bdoesn'?t speak (?:much )?english\b|\bbsl\b|\bsign language\b|\bprofoundly deaf\b|"
                               r"\benglish (?:isn'?t|is not|isnt|not) (?:great|good|very good|brilliant|fluent|strong)\b|"
                               r"\b(?:struggles|struggling) with english\b|\bonly speaks (?!english)[a-z]+\b|"
                               r"\bspeaks (?:no|little|hardly any|very little) english\b|"
                               r"\benglish\b.{0,50}\bnot (?:so |very |that |too )?(?:good|great|well|fluent)\b", _F)),
    ("literacy", re.compile(r"\bdyslexi\w*|\billiterate\b|\b(?:can'?t|cant|cannot|barely|can barely) (?:\w+ )?(?:read|write)\b|"
                            r"\bliteracy\b|\blearning (?:difficult\w*|disabilit\w*|needs)\b|\blow iq\b|\badhd\b|\bautis\w*|"
                            r"\b(?:mild|moderate|severe|has|with) (?:an? )?ld\b|"
                            r"\bnever (?:really )?went to school\b|\bno (?:schooling|qualifications)\b|"
                            # conversations_round27: "his reading age is about 7"
                            r"\breading age\b|\b(?:struggles|struggling) (?:with|to) (?:read|reading|write|writing)\b|"
                            r"\b(?:struggles?|struggling) (?:(?:a bit|a lot|a little|quite a bit) )?(?:with|to) "
                            r"(?:read|writ|forms|paperwork|spelling)\w*|"
                            r"\b(?:poor|weak|limited|basic) (?:reading|reader|literacy|writing)\b|"
                            r"\bscreen ?reader\b|\bbraille\b|\blarge print\b|\b(?:what about |any )?audio\b|"
                            r"\b(?:what )?formats? (?:are )?(?:the )?(?:programme |course |learning )?materials\b|"
                            r"\bmaterials (?:in|come in)\b|\blearning support\b|"
                            r"\bstruggles? with (?:the )?materials\b|\bpoor (?:reading|writing|literacy|spelling)\b|"
                            r"\breading and writing\b|\bleft school at\b|\bwhat formats? (?:do|does|are|have)\b", _F)),
    ("substance", re.compile(r"\b(?:drinking|drinks|drunk|drinker|drink problem|booze|alcohol\w*|cocaine|coke|heroin|"
                             r"crack(?! on)|cannabis|weed|spice|"
                             # "as a drugs worker" is the writer's job (conversations_round22)
                             r"(?<!as a )(?<!i'm a )(?<!im a )(?<!i am a )drugs?(?! worker)|"
                             r"substance\w*|rehab|detox|methadone|subutex|buprenorphine|using daily|"
                             r"uses (?:daily|every day|heavily)|"
                             r"on the gear|on a script|"
                             r"drug (?:and|&) alcohol (?:service|team|worker)s?|(?:his|the|a) (?:methadone )?script)\b", _F)),
    ("denial", re.compile(r"\b(?:denies|deny|denial|admit\w*|acknowledg\w*|accept\w* (?:full )?responsibility|"
                          r"(?:he|she|they)(?: also| still| just)? (?:won'?t|doesn'?t|does not|will not|refuses to|can'?t) "
                          r"(?:accept|admit|see (?:it|that|the harm|the impact|what|how|why|any))|"
                          r"part(?:ly|ially|) (?:accept|admit|own)\w*|half[- ]accept\w*|"
                          r"take responsibility|minimis\w*|partial(?:ly)? responsib\w*|some responsibility)\b|"
                          r"\bmade (?:it )?(?:all )?up\b|\bnever laid a finger\b|"
                          r"\b(?:says|claims|insists|thinks) it'?s all (?:her|him|her fault|his fault|lies)\b|"
                          r"\baccepts? (?:absolutely )?nothing\b|\bblames? (?:her|him|his partner|the victim|everyone)\b|"
                          r"\b(?:she|he) (?:pushes|drives) (?:him|her) to it\b|"
                          r"\bnever (?:touched|hit|hurt|laid a hand on) (?:her|him)\b|"
                          r"\b(?:says|saying|claims|claiming|insists|insisting|said) (?:it was|it'?s) (?:all )?"
                          r"(?:her|him|her fault|his fault)\b|\bnothing happened\b|\b50[ /-]?50\b|\bthey both do it\b|"
                          r"\b(?:both )?as bad as each other\b", _F)),
    ("one_to_one", re.compile(r"\bone[- ]to[- ]ones?\b|\b1 ?(?:[:-]|to) ?1s?\b|\bindividually\b|"
                              r"\bindividual (?:work|sessions?|support|basis|programme|intervention)\b|"
                              r"\binstead of (?:the|a) group\b|"
                              r"\b(?:sessions?|work|seen) on (?:his|her|their) own\b|\brather than (?:in )?(?:a|the) group\b|"
                              r"\b(?:rather not|doesn'?t want to|does not want to|won'?t|wouldn'?t) "
                              r"(?:be in|do|join|go to|sit in) (?:a |the )?groups?\b|"
                              r"\b(?:can'?t|cannot|won'?t) (?:manage|cope with|do|go to) (?:a |the )?groups?\b|"
                              r"\bsocial anxiety\b|\b(?:do it|go|attend|be seen|do the work) on (?:his|her) own\b|"
                              r"\bin a room with other (?:blokes|men|lads|people)\b|\bif it'?s not (?:a|in a) group\b|"
                              r"\bnot (?:in )?a group\b|\bfreeze up\b", _F)),
    ("evening", re.compile(r"\bevenings?\b|\bevenin\b|\beves\b|\bafter (?:work|college|school hours)\b|\bworks away\b|"
                           r"\bweekends?\b|(?<!on )\bshifts?\b|\b9 ?(?:to|-) ?5\b|"
                           r"\bcan(?:not|'?t) (?:take|get) time off\b|\bworks? (?:full[- ]time|days)\b", _F)),
    ("risk_level", re.compile(r"\b(?:dash|sara|oasys)\b.{0,25}\b(?:standard|medium|high|low)\b|\blow(?:er)?[- ]level\b|"
                              r"\b(?:standard|medium|high|low)\b.{0,12}\b(?:on|by|from) (?:the |a )?(?:dash|sara|oasys)\b|"
                              r"\b(?:standard|std|medium|med|low)[- ]risk\b|\brisk threshold\b|\bthreshold\b|\brisk levels?\b|"
                              r"\b(?:the )?right level\b|\boverkill\b|\b(?:high|serious|risky|bad) enough\b|"
                              r"\btoo (?:intensive|heavy|much) for (?:him|her|this)\b|"
                              r"\blevel of risk\b|\bnot (?:that |really |like really |very |too )?serious\b|\bmore shouting\b|"
                              r"\b(?:mix(?:ed)?|put|place[ds]?) (?:him |them |"
                              r"her )?(?:in )?with\b.{0,30}\b(?:dangerous|high[- ]risk|serious|worst)\b|"
                              r"\bassessed as (?:high|medium|standard|low)[- ]risk\b|\b(?:higher|high)[- ](?:harm|"
                              r"risk) (?:cohort|group|lot)\b|"
                              r"\blow(?:ish)?[- ]level\b", _F)),
    ("attendance", re.compile(r"\b(?:attend|go to|make) (?:every|all the|all) sessions?\b|"
                              r"\b(?:have to|need to|must) (?:go to|attend|make) (?:every|all)(?: one| of them| sessions?)?\b|"
                              r"\bevery (?:single )?(?:week|session)\b|\bmiss(?:es|ed|ing)? (?:a|one|some|a few|a couple of|"
                              r"the odd|any)? ?(?:\w+ )?sessions?\b|\bkick (?:him|her|them) off\b|"
                              # conversations_round23: "if he misses a couple of weeks because of his rotation"
                              r"\bmiss(?:es|ed|ing)? (?:a|one|two|three|some|a few|a couple of|the odd) weeks?\b|"
                              r"\b(?:off|kicked off|thrown off|removed from) the (?:programme|course|group)\b", _F)),
    ("father", re.compile(r"\b(?:he'?s|hes|he is) (?:a |the |their |her |the (?:kids'?|children'?s|baby'?s) )?"
                          r"(?:first[- ]time |new |young )?(?:dad|father)\b|"
                          r"\bnot (?:the )?(?:kids'?|children'?s|baby'?s)? ?(?:real|bio|biological|birth) (?:dad|father)\b|"
                          r"\b(?:the )?(?:dad|father) (?:of|to) (?:the|her|their|a|an) (?:new |unborn |older )?"
                          r"(?:baby|kids|children|child|twins|son|daughter)\b|\bthe baby'?s (?:dad|father)\b|"
                          r"\b(?:specifically |just |only )?for (?:dads|fathers)\b|\bnot the dad of\b|"
                          r"\bnot the (?:bio|biological|real|birth) (?:dad|father)\b|\b(?:being|as) a (?:dad|father)\b|"
                          r"\b(?:a )?dad of \d\b", _F)),
    ("conviction", re.compile(r"\bconvict\w*|\b(?:been |be |was |is )?charged (?:with|for)\b|\bcourt[- ]?order(?:ed|"
                              r"s)?\b|\b(?:has to|need to|needs to) be on probation\b|"
                              r"\b(?:on )?probation only\b|\bonly for (?:people |those )?on probation\b|\bstatutory\b|"
                              r"\b(?:aren'?t|not|isn'?t|never been) on probation\b|\bonly for (?:offenders|people convicted)\b|"
                              r"\bwithout (?:probation|a conviction|a court order|going to court)\b|"
                              r"\bnot been (?:to|in) court\b|\b(?:been|gone) (?:to|through the) courts?\b|"
                              # conversations_round26: "he's not been nicked for owt", "havent been charged"
                              r"\b(?:not|never|hasn'?t|haven'?t|has not|have not) (?:ever )?been (?:nicked|arrested|charged|"
                              r"convicted|prosecuted)\b|\bno (?:previous )?(?:convictions?|charges?)\b|"
                              r"\b(?:abh|gbh)\b|\bmore serious (?:offence|charge|conviction|assault)\b|"
                              # conversations_round27: "a court date for common assault", "he's on probation actually"
                              r"\b(?:court (?:date|case|hearing)|common assault|(?:he'?s|he is|currently) on (?:probation|"
                              r"licence|license|a community order)|in the criminal justice system)\b|"
                              r"\bnon[- ]statutory\b|\bvoluntar(?:y|ily)\b.{0,20}\b(?:or|only)\b", _F)),
    ("mental_health", re.compile(r"\bmental (?:health|illness)\b|\bschizo\w*|\bbipolar\b|\bpsychosis\b|"
                                 r"\bpsychotic\b|\bptsd\b|\bpersonality disorder\b|\b(?:eupd|bpd)\b|\bdepress(?:ed|ion)\b|"
                                 r"\bsectioned\b|\bcmht\b|\bpsychiatri\w*|\bon (?:anti-?depressants|meds for)\b", _F)),
    ("separated", re.compile(r"\b(?:split|broke|broken) up\b|\bseparated\b|\bno longer (?:together|with (?:her|him))\b|"
                             r"\bnot (?:together|with (?:her|him)) any ?more\b|\bstill (?:be )?(?:together|with (?:her|him)|"
                             r"in a relationship)\b|\b(?:she|he) (?:has )?left (?:him|her)\b|\bmoved out\b|"
                             r"\bex-?(?:partner|wife|girlfriend|husband)s?\b", _F)),
    ("sign", re.compile(r"\b(?:refus\w*|won'?t|will not|unwilling|doesn'?t want|not willing) to sign\b|"
                        r"\binformation[- ]sharing (?:agreement|protocol)\b|\bsign (?:the|an|any) (?:agreement|consent)\b", _F)),
    ("online", re.compile(r"\b(?:do|does|attend|run|runs|held|offer\w*|something|anything)\b.{0,30}\bonline\b|"
                          r"\bonline (?:sessions?|course|programme|group|option)\b|\bzoom\b|\bvideo call\b|\bremotely\b", _F)),
    ("disability", re.compile(r"\b(?:blind|visual(?:ly)? impair\w*|partially sighted|sight loss|poor (?:eye)?sight|"
                              r"wheelchair|deaf|hearing impair\w*|mobility|braille|large print|"
                              r"audio (?:stuff|materials?|versions?|formats?|recordings?|books?|files?))\b", _F)),
)
AGES_IN_WORDS = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_AGE_IN_WORDS = re.compile(r"\b(?:of|aged|is|he'?s|she'?s|only|just)\s+(fifteen|sixteen|seventeen|eighteen|nineteen)\b", _F)
_AGE_ASKED = re.compile(r"\b(?:minimum|lower|upper|maximum|min|max)\.? age\b|\bhow (?:young|old) can (?:they|he|she|"
                        r"someone|people) be\b|"
                        r"\b(?:youngest|oldest) (?:age|they take|they'?ll take|person)\b|\bage (?:limit|range|"
                        r"criteria|restrictions?)\b|"
                        r"\bhow old (?:does|do|must|should) (?:he|she|they|someone|people) (?:have to |need to )?be\b", _F)
_ASKED = re.compile(r"\?|\b(?:matter|matters|difference|still|can he|could he|would|will they|does that|is that|"
                    r"changes? anything|relevant)\b", _F)
_EVENING_GREETING = re.compile(r"^\W*(?:good )?evening\b", _F)
_TURNS = re.compile(r"\bturns? (\d{2})\b|\b(\d{2}) (?:next|in a|in) (?:week|month|few weeks|few months|couple of)", _F)
_AGE = re.compile(r"\b(?:he'?s|hes|he is|she'?s|shes|aged?|only|is|lad|boy|girl|yo|y/o|out to be|actually)\s*(?:only\s+)?"
                  r"(\d{2})\b|"
                  r"\b(\d{2})\s*(?:yo|y/o|yrs?|years? old|year-old)\b|\bunder[- ]?(18)s?\b|"
                  r"\b(?:male|female|man|woman|m|f),\s*(1\d|[2-9]\d)\b|"  # "Referral query: male, 17, DA towards GF"
                  # conversations_round26: "Would They Matter take a young man of 17"
                  r"\b(?:man|lad|boy|girl|woman|dad|father|mum|person|someone|lass) of (1\d|[2-9]\d)\b", _F)


def needs_in(text: str) -> dict[str, int | bool]:
    """The needs a message raises: {"age": 17, "interpreter": True, ...}; empty if none."""
    sample = (text or "")[:1000]
    if sample.lstrip().startswith("/"):
        return {}
    found: dict[str, int | bool] = {name: True for name, pattern in _NEEDS if pattern.search(sample)}
    if "father" in found and not _ASKED.search(sample):  # "he's a dad" describes him; "does that matter?" asks
        del found["father"]
    if "evening" in found and _EVENING_GREETING.match(sample) and len(re.findall(r"\bevenings?\b", sample, _F)) == 1:
        del found["evening"]  # "good evening, anyone about?" is a greeting
    worded = _AGE_IN_WORDS.search(sample)  # "a young man of seventeen"
    if worded:
        found["age"] = AGES_IN_WORDS[worded.group(1).lower()]
    if _AGE_ASKED.search(sample):  # "what's the minimum age?": the age limit the record holds
        found["age"] = True
    turning = _TURNS.search(sample)
    turned = int(next(g for g in turning.groups() if g)) if turning else 0
    if 11 <= turned <= 99:  # "he turns 18 next week", "hes 18 next month": 17 today
        found["age"] = turned - 1
        return found
    age = _AGE.search(sample)
    if age:
        value = int(next(g for g in age.groups() if g))
        if 10 <= value <= 99:
            found["age"] = value - 1 if age.group(3) else value  # "under 18s": someone younger than 18
    return found
