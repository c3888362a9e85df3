"""POST /api/greetings: the request is decoded and validated by msgspec's C extension
(compiled from source in the image's builder stage) in one pass, straight from the bytes."""

import unicodedata
from typing import Annotated, Literal

import msgspec

MAX_NAME_CHARS = 50

Language = Literal["de", "en", "es", "fr"]

FORMATS: dict[str, str] = {
    "en": "Hello, {}!",
    "fr": "Bonjour, {} !",
    "de": "Hallo, {}!",
    "es": "¡Hola, {}!",
}


class GreetingRequest(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME_CHARS)]
    language: Language = "en"


class Greeting(msgspec.Struct):
    greeting: str
    language: Language


class InvalidGreeting(ValueError):
    """Well-formed JSON that the greeting cannot be made from."""


_decoder = msgspec.json.Decoder(GreetingRequest)
_encoder = msgspec.json.Encoder()


def decode(body: bytes) -> GreetingRequest:
    """The request, or msgspec.DecodeError/ValidationError (malformed JSON, wrong types,
    unknown fields) or InvalidGreeting (a blank name, control characters)."""
    request = _decoder.decode(body)
    name = request.name.strip()
    if not name:
        raise InvalidGreeting("name must not be blank - at `$.name`")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise InvalidGreeting("name must not hold control characters - at `$.name`")
    return GreetingRequest(name=name, language=request.language)


def greet(request: GreetingRequest) -> bytes:
    greeting = Greeting(greeting=FORMATS[request.language].format(request.name), language=request.language)
    return _encoder.encode(greeting)
