# syntax=docker/dockerfile:1.29
# check=error=true
# node-api, multi-stage. The build context is the app's folder alone:
#
#   docker build -f dockerfiles/node-api/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) -t node-api apps/node-api
#
# With a token for a private package registry, read from $NPM_TOKEN (a build secret: it never
# reaches a layer, the image config or `docker history`; without it the build works as it is):
#
#   docker buildx build --secret id=npm_token,env=NPM_TOKEN \
#     --build-arg NPM_PRIVATE_REGISTRY=//npm.example.com/ -f dockerfiles/node-api/multi.Dockerfile ...
#
# Targets (--target): development (dev server, reloads on change), test (lint, typecheck, unit
# tests: a failing test fails the build), build (compiled JavaScript), production (the default).
# The production image is the Node binary, the few shared libraries it links, the compiled app
# and its production dependencies, on distroless/static: no shell, no package manager, no
# TypeScript, no tests.
#
# The first two lines: BuildKit's Dockerfile frontend 1.29 reads this file (pulled where a registry
# answers; where none does, it can be built from BuildKit's Go module, as any base image), and its
# build checks fail the build on any violation (check=error=true). It is what gives the
# secret mounts below `env=` (Dockerfile 1.10; Docker 26's built-in frontend lacks it): the token
# is an environment variable of the one step that mounts it, never a file.

ARG PNPM_VERSION=11.28.11

# ---- toolchain: Node 24 on Debian trixie, plus a pinned pnpm ------------------------------------
FROM node:24-slim AS toolchain
ARG PNPM_VERSION
# pnpm from the npm registry; npm's download cache lives in a cache mount, not in the layer.
RUN --mount=type=cache,id=node-api-npm,target=/root/.npm \
    npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"
# with-npm-token <command>: runs the command (pnpm install) authenticated to the package
# registry when the build is given the npm_token secret (NPM_TOKEN, from the secret mount's env=),
# and as it is without one. The token never touches a file: it goes into the command's
# environment as pnpm's npm_config_//<registry>/:_authToken, for that one process. The registry
# is the one pnpm is configured with unless NPM_PRIVATE_REGISTRY names another, such as a
# scope's (//npm.example.com/). Never pass a token as ARG or ENV: build args are written into
# `docker history`, for anyone with the image to read.
COPY --chmod=0755 <<'EOF' /usr/local/bin/with-npm-token
#!/bin/sh
set -eu
# Without the secret (required=false) the variable is there, empty.
if [ -z "${NPM_TOKEN:-}" ]; then exec env -u NPM_TOKEN "$@"; fi
registry=${NPM_PRIVATE_REGISTRY:-$(pnpm config get registry)}
registry=//${registry#*//}
echo "with-npm-token: authenticating to ${registry} with the npm_token build secret"
# $(...) drops the newline a secret file may end with.
token=$(printf '%s' "$NPM_TOKEN")
exec env -u NPM_TOKEN "npm_config_${registry}:_authToken=${token}" "$@"
EOF
WORKDIR /app

# ---- deps: every dependency (dev included), from the manifest and lockfile only -------------------
# Sources are copied later, so editing them reuses this layer; only a change to package.json or
# pnpm-lock.yaml reinstalls. The package store and pnpm's metadata cache (about 50 MB, read to
# check the lockfile against its supply-chain policies) are cache mounts: fetched once per
# builder, and kept out of the layers. The npm_token secret is $NPM_TOKEN for this command only
# (env=, no file); required=false: a build without it installs from a public registry.
FROM toolchain AS deps
COPY package.json pnpm-lock.yaml ./
ARG NPM_PRIVATE_REGISTRY
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=false \
    --mount=type=cache,id=node-api-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=node-api-pnpm-cache,target=/root/.cache/pnpm \
    with-npm-token pnpm install --frozen-lockfile --store-dir /pnpm/store

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
ARG NPM_PRIVATE_REGISTRY
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=false \
    --mount=type=cache,id=node-api-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=node-api-pnpm-cache,target=/root/.cache/pnpm \
    with-npm-token pnpm install --frozen-lockfile --prod --store-dir /pnpm/store

# ---- runtime-files: the node binary and exactly the shared libraries it links ---------------------
# ldd names them (libc, libm, libstdc++, libgcc_s, the loader...), so this holds on any
# architecture. Each is copied under its directory's real path (/lib64 -> /usr/lib64 on a
# merged-/usr system such as trixie and distroless debian13), so that COPY lands files in real
# directories and never tries to replace the final image's /lib or /lib64 symlinks.
# The libraries come from the same Debian release as the final base.
# pipefail (dash in trixie has it): a failing ldd fails the step instead of leaving grep an
# empty list. The list is an assignment of its own, whose status `set -e` sees; inside
# `for lib in $(...)` a failure would go unseen even with pipefail.
FROM node:24-slim AS runtime-files
RUN <<'EOF'
set -eu -o pipefail
mkdir -p /out/usr/local/bin
cp /usr/local/bin/node /out/usr/local/bin/node
libs=$(ldd /usr/local/bin/node | grep -o '/[^ ]*')
for lib in $libs; do
  dir=$(readlink -f "$(dirname "$lib")")
  mkdir -p "/out$dir"
  cp --dereference "$lib" "/out$dir/"
done
find /out -type f -exec ls -l {} +
EOF

# ---- production (default) --------------------------------------------------------------------------
# distroless/static: CA certificates, tzdata, /etc/passwd with nonroot (65532), and no libc: the
# libraries above are all that is added, so the image is the Node binary plus a few MB.
# COPY --link: each copy is a layer made on its own, not on top of the layers below, so it does
# not depend on them. A new distroless base (a CVE fix, say) leaves the 127 MB node layer and
# node_modules cached, and a registry can rebase them onto the new base without a rebuild;
# a change to dist/ rebuilds that layer alone.
FROM gcr.io/distroless/static-debian13:nonroot AS production
COPY --link --from=runtime-files /out/ /
WORKDIR /app
COPY --link --from=prod-deps /app/node_modules ./node_modules
COPY --link --from=build /app/dist ./dist
# "type": "module" tells Node that dist/*.js are ES modules.
COPY --link package.json ./
ENV NODE_ENV=production \
    PORT=3000
USER 65532:65532
EXPOSE 3000
# Probed by Node itself: no shell, curl or wget here. Readiness, then a steady beat: during the
# start period (10 s: time for a slow host to start Node) a probe runs every 100 ms, so `healthy`
# comes when the app answers, not one interval after start; once healthy, every 30 s, the rate a
# production service is probed at. Each probe is a Node process, kept cheap: a CommonJS script
# (no ES module loader to start), node:http rather than fetch() (undici), no import of the app.
# Engines before 25 ignore --start-interval and wait the full 30 s for the first probe.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --start-interval=100ms --retries=3 \
    CMD ["/usr/local/bin/node", "/app/dist/healthcheck.cjs"]
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
