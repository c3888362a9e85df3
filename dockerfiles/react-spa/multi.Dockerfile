# syntax=docker/dockerfile:1.29
# check=error=true
# react-spa, multi-stage (the tutorial's Example 2 and "Named Build Arguments"). The build
# context is the app's folder alone:
#
#   docker build -f dockerfiles/react-spa/multi.Dockerfile \
#     --build-arg API_URL=https://api.example.com --build-arg BUILD_ENV=production \
#     --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) -t react-spa apps/react-spa
#
# Targets (--target): development (Vite's dev server, hot reload), test (lint, typecheck, unit
# tests: a failing test fails the build), build (the bundle in /app/dist), production (default).
#
# The static server: static-web-server, chosen by measurement. The same bundle, served with the
# same rules (deep links, 404 for missing files, immutable assets, precompressed gzip, security
# headers), measured here (Nov 2026):
#   nginx 1.26 (Debian 13's package) on debian:trixie-slim ......... 89.3 MB
#   nginx 1.26 + the 8 libraries ldd lists, on distroless/static ... 15.9 MB (OpenSSL alone: 6.5 MB)
#   static-web-server 2.41 (one static binary) on scratch ..........  6.7 MB (binary 5.5 MB)
# static-web-server does all of the above from one config file and has a /health endpoint of
# its own; nginx cannot shed its libraries, and needs a writable /tmp besides.
#
# The first two lines: BuildKit's Dockerfile frontend 1.29 reads this file (pulled where a registry
# answers; where none does, it can be built from BuildKit's Go module, as any base image), and its
# build checks fail the build on any violation (check=error=true).

ARG PNPM_VERSION=11.28.11

# ---- toolchain: Node 24 on Debian trixie, plus a pinned pnpm ----------------------------------------
FROM node:24-slim AS toolchain
ARG PNPM_VERSION
RUN --mount=type=cache,id=react-spa-npm,target=/root/.npm \
    npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"
WORKDIR /app

# ---- deps: every dependency (dev included: Vite, TypeScript, vitest), from the manifest and lockfile --
# Sources come later, so editing them reuses this layer. The package store and pnpm's metadata
# cache are cache mounts: fetched once per builder and kept out of the layers.
FROM toolchain AS deps
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,id=react-spa-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=react-spa-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

# ---- development: `docker run -p 8080:8080 -v "$PWD/src:/app/src" ...`; Vite reloads on every edit ----
FROM deps AS development
ENV NODE_ENV=development
COPY . .
# The official image's "node" user (uid 1000) owns only what Vite writes: its dependency cache.
RUN mkdir -p node_modules/.vite node_modules/.vite-temp && chown 1000:1000 node_modules/.vite node_modules/.vite-temp
USER 1000:1000
# The production port, so one `-p 8080:8080` serves either target.
EXPOSE 8080
CMD ["node_modules/.bin/vite", "--host", "0.0.0.0", "--port", "8080", "--strictPort"]

# ---- test: lint, typecheck and unit tests (vitest on jsdom); failures fail the build ---------------
FROM deps AS test
COPY . .
# NO_COLOR: plain text in the build log, so a failing test's name can be searched for as it is.
ENV NO_COLOR=1
RUN node --run lint && node --run typecheck && node --run test:unit

# ---- build: the bundle, its gzip twins, with the build args baked in ---------------------------------
FROM deps AS build
COPY tsconfig.json vite.config.ts index.html ./
COPY public ./public
COPY src ./src
# The tutorial's named build arguments, the Vite way: VITE_* variables are replaced by literal
# strings when the bundle is built, so they live in the bundle and nowhere else (this stage is
# not shipped). Declared here, after the COPYs, so builds for two APIs share every layer above.
ARG BUILD_ENV=production
ARG API_URL=
RUN VITE_BUILD_ENV="${BUILD_ENV}" VITE_API_URL="${API_URL}" node --run build

# ---- healthcheck: a 20-line HTTP probe in C, static, so the scratch image needs no shell, curl or wget ---
FROM buildpack-deps:trixie AS healthcheck
WORKDIR /src
COPY <<'SOURCE' healthcheck.c
/* GET http://127.0.0.1:<port>/health; exit 0 on "200", else 1 with the reason on stderr. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    struct timeval timeout = {2, 0};
    struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(port)};
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (fd < 0 || connect(fd, (struct sockaddr *)&server, sizeof server) != 0) {
        perror("connect");
        return 1;
    }
    const char request[] = "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n";
    char answer[64] = {0};
    if (write(fd, request, sizeof request - 1) != (ssize_t)(sizeof request - 1) || read(fd, answer, sizeof answer - 1) < 12) {
        perror("no answer");
        return 1;
    }
    if (strncmp(answer + 9, "200", 3) != 0) {
        fprintf(stderr, "unhealthy: %.32s\n", answer);
        return 1;
    }
    return 0;
}
SOURCE
RUN gcc -Os -static -s -Wall -Werror -o /healthcheck healthcheck.c

# ---- production (default): static-web-server on scratch, the bundle, the probe -----------------------
# Not FROM the server's image: it says EXPOSE 80, and an image cannot un-EXPOSE a port it
# inherits (`docker run -P` would publish 80, where nothing listens). Its one file, the static
# binary, is all this needs; its welcome page stays behind.
FROM scratch AS production
COPY --link --from=joseluisq/static-web-server:2.41.0 /static-web-server /static-web-server
COPY --link --from=build /app/dist/ /public/
COPY --link static-web-server.toml /etc/static-web-server.toml
COPY --link --from=healthcheck /healthcheck /healthcheck
# Numeric: there is no /etc/passwd to look a name up in. Nothing is written at run time, so the
# container runs with --read-only and no tmpfs.
USER 65532:65532
EXPOSE 8080
# A production interval (30 s), and a quick first probe: --start-interval probes every 200 ms
# during the start period, so `healthy` comes a moment after the server listens.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --start-interval=200ms --retries=3 \
    CMD ["/healthcheck", "8080"]
# Exec form, the server as PID 1: it handles SIGTERM and SIGQUIT (its image's STOPSIGNAL) itself.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/static-web-server"]
CMD ["--config-file", "/etc/static-web-server.toml"]
# Last, so a new version or revision changes metadata only, never a layer.
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/react-spa
LABEL org.opencontainers.image.title="react-spa" \
      org.opencontainers.image.description="Vite + React 19 single-page app on static-web-server (multi-stage lab)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
