"""Load on the production shape, loopback only: N simulated workers for a bounded time, 1 and 2 replicas.

Each simulated worker holds multi-turn conversations (half over REST, half over socket.io like
the widget), pausing 0.5-1.5 s between messages as a person would. Meanwhile probes time a
directory search and a handoff round trip. Writes bench/results/load.md.

    python -m bench.load                      # N = 10, 50, 200 for 120 s each, on 1 then 2 replicas
    python -m bench.load --users 10 --duration 20 --replicas 2
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bench.bench_chat import percentile
from bench.clients import SocketWorker, rest_say
from bench.handoff_probe import round_trips
from directory.service_directory import ServiceDirectory
from directory.setup import prepare
from scripts.local_services import PostgresServer, RedisServer
from scripts.production import POSTGRES_HOME, free_ports, production_config
from scripts.stack import ROOT, Stack
from scripts.train_if_changed import model_path

RESULTS = Path(__file__).resolve().parent / "results"
CONVERSATION = ["hello", "what services are there in my area?", "Kendal", "tell me more about the first one",
                "how do I refer?", "is it free?", "thanks, bye"]
THINK_S = (0.5, 1.5)
REPLY_TIMEOUT_S = 30
# Why a socket.io client failed (Engine.IO's own warnings included), in var/logs/load/clients.log.
CLIENT_LOG = logging.getLogger("bench.load.clients")


@dataclass
class Samples:
    """Latencies (seconds) and error counts per channel, plus the probes."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    searches: list[float] = field(default_factory=list)
    handoff: tuple[list[float], list[float]] = ([], [])

    def record(self, channel: str, seconds: float, error: str | None = None) -> None:
        """A turn's latency, or the kind of error that stopped it (no reply, refused, disconnected...)."""
        if error is None:
            self.latencies[channel].append(seconds)
        else:
            self.errors[channel][error] += 1

    def error_text(self, channel: str) -> str:
        kinds = self.errors[channel]
        total = sum(kinds.values())
        return f"{total} ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})" if total else "0"


async def rest_worker(url: str, stop_at: float, samples: Samples) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REPLY_TIMEOUT_S)) as http:
        while time.monotonic() < stop_at:
            sender = f"load-{uuid.uuid4().hex[:12]}"
            for text in CONVERSATION:
                if time.monotonic() >= stop_at:
                    return
                try:
                    seconds, ok = await rest_say(http, url, sender, text)
                    samples.record("REST", seconds, None if ok else "error status or empty reply")
                except (TimeoutError, aiohttp.ClientError) as error:
                    samples.record("REST", 0.0, type(error).__name__)
                await asyncio.sleep(random.uniform(*THINK_S))


async def socket_worker(url: str, stop_at: float, samples: Samples) -> None:
    while time.monotonic() < stop_at:
        worker = SocketWorker(url, log=CLIENT_LOG)
        try:
            await worker.connect()
            await socket_conversation(worker, stop_at, samples)
        except Exception as error:  # noqa: BLE001 - a failed connection is an error to count, not a crash
            samples.record("socket.io", 0.0, f"{type(error).__name__}: {str(error)[:60]}")
            CLIENT_LOG.warning("%s: %s failed: %s: %s", worker.session_id, worker.client.sid, type(error).__name__,
                               error)
            await asyncio.sleep(1)
        finally:
            await worker.close()


async def socket_conversation(worker: SocketWorker, stop_at: float, samples: Samples) -> None:
    for text in CONVERSATION:
        if time.monotonic() >= stop_at:
            return
        worker.drain()
        sent = await worker.say(text)
        try:
            at, _ = await worker.next(lambda d: bool(d), timeout=REPLY_TIMEOUT_S)
            samples.record("socket.io", at - sent)
        except TimeoutError:
            samples.record("socket.io", 0.0, f"no reply in {REPLY_TIMEOUT_S} s")
            CLIENT_LOG.warning("%s: %s no reply to %r in %d s (connected: %s)", worker.session_id, worker.client.sid,
                               text, REPLY_TIMEOUT_S, worker.client.connected)
        await asyncio.sleep(random.uniform(*THINK_S))


async def search_probe(directory: ServiceDirectory, stop_at: float, samples: Samples) -> None:
    loop = asyncio.get_running_loop()
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        await loop.run_in_executor(None, directory.find, "Kendal")
        samples.searches.append(time.perf_counter() - started)
        await asyncio.sleep(1)


async def handoff_probe(stack: Stack, stop_at: float, samples: Samples) -> None:
    await asyncio.sleep(min(20.0, max(0.0, stop_at - time.monotonic()) / 4))  # let the load build up first
    c = stack.config
    try:
        samples.handoff = await asyncio.wait_for(round_trips(c.rasa_url, c.web_url, c.database_url),
                                                 max(30.0, stop_at - time.monotonic()))
    except Exception as error:  # noqa: BLE001 - report the probe failing instead of hiding the run
        print(f"  handoff probe failed: {type(error).__name__}: {error}")


async def one_run(stack: Stack, users: int, duration: float) -> Samples:
    samples, stop_at = Samples(), time.monotonic() + duration
    url = stack.config.rasa_url
    workers = [(rest_worker if i % 2 == 0 else socket_worker)(url, stop_at, samples) for i in range(users)]
    probes = [search_probe(ServiceDirectory(stack.config.database_url), stop_at, samples),
              handoff_probe(stack, stop_at, samples)]
    await asyncio.gather(*workers, *probes)
    return samples


def memory_mb(stack: Stack) -> dict[str, float]:
    """Peak resident memory (VmHWM) of each process of the stack, in MB."""
    peaks = {}
    for name, process in stack.processes.items():
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks[name] = int(line.split()[1]) / 1024
    return peaks


def pct(values: list[float], q: float) -> str:
    """A percentile of seconds, in whole ms for the table ("-" when nothing was measured)."""
    return f"{percentile(values, q) * 1000:.0f}" if values else "-"


def rows_for(replicas: int, users: int, duration: float, samples: Samples, memory: dict[str, float]) -> list[str]:
    rows = []
    for channel in ("REST", "socket.io"):
        ok = samples.latencies[channel]
        rows.append(f"| {replicas} | {users} | {channel} | {len(ok) / duration:.1f} | {pct(ok, .5)} | {pct(ok, .95)} | "
                    f"{pct(ok, .99)} | {samples.error_text(channel)} |")
    to_advisor, to_worker = samples.handoff
    rasa = [mb for name, mb in memory.items() if name.startswith("rasa")]
    actions = [mb for name, mb in memory.items() if name.startswith("actions")]
    rows.append(f"| {replicas} | {users} | probes | search p50/p95 {pct(samples.searches, .5)}/{pct(samples.searches, .95)} ms;"
                f" handoff worker→advisor p50/p95 {pct(to_advisor, .5)}/{pct(to_advisor, .95)} ms, advisor→worker "
                f"{pct(to_worker, .5)}/{pct(to_worker, .95)} ms | memory peak: Rasa {statistics.mean(rasa):.0f} MB each,"
                f" actions {statistics.mean(actions):.0f} MB each, balancer {memory.get('balancer', 0):.0f} MB,"
                f" web {memory.get('web', 0):.0f} MB | | | | |")
    return rows


def _log_clients_to(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    CLIENT_LOG.handlers = [handler]
    CLIENT_LOG.setLevel(logging.WARNING)
    CLIENT_LOG.propagate = False


def run_replicas(replicas: int, users: list[int], duration: float, postgres: PostgresServer,
                 redis_server: RedisServer, directory_url: str) -> list[str]:
    log_dir = ROOT / "var" / "logs" / "load"
    config = production_config(postgres, redis_server, directory_url, log_dir, replicas)
    _log_clients_to(log_dir / "clients.log")
    stack = Stack(config, model_path())
    stack.start()
    rows = []
    try:
        for n in users:
            print(f"{replicas} replica(s), {n} simulated workers, {duration:.0f} s ...", flush=True)
            samples = asyncio.run(one_run(stack, n, duration))
            rows += rows_for(replicas, n, duration, samples, memory_mb(stack))
            print("\n".join(rows[-3:]), flush=True)
    finally:
        stack.stop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--output", type=Path, default=RESULTS / "load.md", help="where to write the table")
    args = parser.parse_args()
    postgres, redis_server = PostgresServer(POSTGRES_HOME, free_ports(1)), RedisServer(ROOT / "var" / "load-redis",
                                                                                       free_ports(1))
    postgres.start()
    redis_server.start()
    try:
        directory_url = postgres.create_database("directory")
        prepare(directory_url)
        rows = [row for replicas in args.replicas for row in
                run_replicas(replicas, args.users, args.duration, postgres, redis_server, directory_url)]
    finally:
        redis_server.stop()
        postgres.stop()
    header = ["| replicas | workers | channel | messages/s | p50 ms | p95 ms | p99 ms | errors |",
              "|---|---|---|---|---|---|---|---|"]
    report = (f"Loopback, 2 cores, {args.duration:.0f} s per run, think time {THINK_S[0]}-{THINK_S[1]} s, "
              "half the workers on REST and half on socket.io (polling), all through the balancer; PostgreSQL "
              "trackers and directory, Redis lock. The load generator runs on the same 2 cores.\n\n"
              + "\n".join(header + rows) + "\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
