# node-api, multi-stage. The build context is the app's folder alone:
#
#   DOCKER_BUILDKIT=1 docker build -f dockerfiles/node-api/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) -t node-api apps/node-api
#
# Targets (--target): development (dev server, reloads on change), test (lint, typecheck, unit
# tests: a failing test fails the build), build (compiled JavaScript), production (the default).
# The production image is the Node binary, the few shared libraries it links, the compiled app
# and its production dependencies, on distroless/static: no shell, no package manager, no
# TypeScript, no tests.
#
# No `# syntax=` line on purpose: the engine's built-in BuildKit frontend is used, which cannot
# be pulled or replaced offline. It has RUN --mount; it lacks COPY --link and heredocs.

ARG PNPM_VERSION=11.28.11

# ---- toolchain: Node 24 on Debian trixie, plus a pinned pnpm ------------------------------------
FROM node:24-slim AS toolchain
ARG PNPM_VERSION
# pnpm from the npm registry; npm's download cache lives in a cache mount, not in the layer.
RUN --mount=type=cache,id=node-api-npm,target=/root/.npm \
    npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"
WORKDIR /app

# ---- deps: every dependency (dev included), from the manifest and lockfile only -------------------
# Sources are copied later, so editing them reuses this layer; only a change to package.json or
# pnpm-lock.yaml reinstalls. The package store and pnpm's metadata cache (about 50 MB, read to
# check the lockfile against its supply-chain policies) are cache mounts: fetched once per
# builder, and kept out of the layers.
FROM toolchain AS deps
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,id=node-api-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=node-api-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

# ---- development: `docker run -v "$PWD/src:/app/src" ...`; Node restarts the app on edits --------
FROM deps AS development
ENV NODE_ENV=development \
    PORT=3000
COPY . .
# The official image's "node" user (uid 1000): not root, and it can read a bind-mounted src/.
USER 1000:1000
EXPOSE 3000
# Node 24 runs the TypeScript sources directly (type stripping) and --watch restarts on change.
CMD ["node", "--watch", "src/main.ts"]

# ---- build: TypeScript to JavaScript in dist/ -----------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# `node --run` runs the package.json script like `pnpm run` does, without pnpm's own start-up
# (0.3 s against 0.8 s here): on a one-line change this step is most of the rebuild.
RUN node --run build

# ---- test: lint, typecheck and unit tests against the same install; failures fail the build -------
FROM build AS test
COPY vitest.config.ts ./
COPY test ./test
# NO_COLOR: plain text in the build log, so a failing test's name can be searched for as it is.
ENV NO_COLOR=1
RUN node --run lint && node --run typecheck && node --run test:unit

# ---- prod-deps: production dependencies only (Express and what it needs) --------------------------
FROM toolchain AS prod-deps
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,id=node-api-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=node-api-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --prod --store-dir /pnpm/store

# ---- runtime-files: the node binary and exactly the shared libraries it links ---------------------
# ldd names them (libc, libm, libstdc++, libgcc_s, the loader...), so this holds on any
# architecture. Each is copied under its directory's real path (/lib64 -> /usr/lib64 on a
# merged-/usr system such as trixie and distroless debian13), so that COPY lands files in real
# directories and never tries to replace the final image's /lib or /lib64 symlinks.
# The libraries come from the same Debian release as the final base.
FROM node:24-slim AS runtime-files
RUN set -eu; \
    mkdir -p /out/usr/local/bin; \
    cp /usr/local/bin/node /out/usr/local/bin/node; \
    for lib in $(ldd /usr/local/bin/node | grep -o '/[^ ]*'); do \
      dir=$(readlink -f "$(dirname "$lib")"); \
      mkdir -p "/out$dir"; \
      cp --dereference "$lib" "/out$dir/"; \
    done; \
    find /out -type f -exec ls -l {} +

# ---- production (default) --------------------------------------------------------------------------
# distroless/static: CA certificates, tzdata, /etc/passwd with nonroot (65532), and no libc: the
# libraries above are all that is added, so the image is the Node binary plus a few MB.
FROM gcr.io/distroless/static-debian13:nonroot AS production
COPY --from=runtime-files /out/ /
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# "type": "module" tells Node that dist/*.js are ES modules.
COPY package.json ./
ENV NODE_ENV=production \
    PORT=3000
USER 65532:65532
EXPOSE 3000
# Probed by Node itself: no shell, curl or wget here. Engine 20.10 knows no --start-interval, so
# the interval is also the wait before the first probe (see README.md, "Health").
HEALTHCHECK --interval=2s --timeout=2s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/node", "/app/dist/healthcheck.js"]
# Exec form, Node as PID 1: the app handles SIGTERM/SIGINT itself (src/main.ts), so `docker stop`
# drains in-flight requests and exits within SHUTDOWN_TIMEOUT_MS instead of waiting for SIGKILL.
ENTRYPOINT ["/usr/local/bin/node"]
CMD ["/app/dist/main.js"]
# Last, so a new version or revision changes metadata only, never a layer.
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/node-api
LABEL org.opencontainers.image.title="node-api" \
      org.opencontainers.image.description="Express 5 + TypeScript JSON API (multi-stage lab)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV APP_VERSION=${VERSION} \
    APP_REVISION=${REVISION}
