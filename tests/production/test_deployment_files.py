"""docker-compose.yml can't run here (no Docker engine), so check it agrees with what the tests run."""

from __future__ import annotations

import re

import yaml

from directory.settings import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
ENDPOINTS = (PROJECT_ROOT / "bot" / "endpoints.production.yml").read_text()


def test_every_variable_the_production_endpoints_need_is_set_for_each_replica():
    """A replica started by compose finds every ${VAR} its endpoints file uses."""
    needed = set(re.findall(r"\$\{(\w+)\}", ENDPOINTS))
    for name in ("rasa-1", "rasa-2"):
        assert needed <= set(COMPOSE["services"][name]["environment"]), name


def test_replicas_use_the_production_endpoints_each_with_its_own_action_server():
    """Both replicas run the production stores, token-protected, CORS limited to the site origin."""
    actions = set()
    for name in ("rasa-1", "rasa-2"):
        service = COMPOSE["services"][name]
        command = service["command"]
        assert "bot/endpoints.production.yml" in command and "--auth-token" in command
        assert '--cors "$$SIGNPOST_SITE_ORIGIN"' in command or '--cors "$SIGNPOST_SITE_ORIGIN"' in command
        actions.add(service["environment"]["SIGNPOST_ACTION_URL"])
    assert len(actions) == 2


def test_balancer_fronts_both_replicas_and_only_loopback_ports_are_published():
    """Nothing but the balancer and the web app is reachable, and only through the host's loopback."""
    balancer = COMPOSE["services"]["balancer"]["command"]
    assert balancer.count("--replica") == 2
    for name, service in COMPOSE["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), name
