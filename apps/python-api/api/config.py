"""Settings from the environment, read once at start-up."""

import os
from dataclasses import dataclass

DEFAULT_PORT = 8000
# Seconds in-flight requests get after SIGTERM before uvicorn closes them: `docker stop` waits
# 10 s before SIGKILL, and the image is held to an exit within 2 s.
DEFAULT_SHUTDOWN_SECONDS = 1.5


@dataclass(frozen=True)
class Settings:
    port: int = DEFAULT_PORT
    host: str = "0.0.0.0"
    version: str = "0.0.0-dev"
    revision: str = "unknown"
    shutdown_seconds: float = DEFAULT_SHUTDOWN_SECONDS
    log_level: str = "info"


class ConfigError(ValueError):
    """A setting the service cannot start with; the message names the variable."""


def _port(raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"PORT must be a number, got {raw!r}") from None
    if not 0 < port < 65536:
        raise ConfigError(f"PORT must be between 1 and 65535, got {port}")
    return port


def _seconds(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        raise ConfigError(f"SHUTDOWN_SECONDS must be a number, got {raw!r}") from None
    if not 0 <= seconds <= 60:
        raise ConfigError(f"SHUTDOWN_SECONDS must be between 0 and 60, got {seconds}")
    return seconds


def load(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    return Settings(
        port=_port(env.get("PORT", str(DEFAULT_PORT))),
        host=env.get("HOST", "0.0.0.0"),
        version=env.get("APP_VERSION") or "0.0.0-dev",
        revision=env.get("APP_REVISION") or "unknown",
        shutdown_seconds=_seconds(env.get("SHUTDOWN_SECONDS", str(DEFAULT_SHUTDOWN_SECONDS))),
        log_level=env.get("LOG_LEVEL", "info").lower(),
    )
