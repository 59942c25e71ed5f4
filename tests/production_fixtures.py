"""Production-mode fixtures: PostgreSQL and Redis on loopback, two Rasa replicas behind the balancer.

`make test` runs the conversation, handoff and webchat tests a second time with
SIGNPOST_TEST_STACK=production, which makes `live_stack` this stack instead of the embedded one.
"""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest

from directory.settings import PROJECT_ROOT
from directory.setup import prepare
from scripts.local_services import PostgresServer, RedisServer
from scripts.stack import ProductionServices, Stack, StackConfig

# Kept between runs: building the directory's geography in PostgreSQL takes a few minutes.
POSTGRES_HOME = PROJECT_ROOT / "var" / "test-services" / "pg"


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


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = PostgresServer(POSTGRES_HOME, free_ports(1))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> RedisServer:
    server = RedisServer(tmp_path_factory.mktemp("redis"), free_ports(1))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_directory_url(postgres: PostgresServer) -> str:
    """The seeded directory in PostgreSQL (migrated, geography built once, seed loaded if empty)."""
    url = postgres.create_database("directory")
    prepare(url)
    return url


def production_config(postgres: PostgresServer, redis_server: RedisServer, directory_url: str, log_dir: Path,
                      replicas: int = 2) -> StackConfig:
    """Two replicas (each with its own action server) behind the balancer, a fresh tracker database."""
    trackers = f"trackers_{uuid.uuid4().hex[:8]}"
    postgres.create_database(trackers)
    services = ProductionServices("127.0.0.1", postgres.port, trackers, postgres.user, postgres.password,
                                  "127.0.0.1", redis_server.port, redis_server.password)
    return StackConfig(rasa_port=free_ports(replicas), action_port=free_ports(replicas), web_port=free_ports(1),
                       balancer_port=free_ports(1), replicas=replicas, production=services,
                       database_url=directory_url, tracker_db=log_dir / "unused-trackers.db", log_dir=log_dir,
                       extra_env={"SIGNPOST_SERVICE_HOURS": str(PROJECT_ROOT / "tests" / "fixtures" /
                                                                "always_open_hours.yml"),
                                  "SIGNPOST_CONSOLE_SECURE_COOKIE": "false"})


@pytest.fixture(scope="session")
def production_stack(trained_model: Path, postgres: PostgresServer, redis_server: RedisServer,
                     postgres_directory_url: str) -> Stack:
    """The whole production shape, started once per session; fault tests restart what they kill."""
    config = production_config(postgres, redis_server, postgres_directory_url,
                               PROJECT_ROOT / "test-artifacts" / "production-logs")
    stack = Stack(config, trained_model)
    stack.start()
    yield stack
    stack.stop()
