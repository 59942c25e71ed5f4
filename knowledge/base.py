"""Load, validate and search Signpost's sourced knowledge base (plain Python, no Rasa).

The facts live in YAML beside this module (programmes.yml, guidance.yml, suitability.yml); every entry
names its source. Loading validates the files and fails with a KnowledgeError that names the file and
the entry, so a bad edit is caught by the tests rather than by a worker.

Matching works on a normalised form of the text: lower-cased, with every run of characters other than
letters and digits turned into one space ("Multi-agency", "DAPP's" -> "multi agency", "dapp s").
Programme names must match as whole words or phrases; guidance keywords must start at a word boundary
but may run on ("minimis" finds "minimising").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from directory.vocabulary import INTERVENTION_TYPES

KNOWLEDGE_DIR = Path(__file__).resolve().parent
PROGRAMMES_FILE = KNOWLEDGE_DIR / "programmes.yml"
GUIDANCE_FILE = KNOWLEDGE_DIR / "guidance.yml"
SUITABILITY_FILE = KNOWLEDGE_DIR / "suitability.yml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://\S+$")


class KnowledgeError(ValueError):
    """A knowledge file is missing, is not valid YAML, or an entry breaks the rules."""


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    names: tuple[str, ...]
    summary: str
    source: str
    read_more: str | None
    directory_ids: tuple[str, ...]
    caveat: str | None
    exact_names: tuple[str, ...] = ()
    outcomes: str | None = None  # results the entry's source reports, quoted with it ("what outcomes has it had?")
    asked_as: tuple[str, ...] = ()  # questions in workers' words that the entry answers without naming it ("why not mix...?")


@dataclass(frozen=True)
class GuidanceTopic:
    id: str
    title: str
    keywords: tuple[str, ...]
    answer: str
    source: str
    read_more: str | None


@dataclass(frozen=True)
class Tier:
    id: str
    title: str
    when: str
    intervention_types: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Suitability:
    principle: str
    principle_source: str
    tiers: tuple[Tier, ...]
    disclaimer: str
    disclaimer_source: str
    disclaimer_read_more: str | None

    def tier(self, tier_id: str) -> Tier:
        for t in self.tiers:
            if t.id == tier_id:
                return t
        raise KeyError(f"no suitability tier {tier_id!r}; known: {', '.join(t.id for t in self.tiers)}")


# --------------------------------------------------------------------------------------------- text


def normalise(text: str, *, keep_case: bool = False) -> str:
    """Text reduced to letters and digits separated by single spaces (lower-cased unless keep_case)."""
    text = unicodedata.normalize("NFKC", text)
    if not keep_case:
        text = text.lower()
    return " ".join(re.split(r"[^0-9A-Za-z]+", text)).strip()


def _sentence_start_positions(text: str) -> set[int]:
    """Offsets in a keep_case-normalised text where a sentence starts (for Title-case exact names)."""
    raw = unicodedata.normalize("NFKC", text)
    starts: set[int] = set()
    pos = 0
    at_start = True
    for token in re.finditer(r"[0-9A-Za-z]+|[^0-9A-Za-z]+", raw):
        piece = token.group()
        if piece[0].isalnum():
            if at_start:
                starts.add(pos)
            pos += len(piece) + 1
            at_start = False
        elif re.search(r"[.!?\n]", piece):
            at_start = True
    return starts


# ------------------------------------------------------------------------------------------ loading


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(KNOWLEDGE_DIR.parent))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> Any:
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{shown}: cannot be read ({exc.strerror or exc})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeError(f"{shown}: is not valid YAML{where}: {problem}") from exc


class _Entry:
    """Field access for one YAML mapping, raising errors that name the file and the entry."""

    def __init__(self, shown: str, label: str, raw: Any, required: set[str], optional: set[str]):
        self.shown, self.label = shown, label
        if not isinstance(raw, dict):
            self.fail(f"must be a mapping of fields, got {type(raw).__name__}")
        self.raw = raw
        entry_id = raw.get("id")
        if isinstance(entry_id, str) and entry_id:
            self.label = f"{label} (id {entry_id!r})"
        missing = sorted(required - raw.keys())
        if missing:
            self.fail(f"missing field(s): {', '.join(missing)}")
        unknown = sorted(k for k in raw if k not in required | optional)
        if unknown:
            self.fail(f"unknown field(s): {', '.join(map(str, unknown))}")

    def fail(self, message: str) -> None:
        raise KnowledgeError(f"{self.shown}: {self.label}: {message}")

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' must be non-empty text")
        return " ".join(value.split())

    def optional_text(self, key: str) -> str | None:
        if self.raw.get(key) is None:
            return None
        return self.text(key)

    def url(self, key: str) -> str | None:
        value = self.optional_text(key)
        if value is not None and not _URL.match(value):
            self.fail(f"'{key}' must be an http(s) URL or null, got {value!r}")
        return value

    def ident(self) -> str:
        value = self.text("id")
        if not _ID.match(value):
            self.fail(f"'id' must be lower_snake_case, got {value!r}")
        return value

    def text_list(self, key: str, *, lower: bool = True, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"'{key}' must be a list of non-empty text")
        if not value and not allow_empty:
            self.fail(f"'{key}' must not be empty")
        items = tuple(" ".join(v.split()) for v in value)
        if lower:
            upper = [v for v in items if v != v.lower()]
            if upper:
                self.fail(f"'{key}' must be lower-case: {upper}")
        seen: set[str] = set()
        for item in items:
            if item in seen:
                self.fail(f"'{key}' lists {item!r} twice")
            seen.add(item)
        return items


def _entries(path: Path, top_key: str) -> tuple[str, dict[str, Any], list[Any]]:
    """The file's display name, its top-level mapping and the list under top_key."""
    shown = _display(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get(top_key), list) or not data[top_key]:
        raise KnowledgeError(f"{shown}: must be a mapping with a non-empty list under '{top_key}:'")
    return shown, data, data[top_key]


def _claim_id(entry: _Entry, ids: set[str]) -> None:
    entry_id = entry.ident()
    if entry_id in ids:
        entry.fail(f"id {entry_id!r} is used more than once")
    ids.add(entry_id)


def _resolve(path: str | Path | None, default: Path) -> Path:
    return default if path is None else Path(path)


def load_programmes(path: str | Path | None = None) -> tuple[Programme, ...]:
    """All programmes, in file order (cached per file)."""
    return _load_programmes(_resolve(path, PROGRAMMES_FILE))


@lru_cache(maxsize=8)
def _load_programmes(path: Path) -> tuple[Programme, ...]:
    shown, _data, raw_entries = _entries(path, "programmes")
    required = {"id", "title", "names", "summary", "source", "read_more", "directory_ids", "caveat"}
    programmes: list[Programme] = []
    ids: set[str] = set()
    alias_owner: dict[str, str] = {}
    for number, raw in enumerate(raw_entries, start=1):
        entry = _Entry(shown, f"programme #{number}", raw, required, {"exact_names", "outcomes", "asked_as"})
        _claim_id(entry, ids)
        prog = Programme(
            id=entry.ident(),
            title=entry.text("title"),
            names=entry.text_list("names"),
            summary=entry.text("summary"),
            source=entry.text("source"),
            read_more=entry.url("read_more"),
            directory_ids=entry.text_list("directory_ids", allow_empty=True),
            caveat=entry.optional_text("caveat"),
            exact_names=entry.text_list("exact_names", lower=False, allow_empty=True),
            outcomes=entry.optional_text("outcomes"),
            asked_as=entry.text_list("asked_as", allow_empty=True),
        )
        for exact in prog.exact_names:
            if exact == exact.lower():
                entry.fail(f"'exact_names' are for spellings with capitals; put {exact!r} in 'names'")
        for alias in prog.names + prog.exact_names:
            key = normalise(alias, keep_case=alias in prog.exact_names)
            if not key:
                entry.fail(f"name {alias!r} has no letters or digits")
            owner = alias_owner.get(key)
            if owner is not None and owner != prog.id:
                entry.fail(f"name {alias!r} is also a name of {owner!r}")
            alias_owner[key] = prog.id
        programmes.append(prog)
    return tuple(programmes)


def load_guidance(path: str | Path | None = None) -> tuple[GuidanceTopic, ...]:
    """All guidance topics, in file order (cached per file)."""
    return _load_guidance(_resolve(path, GUIDANCE_FILE))


@lru_cache(maxsize=8)
def _load_guidance(path: Path) -> tuple[GuidanceTopic, ...]:
    shown, _data, raw_entries = _entries(path, "topics")
    required = {"id", "title", "keywords", "answer", "source", "read_more"}
    topics: list[GuidanceTopic] = []
    ids: set[str] = set()
    keyword_owner: dict[str, str] = {}
    for number, raw in enumerate(raw_entries, start=1):
        entry = _Entry(shown, f"topic #{number}", raw, required, set())
        _claim_id(entry, ids)
        topic_ = GuidanceTopic(
            id=entry.ident(),
            title=entry.text("title"),
            keywords=entry.text_list("keywords"),
            answer=entry.text("answer"),
            source=entry.text("source"),
            read_more=entry.url("read_more"),
        )
        for keyword in topic_.keywords:
            key = normalise(keyword)
            if not key:
                entry.fail(f"keyword {keyword!r} has no letters or digits")
            owner = keyword_owner.get(key)
            if owner is not None and owner != topic_.id:
                entry.fail(f"keyword {keyword!r} is also a keyword of {owner!r}")
            keyword_owner[key] = topic_.id
        topics.append(topic_)
    return tuple(topics)


def load_suitability(path: str | Path | None = None) -> Suitability:
    """The suitability tiers with their principle and disclaimer (cached per file)."""
    return _load_suitability(_resolve(path, SUITABILITY_FILE))


@lru_cache(maxsize=8)
def _load_suitability(path: Path) -> Suitability:
    shown, data, raw_tiers = _entries(path, "tiers")
    principle = _Entry(shown, "principle", data.get("principle"), {"text", "source"}, set())
    disclaimer = _Entry(shown, "disclaimer", data.get("disclaimer"), {"text", "source"}, {"read_more"})
    unknown = sorted(k for k in data if k not in {"principle", "disclaimer", "tiers"})
    if unknown:
        raise KnowledgeError(f"{shown}: unknown top-level key(s): {', '.join(map(str, unknown))}")
    tiers: list[Tier] = []
    ids: set[str] = set()
    for number, raw in enumerate(raw_tiers, start=1):
        entry = _Entry(shown, f"tier #{number}", raw, {"id", "title", "when", "intervention_types", "source"}, set())
        _claim_id(entry, ids)
        types = entry.text_list("intervention_types")
        bad = [t for t in types if t not in INTERVENTION_TYPES]
        if bad:
            entry.fail(f"unknown intervention_types {bad}; use keys of directory.vocabulary.INTERVENTION_TYPES")
        tiers.append(Tier(id=entry.ident(), title=entry.text("title"), when=entry.text("when"),
                          intervention_types=types, source=entry.text("source")))
    return Suitability(
        principle=principle.text("text"),
        principle_source=principle.text("source"),
        tiers=tuple(tiers),
        disclaimer=disclaimer.text("text"),
        disclaimer_source=disclaimer.text("source"),
        disclaimer_read_more=disclaimer.url("read_more"),
    )


# ----------------------------------------------------------------------------------------- look-ups


def programme(programme_id: str) -> Programme:
    """The programme with this id; KeyError if there is none."""
    for prog in load_programmes():
        if prog.id == programme_id:
            return prog
    raise KeyError(f"no programme {programme_id!r} in {_display(PROGRAMMES_FILE)}")


def topic(topic_id: str) -> GuidanceTopic:
    """The guidance topic with this id; KeyError if there is none."""
    for topic_ in load_guidance():
        if topic_.id == topic_id:
            return topic_
    raise KeyError(f"no guidance topic {topic_id!r} in {_display(GUIDANCE_FILE)}")


def _programme_matches(text: str) -> list[tuple[int, int, int, Programme]]:
    """(alias length, position, file order, programme) for every name found in text."""
    lowered = f" {normalise(text)} "
    cased = f" {normalise(text, keep_case=True)} "
    sentence_starts = _sentence_start_positions(text)
    found: list[tuple[int, int, int, Programme]] = []
    for order, prog in enumerate(load_programmes()):
        for alias in prog.names:
            key = normalise(alias)
            at = lowered.find(f" {key} ")
            if at >= 0:
                found.append((len(key), at, order, prog))
        for exact in prog.exact_names:
            key = normalise(exact, keep_case=True)
            title_case = key[:1].isupper() and not key.isupper()
            start = 0
            while (at := cased.find(f" {key} ", start)) >= 0:
                start = at + 1
                # "Dash", "Drive" in Title case mean the tool only away from the start of a sentence, or said alone
                # as its own sentence ("Drive. High-risk only?")
                if title_case and at in sentence_starts and not _said_alone(text, exact):
                    continue
                found.append((len(key), at, order, prog))
                break
    return found


def _said_alone(text: str, name: str) -> bool:
    """Whether the name opens the message as a sentence of its own ("Drive. High-risk only?", "Help - who for?") or
    listed with another name ("Drive and They Matter - both high risk?", "Drive, DAPP, They Matter - which is for what?")."""
    return bool(re.match(rf"\W*{re.escape(name)}(?:\s*(?:[.:?!]|\s[-–]\s)|\s*,\s*[A-Z]|\s+(?:and|&|or|vs|versus)\s+[A-Z])",
                         text or ""))


def find_programme(text: str) -> Programme | None:
    """The programme named in text (the longest matching name wins), or None."""
    found = _programme_matches(text)
    if not found:
        return None
    found.sort(key=lambda m: (-m[0], m[1], m[2]))
    return found[0][3]


def find_programmes(text: str) -> list[Programme]:
    """Every programme named in text, in the order they are mentioned."""
    first: dict[str, tuple[int, Programme]] = {}
    for _length, at, _order, prog in sorted(_programme_matches(text), key=lambda m: (m[1], -m[0], m[2])):
        first.setdefault(prog.id, (at, prog))
    return [prog for _at, prog in sorted(first.values(), key=lambda item: item[0])]


def find_topics(text: str) -> list[GuidanceTopic]:
    """Guidance topics whose keywords appear in text, best first.

    A topic scores one point per word of each keyword it matches, so a specific phrase ("couples
    counselling") outweighs a single word; ties go to the longest single keyword, then file order.
    """
    padded = f" {normalise(text)} "
    scored: list[tuple[int, int, int, GuidanceTopic]] = []
    for order, topic_ in enumerate(load_guidance()):
        hits = [key for key in (normalise(k) for k in topic_.keywords) if f" {key}" in padded]
        if hits:
            score = sum(len(h.split()) for h in hits)
            scored.append((score, max(len(h) for h in hits), -order, topic_))
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    return [s[3] for s in scored]
