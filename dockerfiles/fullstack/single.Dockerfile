# syntax=docker/dockerfile:1.29
# check=error=true
# The "before" for the tutorial's Example 6: both apps in one node:24 image, each installed with
# every dependency and built in place, node-api serving react-spa's bundle. The baseline the
# multi-stage image is measured against; do not deploy it. Context: apps/ (see
# single.Dockerfile.dockerignore).
#
#   docker build -f dockerfiles/fullstack/single.Dockerfile -t lab/fullstack:single apps

FROM node:24

RUN npm install --global pnpm@11.28.11

WORKDIR /app/frontend
COPY react-spa/ ./
RUN pnpm install --frozen-lockfile && pnpm run build

WORKDIR /app/backend
COPY node-api/ ./
RUN pnpm install --frozen-lockfile && pnpm run build

ENV STATIC_DIR=/app/frontend/dist
EXPOSE 3000
CMD ["node", "dist/main.js"]
