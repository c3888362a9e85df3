"""The ASGI application: routes and the JSON error answers. Kept apart from the server
(api/__main__.py), so the tests drive it in-process."""

import platform

import msgspec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api import config, greetings
from api.config import Settings

# What GET / says; the development target's reload check edits this line.
WELCOME = "Hello from python-api"

# Request bodies beyond this are refused with 413 before they are decoded.
MAX_BODY_BYTES = 1024


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused as soon as it is known to exceed `limit` (by Content-Length, or
    while streaming a chunked one), so an oversized upload is never held in memory."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: Settings | None = None) -> Starlette:
    """The app; without settings, they come from the environment (`uvicorn --factory` in development)."""
    settings = settings if settings is not None else config.load()
    version = {
        "version": settings.version,
        "revision": settings.revision,
        "python": platform.python_version(),
        "msgspec": msgspec.__version__,
    }

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def show_version(_: Request) -> Response:
        return JSONResponse(version)

    async def root(_: Request) -> Response:
        return JSONResponse({"service": "python-api", "message": WELCOME})

    async def create_greeting(request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return error(415, "Content-Type must be application/json")
        try:
            body = await read_body(request)
        except BodyTooLarge:
            return error(413, f"body is larger than {MAX_BODY_BYTES} bytes")
        try:
            greeting = greetings.decode(body)
        # ValidationError (wrong types, missing or unknown fields) is a DecodeError: first.
        except (msgspec.ValidationError, greetings.InvalidGreeting) as problem:
            return error(400, f"invalid request: {problem}")
        except msgspec.DecodeError as problem:
            return error(400, f"malformed JSON: {problem}")
        return Response(greetings.greet(greeting), media_type="application/json")

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/version", show_version, methods=["GET"]),
            Route("/", root, methods=["GET"]),
            Route("/api/greetings", create_greeting, methods=["POST"]),
        ],
    )
