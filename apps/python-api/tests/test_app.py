import pytest
from starlette.testclient import TestClient

from api.app import MAX_BODY_BYTES, WELCOME, create_app
from api.config import Settings


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings(version="1.2.3", revision="abc123")))


def post_json(client: TestClient, body: bytes | str, content_type: str = "application/json"):
    return client.post("/api/greetings", content=body, headers={"Content-Type": content_type})


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_version_reports_the_build(client: TestClient) -> None:
    body = client.get("/version").json()
    assert body["version"] == "1.2.3"
    assert body["revision"] == "abc123"
    assert body["python"].startswith("3.")
    assert body["msgspec"]


def test_root_says_hello(client: TestClient) -> None:
    assert client.get("/").json() == {"service": "python-api", "message": WELCOME}


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("en", "Hello, Ada!"), ("fr", "Bonjour, Ada !"), ("de", "Hallo, Ada!"), ("es", "¡Hola, Ada!")],
)
def test_greets_in_each_language(client: TestClient, language: str, greeting: str) -> None:
    response = post_json(client, f'{{"name": "Ada", "language": "{language}"}}')
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"greeting": greeting, "language": language}


def test_language_defaults_to_english_and_name_is_trimmed(client: TestClient) -> None:
    assert post_json(client, '{"name": "  Grace  "}').json() == {"greeting": "Hello, Grace!", "language": "en"}


def test_accepts_a_charset_parameter(client: TestClient) -> None:
    assert post_json(client, '{"name": "Ada"}', "application/json; charset=utf-8").status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{", "malformed JSON: Input data was truncated"),
        ('{"name": "Ada"} {}', "malformed JSON: JSON is malformed: trailing characters"),
        ("[]", "invalid request: Expected `object`, got `array`"),
        ('{"language": "fr"}', "missing required field `name`"),
        ('{"name": 42}', "Expected `str`, got `int` - at `$.name`"),
        ('{"name": ""}', "Expected `str` of length >= 1 - at `$.name`"),
        ('{"name": "   "}', "name must not be blank"),
        ('{"name": "' + "x" * 51 + '"}', "Expected `str` of length <= 50 - at `$.name`"),
        ('{"name": "Ada\\u0007"}', "control characters"),
        ('{"name": "Ada", "language": "it"}', "Invalid enum value 'it' - at `$.language`"),
        ('{"name": "Ada", "admin": true}', "unknown field `admin`"),
    ],
)
def test_bad_input_is_400_with_the_reason(client: TestClient, body: str, message: str) -> None:
    response = post_json(client, body)
    assert response.status_code == 400
    assert message.lower() in response.json()["error"].lower()


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    body = '{"name": "' + "x" * MAX_BODY_BYTES + '"}'
    response = post_json(client, body)
    assert response.status_code == 413
    assert response.json() == {"error": f"body is larger than {MAX_BODY_BYTES} bytes"}


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks():
        yield b'{"name": "'
        for _ in range(MAX_BODY_BYTES // 64 + 1):
            yield b"x" * 64
        yield b'"}'

    response = client.post("/api/greetings", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_not_json_is_415(client: TestClient) -> None:
    response = post_json(client, "name=Ada", "application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_wrong_method_is_405(client: TestClient) -> None:
    assert client.get("/api/greetings").status_code == 405
    assert client.post("/health").status_code == 405


def test_unknown_path_is_404(client: TestClient) -> None:
    assert client.get("/nope").status_code == 404
