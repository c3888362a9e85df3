# syntax=docker/dockerfile:1.29
# check=error=true
# java-api, the "after" of tutorial Example 5: Maven builds the jar, jdeps and jlink cut a Java
# runtime to the modules the dependencies use, and the production image is that runtime, the
# shared libraries it links and the jar's layers on distroless/static: no JDK, no Maven, no shell.
#
# Targets (--target):
#   production   (default) the service on its jlink runtime with a JVM AOT cache made by a
#                training run (Java 25, JEP 483/514/515); non-root, HEALTHCHECK, OCI labels.
#                --build-arg AOT_CACHE=off leaves the cache out: 41 MB smaller (119.6 MB -> 78.7 MB),
#                slower to start (half as slow again on a quiet machine, three times on a busy
#                one). apps/java-api/README.md has both measured.
#   test         the JUnit tests (mvn test): a failing test fails the build and is named
#   development  the app from its classes, recompiled on every edit of the mounted src/ and
#                restarted by Spring Boot devtools
#   build        the jar and its extracted layers (for looking at the build)
#
# The context is the app's folder:
#   docker build -f dockerfiles/java-api/multi.Dockerfile \
#     --build-arg VERSION=1.2.3 --build-arg REVISION="$(git rev-parse HEAD)" -t java-api apps/java-api

# on: ship the AOT cache; off: do not (the stage chosen at the end).
ARG AOT_CACHE=on

# ---- maven: the JDK and Maven, and how they are run ---------------------------------------------
FROM maven:3.9-eclipse-temurin-25 AS maven
# bash with pipefail for every RUN of the builder stages: a failing command in a pipe fails the step.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Batch mode, no download progress; C1 only: Maven's short runs finish sooner without C2.
ENV MAVEN_ARGS="-B -ntp" \
    MAVEN_OPTS="-XX:TieredStopAtLevel=1"
WORKDIR /src

# ---- deps: every plugin and dependency, from pom.xml alone ---------------------------------------
# The sources come later, so editing them leaves this step cached. The local repository is a
# BuildKit cache mount: downloaded once per builder, never stored in a layer.
FROM maven AS deps
COPY pom.xml ./
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn dependency:go-offline

# ---- jre: a Java runtime with the modules the dependencies need ----------------------------------
# From pom.xml alone too: a source change never re-runs jdeps or jlink. jdeps reads the runtime
# dependencies' bytecode (devtools is for development only); the app's own classes are checked
# against the result in the build stage. --compress=zip-9 halves lib/modules (about 30 MB); libjvm
# keeps Debian's symbol table, which `strip` drops (5 MB), as it does the other libraries' and
# launchers' (0.35 MB). Left out too: lib/classlist (the list a default CDS archive is made from;
# the image has its AOT cache) and lib/jrt-fs.jar (for other JDKs reading this runtime's modules).
# Three modules jdeps names are left out, as nothing loads them at run time (the class-load log of
# the training run, a start and requests): jdk.jfr (spring-core's Flight Recorder start-up
# tracking, off unless configured), java.net.http (spring-web's client for the JDK's HTTP client)
# and java.compiler (annotation processing): 1.4 MB. Spring needs java.desktop for java.beans
# only: its imaging, sound, font and splash-screen libraries (and the png, jpeg and lcms libraries
# they link) are left out. (Its classes behind them cannot be: jlink keeps every package a module
# declares.)
FROM deps AS jre
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn dependency:copy-dependencies -DincludeScope=runtime -DexcludeArtifactIds=spring-boot-devtools \
        -DoutputDirectory=/tmp/runtime-deps
RUN set -euo pipefail; \
    modules="$(jdeps --ignore-missing-deps -q --multi-release 25 --print-module-deps \
        --class-path '/tmp/runtime-deps/*' /tmp/runtime-deps/*.jar)"; \
    echo "jdeps: $modules"; \
    modules="$(echo "$modules" | tr ',' '\n' | grep -vx -e jdk.jfr -e java.net.http -e java.compiler | paste -sd,)"; \
    jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-9 \
        --exclude-files='**/libawt*.so,**/libfontmanager.so,**/libjavajpeg.so,**/liblcms.so,**/libjsound.so,**/libmlib_image.so,**/libsplashscreen.so,**/lib/classlist,**/lib/jrt-fs.jar' \
        --output /opt/runtime; \
    strip --strip-unneeded /opt/runtime/lib/server/libjvm.so /opt/runtime/lib/*.so /opt/runtime/bin/*; \
    /opt/runtime/bin/java --list-modules

# ---- libs: the runtime dependencies without their local-variable tables ---------------------------
# The jars the jre stage copied from pom.xml alone (a source change never re-runs this), rewritten
# by build-tools/StripLocalVariables.java with the JDK's class-file API: 1.1 MB smaller, and so is the
# AOT cache. The build stage checks that they are the jars the app's manifest names.
FROM jre AS libs
COPY build-tools/StripLocalVariables.java /tmp/
# The starters are left out as the Boot plugin leaves them out of the jar: they hold no classes.
RUN rm /tmp/runtime-deps/spring-boot-starter*.jar \
 && java /tmp/StripLocalVariables.java /tmp/runtime-deps

# Debian's certificate list for the runtime's cacerts, made by Debian's own tool: the builder's
# cacerts is not it (a builder may trust more, such as a proxy's CA).
FROM debian:trixie-slim AS debian-ca
WORKDIR /tmp
RUN set -eu; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    apt-get download ca-certificates-java; \
    dpkg-deb --extract ca-certificates-java_*.deb /tmp/ca-java; \
    mv /tmp/ca-java/usr/share/ca-certificates-java/ca-certificates-java.jar /ca-certificates-java.jar; \
    rm -rf /var/lib/apt/lists/* /tmp/*

# ---- healthprobe: the HEALTHCHECK's client, a few KB of C against the libc the runtime links -------
# Debian's compiler, as the runtime's libraries are Debian's (trixie both): its own file only, so a
# source change of the app never rebuilds it.
FROM debian:trixie-slim AS healthprobe
RUN set -eu; \
    apt-get update; \
    apt-get install -y --no-install-recommends gcc libc6-dev; \
    rm -rf /var/lib/apt/lists/*
COPY healthprobe/healthprobe.c /tmp/
RUN gcc -O2 -Wall -Werror -s -o /healthprobe /tmp/healthprobe.c

# ---- runtime-files: the runtime, its cacerts and exactly the shared libraries it links -----------
# Also the empty folders Tomcat would otherwise create under /tmp at every start (its base and a
# document root), which a read-only root filesystem does not allow.
# ldd names them (libc, libm, libstdc++, libgcc_s, libz, the loader); each is copied under its
# directory's real path (/lib64 -> /usr/lib64 on merged-/usr systems) so that COPY never replaces
# the final image's /lib or /lib64 links. What ldd finds in the builder's own JDK is skipped: the
# Temurin image puts its library folders on the loader's path (/etc/ld.so.conf.d), so a library
# the runtime's does not find beside it resolves there, and copying it would put the JDK's libjvm
# (unstripped, 5 MB more) over the runtime's and bring back the AWT libraries jlink left out.
FROM jre AS runtime-files
COPY --from=debian-ca /usr/share/ca-certificates/mozilla /tmp/debian-ca
COPY --from=debian-ca /ca-certificates-java.jar /tmp/
RUN set -euo pipefail; \
    mkdir -p /etc/ssl/certs/java /out/opt/java; \
    rm -f /etc/ssl/certs/java/cacerts; \
    find /tmp/debian-ca -name '*.crt' -printf '+%p\n' > /tmp/debian-ca.list; \
    LC_ALL=C.UTF-8 java -Xmx64m -jar /tmp/ca-certificates-java.jar -storepass changeit < /tmp/debian-ca.list > /dev/null; \
    cp /etc/ssl/certs/java/cacerts /opt/runtime/lib/security/cacerts; \
    count="$(keytool -list -keystore /opt/runtime/lib/security/cacerts -storepass changeit | grep -c trustedCertEntry)"; \
    [ "$count" -eq "$(wc -l < /tmp/debian-ca.list)" ]; \
    echo "cacerts: $count certificates from Debian's ca-certificates"; \
    cp -a /opt/runtime /out/opt/java/openjdk; \
    mkdir -p /out/app/public /out/app/tomcat/work/Tomcat/localhost/ROOT; \
    for lib in $(find /opt/runtime -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
                 | grep -o '/[^ ]*\.so[^ ]*' | grep -v -e '^/opt/runtime/' -e "^$JAVA_HOME/" | sort -u); do \
      dir="$(readlink -f "$(dirname "$lib")")"; \
      mkdir -p "/out$dir"; \
      cp --dereference "$lib" "/out$dir/"; \
    done; \
    find /out -path /out/opt -prune -o -type f -print

# ---- build: the jar, split into Spring Boot's layers ---------------------------------------------
FROM deps AS build
COPY src ./src
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn package -DskipTests
# extract --layers: dependencies, spring-boot-loader, snapshot-dependencies, application, each a
# folder to COPY in that order (least to most often changed). Without --launcher the application
# is a plain jar whose manifest lists lib/*.jar: the class path an AOT cache needs. The tools jar
# that does the extracting is build tooling: it stays here.
RUN --mount=type=bind,from=jre,source=/opt/runtime/release,target=/tmp/runtime-release \
    --mount=type=bind,from=libs,source=/tmp/runtime-deps,target=/tmp/stripped-libs \
    set -euo pipefail; \
    java -Djarmode=tools -jar target/java-api.jar extract --layers --destination /extracted; \
    rm /extracted/dependencies/lib/spring-boot-jarmode-tools-*.jar; \
    diff <(ls /extracted/dependencies/lib) <(ls /tmp/stripped-libs) \
      || { echo >&2 "the jar's dependencies (<) are not the libs stage's jars (>): align the libs stage with pom.xml"; exit 1; }; \
    needs="$(jdeps --ignore-missing-deps -q --multi-release 25 --print-module-deps \
        /extracted/application/java-api.jar)"; \
    for module in $(echo "$needs" | tr ',' ' '); do \
      grep -q "[\" ]$module[\" ]" /tmp/runtime-release \
        || { echo >&2 "the app's classes need $module, which the runtime lacks: add it to the jlink step"; exit 1; }; \
    done

# ---- test: the JUnit tests; a failing test fails the build -----------------------------------------
FROM deps AS test
COPY src ./src
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn test

# ---- development: `docker run -v "$PWD/apps/java-api/src:/src/src" -p 8080:8080 ...` ---------------
# The app runs from target/classes with devtools on the class path; a loop recompiles the mounted
# sources when one changes, and devtools restarts the app on the new classes (about a second, in
# the same JVM). The dependencies are copied into the image: the cache mount is not there at run time.
FROM deps AS development
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/opt/dev-lib
COPY src ./src
RUN --mount=type=cache,id=java-api-m2,target=/root/.m2/repository \
    mvn compile \
 && chown -R 65532:65532 /src/target
COPY --chmod=755 <<'EOF' /usr/local/bin/run-and-recompile
#!/bin/sh
# Starts the app from target/classes and recompiles src/ when a file in it changes.
set -eu
compile() {
  find src/main/java -name '*.java' > /tmp/sources
  javac -parameters -d target/classes -cp '/opt/dev-lib/*' @/tmp/sources && cp -r src/main/resources/. target/classes/
}
java -XX:TieredStopAtLevel=1 -cp "target/classes:/opt/dev-lib/*" com.example.javaapi.JavaApiApplication &
app=$!
trap 'kill -TERM "$app"; wait "$app"; exit 0' TERM INT
touch /tmp/compiled
while kill -0 "$app" 2>/dev/null; do
  sleep 1
  if [ -n "$(find src -newer /tmp/compiled -type f | head -n 1)" ]; then
    touch /tmp/compiled
    echo "run-and-recompile: src/ changed, compiling"
    compile || echo "run-and-recompile: compilation failed; the running app is unchanged"
  fi
done
EOF
ENV PORT=8080 \
    SPRING_DEVTOOLS_LIVERELOAD_ENABLED=false
USER 65532:65532
EXPOSE 8080
CMD ["/usr/local/bin/run-and-recompile"]

# ---- runtime-image: what production is, before the start command and the metadata -----------------
# distroless/static: passwd with nonroot (65532), tzdata, no libc; the libraries above are all
# that is added. Every COPY is --link: a layer stands on its own, so a new base or runtime does not
# invalidate the app's layers, and the dependency layers stay byte-identical across source changes.
FROM gcr.io/distroless/static-debian13:nonroot AS runtime-image
COPY --link --from=runtime-files /out/ /
COPY --link --from=healthprobe /healthprobe /usr/local/bin/healthprobe
WORKDIR /app
COPY --link --from=libs /tmp/runtime-deps/ ./lib/
COPY --link --from=build /extracted/spring-boot-loader/ ./
COPY --link --from=build /extracted/snapshot-dependencies/ ./
COPY --link --from=build /extracted/application/ ./
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PORT=8080 \
    SERVER_TOMCAT_BASEDIR=/app/tomcat
USER 65532:65532
EXPOSE 8080
# The probe is a small C program (healthprobe/healthprobe.c): a few milliseconds of CPU each time,
# so probes come every 100 ms while the service starts (healthy one start-interval and Docker's own
# exec after ready, where a probe JVM took 0.5-1.5 s on a busy machine and slowed the start it
# waited for) and every 30 s
# after it is healthy. No shell, curl or wget.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --start-interval=100ms --retries=3 \
    CMD ["/usr/local/bin/healthprobe"]
# Exec form, the JVM as PID 1: Spring Boot's graceful shutdown runs on SIGTERM (1.5 s at most).
# No hsperfdata file: the root filesystem may be read-only.
ENTRYPOINT ["/opt/java/openjdk/bin/java", "-XX:-UsePerfData", "-Dspring.aot.enabled=true"]
CMD ["-jar", "/app/java-api.jar"]

# ---- the AOT cache: a training run up to the context refresh, in the production filesystem itself --
# (the cache holds only for the JVM and class path it was made with, so it is made with them).
FROM runtime-image AS aot-training
# No method profiles (-XX:-AOTRecordTraining, JEP 515): they are for the JIT's warm-up, not the start
# (CPU to healthy 2.47 s without them against 2.60 s with them, six alternating starts each), and
# they were 2.1 MB of the cache.
RUN ["/opt/java/openjdk/bin/java", "-XX:-UsePerfData", "-Dspring.aot.enabled=true", "-XX:AOTCacheOutput=/tmp/java-api.aot", \
     "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining", \
     "-Dspring.context.exit=onRefresh", "-jar", "/app/java-api.jar"]

# AOT_CACHE=on (the default): the cache beside the jar, and the JVM told to use it.
FROM runtime-image AS aot-cache-on
COPY --link --from=aot-training /tmp/java-api.aot /app/java-api.aot
CMD ["-XX:AOTCache=/app/java-api.aot", "-jar", "/app/java-api.jar"]

# AOT_CACHE=off: the jar alone, for a comparison or a JVM that cannot read the cache.
FROM runtime-image AS aot-cache-off

# ---- production (default) ---------------------------------------------------------------------------
FROM aot-cache-${AOT_CACHE} AS production
# Last, so a new version or revision changes metadata only, never a layer (nor the AOT training).
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/java-api
LABEL org.opencontainers.image.title="java-api" \
      org.opencontainers.image.description="Spring Boot 4 JSON API on a jlink runtime (multi-stage lab, Example 5)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV APP_VERSION=${VERSION} \
    APP_REVISION=${REVISION}
