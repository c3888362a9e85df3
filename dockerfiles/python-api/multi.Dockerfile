# syntax=docker/dockerfile:1.29
# check=error=true
# python-api, multi-stage. The build context is the app's folder alone:
#
#   docker build -f dockerfiles/python-api/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) -t python-api apps/python-api
#
# Targets (--target): development (uvicorn --reload), test (pytest: a failing test fails the
# build), production (the default). The production image is CPython (the interpreter, libpython,
# the standard library's bytecode zipped, the extension modules a service uses), exactly
# the shared libraries those link (glibc and OpenSSL among them), and the app's virtual
# environment, all compiled to bytecode at build time, on distroless/static: no shell, no pip,
# no uv, no compiler, no headers, no tests.
# The tutorial's Example 4 ships python:3.11-slim plus /root/.local instead.

# ---- builder: CPython with gcc and the headers (Python.h), plus uv --------------------------------
FROM python:3.13-trixie AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# uv from PyPI, checked against the hashes in tools/requirements.txt; pip's download cache is a
# cache mount, so it never lands in a layer. (pip installs the installer; uv does the rest.)
RUN --mount=type=cache,id=python-api-pip,target=/root/.cache/pip \
    --mount=type=bind,source=tools/requirements.txt,target=/tmp/uv-requirements.txt \
    pip install --require-hashes --no-deps --root-user-action=ignore -r /tmp/uv-requirements.txt
# UV_COMPILE_BYTECODE: .pyc files are written now, at build time, so the read-only production
# image never needs to write them. UV_LINK_MODE=copy: the cache is a mount, hard links into it
# would dangle. UV_PYTHON_DOWNLOADS=never: the image's own CPython, the one production copies.
# UV_SYSTEM_CERTS: trust the image's CA store (which holds a proxy's CA where there is one).
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.13 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_SYSTEM_CERTS=1 \
    UV_NO_PROGRESS=1
WORKDIR /app

# ---- deps: the production virtual environment, from pyproject.toml and uv.lock only ----------------
# Sources come later, so editing them reuses this layer. Three syncs, all against the lock and its
# hashes: (1) msgspec's build backend (the `build` group), (2) the runtime dependencies, msgspec
# compiled from its sdist by gcc with that backend (no build isolation: uv does not lock an
# isolated build's requirements), (3) the same without the `build` group, which uninstalls it.
FROM builder AS deps
RUN --mount=type=cache,id=python-api-uv,target=/root/.cache/uv \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    uv sync --locked --no-install-project --only-group build \
 && uv sync --locked --no-install-project --no-dev --group build \
 && uv sync --locked --no-install-project --no-dev \
 && find /app/.venv -name '*.so' -exec strip --strip-unneeded {} +

# ---- development: `docker run -v "$PWD/apps/python-api/api:/app/api" ...`; uvicorn reloads on edits
FROM deps AS development
RUN --mount=type=cache,id=python-api-uv,target=/root/.cache/uv \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    uv sync --locked --no-install-project
COPY . .
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORT=8000
# Not root; uid 1000 can read a bind-mounted checkout. No .pyc litter in it (above).
USER 1000:1000
EXPOSE 8000
# StatReload polls the sources (watchfiles, a Rust wheel, is not installed): works on any mount.
# --reload-dir api: only the service's modules, not the thousands of .venv files beside them.
CMD ["uvicorn", "api.app:create_app", "--factory", "--reload", "--reload-dir", "api", "--host", "0.0.0.0", "--port", "8000"]

# ---- test: pytest against the same environment; a failing test fails the build -----------------------
FROM development AS test
RUN python -m pytest

# ---- app: the service's own modules, compiled to bytecode beside them -----------------------------------
FROM builder AS app
COPY api ./api
RUN python -m compileall -q api

# ---- runtime-python: CPython as the production image needs it --------------------------------------------
# The interpreter, libpython, the C extension modules a service can use (not tkinter, curses,
# readline, dbm or the test modules), and the standard library as python313.zip: every module's
# bytecode, deflated (4.2 MB, against 19 MB as files), as the Windows embeddable package of CPython
# ships it. CPython puts lib/python313.zip first on sys.path by default. Its sources (2.4 MB more
# zipped) are left out: a traceback's standard-library frames name file and line but show no
# source line; the app's and its dependencies' frames keep theirs. The bytecode is
# unchecked-hash: valid whatever the files' mtimes, and never recompiled (there is no source to
# check it against). Left out too: pip, ensurepip, venv, IDLE, tkinter and turtle, pydoc's
# topics, the build configuration (config-3.13-*).
FROM python:3.13-slim-trixie AS runtime-python
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /usr/local/lib/python3.13
RUN mkdir -p /out/usr/local/lib && python3.13 - <<'EOF'
import importlib.util, os, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

root = "/usr/local/lib/python3.13"
left_out = {"site-packages", "lib-dynload", "ensurepip", "venv", "idlelib", "tkinter", "turtledemo", "pydoc_data", "__pycache__", "turtle.py"}
epoch = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same sources make the same zip
with zipfile.ZipFile("/out/usr/local/lib/python313.zip", "w") as zipped:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in left_out and not d.startswith("config-"))
        for name in sorted(f for f in files if f.endswith(".py") and f not in left_out):
            path = os.path.join(folder, name)
            inside = os.path.relpath(path, root)
            with open(path, "rb") as f:
                source = f.read()
            code = compile(source, f"/usr/local/lib/python313.zip/{inside}", "exec", dont_inherit=True)
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
            zipped.writestr(zipfile.ZipInfo(inside[:-3] + ".pyc", epoch), pyc, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
EOF
# ... then the interpreter, libpython and the extension modules, and exactly the shared libraries
# they and the app's own extension modules (the .venv's, bind-mounted from deps) link, the loader
# and glibc included: the production base has no libc. ldd names them, so this holds on any
# architecture; each is copied (dereferenced, as its soname) under its directory's real path
# (/lib64 -> /usr/lib64 on merged-/usr trixie and distroless debian13), so COPY lands files in
# real directories and never replaces the base's /lib or /lib64 symlinks. The list is an
# assignment of its own, so `set -e` sees a failing ldd.
# Plus libgcc_s, which nothing links: glibc loads it when a thread ends by pthread_exit, and
# CPython 3.13 ends that way a thread that wakes while the interpreter finalizes (a daemon
# thread at exit); without it the process dies at exit ("libgcc_s.so.1 must be installed for
# pthread_exit to work", 139).
RUN --mount=type=bind,from=deps,source=/app/.venv,target=/venv <<'EOF'
set -euxo pipefail
mkdir -p /out/usr/local/bin /out/usr/local/lib/python3.13
cp -a /usr/local/bin/python3.13 /usr/local/bin/python3 /out/usr/local/bin/
cp -a /usr/local/lib/libpython3.13.so.1.0 /out/usr/local/lib/
dynload=/out/usr/local/lib/python3.13/lib-dynload
cp -a lib-dynload "$dynload"
for module in _tkinter _curses _curses_panel readline _dbm _gdbm _ctypes_test '_test*' _xxtestfuzz 'xxlimited*' xxsubtype; do
  rm -f "$dynload"/$module.cpython-*.so
done
mapfile -t linked < <(find /usr/local/bin/python3.13 /usr/local/lib/libpython3.13.so.1.0 "$dynload" /venv -name '*.so*' -o -name python3.13 -type f)
libs=$(ldd "${linked[@]}" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' | sort -u)
libs="$libs $(dpkg -L libgcc-s1 | grep '/libgcc_s\.so\.1$')"
for lib in $libs; do
  case "$lib" in /usr/local/*) continue ;; esac
  dir=$(readlink -f "$(dirname "$lib")")
  mkdir -p "/out$dir"
  cp --dereference "$lib" "/out$dir/"
done
find /out -path /out/usr/local/lib/python3.13 -prune -o ! -type d -print
du -sh /out
EOF

# ---- production (default) ---------------------------------------------------------------------------
# distroless/static: CA certificates (SSL_CERT_FILE names the bundle), tzdata, passwd with nonroot
# (65532), and no libc: glibc, OpenSSL and the rest are the libraries copied above, exactly those
# CPython links. distroless/cc, 25 MB more, has glibc and OpenSSL too, but also libstdc++, libgomp,
# glibc's gconv modules and the rest of glibc, which nothing here loads. No apt, no shell,
# nothing to compile with.
FROM gcr.io/distroless/static-debian13:nonroot AS production
COPY --link --from=runtime-python /out/ /
COPY --link --from=deps /app/.venv /app/.venv
COPY --link --from=app /app/api /app/api
WORKDIR /app
# No PYTHONDONTWRITEBYTECODE: the bytecode is all there, so running the service writes none
# (`docker diff` shows it, also after a run as root, who could write).
ENV PATH=/app/.venv/bin:/usr/local/bin:/usr/bin:/bin \
    PYTHONUNBUFFERED=1 \
    PORT=8000
USER 65532:65532
EXPOSE 8000
# Probed by Python itself (api/healthcheck.py: http.client on the loopback): no curl or wget.
# Every 250 ms while starting, so `healthy` follows readiness closely; every 30 s after that.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --start-interval=250ms --retries=3 \
    CMD ["/app/.venv/bin/python", "-m", "api.healthcheck"]
# Exec form, Python as PID 1: uvicorn handles SIGTERM itself (drains, exits 0 within 1.5 s).
ENTRYPOINT ["/app/.venv/bin/python"]
CMD ["-m", "api"]
# Last, so a new version or revision changes metadata only, never a layer.
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/python-api
LABEL org.opencontainers.image.title="python-api" \
      org.opencontainers.image.description="Starlette + msgspec JSON API on uvicorn (multi-stage lab)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV APP_VERSION=${VERSION} \
    APP_REVISION=${REVISION}
