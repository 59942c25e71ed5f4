"""Start and stop Signpost's processes (action servers, Rasa replicas, balancer, web app) on loopback.

Used by `make run` (scripts/run_all.py), the benchmarks and the end-to-end test fixtures, so tests
exercise exactly what users run. One replica with SQLite is the embedded default; `production`
puts trackers in PostgreSQL and the conversation lock in Redis, and `replicas` > 1 adds the
balancer (balancer/) in front: its public face for the widget, its internal face for the console.
Rasa's API takes only JWTs signed with the stack's token, which it reads from a private file.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ProductionServices:
    """Where PostgreSQL (trackers) and Redis (conversation lock) listen, with their secrets."""

    tracker_host: str
    tracker_port: int
    tracker_db: str
    tracker_user: str
    tracker_password: str
    redis_host: str
    redis_port: int
    redis_password: str

    def environment(self) -> dict[str, str]:
        return {"SIGNPOST_TRACKER_HOST": self.tracker_host, "SIGNPOST_TRACKER_PORT": str(self.tracker_port),
                "SIGNPOST_TRACKER_DB": self.tracker_db, "SIGNPOST_TRACKER_USER": self.tracker_user,
                "SIGNPOST_TRACKER_PASSWORD": self.tracker_password,
                "SIGNPOST_TRACKER_URL": f"postgresql://{self.tracker_user}:{self.tracker_password}@"
                                        f"{self.tracker_host}:{self.tracker_port}/{self.tracker_db}",
                "SIGNPOST_REDIS_HOST": self.redis_host, "SIGNPOST_REDIS_PORT": str(self.redis_port),
                "SIGNPOST_REDIS_PASSWORD": self.redis_password}


@dataclass
class StackConfig:
    """Ports, databases and token (the secret Rasa's API JWTs are signed with) for one running stack."""

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
    production: Optional[ProductionServices] = None
    # Replica i listens on rasa_port + i with its own action server on action_port + i.
    replicas: int = 1
    balancer_port: Optional[int] = None  # the public face: chat paths only
    balancer_internal_port: Optional[int] = None  # the internal face: Rasa's whole API, for the console

    def __post_init__(self) -> None:
        if self.balancer_port and not self.balancer_internal_port:
            raise ValueError("a balancer needs balancer_internal_port too: the console's way to Rasa's API")

    @property
    def rasa_url(self) -> str:
        """Where browsers and REST clients talk to Rasa: the balancer's public face when there is one."""
        port = self.balancer_port or self.rasa_port
        return f"http://{self.host}:{port}"

    @property
    def rasa_api_url(self) -> str:
        """Where the console reaches Rasa's API: the balancer's internal face, or the one replica."""
        return f"http://{self.host}:{self.balancer_internal_port}" if self.balancer_port else self.replica_url(0)

    @property
    def tracker_url(self) -> str:
        """The tracker store as a SQLAlchemy URL (privacy jobs and tests read it)."""
        return self.production.environment()["SIGNPOST_TRACKER_URL"] if self.production else f"sqlite:///{self.tracker_db}"

    def replica_url(self, index: int) -> str:
        return f"http://{self.host}:{self.rasa_port + index}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def web_origins(self) -> list[str]:
        """The site's origins for Rasa's --cors: on loopback both names, as people type either one.

        The web app listens on 127.0.0.1, but the READMEs say http://localhost:8000/, and a browser sends
        that origin as it was typed. Only these two, never "*".
        """
        if self.host in ("127.0.0.1", "localhost"):
            return [f"http://{name}:{self.web_port}" for name in ("127.0.0.1", "localhost")]
        return [self.web_url]


class Stack:
    """The processes; `start` waits until each answers, `stop` ends them all."""

    def __init__(self, config: StackConfig, model: Path) -> None:
        self.config = config
        self.model = model
        self.processes: dict[str, subprocess.Popen] = {}
        self._secret_dir: Optional[Path] = None

    def environment(self) -> dict[str, str]:
        """What every process shares; each replica adds its own action server URL."""
        c = self.config
        env = dict(os.environ)
        env.update({
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SANIC_HOST": c.host,
            "SIGNPOST_TRACKER_URL": c.tracker_url,
            "SIGNPOST_RASA_URL": c.rasa_url,
            "SIGNPOST_RASA_API_URL": c.rasa_api_url,
            "SIGNPOST_RASA_TOKEN": c.token,
            "SIGNPOST_WEB_HOST": c.host,
            "SIGNPOST_WEB_PORT": str(c.web_port),
        })
        if c.database_url:
            env["SIGNPOST_DATABASE_URL"] = c.database_url
        if c.production:
            env.update(c.production.environment())
        else:  # bot/endpoints.yml: Rasa's SQL tracker store on SQLite
            env.update({"SIGNPOST_TRACKER_DIALECT": "sqlite", "SIGNPOST_TRACKER_DB": str(c.tracker_db)})
        env.update(c.extra_env)
        return env

    def commands(self) -> dict[str, tuple[list[str], dict[str, str]]]:
        """Each process's command line and its own environment additions."""
        python, c = sys.executable, self.config
        endpoints = "bot/endpoints.production.yml" if c.production else "bot/endpoints.yml"
        commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        for i in range(c.replicas):
            suffix = "" if c.replicas == 1 else f"-{i}"
            action_port = c.action_port + i
            commands["actions" + suffix] = (
                [python, "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)], {})
            commands["rasa" + suffix] = (
                [python, "-m", "bot.rasa_cli", "run", "--model", str(self.model), "--endpoints", endpoints,
                 "--credentials", "bot/credentials.yml", "--enable-api", "--jwt-secret", str(self.jwt_secret_file()),
                 "--interface", c.host, "--port", str(c.rasa_port + i), "--cors", *c.web_origins,
                 "--log-file", str(c.log_dir / f"rasa{suffix}.log")],
                {"SIGNPOST_ACTION_URL": f"http://{c.host}:{action_port}/webhook"})
        if c.balancer_port:
            replicas = [arg for i in range(c.replicas) for arg in ("--replica", c.replica_url(i))]
            commands["balancer"] = ([python, "-m", "balancer", "--host", c.host, "--port", str(c.balancer_port),
                                     "--internal-host", c.host, "--internal-port", str(c.balancer_internal_port),
                                     *replicas], {})
        if c.with_web:
            commands["web"] = ([python, "-m", "web"], {})
        return commands

    def health_urls(self) -> dict[str, str]:
        c = self.config
        urls = {"web": f"{c.web_url}/healthz"}
        for i in range(c.replicas):
            suffix = "" if c.replicas == 1 else f"-{i}"
            urls["actions" + suffix] = f"http://{c.host}:{c.action_port + i}/health"
            urls["rasa" + suffix] = f"{c.replica_url(i)}/"
        if c.balancer_port:
            urls["balancer"] = f"{c.rasa_url}/healthz"  # the public face; the internal one listens first
        return urls

    def jwt_secret_file(self) -> Path:
        """The token in a file only we can read: Rasa's --jwt-secret takes a path, so `ps` shows no secret.

        sanic-jwt uses the argument itself as the secret if no such file exists, so it is written first.
        """
        if self._secret_dir is None or not self._secret_dir.is_dir():
            self._secret_dir = Path(tempfile.mkdtemp(prefix="signpost-secret-"))  # mode 0700
        path = self._secret_dir / "rasa-jwt-secret"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as secret:
                secret.write(self.config.token)
        return path

    def start(self, timeout: float = 300) -> None:
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        self.config.tracker_db.parent.mkdir(parents=True, exist_ok=True)
        for name in self.commands():
            self.start_process(name)
        deadline = time.monotonic() + timeout
        for name in self.commands():
            self._wait(name, self.health_urls()[name], deadline)

    def start_process(self, name: str) -> None:
        """Start (or restart) one process by name, e.g. after a fault test killed it."""
        command, own_env = self.commands()[name]
        log = open(self.config.log_dir / f"{name}.out", "ab")
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env={**self.environment(), **own_env}, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)

    def wait_for(self, name: str, timeout: float = 300) -> None:
        self._wait(name, self.health_urls()[name], time.monotonic() + timeout)

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

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """End one process at once (fault tests: a replica or action server dying)."""
        process = self.processes[name]
        os.killpg(process.pid, sig)
        process.wait(timeout=30)

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
        if self._secret_dir is not None:
            shutil.rmtree(self._secret_dir, ignore_errors=True)
            self._secret_dir = None

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]
