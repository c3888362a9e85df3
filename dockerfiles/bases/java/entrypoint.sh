#!/bin/sh
# Stand-in for the Temurin images' /__cacert_entrypoint.sh: with USE_SYSTEM_CA_CERTS set, the
# JVM's cacerts is rebuilt from the system CA store (plus any /certificates/*.crt, added to the
# system store first when running as root); otherwise it only runs the command.
set -e
if [ -n "${USE_SYSTEM_CA_CERTS:-}" ]; then
	if [ "$(id -u)" -eq 0 ] && [ -d /certificates ]; then
		cp -L /certificates/*.crt /usr/local/share/ca-certificates/ 2>/dev/null || true
		update-ca-certificates > /dev/null
	fi
	store="$JAVA_HOME/lib/security/cacerts"
	if [ ! -w "$store" ]; then
		store="$(mktemp)"
		export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Djavax.net.ssl.trustStore=$store -Djavax.net.ssl.trustStorePassword=changeit"
	fi
	trust extract --overwrite --format=java-cacerts --filter=ca-anchors --purpose=server-auth "$store"
fi
exec "$@"
