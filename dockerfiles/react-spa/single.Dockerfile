# syntax=docker/dockerfile:1.29
# check=error=true
# The tutorial's "before" for react-spa (Example 2, "300+ MB single stage"), kept as naive as
# the tutorial's: the full node:24 image (Debian with compilers, git, Python...), every
# dependency including the dev ones, the sources and tests, the package manager, and Vite's
# preview server to serve the bundle. It is the baseline the multi-stage image is measured
# against; do not deploy it.
#
#   docker build -f dockerfiles/react-spa/single.Dockerfile -t lab/react-spa:single apps/react-spa

FROM node:24

WORKDIR /app

# The tutorial uses npm; this app is a pnpm project, so pnpm is installed the plain way.
RUN npm install --global pnpm@11.28.11

COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile

COPY . .
ARG API_URL=
ENV VITE_API_URL=${API_URL}
RUN pnpm run build

EXPOSE 4173
CMD ["pnpm", "exec", "vite", "preview", "--host", "0.0.0.0", "--port", "4173"]
