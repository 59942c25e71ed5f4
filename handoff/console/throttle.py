"""Sign-in throttling by user name and source address, with back-off, instead of an account lock.

A hard lock by user name let anyone lock a named advisor out by guessing wrong on purpose, and its
different answer told a stranger which names exist. Here failures count per (name, address): after
FREE_FAILURES, each further attempt from that address for that name must wait twice as long as the
last (up to LONGEST), known and unknown names alike, and the advisor can still sign in from elsewhere.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


@dataclass
class _Failures:
    count: int
    last: datetime
    wait_until: datetime


class SignInThrottle:
    """In memory, per console process: counts are lost on restart, which only forgives."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], _Failures] = {}

    @staticmethod
    def key(username: str, address: str) -> tuple[str, str]:
        return username.strip().lower(), address

    def wait(self, username: str, address: str, now: datetime) -> timedelta:
        """How long this name and address must still wait before the next attempt (zero: go ahead)."""
        failures = self._failures.get(self.key(username, address))
        if failures is None or now - failures.last > FORGET_AFTER:
            return timedelta(0)
        return max(timedelta(0), failures.wait_until - now)

    def failed(self, username: str, address: str, now: datetime) -> timedelta:
        """Count a failure; returns the wait it starts (zero while failures are still free)."""
        key = self.key(username, address)
        previous = self._failures.get(key)
        count = 1 if previous is None or now - previous.last > FORGET_AFTER else previous.count + 1
        extra = count - FREE_FAILURES
        wait = min(LONGEST, FIRST_WAIT * 2 ** (extra - 1)) if extra > 0 else timedelta(0)
        self._failures[key] = _Failures(count, now, now + wait)
        return wait

    def succeeded(self, username: str, address: str) -> None:
        self._failures.pop(self.key(username, address), None)


def client_address(remote: str | None, forwarded_for: str | None, trusted_proxies: frozenset[str]) -> str:
    """The worker's address: the connection's, or the last X-Forwarded-For hop when our own proxy sent it."""
    address = remote or "unknown"
    if forwarded_for and (address in trusted_proxies or _is_loopback(address)):
        address = forwarded_for.split(",")[-1].strip() or address
    return address


def address_tag(address: str) -> str:
    """What the audit log keeps of an address: enough to see repeats, not the address itself."""
    return hashlib.sha256(address.encode()).hexdigest()[:12]


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
