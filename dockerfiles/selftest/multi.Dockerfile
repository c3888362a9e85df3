# syntax=docker/dockerfile:1.29
# check=error=true
# A static site served by busybox httpd (the smallest service there is), built and served
# from `scratch`, so it needs no base image at all. Targets:
#   build        the site, built under /out/www
#   test         runs tests/*.test.sh against the built site; a failing test fails the build
#   development  serves src/ as it is, so a bind mount of src/ shows edits at once
#   production   (default) busybox + the built site, nothing else
# Build: cp /bin/busybox apps/selftest/bin/busybox   (busybox-static; the tests copy it in themselves)
#        docker build -f dockerfiles/selftest/multi.Dockerfile apps/selftest

# The site, built under /out/www by busybox alone: scratch has no shell of its own.
FROM scratch AS build
COPY bin/busybox /bin/busybox
WORKDIR /src
COPY build.sh ./
COPY src ./src
ARG VERSION=dev
ARG REVISION=unknown
RUN ["/bin/busybox", "sh", "-c", "VERSION=$VERSION REVISION=$REVISION ./build.sh /out/www"]

FROM build AS test
COPY run-tests.sh ./
COPY tests ./tests
RUN ["/bin/busybox", "sh", "./run-tests.sh", "/out/www"]

FROM build AS development
EXPOSE 8080
CMD ["/bin/busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/src/src"]

FROM scratch AS production
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="selftest" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/selftest"
# --link: each copy is a layer made on its own rather than on top of the ones below, so it does
# not depend on them: a change below (a new base, in a fork that has one) leaves these layers
# cached, and a registry can rebase them without a rebuild.
COPY --link --from=build /bin/busybox /bin/busybox
COPY --link --from=build /out/www /www
# Numeric uid:gid: no /etc/passwd is needed, and the runtime can verify it is not root.
USER 65532:65532
EXPOSE 8080
# The app's own binary probes it, and not with its wget applet (the contract allows no
# downloader in a health check, busybox's included): nc sends the request and grep reads the
# status line. During the start period (10 s) a probe every 100 ms, so `healthy` follows
# readiness (httpd serves within milliseconds); then every 30 s, a production service's pace
# (each probe is an exec into the container). Engines before 25 ignore --start-interval and
# wait the full 30 s for the first probe.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --start-interval=100ms --retries=3 \
    CMD ["/bin/busybox", "sh", "-c", "printf 'GET /health HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc 127.0.0.1 8080 | /bin/busybox grep -q '^HTTP/1.[01] 200'"]
# PID 1 gets no default signal handling, so the shell traps TERM and exits; httpd goes with it.
ENTRYPOINT ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM INT; /bin/busybox httpd -f -p 8080 -h /www & wait"]
