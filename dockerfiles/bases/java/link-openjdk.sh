#!/bin/sh
# link-openjdk.sh OUT: links Debian 13's OpenJDK 25 into the two Java homes the Temurin images
# ship, the way the OpenJDK build makes them (make/Images.gmk) with Temurin's configuration:
#   OUT/jdk  every module, linked from Debian's jmods with --generate-linkable-runtime (the build's
#            --enable-linkable-runtime, JEP 493, which Temurin 24+ uses): its jlink links from the
#            run-time image itself, so the JDK ships no jmods/ (86 MB), as Temurin's does not;
#   OUT/jre  the build's JRE modules (those the boot and platform class loaders define, and
#            jdk.jdwp.agent; see JreModules.java), linked by that JDK from its run-time image.
# Both get the default CDS archives, as the build makes them (--generate-cds-archive). OUT also
# receives Debian's ca-certificates-java tool, which makes the cacerts of each (install-openjdk.sh).
set -eu
out="$1"

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-25-jdk-headless
debian_home="$(dirname "$(dirname "$(readlink -f /usr/bin/javac)")")"

mkdir -p "$out"
# Some Debian builds carry the native debug symbols in their jmods (lib/server/libjvm.debuginfo,
# 700 MB): the installed JDK has none, and neither does this one.
"$debian_home/bin/jlink" --module-path "$debian_home/jmods" --add-modules ALL-MODULE-PATH \
	--generate-linkable-runtime --generate-cds-archive --exclude-files='**.debuginfo' \
	--output "$out/jdk"
[ ! -e "$out/jdk/jmods" ]

modules="$("$out/jdk/bin/java" --add-modules ALL-SYSTEM /tmp/JreModules.java)"
echo "JRE modules: $modules"
"$out/jdk/bin/jlink" --add-modules "$modules" --generate-cds-archive --output "$out/jre"

cp /usr/share/ca-certificates-java/ca-certificates-java.jar "$out/"
