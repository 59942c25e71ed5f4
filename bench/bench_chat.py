"""Conversation figures: REST latency (single- and multi-turn), server start time and memory.

Run with `make bench` or `python -m bench.bench_chat`; writes bench/results/chat.md.
Sequential conversations on loopback, as one worker after another would use it.
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.request
import uuid
from pathlib import Path

from scripts.stack import Stack, StackConfig
from scripts.train_if_changed import model_path

RESULTS = Path(__file__).resolve().parent / "results"
SINGLE_TURN = [
    "what's available in Nottingham?", "anything for perpetrators near Kendal?", "services in NG1 5FS",
    "what is Drive?", "how do I avoid colluding with him?", "can I talk to someone?", "hello",
    "is this confidential?", "what's available in Leicester?", "he's outside with a knife",
]
MULTI_TURN = ["what services are there in my area?", "Barrow-in-Furness", "how do I refer?", "how long is it?",
              "who is it not suitable for?", "it's for a woman", "show me more", "thanks"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def say(rasa_url: str, sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for status in [Path(f"/proc/{pid}/status")] + list(Path(f"/proc/{pid}/task").glob("*/children")):
        if status.name == "status" and status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def main(rounds: int = 20) -> str:
    config = StackConfig(rasa_port=5205, action_port=5255, web_port=8205, with_web=False,
                         tracker_db=Path("/tmp/signpost-bench-trackers.db"))
    stack = Stack(config, model_path())
    started = time.perf_counter()
    stack.start()
    start_seconds = time.perf_counter() - started
    try:
        say(config.rasa_url, "warm-up", "hello")
        single = [say(config.rasa_url, f"s-{uuid.uuid4().hex}", text) for _ in range(rounds) for text in SINGLE_TURN]
        multi = []
        for _ in range(rounds):
            sender = f"m-{uuid.uuid4().hex}"
            multi += [say(config.rasa_url, sender, text) for text in MULTI_TURN]
        memory = {name: rss_mb(p.pid) for name, p in stack.processes.items()}
    finally:
        stack.stop()
    rows = [
        "| measure | value |", "|---|---|",
        f"| single-turn p50 / p95 (ms, n={len(single)}) | {statistics.median(single):.0f} / {percentile(single, .95):.0f} |",
        f"| multi-turn p50 / p95 (ms, n={len(multi)}) | {statistics.median(multi):.0f} / {percentile(multi, .95):.0f} |",
        f"| server start, to all healthy (s) | {start_seconds:.0f} |",
    ] + [f"| memory, {name} (MB RSS) | {mb:.0f} |" for name, mb in memory.items()]
    table = "\n".join(rows)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "chat.md").write_text(table + "\n")
    print(table)
    return table


if __name__ == "__main__":
    main()
