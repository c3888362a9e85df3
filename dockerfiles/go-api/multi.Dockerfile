# syntax=docker/dockerfile:1.29
# check=error=true
# go-api, the "after" of tutorial Example 3: the Go toolchain builds a static binary,
# and the production image is that binary on `scratch`, with Debian's CA bundle and nothing else.
#
# Targets:
#   production   (default) scratch + one static binary + Debian's CA bundle; non-root,
#                HEALTHCHECK, OCI labels
#   test         go vet + go test; a failing test fails the build
#   development  Air rebuilds and restarts the server on every .go change;
#                bind-mount the source on /src
#   build        the toolchain stage with the binary in /out (for debugging the build)
#
# The first two lines: BuildKit's Dockerfile frontend 1.29 reads this file (pulled where a registry
# answers; where none does, it can be built from BuildKit's Go module, as any base image), and its
# build checks fail the build on any violation (check=error=true).
# The context is the app's folder (Docker 25 or later: BuildKit, the default builder):
#   docker build -f dockerfiles/go-api/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION="$(git rev-parse HEAD)" -t go-api apps/go-api
#   docker build -f dockerfiles/go-api/multi.Dockerfile --target test apps/go-api
#   docker run --rm -p 8080:8080 -v "$PWD/apps/go-api:/src" "$(docker build -q \
#     -f dockerfiles/go-api/multi.Dockerfile --target development apps/go-api)"

# The Go toolchain and the settings every later stage shares.
FROM golang:1.26-trixie AS base
# Where modules come from. Point it at a mirror (Athens, Artifactory, ...) to build
# without the public proxy: go.sum checks every module either way.
ARG GOPROXY=https://proxy.golang.org,direct
# CGO_ENABLED=0: a static binary that needs no libc, so it runs on scratch.
# GOTOOLCHAIN=local: never download another toolchain in the middle of a build.
# -buildvcs=false: the context has no .git; VERSION/REVISION come in as build args.
# GOMODCACHE/GOCACHE are spelled out because the cache mounts below must be exactly
# there (GOCACHE otherwise follows $HOME, which depends on the base image's passwd).
ENV GOPROXY=${GOPROXY} \
    CGO_ENABLED=0 \
    GOTOOLCHAIN=local \
    GOFLAGS=-buildvcs=false \
    GOMODCACHE=/go/pkg/mod \
    GOCACHE=/root/.cache/go-build
WORKDIR /src

# Dependencies first, sources later: editing a .go file leaves this layer cached.
# The module and build caches are BuildKit cache mounts: they survive between builds
# without being stored in any image layer. (go.sum* because a module with no
# dependencies, like this one today, has no go.sum; forks that add one get it copied.)
FROM base AS deps
COPY go.mod go.sum* ./
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    go mod download

# The sources on top of the dependencies: what the tests and the build both start from.
FROM deps AS source
COPY . .

# `docker build --target test` runs the checks; the production target does not depend
# on this stage, so BuildKit skips it there (CI builds both, sharing every layer above).
FROM source AS test
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    --mount=type=cache,id=go-build,target=/root/.cache/go-build \
    go vet -tags nethttpomithttp2 ./... && go test -tags nethttpomithttp2 ./...

# The static binary, stamped with its version.
FROM source AS build
# Declared after the sources so that a new VERSION rebuilds only the link step.
ARG VERSION=dev
ARG REVISION=unknown
# -trimpath: no build paths in the binary; -s -w: no symbol table or DWARF (about 30%
# smaller; panics still print stack traces). -tags nethttpomithttp2 leaves net/http's
# HTTP/2 out (0.4 MB): HTTP/2 needs TLS, and this service speaks plain HTTP/1.1 behind
# whatever terminates TLS. Drop the tag if you serve TLS from the binary itself.
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    --mount=type=cache,id=go-build,target=/root/.cache/go-build \
    go build -trimpath -tags nethttpomithttp2 \
      -ldflags "-s -w -X main.version=${VERSION} -X main.revision=${REVISION}" \
      -o /out/go-api . \
 && /out/go-api -version

# Air, pinned with its checksums in tools/go.mod and tools/go.sum: a module of its
# own, so the watcher's dependencies never enter the service's build.
FROM deps AS development
WORKDIR /src/tools
COPY tools/go.mod tools/go.sum ./
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    --mount=type=cache,id=go-build,target=/root/.cache/go-build \
    go install tool
WORKDIR /src
# The sources are baked in so the image also runs without a mount; mount the
# working tree on /src to have edits picked up. The first build is kept in the
# image's own Go build cache (no cache mount here), so the container's first start
# and every reload compile only what changed, not the standard library.
COPY . .
RUN go build -tags nethttpomithttp2 -o /dev/null .
ENV PORT=8080
EXPOSE 8080
CMD ["air", "-c", ".air.toml"]

FROM scratch AS production
# Debian's CA bundle, so that the service can call HTTPS APIs (Example 3 installs ca-certificates
# "for HTTPS"): Go's crypto/x509 reads this path by default, so no SSL_CERT_FILE is needed.
# Taken from distroless/static, which carries exactly Debian's list, not from the build stage:
# a builder image may also trust the build machine's own CAs. Costs 222 kB (128 kB gzip'd).
# --link (both copies): each layer is made on its own, not on top of the layers below, so it
# does not depend on them: a new CA bundle leaves the binary's layer cached (and the other way
# round), and a registry can rebase them without a rebuild.
COPY --link --from=gcr.io/distroless/static-debian13:nonroot /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --link --from=build /out/go-api /go-api
# Numeric uid:gid: scratch has no /etc/passwd, and the runtime can check "not root"
# from the number alone. 65532 is distroless's "nonroot".
USER 65532:65532
ENV PORT=8080
EXPOSE 8080
# The binary probes its own /health: no shell, curl or wget in the image.
# Readiness, then a steady beat: during the start period (10 s, time for a slow host to start
# it) a probe runs every 100 ms, so `healthy` comes as soon as the server answers (it listens
# within milliseconds), not one interval after start. Once healthy, every 30 s, the rate a
# production service is probed at: each probe is an exec into the container, and three misses in
# a row (90 s) mark it unhealthy. --start-interval needs Engine 25 (API 1.44); older engines
# ignore it and wait the full 30 s before the first probe.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --start-interval=100ms --retries=3 \
    CMD ["/go-api", "-healthcheck"]
ENTRYPOINT ["/go-api"]
# Last, because they change on every build and cost no layer.
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/go-api
LABEL org.opencontainers.image.title="go-api" \
      org.opencontainers.image.description="Go net/http service on scratch: the multi-stage lab's Example 3" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
