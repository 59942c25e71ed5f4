"""Handoff configuration from SIGNPOST_* environment variables, with defaults that work locally."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from directory.settings import Settings as DirectorySettings

HANDOFF_DIR = Path(__file__).resolve().parent
DEFAULT_HOURS_FILE = HANDOFF_DIR / "service_hours.yml"


class SettingsError(ValueError):
    """An environment variable has a value the handoff package cannot use."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


@dataclass(frozen=True)
class HandoffSettings:
    """Everything the handoff package reads from the environment (see handoff/README.md)."""

    database_url: str
    hours_file: Path = DEFAULT_HOURS_FILE
    retention_days: int = 30
    advisor_seen_minutes: int = 5
    stale_minutes: int = 30
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = ""  # the secret Rasa verifies JWTs with (--jwt-secret); the console signs with it
    rasa_api_url: str = ""  # Rasa's API on an internal address (the balancer's internal face); wins over rasa_url
    output_channel: str = "socketio"
    secure_cookie: bool = True
    session_hours: int = 12
    idle_minutes: int = 60
    poll_seconds: float = 1.0
    # Proxies whose X-Forwarded-For names the real client (sign-in throttling); loopback is always trusted.
    trusted_proxies: frozenset[str] = frozenset()

    @property
    def console_rasa_url(self) -> str:
        """Where the console reaches Rasa's API: the internal address when set (the public face serves only the chat)."""
        return self.rasa_api_url or self.rasa_url

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HandoffSettings:
        env = os.environ if env is None else env
        database_url = env.get("SIGNPOST_DATABASE_URL", "").strip() or DirectorySettings.from_env().database_url
        hours = env.get("SIGNPOST_SERVICE_HOURS", "").strip()
        poll_ms = _int(env, "SIGNPOST_CONSOLE_POLL_MS", 1000, minimum=100)
        return cls(
            database_url=database_url,
            hours_file=Path(hours) if hours else DEFAULT_HOURS_FILE,
            retention_days=_int(env, "SIGNPOST_RETENTION_DAYS", 30),
            advisor_seen_minutes=_int(env, "SIGNPOST_ADVISOR_SEEN_MINUTES", 5),
            stale_minutes=_int(env, "SIGNPOST_HANDOFF_STALE_MINUTES", 30),
            rasa_url=(env.get("SIGNPOST_RASA_URL", "").strip() or "http://127.0.0.1:5005").rstrip("/"),
            rasa_token=env.get("SIGNPOST_RASA_TOKEN", "").strip(),
            rasa_api_url=env.get("SIGNPOST_RASA_API_URL", "").strip().rstrip("/"),
            output_channel=env.get("SIGNPOST_RASA_OUTPUT_CHANNEL", "").strip() or "socketio",
            secure_cookie=_bool(env, "SIGNPOST_CONSOLE_SECURE_COOKIE", True),
            session_hours=_int(env, "SIGNPOST_CONSOLE_SESSION_HOURS", 12),
            idle_minutes=_int(env, "SIGNPOST_CONSOLE_IDLE_MINUTES", 60),
            poll_seconds=poll_ms / 1000,
            trusted_proxies=frozenset(p.strip() for p in env.get("SIGNPOST_TRUSTED_PROXIES", "").split(",") if p.strip()),
        )
