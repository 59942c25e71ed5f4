"""`python -m balancer --port 5000 --internal-port 5001 --replica http://127.0.0.1:5005 --replica http://127.0.0.1:5006`.

--host/--port is the public face: only the widget's socket.io, the REST channel and /healthz; put
the TLS proxy in front of it. --internal-host/--internal-port (optional) is the internal face: the
whole Rasa API, for the advisors' console; keep it on a private address. Both share one routing table.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from dataclasses import dataclass

from aiohttp import web

from balancer.proxy import create_app
from balancer.routing import Router


@dataclass(frozen=True)
class Face:
    """One listener of the balancer."""

    name: str
    app: web.Application
    host: str
    port: int


def main() -> None:
    args = _arguments()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    router = Router(args.replica)
    faces = []
    if args.internal_port:  # first, so the public face answering means both are listening
        faces.append(Face("internal", create_app(router, public=False), args.internal_host, args.internal_port))
    faces.append(Face("public", create_app(router, public=True), args.host, args.port))
    asyncio.run(serve(faces, len(args.replica)))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m balancer", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="the public face's address")
    parser.add_argument("--port", type=int, default=5000, help="the public face's port")
    parser.add_argument("--internal-host", default="127.0.0.1", help="the internal face's address (private)")
    parser.add_argument("--internal-port", type=int, help="the internal face's port; without it there is none")
    parser.add_argument("--replica", action="append", required=True, help="a Rasa server URL; repeat for each")
    return parser.parse_args()


async def serve(faces: list[Face], replicas: int) -> None:
    """Listen on every face until SIGINT or SIGTERM, then close them cleanly."""
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    runners: list[web.AppRunner] = []
    try:
        for face in faces:
            runner = web.AppRunner(face.app, access_log=None)
            await runner.setup()
            runners.append(runner)
            await web.TCPSite(runner, face.host, face.port).start()
            logging.info("balancer's %s face on %s:%d over %d replicas", face.name, face.host, face.port, replicas)
        await stop.wait()
    finally:
        for runner in reversed(runners):
            await runner.cleanup()


if __name__ == "__main__":
    main()
