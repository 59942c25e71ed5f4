"""The knowledge base: sourced entries, alias and keyword matching, validation errors."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import knowledge
from directory.vocabulary import INTERVENTION_TYPES
from knowledge import KnowledgeError, find_programme, find_programmes, find_topics
from knowledge.base import GUIDANCE_FILE, KNOWLEDGE_DIR, PROGRAMMES_FILE, SUITABILITY_FILE
from safety.texts import PHONELINE_EMAIL, PHONELINE_PHONE, PHONELINE_WEBSITE

REPO = KNOWLEDGE_DIR.parent
SEED_CSV = REPO / "directory" / "data" / "seed_services.csv"
SEED_002 = REPO.parent / "shared" / "seeds" / "002_857bfc9fae6c47e5.txt"

# The Respect Phoneline's contact details: the number as seed 002 gives it, the email and website from
# its own site (seed 002's respectphonenumber variant is recorded in safety/texts.py and the directory notes).
PHONELINE_URL = PHONELINE_WEBSITE

PROGRAMME_IDS = {
    "your_choice", "they_matter", "help", "bbr", "make_a_change", "change_that_lasts", "dapp", "drive",
    "respect_accreditation", "respect_phoneline", "partner_support", "marac", "dash", "sara", "oasys", "idva",
    "hampshire_perpetrator_service", "individual_work_programme",
    "high_risk_high_harm", "risk_need_responsivity", "healthy_relationship_programme",
    "coordinated_community_response",
    "cjsm", "crc",
    "programme_approaches",
}
TOPIC_IDS = {
    "safety_first", "dont_collude", "challenge_minimisation", "partner_disclosures", "not_couples_work",
    "information_sharing", "support_for_partners", "recording", "worker_safety",
}
TIER_IDS = {"early_response", "community_dapp", "high_risk", "probation", "partner_support"}

# Web addresses may only point at the seeds' and named sources' own sites.
ALLOWED_DOMAINS = {
    "www.gov.uk", "www.respect.uk.net", "respect.uk.net", "respect.org.uk",
    "respectphoneline.org.uk", "safelives.org.uk", "www.driveproject.org.uk", "www.makeachange.uk.net",
    "www.womensaid.org.uk", "www.eida.org.uk", "www.policeprofessional.com",
}

KNOWLEDGE_FILES = [PROGRAMMES_FILE, GUIDANCE_FILE, SUITABILITY_FILE]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9'])", text.strip()) if s]


# ------------------------------------------------------------------------------------ the content


def test_expected_ids_are_all_present():
    assert {p.id for p in knowledge.load_programmes()} == PROGRAMME_IDS
    assert {t.id for t in knowledge.load_guidance()} == TOPIC_IDS
    assert {t.id for t in knowledge.load_suitability().tiers} == TIER_IDS


def test_loading_is_cached():
    assert knowledge.load_programmes() is knowledge.load_programmes()
    assert knowledge.load_guidance() is knowledge.load_guidance()
    assert knowledge.load_suitability() is knowledge.load_suitability()


def test_every_entry_names_its_source():
    suitability = knowledge.load_suitability()
    sources = (
        [p.source for p in knowledge.load_programmes()]
        + [t.source for t in knowledge.load_guidance()]
        + [t.source for t in suitability.tiers]
        + [suitability.disclaimer_source, suitability.principle_source]
    )
    for source in sources:
        assert source.strip()
        # A seed document, or one of the named public sources in shared/sources.md.
        assert re.search(r"Seed 00\d|Home Office|Respect|SafeLives|Drive Partnership", source), source


def test_seed_sources_point_at_real_seed_files():
    for path in KNOWLEDGE_FILES:
        for name in re.findall(r"seeds/(\d{3}_[0-9a-f]+\.txt)", path.read_text()):
            assert name in {
                "000_488244efeed0693a.txt", "001_8195186f5045652a.txt", "002_857bfc9fae6c47e5.txt",
                "003_53e756fb0cc8ebef.txt", "004_9ca743614d983c89.txt",
            }, name


def test_answers_are_short_enough_for_a_phone():
    texts = [p.summary for p in knowledge.load_programmes()] + [t.answer for t in knowledge.load_guidance()]
    for text in texts:
        assert 2 <= len(_sentences(text)) <= 5, text
        assert len(text) <= 900, text


def test_every_directory_id_exists_in_the_seed_directory():
    with SEED_CSV.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        known = {row["id"] for row in rows}
    assert known, "seed_services.csv has no rows"
    for prog in knowledge.load_programmes():
        for directory_id in prog.directory_ids:
            assert directory_id in known, f"{prog.id}: {directory_id!r} is not in {SEED_CSV.name}"


def test_respect_phoneline_facts_equal_the_seed():
    phoneline = knowledge.programme("respect_phoneline")
    assert PHONELINE_PHONE in phoneline.summary
    assert PHONELINE_EMAIL in phoneline.summary
    assert PHONELINE_URL in phoneline.summary
    assert phoneline.read_more == PHONELINE_URL
    assert "respect-phoneline" in phoneline.directory_ids


@pytest.mark.skipif(not SEED_002.exists(), reason="shared seed documents not available")
def test_respect_phoneline_number_is_the_seeds_and_the_seed_email_variant_is_gone():
    seed = SEED_002.read_text(encoding="utf-8")
    assert PHONELINE_PHONE.replace(" ", "") in seed.replace(" ", "")
    assert "respectphonenumber" in seed  # the seed's variant, replaced by the public source's details
    for path in KNOWLEDGE_FILES + [SEED_CSV]:
        text = path.read_text(encoding="utf-8")
        assert "@respectphonenumber" not in text and "//respectphonenumber" not in text, path.name


def test_no_other_phone_numbers_emails_or_phoneline_spellings_anywhere():
    for path in KNOWLEDGE_FILES:
        text = path.read_text(encoding="utf-8")
        for number in re.findall(r"\b0\d{2,4}[ \d]{6,9}\d\b", text):
            assert number.strip() == PHONELINE_PHONE, f"{path.name}: unsourced number {number!r}"
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
            assert email == PHONELINE_EMAIL, f"{path.name}: unsourced email {email!r}"
        for url in re.findall(r"https?://respectphoneline[^\s)]*", text):
            url = url.rstrip(".,;")
            assert url.startswith(PHONELINE_URL), f"{path.name}: {url!r} differs from the Phoneline's site"


def test_web_addresses_only_point_at_source_sites():
    for path in KNOWLEDGE_FILES:
        for url in re.findall(r"https?://[^\s)]+", path.read_text(encoding="utf-8")):
            domain = re.match(r"https?://([^/]+)", url).group(1)
            assert domain in ALLOWED_DOMAINS, f"{path.name}: {url}"


def test_suitability_tiers_use_directory_vocabulary_and_carry_the_disclaimer():
    suitability = knowledge.load_suitability()
    for tier in suitability.tiers:
        assert tier.intervention_types
        assert set(tier.intervention_types) <= set(INTERVENTION_TYPES)
        assert tier.when and tier.source
    assert "does not assess risk" in suitability.disclaimer
    assert "Dash" in suitability.disclaimer and "Marac" in suitability.disclaimer
    assert "SafeLives" in suitability.disclaimer_source
    assert suitability.tier("high_risk").intervention_types == ("high_risk",)
    with pytest.raises(KeyError):
        suitability.tier("nope")


def test_old_contracts_and_pilots_carry_a_caveat():
    assert "2017" in knowledge.programme("hampshire_perpetrator_service").caveat
    assert "pilot" in knowledge.programme("they_matter").caveat.lower()
    assert knowledge.programme("help").caveat


# ------------------------------------------------------------------------------ programme aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is there a Your Choice programme near Mansfield?", "your_choice"),
        ("how do I refer to the your choice project", "your_choice"),
        ("tell me about they matter", "they_matter"),
        ("Can I refer to TTS?", "they_matter"),
        ("what is turning the spotlight", "they_matter"),
        ("Is the Interserve CRC course still running?", "help"),
        ("He did the Help programme last year", "help"),
        ("he's on BBR through probation", "bbr"),
        ("what is building better relationships", "bbr"),
        ("is MAC any good", "make_a_change"),
        ("How do I refer to Make a Change?", "make_a_change"),
        ("Tell me about Change that Lasts", "change_that_lasts"),
        ("where is the nearest DAPP", "dapp"),
        ("are DVPPs any use?", "dapp"),
        ("He wants to join a domestic violence perpetrator programme", "dapp"),
        ("one-to-one DAPP for a man in a same-sex relationship", "dapp"),
        ("Is Drive available in Essex?", "drive"),
        ("what does the drive project do", "drive"),
        ("Is this service Respect accredited?", "respect_accreditation"),
        ("what's the Respect Standard", "respect_accreditation"),
        ("what's the number for the Respect Phoneline", "respect_phoneline"),
        ("respect phone line opening hours?", "respect_phoneline"),
        ("can I ring the phoneline for advice", "respect_phoneline"),
        ("is there partner support?", "partner_support"),
        ("what does the PSS offer", "partner_support"),
        ("How do I make a MARAC referral?", "marac"),
        ("what is a multi-agency risk assessment conference", "marac"),
        ("what's the DASH checklist?", "dash"),
        ("do I fill in the dash ric or does the police?", "dash"),
        ("She scored 15 on the DASH", "dash"),
        ("the dash risk checklist score was high", "dash"),
        ("What does a SARA score mean?", "sara"),
        ("probation did an OASys", "oasys"),
        ("Is the Hampton Trust service still going?", "hampshire_perpetrator_service"),
    ],
)
def test_aliases_resolve(text, expected):
    found = find_programme(text)
    assert found is not None, text
    assert found.id == expected


@pytest.mark.parametrize(
    "text",
    [
        "He drives a machine at the depot",
        "I need to dash off to a visit, quick question",
        "Sara told me he hit her last night",
        "Drive safely, it's icy out there",
        "Can you help me? He shouted at her again.",
        "We need a plan for tomorrow's visit",
        "He says he respects her and would never hurt her",
        "The phone line at the office was down",
        "He had macaroni for tea and then kicked off",
        "My manager asked me to help with the change of address",
        "",
    ],
)
def test_no_programme_in_ordinary_sentences(text):
    assert find_programme(text) is None


def test_longest_name_wins_and_all_mentions_are_listed():
    assert find_programme("the Drive Partnership, not just Drive").id == "drive"
    assert [p.id for p in find_programmes("Is DASH the same as SARA? And what is a MARAC?")] == [
        "dash", "sara", "marac",
    ]
    assert find_programmes("nothing relevant here") == []


def test_lookup_by_id():
    assert knowledge.programme("dash").title.startswith("SafeLives Dash")
    assert knowledge.topic("dont_collude").title
    with pytest.raises(KeyError, match="knowledge/programmes.yml"):
        knowledge.programme("nope")
    with pytest.raises(KeyError):
        knowledge.topic("nope")


# ------------------------------------------------------------------------------- guidance topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How do I keep the children safe while I work with him?", "safety_first"),
        ("Is she safe if he starts a programme?", "safety_first"),
        ("What comes first, his needs or her safety?", "safety_first"),
        ("He keeps trying to get me on his side", "dont_collude"),
        ("How do I avoid colluding with him?", "dont_collude"),
        ("He says he's the real victim here", "dont_collude"),
        ("He keeps minimising what happened", "challenge_minimisation"),
        ("He blames her for winding him up", "challenge_minimisation"),
        ("He says it was only a push and he was drunk", "challenge_minimisation"),
        ("Can I tell him what his partner told me?", "partner_disclosures"),
        ("She disclosed that he strangled her, should I raise it with him?", "partner_disclosures"),
        ("She told me in confidence about the abuse", "partner_disclosures"),
        ("Would couples counselling help them?", "not_couples_work"),
        ("He's been sent on an anger management course, is that OK?", "not_couples_work"),
        ("Could mediation work for this couple?", "not_couples_work"),
        ("Can I share information with the police without his consent?", "information_sharing"),
        ("When should I make a safeguarding referral?", "information_sharing"),
        ("How do I refer to MARAC?", "information_sharing"),
        ("Is there any support for his partner?", "support_for_partners"),
        ("What about her, who helps her?", "support_for_partners"),
        ("Can his ex get safety planning?", "support_for_partners"),
        ("What should I put in my case notes?", "recording"),
        ("How should I record what he said to me?", "recording"),
        ("Do I need to write it down?", "recording"),
        ("I'm doing a home visit to him tomorrow, how do I stay safe?", "worker_safety"),
        ("Lone working with a perpetrator - any advice?", "worker_safety"),
        ("He threatened me at the last appointment", "worker_safety"),
    ],
)
def test_topics_found_from_natural_phrasings(text, expected):
    topics = find_topics(text)
    assert topics, text
    assert topics[0].id == expected, [t.id for t in topics]


@pytest.mark.parametrize("text", ["Thanks, that's all for now", "What's the weather like?", ""])
def test_no_topic_in_unrelated_text(text):
    assert find_topics(text) == []


def test_keywords_match_word_starts_only():
    # "record" must not be found inside another word, but does cover "recording".
    assert find_topics("He was a prerecorded caller") == []
    assert find_topics("recording a visit")[0].id == "recording"


# ----------------------------------------------------------------------------------- validation


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_PROGRAMME = """
  - id: thing
    title: A thing
    names: [the thing]
    summary: One. Two.
    source: Seed 002
    read_more: null
    directory_ids: []
    caveat: null
"""


def test_malformed_yaml_gives_a_clear_error(tmp_path):
    path = _write(tmp_path, "programmes.yml", "programmes:\n  - id: x\n    names: [a, b\n  title: oops\n")
    with pytest.raises(KnowledgeError) as caught:
        knowledge.load_programmes(path)
    message = str(caught.value)
    assert "programmes.yml" in message and "not valid YAML" in message and "line" in message


def test_missing_source_names_the_file_and_entry(tmp_path):
    text = "programmes:" + GOOD_PROGRAMME.replace("    source: Seed 002\n", "    source: '  '\n")
    with pytest.raises(KnowledgeError, match=r"programmes\.yml: programme #1 \(id 'thing'\): 'source'"):
        knowledge.load_programmes(_write(tmp_path, "programmes.yml", text))
    text = "programmes:" + GOOD_PROGRAMME.replace("    source: Seed 002\n", "")
    with pytest.raises(KnowledgeError, match=r"missing field\(s\): source"):
        knowledge.load_programmes(_write(tmp_path, "p2.yml", text))


def test_duplicate_ids_and_names_are_rejected(tmp_path):
    same_name = GOOD_PROGRAMME + GOOD_PROGRAMME.replace("id: thing", "id: other")
    expected = r"programme #2 \(id 'other'\): name 'the thing' is also a name of 'thing'"
    with pytest.raises(KnowledgeError, match=expected):
        knowledge.load_programmes(_write(tmp_path, "p.yml", "programmes:" + same_name))
    same_id = GOOD_PROGRAMME + GOOD_PROGRAMME.replace("[the thing]", "[other thing]")
    with pytest.raises(KnowledgeError, match=r"programme #2 \(id 'thing'\): id 'thing' is used more than once"):
        knowledge.load_programmes(_write(tmp_path, "q.yml", "programmes:" + same_id))


def test_other_entry_errors_are_clear(tmp_path):
    cases = {
        "names: [The Thing]": "must be lower-case",
        "names: []": "'names' must not be empty",
        "read_more: www.example": "must be an http(s) URL",
        "summary: One. Two.\n    sumary: typo": "unknown field(s): sumary",
        "id: Bad-Id": "lower_snake_case",
    }
    for number, (replacement, expected) in enumerate(cases.items()):
        key = replacement.split(":")[0]
        text = re.sub(rf"(?m)^(  - |    ){key}: .*$", lambda m, r=replacement: m.group(1) + r, GOOD_PROGRAMME, count=1)
        assert text != GOOD_PROGRAMME
        with pytest.raises(KnowledgeError, match=re.escape(expected)):
            knowledge.load_programmes(_write(tmp_path, f"p{number}.yml", "programmes:" + text))
    with pytest.raises(KnowledgeError, match="non-empty list under 'programmes:'"):
        knowledge.load_programmes(_write(tmp_path, "empty.yml", "programmes: []\n"))
    with pytest.raises(KnowledgeError, match="cannot be read"):
        knowledge.load_programmes(tmp_path / "missing.yml")


def test_guidance_and_suitability_are_validated_too(tmp_path):
    topic_text = """topics:
  - id: a
    title: A
    keywords: [same words]
    answer: One. Two.
    source: Seed 002
    read_more: null
  - id: b
    title: B
    keywords: [same words]
    answer: One. Two.
    source: Seed 002
    read_more: null
"""
    with pytest.raises(KnowledgeError, match=r"topic #2 \(id 'b'\): keyword 'same words' is also a keyword of 'a'"):
        knowledge.load_guidance(_write(tmp_path, "guidance.yml", topic_text))
    suitability_text = """principle: {text: Match by risk., source: Seed 002}
disclaimer: {text: We do not assess risk., source: SafeLives}
tiers:
  - id: t
    title: T
    when: For someone.
    intervention_types: [couples_counselling]
    source: Seed 002
"""
    with pytest.raises(KnowledgeError, match=r"tier #1 \(id 't'\): unknown intervention_types"):
        knowledge.load_suitability(_write(tmp_path, "suitability.yml", suitability_text))


@pytest.mark.parametrize(("text", "programme_id"), [
    ("Is Help for high-risk men?", "help"),
    ("Drive. High-risk high-harm only or lower level too?", "drive"),
    ("HLNY CRC - which areas?", "help"),
    ("Drive, BBR, They Matter - who is each for?", "drive"),  # conversations_round21: a list opening the message
])
def test_programmes_named_mid_sentence_or_as_a_sentence_of_their_own(text, programme_id):
    assert programme_id in [p.id for p in find_programmes(text)]


@pytest.mark.parametrize("text", ["Help me please", "Drive safely to the visit", "can you help me",
                                  "Drive, then ring me when you get there"])
def test_the_words_help_and_drive_alone_are_no_programme(text):
    assert find_programmes(text) == []


def test_a_programme_listed_with_another_at_the_start_is_named():
    assert [p.id for p in find_programmes("Drive and They Matter - are they both high risk?")] == ["drive", "they_matter"]
    assert find_programmes("Drive and park outside the house") == []


def test_tm_is_they_matter():
    assert [p.id for p in find_programmes("high risk per DASH. TM eligible?")] == ["dash", "they_matter"]


# conversations_round17: "whats a CRC" had no entry
@pytest.mark.parametrize("text", ["whats a CRC", "what are community rehabilitation companies?"])
def test_a_crc_is_explained_from_the_seed(text):
    entry = knowledge.find_programme(text)
    assert entry is not None and entry.id == "crc"
    assert "Community Rehabilitation Company" in entry.summary and "seeds/000" in entry.source
