"""The production shape on loopback, for tests and the load benchmark: PostgreSQL, Redis, replicas, balancer."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from scripts.local_services import PostgresServer, RedisServer
from scripts.stack import ROOT, ProductionServices, StackConfig

# Kept between runs: building the directory's geography in PostgreSQL takes a few minutes.
POSTGRES_HOME = ROOT / "var" / "test-services" / "pg"
ALWAYS_OPEN_HOURS = ROOT / "tests" / "fixtures" / "always_open_hours.yml"


def free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (replica i listens on base + i)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count < 65535 and all(_free(base + i) for i in range(count)):
            return base
    raise RuntimeError("no block of free ports on loopback")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def production_config(postgres: PostgresServer, redis_server: RedisServer, directory_url: str, log_dir: Path,
                      replicas: int = 2) -> StackConfig:
    """`replicas` Rasa servers (each with its own action server) behind the balancer's two faces, a fresh tracker database."""
    trackers = f"trackers_{uuid.uuid4().hex[:8]}"
    postgres.create_database(trackers)
    balancer = free_ports(2)  # the public face, then the internal one
    services = ProductionServices("127.0.0.1", postgres.port, trackers, postgres.user, postgres.password,
                                  "127.0.0.1", redis_server.port, redis_server.password)
    return StackConfig(rasa_port=free_ports(replicas), action_port=free_ports(replicas), web_port=free_ports(1),
                       balancer_port=balancer, balancer_internal_port=balancer + 1, replicas=replicas, production=services,
                       database_url=directory_url, log_dir=log_dir,
                       extra_env={"SIGNPOST_SERVICE_HOURS": str(ALWAYS_OPEN_HOURS),
                                  "SIGNPOST_CONSOLE_SECURE_COOKIE": "false"})
