#!/bin/sh
# Recreates usdt-json.out: the shipped read-latency.bt with postgres-usdt.bt appended for Debian's
# PostgreSQL 15 binary, composed as pgwarden composes it (UsdtScript), during a pgbench run of
# 98% SELECT pg_sleep(0.001) and 2% SELECT pg_sleep(0.05) and a row lock that three sessions queue for.
# Needs root, tracefs, and a running Debian PostgreSQL 15 cluster: PGDATA and PGPORT (and PGHOST for its
# socket directory) name it.
. "$(dirname "$0")/preamble.sh"
# statements were timed with the query__start/query__done USDT probes until bf858bb
resources_at bf858bb~1
script=$(mktemp --suffix=.bt)
trap 'rm -rf "$script" "$resources"' EXIT
sed 's/^END$/END/; /^END$/{n;s/^{$/{\n\tclear(@query_start);\n\tclear(@lock_start);\n\tclear(@lwlock_start);\n\tclear(@smgr_start);/}' \
	"$resources/read-latency.bt" > "$script"
printf '\n' >> "$script"
sed "s#__POSTGRES__#$bin/postgres#" "$resources/postgres-usdt.bt" >> "$script"

psql() { su postgres -c "$bin/psql -X -qAt -c \"$1\"" > /dev/null; }
workload() {
	sleep 12 # bpftrace compiles and attaches the USDT probes first
	printf '%s\n' '\set r random(1, 100)' '\if :r <= 2' 'SELECT pg_sleep(0.05);' '\else' 'SELECT pg_sleep(0.001);' '\endif' > /tmp/mix.sql
	chmod 644 /tmp/mix.sql
	su postgres -c "$bin/pgbench -n -f /tmp/mix.sql -c 4 -T 3" > /dev/null 2>&1 &
	psql "begin; update counter set n = n + 1 where id = 1; select pg_sleep(1); commit;" &
	sleep 0.2
	for i in 1 2 3; do psql "update counter set n = n + 1 where id = 1" & done
	wait
}
psql "drop table if exists counter; create table counter(id int primary key, n int); insert into counter values (1, 0)"
workload & BPFTRACE_STRLEN=200 bpftrace -f json "$script" "$postmaster" 17000 1000 4 > "$here/usdt-json.out" 2> /dev/null
wait
