# syntax=docker/dockerfile:1.29
# check=error=true
# The tutorial's "before" for python-api (Example 4's starting point, one stage): the full
# python:3.13 image (Debian with gcc, headers, git...), uv, every dependency including the test
# tools and the build backend, the sources and the tests, all shipped together, running as root.
# It is the baseline the multi-stage image is measured against; do not deploy it.
#
#   docker build -f dockerfiles/python-api/single.Dockerfile -t lab/python-api:single apps/python-api

FROM python:3.13-trixie

WORKDIR /app

COPY . .

# uv trusts the system CA store (UV_SYSTEM_CERTS), as pip does.
ENV UV_SYSTEM_CERTS=1
RUN pip install --require-hashes --no-deps -r tools/requirements.txt \
 && uv sync --locked --only-group build \
 && uv sync --locked --all-groups

EXPOSE 8000
CMD ["/app/.venv/bin/python", "-m", "api"]
