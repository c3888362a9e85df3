#!/bin/sh
# Stand-in for docker-maven's mvn-entrypoint.sh: seeds $MAVEN_CONFIG (~/.m2) with what is under
# /usr/share/maven/ref (settings-docker.xml there names a local repository baked into an image),
# never overwriting a file that is already there, then runs the command without MAVEN_CONFIG
# (mvn would read it as options).
set -eu
if mkdir -p "$MAVEN_CONFIG/repository" 2>/dev/null; then
	(cd /usr/share/maven/ref && find . -type f) | while read -r file; do
		if [ ! -e "$MAVEN_CONFIG/$file" ] || [ -e "/usr/share/maven/ref/$file.override" ]; then
			mkdir -p "$MAVEN_CONFIG/$(dirname "$file")"
			cp "/usr/share/maven/ref/$file" "$MAVEN_CONFIG/$file"
		fi
	done
else
	echo "Cannot write to $MAVEN_CONFIG; carrying on without the reference files" >&2
fi
unset MAVEN_CONFIG
exec "$@"
