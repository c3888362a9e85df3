# syntax=docker/dockerfile:1.29
# check=skip=SecretsUsedInArgOrEnv;error=true
# Check skipped: SecretsUsedInArgOrEnv, because this file passes a token as a build arg on purpose
# (the wrong way the secret checks measure); every other check fails the build.
# DO NOT COPY: the wrong way to give a build a registry token, kept to show why it is wrong.
# The token comes in as a build arg, is written to .npmrc for the install and deleted in the
# same RUN, so no layer holds the file; but BuildKit records every build arg a RUN uses in the
# image's history (`docker history --no-trunc` shows `|2 NPM_PRIVATE_REGISTRY=... NPM_TOKEN=<the
# token> /bin/sh -c ...`), and the history ships with the image to everyone who pulls it.
# `pnpm verify` builds this file with a known token and reports where it shows. The right way
# is the build secret in multi.Dockerfile (`RUN --mount=type=secret,id=npm_token`).
#
#   docker build -f dockerfiles/node-api/token-as-build-arg.Dockerfile \
#     --build-arg NPM_TOKEN="$NPM_TOKEN" apps/node-api       # then: docker history --no-trunc

FROM node:24-slim
RUN --mount=type=cache,id=node-api-npm,target=/root/.npm \
    npm install --global --no-audit --no-fund --loglevel=error pnpm@11.28.11
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
ARG NPM_PRIVATE_REGISTRY=//npm.example.com/
ARG NPM_TOKEN
RUN --mount=type=cache,id=node-api-pnpm-store,target=/pnpm/store \
    --mount=type=cache,id=node-api-pnpm-cache,target=/root/.cache/pnpm \
    echo "${NPM_PRIVATE_REGISTRY}:_authToken=${NPM_TOKEN}" > .npmrc \
 && pnpm install --frozen-lockfile --prod --store-dir /pnpm/store \
 && rm .npmrc
