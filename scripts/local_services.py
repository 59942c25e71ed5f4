"""PostgreSQL and Redis from Debian's packages, started on loopback for the production-mode tests.

Each server lives in a folder of its own with a random password and stops with its owner;
nothing touches the machine's own clusters. Debian packages come from install_test_system_deps.sh.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


def _postgres_bin(name: str) -> str:
    """Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed; run `bash scripts/install_test_system_deps.sh`")
    return str(found[-1])


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root, so root runs it as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class PostgresServer:
    """A PostgreSQL cluster of the project's own in `root`, listening on 127.0.0.1:`port`.

    The cluster is kept between runs (building the directory's geography in it takes minutes),
    so `start` reuses it and its password when `root` already holds one.
    """

    root: Path
    port: int
    user: str = "signpost"
    password: str = field(init=False)

    def __post_init__(self) -> None:
        saved = self.root / "pwfile"
        self.password = saved.read_text() if saved.exists() else secrets.token_hex(12)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if not (self.data_dir / "PG_VERSION").exists():
            self._init()
        self.stop("immediate")  # a server left running by an interrupted run
        self.restart()

    def _init(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        (self.root / "pwfile").write_text(self.password)
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in (self.root, self.root / "pwfile"):
                os.chown(path, account.pw_uid, account.pw_gid)
        self._run([_postgres_bin("initdb"), "-D", str(self.data_dir), "-U", self.user, "--pwfile",
                   str(self.root / "pwfile"), "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])

    def create_database(self, name: str) -> str:
        """Create database `name` unless it exists and return its URL."""
        exists = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-d", "postgres", "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            env={**os.environ, "PGPASSWORD": self.password}, capture_output=True, text=True, check=True)
        if exists.stdout.strip() != "1":
            self._client("createdb", name)
        return self.url(name)

    def _client(self, program: str, *args: str) -> None:
        self._run([_postgres_bin(program), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, *args],
                  env={"PGPASSWORD": self.password})

    def stop(self, mode: str = "fast") -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run([_postgres_bin("pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"], check=False)

    def restart(self) -> None:
        """Start the server again after `stop` (fault tests: the database down and back)."""
        self._run([_postgres_bin("pg_ctl"), "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-w",
                   "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])

    def _run(self, command: list[str], env: dict[str, str] | None = None, check: bool = True) -> None:
        result = subprocess.run(_as_postgres_user(command), cwd="/", env={**os.environ, **(env or {})},
                                capture_output=True, text=True)
        if check and result.returncode:
            raise RuntimeError(f"{' '.join(command[:2])} failed: {result.stderr.strip() or result.stdout.strip()}")


@dataclass
class RedisServer:
    """A throwaway Redis on 127.0.0.1:`port`, no persistence, password-protected."""

    root: Path
    port: int
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 20) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        binary = shutil.which("redis-server")
        if not binary:
            raise RuntimeError("Redis is not installed; run `bash scripts/install_test_system_deps.sh`")
        # The password goes in a private config file, not on the command line where `ps` shows it.
        config = self.root / "redis.conf"
        config.touch(mode=0o600)
        config.chmod(0o600)
        config.write_text(f"requirepass {self.password}\n", encoding="utf-8")
        self.process = subprocess.Popen(
            [binary, str(config), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.root), "--logfile", str(self.root / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._ping():
                return
            time.sleep(0.1)
        raise RuntimeError(f"Redis did not start on port {self.port}; see {self.root / 'redis.log'}")

    def _ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url(), socket_timeout=1).ping())
        except redis.exceptions.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        self.process = None
