# syntax=docker/dockerfile:1.29
# check=error=true
# The tutorial's counter-example ("Build Cache Optimization", "Poor cache usage"), for node-api:
# everything copied at once, then the install and the build in one step. Any source change
# invalidates `COPY . .`, so the install runs again on every edit. The harness rebuilds it after
# a one-line change (the `cache-poor-order` claim) to show that it does; never build like this.
# pnpm instead of the tutorial's npm, as in single.Dockerfile: this is a pnpm project.
#
#   docker build -f dockerfiles/node-api/poor-cache-order.Dockerfile apps/node-api

FROM node:24-slim

WORKDIR /app

RUN npm install --global --no-audit --no-fund --loglevel=error pnpm@11.28.11

COPY . .
RUN pnpm install --frozen-lockfile && pnpm run build

CMD ["node", "dist/main.js"]
