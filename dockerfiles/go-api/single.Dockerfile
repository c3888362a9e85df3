# syntax=docker/dockerfile:1.29
# check=error=true
# go-api, the "before" of tutorial Example 3: build and run in one stage on the full
# golang image. Everything that built the binary ships with it: the Go toolchain, gcc,
# git, Debian's development packages, the sources and the tests, run as root.
# The context is the app's folder:
#   docker build -f dockerfiles/go-api/single.Dockerfile -t go-api:single apps/go-api
FROM golang:1.26
WORKDIR /app
COPY . .
RUN go build -o /usr/local/bin/go-api .
EXPOSE 8080
CMD ["go-api"]
