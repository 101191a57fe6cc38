# Sourced by the capture scripts of Debian's PostgreSQL 15: the shipped probe scripts, the server's
# binaries and the running cluster's postmaster (PGDATA names it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
resources="$here/../../../../main/resources/probe"
bin=/usr/lib/postgresql/15/bin
postmaster=$(head -n 1 "$PGDATA/postmaster.pid")

# The shipped scripts as of a git revision, for captures made before they changed: sets resources to a
# temporary copy that the caller removes.
resources_at() {
	resources=$(mktemp -d)
	for file in read-latency.bt postgres-usdt.bt; do
		git -C "$here" show "$1:src/main/resources/probe/$file" > "$resources/$file"
	done
}
