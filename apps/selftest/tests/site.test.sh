#!/bin/busybox sh
# Checks the built site: the health file says ok and the version file is JSON.
set -eu
site=${1:?usage: site.test.sh SITE_DIR}
[ "$(cat "$site/health")" = ok ] || { echo "FAIL health: expected 'ok'"; exit 1; }
grep -q '"version"' "$site/version" || { echo "FAIL version: no version field"; exit 1; }
echo "PASS site"
