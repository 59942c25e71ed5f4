"""docker-compose.yml can't run here (no Docker engine), so check it agrees with what the tests run."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from directory.settings import PROJECT_ROOT
from scripts.stack import Stack, StackConfig

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
ENDPOINTS = (PROJECT_ROOT / "bot" / "endpoints.production.yml").read_text()


def test_every_variable_the_production_endpoints_need_is_set_for_each_replica():
    """A replica started by compose finds every ${VAR} its endpoints file uses."""
    needed = set(re.findall(r"\$\{(\w+)\}", ENDPOINTS))
    for name in ("rasa-1", "rasa-2"):
        assert needed <= set(COMPOSE["services"][name]["environment"]), name


def test_replicas_use_the_production_endpoints_each_with_its_own_action_server():
    """Both replicas run the production stores, JWT-protected, CORS limited to the site origin."""
    actions = set()
    for name in ("rasa-1", "rasa-2"):
        service = COMPOSE["services"][name]
        command = service["command"]
        assert "bot/endpoints.production.yml" in command
        assert '--cors "$$SIGNPOST_SITE_ORIGIN"' in command or '--cors "$SIGNPOST_SITE_ORIGIN"' in command
        actions.add(service["environment"]["SIGNPOST_ACTION_URL"])
    assert len(actions) == 2


def test_rasa_takes_only_jwts_and_its_secret_is_on_no_command_line():
    """The secret goes from the environment into a private file (printf is a shell built-in); Rasa gets the path."""
    for name in ("rasa-1", "rasa-2"):
        command = COMPOSE["services"][name]["command"]
        assert "--auth-token" not in command and "--jwt-secret /tmp/rasa-jwt-secret" in command
        assert re.findall(r"\S*SIGNPOST_RASA_TOKEN\S*", command) == ['"$$SIGNPOST_RASA_TOKEN"']
        assert 'umask 077 && printf %s "$$SIGNPOST_RASA_TOKEN" > /tmp/rasa-jwt-secret &&' in command


def test_balancer_fronts_both_replicas_and_only_loopback_ports_are_published():
    """Nothing but the balancer's public face and the web app is reachable, and only through the host's loopback."""
    balancer = COMPOSE["services"]["balancer"]
    assert balancer["command"].count("--replica") == 2
    assert balancer["ports"] == ["127.0.0.1:5000:5000"]
    for name, service in COMPOSE["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), name


def test_the_console_reaches_rasa_through_the_balancers_internal_face():
    """Browsers get the public face; the console's API address is the unpublished internal one."""
    command = COMPOSE["services"]["balancer"]["command"]
    internal = command[command.index("--internal-port") + 1]
    assert command[command.index("--port") + 1] == "5000" and internal == "5001"
    web = COMPOSE["services"]["web"]["environment"]
    assert web["SIGNPOST_RASA_API_URL"] == f"http://balancer:{internal}"
    assert web["SIGNPOST_RASA_URL"] == "${SIGNPOST_PUBLIC_RASA_URL:?}"


def test_the_loopback_stack_starts_the_same_two_faces_and_keeps_the_secret_off_command_lines(tmp_path: Path):
    """scripts/stack.py (what the tests run) agrees: two faces, the console on the internal one, a secret file."""
    config = StackConfig(rasa_port=6005, action_port=6055, web_port=6080, balancer_port=6000, balancer_internal_port=6001,
                         replicas=2, token="a-test-secret-that-must-stay-off-argv", log_dir=tmp_path)
    stack = Stack(config, tmp_path / "model.tar.gz")
    try:
        commands = stack.commands()
        balancer = commands["balancer"][0]
        assert balancer[balancer.index("--port") + 1] == "6000" and balancer[balancer.index("--internal-port") + 1] == "6001"
        assert stack.environment()["SIGNPOST_RASA_API_URL"] == "http://127.0.0.1:6001"
        for name in ("rasa-0", "rasa-1"):
            command = commands[name][0]
            assert "--auth-token" not in command
            secret_file = Path(command[command.index("--jwt-secret") + 1])
            assert secret_file.read_text() == config.token and secret_file.stat().st_mode & 0o077 == 0
        assert all(config.token not in arg for command, _ in commands.values() for arg in command)
    finally:
        stack.stop()
    assert not secret_file.exists()


def test_the_redis_password_is_on_no_command_line(tmp_path):
    """Redis reads its password from configuration (a 0600 file in tests, standard input in compose), not argv."""
    import subprocess

    from scripts.local_services import RedisServer
    from scripts.production import free_ports

    redis_command = " ".join(COMPOSE["services"]["redis"]["command"])
    assert "--requirepass" not in redis_command and "redis-server -" in redis_command
    server = RedisServer(tmp_path / "redis", free_ports(1))
    server.start()
    try:
        listed = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
        assert server.password not in listed
        assert oct((tmp_path / "redis" / "redis.conf").stat().st_mode & 0o777) == "0o600"
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)
