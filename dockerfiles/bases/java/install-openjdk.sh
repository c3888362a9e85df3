#!/bin/sh
# install-openjdk.sh PACKAGE [BUNDLE]: installs Debian 13's OpenJDK 25 PACKAGE with the packages
# the Temurin images add (fontconfig, ca-certificates, p11-kit, tzdata, locales; binutils for a
# JDK, which jlink --strip-debug needs), and lays it out as Temurin does: a self-contained
# tree in /opt/java/openjdk. Its cacerts holds Debian's CA list (the ca-certificates package),
# plus, for a builder, the certificates of BUNDLE (the forge's CA bundle: Maven must reach its
# repository through whatever this machine's network puts in the way).
set -eu
package="$1"
bundle="${2:-}"
extra=''
case "$package" in *jdk*) extra=binutils ;; esac

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	"$package" fontconfig ca-certificates p11-kit tzdata locales $extra
echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
locale-gen en_US.UTF-8
rm -rf /var/lib/apt/lists/*

# Debian installs to /usr/lib/jvm/java-25-openjdk-amd64 (or -arm64); Temurin to /opt/java/openjdk.
# The tree moves there and a link keeps Debian's alternatives (/usr/bin/java, ...) working.
debian_home="$(dirname "$(dirname "$(readlink -f /usr/bin/java)")")"
mkdir -p /opt/java
mv "$debian_home" "$JAVA_HOME"
ln -s "$JAVA_HOME" "$debian_home"

# Debian links configuration and cacerts out to /etc: copies make the tree stand alone, as
# Temurin's does (so `COPY --from=... /opt/java/openjdk` takes a working JDK). Links into
# packages that are not installed (docs, src.zip) are dropped.
find "$JAVA_HOME" -type l | while read -r link; do
	target="$(readlink -f "$link" || true)"
	case "$target" in
		"$JAVA_HOME"/*) ;;
		*) rm "$link"; if [ -e "$target" ]; then cp -a "$target" "$link"; fi ;;
	esac
done

# cacerts from Debian's certificate list, by Debian's own tool (ca-certificates-java), with the
# bundle split into one file per certificate (the tool reads one from each file).
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
rm -f /etc/ssl/certs/java/cacerts
echo "$certs" | sed 's/^/+/' | java -Xmx64m -jar /usr/share/ca-certificates-java/ca-certificates-java.jar -storepass changeit > /dev/null
cp /etc/ssl/certs/java/cacerts "$JAVA_HOME/lib/security/cacerts"
expected="$(echo "$certs" | wc -l)"
found="$(keytool -list -cacerts -storepass changeit | grep -c trustedCertEntry)"
[ "$found" -eq "$expected" ] || { echo >&2 "cacerts holds $found certificates, expected $expected"; exit 1; }
rm -rf /tmp/forge-ca

java --version
