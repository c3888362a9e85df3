# syntax=docker/dockerfile:1.29
# check=error=true
# The "before": one stage. Everything that built the site (the toolbox binary, the
# sources, the tests, the build scripts) ships with it.
FROM scratch
WORKDIR /src
COPY . .
# No shell in scratch: run busybox's sh in exec form. It also installs busybox itself as /bin/busybox.
RUN ["/src/bin/busybox", "sh", "-c", "/src/bin/busybox mkdir -p /bin && /src/bin/busybox cp /src/bin/busybox /bin/busybox && ./build.sh /www"]
EXPOSE 8080
CMD ["/bin/busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
