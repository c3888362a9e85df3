"""The image's HEALTHCHECK: `python -m api.healthcheck`. The runtime image has no shell, curl
or wget, and needs none: Python asks GET /health on the loopback and exits 0 (healthy) or 1.
Standard library only, so a probe costs one interpreter start (about 20 ms with bytecode)."""

import http.client
import os
import sys

TIMEOUT_SECONDS = 2


def probe(port: int, path: str = "/health") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    except OSError as problem:
        print(f"healthcheck: {problem}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"healthcheck: GET {path} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(probe(int(os.environ.get("PORT", "8000"))))
