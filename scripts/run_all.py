"""`make run`: start the action server, Rasa and the web app on loopback; Ctrl-C stops them all."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from scripts.stack import Stack, StackConfig
from scripts.train_if_changed import model_path

RETENTION_EVERY_S = 24 * 3600


def run_retention(stack: Stack) -> None:
    """Delete conversations, transcripts and callbacks past the retention period (privacy/README.md)."""
    subprocess.run([sys.executable, "-m", "privacy", "retention"], env=stack.environment(), check=False)


def main() -> int:
    config = StackConfig()
    stack = Stack(config, model_path())
    print("Starting Signpost (the Rasa server takes about a minute to load)...")
    try:
        stack.start()
    except RuntimeError as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    print(f"Webchat:        {config.web_url}/\nRasa REST:      {config.rasa_url}/webhooks/rest/webhook\n"
          f"Action server:  http://{config.host}:{config.action_port}\nLogs:           {config.log_dir}\n"
          "Press Ctrl-C to stop.")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        last_retention = float("-inf")  # once at start, then daily
        while not stack.dead():
            if time.monotonic() - last_retention > RETENTION_EVERY_S:
                run_retention(stack)
                last_retention = time.monotonic()
            time.sleep(1)
        print(f"{', '.join(stack.dead())} stopped unexpectedly; stopping the rest. See {config.log_dir}.",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
