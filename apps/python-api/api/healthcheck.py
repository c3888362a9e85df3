"""The image's HEALTHCHECK: `python -m api.healthcheck`. The runtime image has no shell, curl
or wget, and needs none: Python asks GET /health on the loopback and exits 0 (healthy) or 1.

A plain socket rather than http.client: http.client imports the email package and encodes the
host with the idna codec, which together cost more than the rest of the probe, and the probe
runs every 250 ms while the container starts."""

import os
import socket
import sys

TIMEOUT_SECONDS = 2


def probe(port: int, path: str = "/health") -> int:
    request = f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii")
    try:
        # connect() with an ASCII address skips the idna codec that getaddrinfo() would load.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as connection:
            connection.settimeout(TIMEOUT_SECONDS)
            connection.connect(("127.0.0.1", port))
            connection.sendall(request)
            status_line = connection.makefile("rb").readline(256)
    except OSError as problem:
        print(f"healthcheck: {problem}", file=sys.stderr)
        return 1
    # "HTTP/1.1 200 OK": the second word is the status.
    parts = status_line.split()
    if len(parts) < 2 or parts[1] != b"200":
        print(f"healthcheck: GET {path} answered {status_line.decode('latin-1').strip() or 'nothing'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(probe(int(os.environ.get("PORT", "8000"))))
