"""Start and stop Signpost's processes (action server, Rasa, web app) on loopback.

Used by `make run` (scripts/run_all.py) and by the end-to-end test fixtures, so tests
exercise exactly what users run.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class StackConfig:
    """Ports, database and token for one running stack."""

    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int = 8000
    host: str = "127.0.0.1"
    database_url: Optional[str] = None
    tracker_db: Path = ROOT / "var" / "trackers.db"
    token: str = field(default_factory=lambda: os.environ.get("SIGNPOST_RASA_TOKEN") or secrets.token_urlsafe(24))
    log_dir: Path = ROOT / "var" / "logs"
    with_web: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"


class Stack:
    """The three processes; `start` waits until each answers, `stop` ends them all."""

    def __init__(self, config: StackConfig, model: Path) -> None:
        self.config = config
        self.model = model
        self.processes: dict[str, subprocess.Popen] = {}

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SANIC_HOST": self.config.host,
            "SIGNPOST_ACTION_URL": f"http://{self.config.host}:{self.config.action_port}/webhook",
            "SIGNPOST_TRACKER_DIALECT": "sqlite",
            "SIGNPOST_TRACKER_DB": str(self.config.tracker_db),
            "SIGNPOST_RASA_URL": self.config.rasa_url,
            "SIGNPOST_RASA_TOKEN": self.config.token,
            "SIGNPOST_WEB_HOST": self.config.host,
            "SIGNPOST_WEB_PORT": str(self.config.web_port),
        })
        if self.config.database_url:
            env["SIGNPOST_DATABASE_URL"] = self.config.database_url
        env.update(self.config.extra_env)
        return env

    def commands(self) -> dict[str, list[str]]:
        python, c = sys.executable, self.config
        commands = {
            "actions": [python, "-m", "rasa_sdk", "--actions", "actions", "--port", str(c.action_port)],
            "rasa": [python, "-m", "bot.rasa_cli", "run", "--model", str(self.model), "--endpoints",
                     "bot/endpoints.yml", "--credentials", "bot/credentials.yml", "--enable-api", "--auth-token",
                     c.token, "--interface", c.host, "--port", str(c.rasa_port), "--cors", c.web_url,
                     "--log-file", str(c.log_dir / "rasa.log")],
        }
        if c.with_web:
            commands["web"] = [python, "-m", "web"]
        return commands

    def health_urls(self) -> dict[str, str]:
        c = self.config
        return {"actions": f"http://{c.host}:{c.action_port}/health", "rasa": f"{c.rasa_url}/",
                "web": f"{c.web_url}/healthz"}

    def start(self, timeout: float = 240) -> None:
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        self.config.tracker_db.parent.mkdir(parents=True, exist_ok=True)
        env = self.environment()
        for name, command in self.commands().items():
            log = open(self.config.log_dir / f"{name}.out", "ab")
            self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                    start_new_session=True)
        deadline = time.monotonic() + timeout
        for name, url in self.health_urls().items():
            if name in self.processes:
                self._wait(name, url, deadline)

    def _wait(self, name: str, url: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                self.stop()
                raise RuntimeError(f"{name} exited while starting; see {self.config.log_dir / (name + '.out')}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{name} did not answer at {url} in time; see {self.config.log_dir / (name + '.out')}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]
