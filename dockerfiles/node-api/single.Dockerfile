# syntax=docker/dockerfile:1.29
# check=error=true
# The tutorial's "before" for node-api (Example 1, "Single-Stage"), kept as naive as the
# tutorial's: the full node:24 image (Debian with compilers, git, Python...), every dependency
# including the dev ones, the sources, the tests and the package manager, all shipped together.
# It is the baseline the multi-stage image is measured against; do not deploy it.
#
#   docker build -f dockerfiles/node-api/single.Dockerfile -t lab/node-api:single apps/node-api

FROM node:24

WORKDIR /app

# The tutorial uses npm; this app is a pnpm project, so pnpm is installed the plain way.
RUN npm install --global pnpm@11.28.11

COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile

COPY . .
RUN pnpm run build

EXPOSE 3000
CMD ["node", "dist/main.js"]
