# syntax=docker/dockerfile:1.29
# check=error=true
# toolbox, the "before": one image with every tool installed the usual way. The Go image
# brings gofmt (with the whole toolchain, gcc and git) and builds go-api; Debian's
# packages bring node (Debian's Node 20, not 24: Node 24 is not packaged for trixie)
# and busybox. Everything used to get them stays in the image. The context is apps/go-api:
#   docker build -f dockerfiles/toolbox/single.Dockerfile -t toolbox:single apps/go-api
FROM golang:1.26
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs busybox-static \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/go-api .
CMD ["bash"]
