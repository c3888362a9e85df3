"""python-api: a Starlette JSON service run by uvicorn, validating requests with msgspec."""
