#!/bin/sh
# install-openjdk.sh LINKED [BUNDLE]: installs a Java home that link-openjdk.sh made (LINKED: its
# jdk/ or jre/) in JAVA_HOME (/opt/java/openjdk), as the Temurin images install Temurin's tarball:
# first the packages they add (fontconfig, ca-certificates, p11-kit, tzdata, locales; binutils for
# a JDK, which jlink --strip-debug needs), plus the libraries Debian's build links where Temurin's
# bundles its own (lcms2, libjpeg, harfbuzz, pcsclite); the dynamic linker's configuration for the
# JDK's folders, as Temurin's images write it. Its cacerts holds Debian's CA list (the
# ca-certificates package), plus, for a builder, the certificates of BUNDLE (the forge's CA bundle:
# Maven must reach its repository through whatever this machine's network puts in the way).
set -eu
linked="$1"
bundle="${2:-}"
extra=''
if [ -e "$linked/bin/javac" ]; then extra=binutils; fi

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	fontconfig ca-certificates p11-kit tzdata locales $extra \
	liblcms2-2 libjpeg62-turbo libharfbuzz0b libpcsclite1
echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
locale-gen en_US.UTF-8
rm -rf /var/lib/apt/lists/*

mkdir -p "$(dirname "$JAVA_HOME")"
cp -a "$linked" "$JAVA_HOME"
find "$JAVA_HOME/lib" -name '*.so' -exec dirname '{}' ';' | sort -u > /etc/ld.so.conf.d/docker-openjdk.conf
ldconfig
# Every library the Java home links is here, but for the desktop ones (X11 windows, the splash
# screen, ALSA sound), which a container loads only with a display and Temurin's images lack too.
missing="$(find "$JAVA_HOME" -type f \( -name '*.so' -o -path '*/bin/*' \) \
	! -name libawt_xawt.so ! -name libjawt.so ! -name libsplashscreen.so ! -name libjsound.so \
	-exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)"
[ -z "$missing" ] || { echo >&2 "$JAVA_HOME links libraries this image lacks: $missing"; exit 1; }

# cacerts from Debian's certificate list, by Debian's own tool (ca-certificates-java), with the
# bundle split into one file per certificate (the tool reads one from each file). JDK 25's jlink
# links from a run-time image whose cacerts was replaced (it is one of its upgradeable files).
certs="$(find /usr/share/ca-certificates/mozilla -name '*.crt')"
if [ -n "$bundle" ]; then
	# A builder's other tools (curl, git, apt) trust the bundle too, as in the other builders.
	install -m 0644 "$bundle" /usr/local/share/ca-certificates/forge-host-bundle.crt
	update-ca-certificates > /dev/null
	mkdir -p /tmp/forge-ca
	csplit -s -z -f /tmp/forge-ca/forge-ca- -b '%03d.crt' "$bundle" '/-----BEGIN CERTIFICATE-----/' '{*}'
	certs="$certs
$(find /tmp/forge-ca -name '*.crt')"
fi
mkdir -p /etc/ssl/certs/java
echo "$certs" | sed 's/^/+/' | java -Xmx64m -jar "$(dirname "$linked")/ca-certificates-java.jar" -storepass changeit > /dev/null
mv /etc/ssl/certs/java/cacerts "$JAVA_HOME/lib/security/cacerts"
rmdir /etc/ssl/certs/java
expected="$(echo "$certs" | wc -l)"
found="$(keytool -list -cacerts -storepass changeit | grep -c trustedCertEntry)"
[ "$found" -eq "$expected" ] || { echo >&2 "cacerts holds $found certificates, expected $expected"; exit 1; }
rm -rf /tmp/forge-ca

java --version
