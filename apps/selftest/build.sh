#!/bin/busybox sh
# The site's "build": turn src/ into the site under $1, stamped with the version.
# Run by busybox's sh, since the build stages have nothing else (FROM scratch).
set -eu
out=${1:?usage: build.sh OUTPUT_DIR}
mkdir -p "$out"
cp -R src/. "$out/"
printf '{"version":"%s","revision":"%s"}\n' "${VERSION:-dev}" "${REVISION:-unknown}" > "$out/version"
