"""Recognise a message written in Welsh, so it gets a short bilingual answer instead of the fallback.

Full Welsh conversations are a later step; for now the bot says, in both languages, what it can do
in English, where Welsh perpetrator work is (Change that Lasts, seed 002) and the safety lines.
"""

from __future__ import annotations

import re

# Common Welsh words that are not English words, and words of the domain.
_MARKERS = frozenset("""
mae ydy yw ydw dw rwy rydw rydyn ydych ydi sut beth ble pryd pam gyda efo mewn oes wyt chi eich fy ein eu
helo diolch croeso bore prynhawn noswaith cymorth gŵr gwr gwraig trais cam-drin camdriniaeth
rhaglen rhaglenni ardal gwasanaeth gwasanaethau angen eisiau isio gweithio dyn menyw plant teulu yng ngh
cymru caerdydd abertawe wrecsam gallu gallwch allwch unrhyw hefyd iawn nawr rŵan rwan gweithiwr cymdeithasol
ar gyfer hon hwn hyn sydd oedd bod fod cael gael rhywun rhywbeth dros gan wedi
pa mor hir addas rywun siarad cymraeg gymraeg ga gwelwch dda ffôn ffon rhif cyngor heddiw modd chynghorydd
cynghorydd gwahaniaeth grŵp grwp sesiynau un-i-un dydy ddim saesneg pwy cyfeirio hunangyfeirio bosib tu allan
tŷ ty drws lawr ceisio torri nyrs iechyd meddwl claf gen newid ymddygiad diogelwch wrth treisgar gofyn cwestiwn
dweud gilydd nhw fe e ni chi'n dw'i dyw mae'n ydy'r beth yw gwadu popeth gythruddo gwnsela ffonio galla
gweithwraig heddlu ysgol meddyg nawr heno yfory yma fan lle arna arno alla allaf gallaf atgyfeirio
uniongyrchol atgyfeiriad
dwi yn yr y na fi ma gweud deud taw hogyn hogan efo gwybod raglen gyflawnwyr cyflawnwyr domestig dechrau gallan
gallai cwnsela adran ysbyty alla gyfeirio feddygfa meddygfa dderbynfa derbynfa blismon plismon athrawes athro tad
fam mam rheoli gariad cariad iddo iddi fo linell llinell gymorth weithwyr gweithwyr faint wythnosau wythnos ddylwn
dylwn ddylen dylen nharo taro ngŵr ngwr ofn adre adref neud gwneud bygwth nghariad bob nos wraig nghyflog cyflog
cymryd ddyn pwy helpu sy be bryfocio ei cwrs ddim moyn ishe gweithio'n rhywle rywle plîs plis sori helpwch
cyflawnwr risg uchel isel ym opsiynau opsiwn merthyr tudful casnewydd bangor aberystwyth caerfyrddin
da shwmae shwmai sumae di am
yfed llawer fydd hynny broblem mhontypridd pontypridd ngaerdydd nghaerdydd
allech gallech egluro esbonio olygir golygu achrediad achredu achrededig cyfeiriad e-bost ebost ac ynys môn
fenyw fenywod menywod dynion ddynion gwragedd
""".split())
# A Welsh greeting alone ("Bore da", "Shwmae") is a message in Welsh too.
_THANKS = re.compile(r"\bdiolch(?: yn fawr| o galon)?(?: iawn)?\b", re.IGNORECASE)
_GREETING = re.compile(r"^\W*(?:shwmae|shwmai|sumae|bore da|prynhawn da|noswaith dda|p'nawn da)\W*$", re.IGNORECASE)
# Names said in English inside Welsh ("Beth ydy Change that Lasts?"): not English words to count against it.
_NAMES = re.compile(r"\bchange that lasts\b|\brespect phoneline\b|\bthey matter\b|\byour choice\b", re.IGNORECASE)
_ENGLISH_ONLY = frozenset("the and is are what where how for with my his her he she they this that".split())
# Words split at apostrophes too: "dwi'n", "ma'", "sy'n" and "i'w" are Welsh forms with clitics.
_WORD = re.compile(r"[a-zA-ZŵŷâêîôûŴŶÂÊÎÔÛ-]+")


def is_welsh(text: str) -> bool:
    """True when the words are mostly Welsh: two or more Welsh markers, more than twice the English ones.

    A worker mixing English nouns into Welsh ("oes na programme i perpetrators yn Wrecsam?") counts."""
    if _GREETING.match(text or ""):
        return True
    # "Anything near Millom? Diolch yn fawr": English with a Welsh thank-you is English
    thanked = _THANKS.sub(" ", text or "")
    if thanked.strip(" .!?,") and thanked != (text or "") and len(_WORD.findall(thanked)) >= 3:
        text = thanked
    words = [w.lower().strip("-") for w in _WORD.findall(_NAMES.sub(" ", text or ""))]
    words = [w for w in words if len(w) > 1 or w == "a"]  # clitic letters ("n", "r") are not words
    if len(words) < 2:
        return False
    welsh = sum(w in _MARKERS for w in words)
    english = sum(w in _ENGLISH_ONLY for w in words)
    return welsh >= 2 and welsh > 2 * english and welsh / len(words) >= 0.3


# "sorry - could you answer in English?", "english please": after a Welsh message, the English half alone
_ENGLISH_PLEASE = re.compile(r"\b(?:you|pls|please) (?:answer|reply|respond|write|say (?:it|that)|speak)\w* (?:it |that |back )?"
                             r"in english\b|^\W*(?:answer|reply) in english\b|"
                             r"^\W*(?:in )?english (?:please|pls|plz|only)\W*$", re.IGNORECASE)


# conversations_round26: "can you just explain MARAC in English and I'll translate it for her": that entry, in English
_EXPLAIN_IN_ENGLISH = re.compile(r"\b(?:explain|tell me (?:about|what)|describe|say what|what(?:'s| is| are))\b.{0,40}"
                                 r"\bin english\b|"
                                 # conversations_round27: "In English please: he's high risk, what is Drive?"
                                 r"^\W*(?:in )?english,? (?:please|pls|plz)\b.{0,80}\b(?:what(?:'s| is| are)|explain|"
                                 r"tell me)\b", re.IGNORECASE)


def asks_to_explain_in_english(text: str) -> bool:
    """Whether the worker asks, in English, for something to be explained in English (after writing in Welsh)."""
    return bool(_EXPLAIN_IN_ENGLISH.search(text or "")) and not is_welsh(text)


def asks_for_english(text: str) -> bool:
    """Whether the worker asks, in English, for the answer in English."""
    return bool(_ENGLISH_PLEASE.search(text or "")) and not is_welsh(text)


def english_reply() -> str:
    """What the bot can do, in English, with Change that Lasts for Wales and the safety line."""
    from knowledge.citations import FACTSHEET
    from safety.texts import SAFETY_LINE

    return ("In English I can find local services for perpetrators, explain programmes and give safe-practice "
            "guidance. In Wales, Welsh Women's Aid and Respect are putting the Change that Lasts model in place, with a "
            "response to perpetrators; in Cardiff it includes community-based work with perpetrators (" + FACTSHEET
            + "). Tell me the town or postcode and I'll search. " + SAFETY_LINE)


def bilingual_reply() -> str:
    """What the bot says to a message in Welsh: Welsh first, then English, with the safety lines."""
    from safety.texts import SAFETY_LINE_WELSH

    return ("Mae'n ddrwg gen i: dim ond yn Saesneg y galla i ateb ar hyn o bryd. " + SAFETY_LINE_WELSH + "\n"
            "Sorry: I can only answer in English for now. " + english_reply())
