#!/bin/sh
# Recreates socket-json.out: the shipped read-latency.bt (read and statement signals, as pgwarden composes it
# for a binary without USDT probes) during pgbench runs of 98% SELECT pg_sleep(0.001) and 2% SELECT
# pg_sleep(0.05) in the simple, the extended (unnamed Parse) and the prepared (named Parse, then Binds)
# protocol, and one slow request longer than PostgreSQL's 8 kB receive buffer.
# Needs root, tracefs, and a running Debian PostgreSQL 15 cluster: PGDATA and PGPORT (and PGHOST for its
# socket directory) name it.
. "$(dirname "$0")/preamble.sh"
script=$(mktemp --suffix=.bt)
trap 'rm -f "$script"' EXIT
sed '/^END$/{n;s/^{$/{\n\tclear(@recv);\n\tclear(@at);/}' \
	"$resources/read-latency.bt" > "$script"

workload() {
	sleep 5 # bpftrace compiles and attaches first
	printf '%s\n' '\set r random(1, 100)' '\if :r <= 2' 'SELECT pg_sleep(0.05);' '\else' 'SELECT pg_sleep(0.001);' '\endif' > /tmp/mix.sql
	chmod 644 /tmp/mix.sql
	for mode in simple extended prepared; do
		su postgres -c "$bin/pgbench -n -M $mode -f /tmp/mix.sql -c 2 -T 2" > /dev/null 2>&1
	done
	long=$(head -c 9000 /dev/zero | tr '\0' x)
	su postgres -c "$bin/psql -X -qAt -c \"SELECT pg_sleep(0.02), '$long'\"" > /dev/null
}
workload & BPFTRACE_STRLEN=200 bpftrace -f json "$script" "$postmaster" 14000 1000 4 0 > "$here/socket-json.out" 2> /dev/null
wait
