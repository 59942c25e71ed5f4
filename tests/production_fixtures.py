"""Production-mode fixtures: PostgreSQL and Redis on loopback, two Rasa replicas behind the balancer.

`make test` runs the conversation, handoff and webchat tests a second time with
SIGNPOST_TEST_STACK=production, which makes `live_stack` this stack instead of the embedded one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.settings import PROJECT_ROOT
from directory.setup import prepare
from scripts.local_services import PostgresServer, RedisServer
from scripts.production import POSTGRES_HOME, free_ports, production_config
from scripts.stack import Stack


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
