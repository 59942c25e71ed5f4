"""`make run`: start the action server, Rasa and the web app on loopback; Ctrl-C stops them all."""

from __future__ import annotations

import signal
import sys
import time

from scripts.stack import Stack, StackConfig
from scripts.train_if_changed import model_path


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
        while not stack.dead():
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
