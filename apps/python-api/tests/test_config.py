import pytest

from api.config import ConfigError, load


def test_defaults() -> None:
    settings = load({})
    assert settings.port == 8000
    assert settings.version == "0.0.0-dev"
    assert settings.shutdown_seconds == 1.5


def test_reads_the_environment() -> None:
    settings = load({"PORT": "9000", "APP_VERSION": "1.2.3", "APP_REVISION": "abc", "LOG_LEVEL": "DEBUG"})
    assert (settings.port, settings.version, settings.revision, settings.log_level) == (9000, "1.2.3", "abc", "debug")


@pytest.mark.parametrize(("env", "message"), [({"PORT": "http"}, "PORT must be a number"), ({"PORT": "0"}, "between 1 and 65535"), ({"SHUTDOWN_SECONDS": "-1"}, "SHUTDOWN_SECONDS")])
def test_refuses_bad_values_naming_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load(env)
