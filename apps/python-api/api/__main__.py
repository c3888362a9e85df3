"""`python -m api`: serves the app with uvicorn until SIGTERM or SIGINT.

uvicorn installs its own SIGTERM/SIGINT handlers (this process is PID 1 in the image, where
the kernel gives a signal without a handler no default action): it stops accepting, gives
in-flight requests `SHUTDOWN_SECONDS`, runs the lifespan shutdown and exits 0."""

import sys

import uvicorn

from api import config
from api.app import create_app


def main() -> int:
    try:
        settings = config.load()
    except config.ConfigError as problem:
        print(f"python-api: {problem}", file=sys.stderr)
        return 2
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
            timeout_graceful_shutdown=settings.shutdown_seconds,
            # Behind a proxy that terminates TLS, the proxy says who the client is.
            proxy_headers=False,
            server_header=False,
            # h11 (pure Python): the C parser (httptools) would be one more native build.
            http="h11",
            loop="asyncio",
            lifespan="off",
        )
    )
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
