#!/bin/busybox sh
# Runs every tests/*.test.sh against the built site; any failure fails the run (and the build).
set -u
failed=0
for test in tests/*.test.sh; do
  sh "$test" "$1" || { echo "FAILED: $test"; failed=1; }
done
exit $failed
