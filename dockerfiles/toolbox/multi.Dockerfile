# syntax=docker/dockerfile:1.29
# check=error=true
# toolbox: tutorial Example 8, "Using External Images in Stages". The final image runs no
# installer and compiles nothing itself: every tool is copied out of another image.
#
#   gofmt     from the official Go image (a static binary)
#   node      from the Node image, with the two C++ runtime libraries it needs
#   busybox   Debian's static busybox: a shell and the usual small utilities
#   go-api    this repository's service, built in a stage (static)
#
# The final base is distroless/base: glibc, CA certificates and a nonroot user; no shell,
# no package manager. The context is apps/go-api, so that go-api can be built here and
# this image needs no other image of this repository to exist first:
#   docker build -f dockerfiles/toolbox/multi.Dockerfile -t toolbox apps/go-api
#   docker run --rm toolbox node -e 'console.log(process.version)'
#   docker run --rm -it toolbox          # busybox sh, with every tool on PATH

# go-api, built as in dockerfiles/go-api/multi.Dockerfile (see there for each flag).
# With a published image of it, the stage would go, and the COPY below would read
#   COPY --from=registry.example.com/go-api:1.2.3 /go-api /usr/local/bin/go-api
FROM golang:1.26-trixie AS go-api
ARG GOPROXY=https://proxy.golang.org,direct
ENV GOPROXY=${GOPROXY} \
    CGO_ENABLED=0 \
    GOTOOLCHAIN=local \
    GOFLAGS=-buildvcs=false \
    GOMODCACHE=/go/pkg/mod \
    GOCACHE=/root/.cache/go-build
WORKDIR /src
COPY go.mod go.sum* ./
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    go mod download
COPY . .
ARG VERSION=dev
ARG REVISION=unknown
RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod \
    --mount=type=cache,id=go-build,target=/root/.cache/go-build \
    go build -trimpath -tags nethttpomithttp2 \
      -ldflags "-s -w -X main.version=${VERSION} -X main.revision=${REVISION}" \
      -o /out/go-api .

# node is dynamically linked: glibc comes with the final base, but libstdc++ and
# libgcc_s do not. Collect them at their resolved paths (the multiarch directory differs
# per architecture), so the final image takes exactly these two files.
# pipefail: a failing ldconfig must fail the step, not hand awk nothing. awk reads to the end
# (no `exit`), so ldconfig is never cut off by SIGPIPE; each lookup is its own assignment,
# whose status `set -e` sees (one nested in another command's arguments would be lost).
FROM node:24-trixie-slim AS node-libs
RUN <<'EOF'
set -eu -o pipefail
for lib in libstdc++.so.6 libgcc_s.so.1; do
  found=$(ldconfig -p | awk -v lib="$lib" '$1 == lib && !seen { print $NF; seen = 1 }')
  test -n "$found" || { echo >&2 "ldconfig does not list $lib"; exit 1; }
  path=$(readlink -f "$found")
  mkdir -p "/out$(dirname "$path")"
  cp "$path" "/out$(dirname "$path")/$lib"
done
find /out -type f
EOF

# busybox-static is a Debian package: installed in a throwaway stage, and only the
# binary leaves it (no apt, dpkg or package lists in the final image).
FROM debian:trixie AS busybox
RUN apt-get update \
 && apt-get install -y --no-install-recommends busybox-static \
 && rm -rf /var/lib/apt/lists/*

# :nonroot, a tag rather than the implied :latest: the same base, with uid 65532 as its user.
FROM gcr.io/distroless/base-debian13:nonroot AS toolbox
# An image reference works directly in `COPY --from`: no stage needed to borrow a file.
# --link: each tool's layer is made on its own, not on top of the layers below, so it does not
# depend on them: a new distroless base reuses every tool layer from cache (and a registry can
# rebase them without a rebuild), and a new gofmt leaves node's 127 MB layer alone.
COPY --link --from=golang:1.26-trixie /usr/local/go/bin/gofmt /usr/local/bin/gofmt
COPY --link --from=node:24-trixie-slim /usr/local/bin/node /usr/local/bin/node
COPY --link --from=node-libs /out/ /
COPY --link --from=busybox /bin/busybox /usr/local/bin/busybox
COPY --link --from=go-api /out/go-api /usr/local/bin/go-api
ENV PATH=/usr/local/bin:/usr/bin:/bin
USER 65532:65532
WORKDIR /home/nonroot
# No ENTRYPOINT: `docker run toolbox <tool> [args]` runs any of the tools; with no
# arguments it opens busybox's shell.
CMD ["busybox", "sh"]
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/dockerfiles/toolbox
LABEL org.opencontainers.image.title="toolbox" \
      org.opencontainers.image.description="Command-line tools copied from other images: the multi-stage lab's Example 8" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
