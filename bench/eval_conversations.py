"""Conversation figures on a blind set (issue 13): conversations passed, per kind.

`python -m bench.eval_conversations [--set bench/blind/conversations_round1.jsonl] [--url URL]`

Each conversation runs through the REST channel in a new session; a turn passes when the reply holds
every `expect_all` string, at least one `expect_any` string and no `expect_none` string
(case-insensitive); a conversation passes when every turn does. Writes bench/results/<set>.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from bench.rest import reply_texts, running_stack, say

ROOT = Path(__file__).resolve().parent
DEFAULT_SET = ROOT / "blind" / "conversations_round1.jsonl"


def turn_problems(turn: dict, reply: str) -> list[str]:
    """What a reply lacks or wrongly holds; empty when the turn passes."""
    lowered = reply.lower()
    problems = [f"missing {s!r}" for s in turn.get("expect_all", []) if s.lower() not in lowered]
    if turn.get("expect_any") and not any(s.lower() in lowered for s in turn["expect_any"]):
        problems.append(f"none of {turn['expect_any']!r}")
    problems += [f"holds {s!r}" for s in turn.get("expect_none", []) if s.lower() in lowered]
    return problems


def run_conversation(case: dict, rasa_url: str) -> tuple[bool, str]:
    """(passed, the first failing turn and what was wrong)."""
    sender = f"eval-conv-{uuid.uuid4().hex[:12]}"
    for number, turn in enumerate(case["turns"], start=1):
        reply = "\n".join(reply_texts(say(rasa_url, sender, turn["say"])))
        problems = turn_problems(turn, reply)
        if problems:
            return False, f"turn {number} {turn['say'][:90]!r}: {'; '.join(problems)} -> {reply[:160]!r}"
    return True, ""


def report(cases: list[dict], results: list[tuple[bool, str]], set_path: Path) -> str:
    digest = hashlib.sha256(set_path.read_bytes()).hexdigest()[:16]
    totals = Counter(c["kind"] for c in cases)
    passed = Counter(c["kind"] for c, (ok, _) in zip(cases, results, strict=True) if ok)
    lines = [f"# Conversation figures: {set_path.name} (sha256 {digest}), through the REST channel", "",
             "| kind | conversations | passed | rate |", "|---|---|---|---|"]
    for kind in sorted(totals):
        lines.append(f"| {kind} | {totals[kind]} | {passed[kind]} | {passed[kind] / totals[kind]:.1%} |")
    all_passed = sum(passed.values())
    lines.append(f"| **all** | {len(cases)} | {all_passed} | {all_passed / len(cases):.1%} |")
    misses = defaultdict(list)
    for case, (ok, why) in zip(cases, results, strict=True):
        if not ok:
            misses[case["kind"]].append(f"- {case['id']}: {why}")
    for kind in sorted(misses):
        lines += ["", f"## Misses: {kind}", *misses[kind]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--url", help="a running Rasa server to send the conversations to")
    parser.add_argument("--output", type=Path, help="where to write the table (default bench/results/<set>.md)")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    with running_stack(args.url, "eval-conversations") as rasa_url:
        results = [run_conversation(case, rasa_url) for case in cases]
    text = report(cases, results, args.set)
    output = args.output or ROOT / "results" / f"{args.set.stem}.md"
    output.write_text(text, encoding="utf-8")
    print(text)
    return text


if __name__ == "__main__":
    main(sys.argv[1:])
