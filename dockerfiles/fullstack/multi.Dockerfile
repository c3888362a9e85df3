# syntax=docker/dockerfile:1.29
# check=error=true
# fullstack: the tutorial's Example 6, "Multiple Builds in One Dockerfile". react-spa and
# node-api are built in separate stages, which BuildKit runs at the same time, and shipped as
# one node-api image that also serves the single-page app (STATIC_DIR, see
# apps/node-api/src/spa.ts: the same caching and fallback rules as react-spa's static server).
# The build context is apps/ (both apps); multi.Dockerfile.dockerignore beside this file says
# what of it is sent:
#
#   docker build -f dockerfiles/fullstack/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) -t fullstack apps
#
# The page calls the API on its own origin (API_URL is empty): no CORS, and one image to deploy.
#
# The first two lines: BuildKit's Dockerfile frontend 1.29 reads this file (pulled where a registry
# answers; where none does, it can be built from BuildKit's Go module, as any base image), and its
# build checks fail the build on any violation (check=error=true).

ARG PNPM_VERSION=11.28.11

# ---- toolchain: Node 24 and a pinned pnpm, shared by both builds ----------------------------------------
FROM node:24-slim AS toolchain
ARG PNPM_VERSION
RUN --mount=type=cache,id=fullstack-npm,target=/root/.npm \
    npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"

# ---- frontend: react-spa's dependencies, then its bundle (Example 6, stage 1) ----------------------------
FROM toolchain AS frontend-deps
WORKDIR /app/frontend
COPY react-spa/package.json react-spa/pnpm-lock.yaml ./
RUN --mount=type=cache,id=fullstack-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=fullstack-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

FROM frontend-deps AS frontend-build
COPY react-spa/tsconfig.json react-spa/vite.config.ts react-spa/index.html ./
COPY react-spa/public ./public
COPY react-spa/src ./src
ARG BUILD_ENV=production
RUN VITE_BUILD_ENV="${BUILD_ENV}" VITE_API_URL="" node --run build

# ---- backend: node-api's dependencies, its compiled JavaScript, its production install (stage 2) ---------
FROM toolchain AS backend-deps
WORKDIR /app/backend
COPY node-api/package.json node-api/pnpm-lock.yaml ./
RUN --mount=type=cache,id=fullstack-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=fullstack-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

FROM backend-deps AS backend-build
COPY node-api/tsconfig.json node-api/tsconfig.build.json ./
COPY node-api/src ./src
RUN node --run build

FROM toolchain AS backend-prod-deps
WORKDIR /app/backend
COPY node-api/package.json node-api/pnpm-lock.yaml ./
RUN --mount=type=cache,id=fullstack-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=fullstack-pnpm-cache,target=/root/.cache/pnpm \
    pnpm install --frozen-lockfile --prod --store-dir /pnpm/store

# ---- runtime-files: the node binary and exactly the shared libraries it links (as node-api's) ------------
FROM node:24-slim AS runtime-files
# bash with pipefail: a failing ldd must fail the build, not yield an empty list.
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
RUN <<'SCRIPT'
mkdir -p /out/usr/local/bin
cp /usr/local/bin/node /out/usr/local/bin/node
libs=$(ldd /usr/local/bin/node | grep -o '/[^ ]*')
for lib in $libs; do
  # Under the directory's real path (/lib64 -> /usr/lib64 on merged-/usr trixie), so COPY never
  # replaces the final image's /lib or /lib64 symlinks.
  dir=$(readlink -f "$(dirname "$lib")")
  mkdir -p "/out$dir"
  cp --dereference "$lib" "/out$dir/"
done
SCRIPT

# ---- production (default): one node-api image that also serves the app (stage 3) -------------------------
FROM gcr.io/distroless/static-debian13:nonroot AS production
COPY --link --from=runtime-files /out/ /
WORKDIR /app
COPY --link --from=backend-prod-deps /app/backend/node_modules ./node_modules
COPY --link --from=backend-build /app/backend/dist ./dist
COPY --link node-api/package.json ./
COPY --link --from=frontend-build /app/frontend/dist ./public
ENV NODE_ENV=production \
    PORT=3000 \
    STATIC_DIR=/app/public
USER 65532:65532
EXPOSE 3000
# node-api's probe and timing: every 100 ms during the start period (10 s), so `healthy` comes
# when the app answers; every 30 s once healthy. The probe is node-api's CommonJS script (cheap
# to start): Node itself asks /health, no shell, curl or wget.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --start-interval=100ms --retries=3 \
    CMD ["/usr/local/bin/node", "/app/dist/healthcheck.cjs"]
# Exec form, Node as PID 1: node-api handles SIGTERM itself and drains within 1.5 s.
ENTRYPOINT ["/usr/local/bin/node"]
CMD ["/app/dist/main.js"]
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/dockerfiles/fullstack
LABEL org.opencontainers.image.title="fullstack" \
      org.opencontainers.image.description="node-api serving react-spa: two builds, one image (multi-stage lab, Example 6)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV APP_VERSION=${VERSION} \
    APP_REVISION=${REVISION}
