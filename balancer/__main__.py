"""`python -m balancer --port 5000 --replica http://127.0.0.1:5005 --replica http://127.0.0.1:5006`."""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from balancer.proxy import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m balancer", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--replica", action="append", required=True, help="a Rasa server URL; repeat for each")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    web.run_app(create_app(args.replica), host=args.host, port=args.port, access_log=None,
                print=lambda *_: logging.info("balancer on %s:%d over %d replicas", args.host, args.port,
                                              len(args.replica)))


if __name__ == "__main__":
    main()
