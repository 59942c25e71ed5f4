"""Rasa is started only if it is the version our replacements of its internals were written for (issue 15)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import rasa_guard
from directory.settings import PROJECT_ROOT


def fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """In a new interpreter: this test process may already have patched Rasa (other tests install the fixes)."""
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false"})


def test_the_pinned_rasa_matches_every_signature_the_fixes_rely_on():
    done = fresh_python("from bot.rasa_guard import problems; print(problems())")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_another_rasa_version_is_refused_with_what_to_do():
    found = rasa_guard.problems(version="3.7.0", relied_on={})
    assert found == ["Rasa 3.7.0 is installed, but the patches in bot/ were written for Rasa 3.6.21"]


def test_a_changed_signature_is_named():
    found = rasa_guard.problems(version=rasa_guard.PINNED_RASA,
                                relied_on={"rasa.core.lock_store.LockStore.get_lock": ("self", "sender_id"),
                                           "rasa.core.lock_store.LockStore.no_such_method": ("self",)})
    assert "rasa.core.lock_store.LockStore.get_lock takes ('self', 'conversation_id')" in found[0]
    assert "no_such_method is missing" in found[1]


def test_the_start_stops_before_anything_is_patched(monkeypatch):
    monkeypatch.setattr(rasa_guard, "problems", lambda: ["Rasa 9.9 is installed"])
    with pytest.raises(rasa_guard.RasaMismatch, match="make install"):
        rasa_guard.require_pinned_rasa()


def test_rasa_cli_refuses_to_start_another_rasa():
    done = fresh_python("import rasa; rasa.__version__ = '3.7.0'\n"
                        "import sys; sys.argv = ['rasa', '--version']\n"
                        "from bot import rasa_cli; rasa_cli.main()")
    assert done.returncode != 0
    assert "RasaMismatch" in done.stderr and "written for Rasa 3.6.21" in done.stderr
