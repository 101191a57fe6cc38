#!/bin/sh
# Recreates sampled-main-json.out and sampled-backend-{1,2}-json.out: a probe tracing statements in a sample of
# two backends (probe --statement-backends 2) as pgwarden runs it: the main program (read-latency.bt and the
# lock_waits and relation_reads sections of postgres-usdt.bt) for the cluster, and the statements and
# lwlock_waits sections once per sampled backend with bpftrace -p PID, during pgbench TPC-B (scale 1, 4 clients,
# simple protocol), whose commits wait on WALWrite. Needs root, tracefs, and a running Debian PostgreSQL 15
# cluster: PGDATA and PGPORT (and PGHOST for its socket directory) name it.
. "$(dirname "$0")/preamble.sh"
# statements were timed with the query__start/query__done USDT probes until bf858bb
resources_at bf858bb~1
main=$(mktemp --suffix=.bt)
backend=$(mktemp --suffix=.bt)
trap 'rm -rf "$main" "$backend" "$resources"' EXIT
# the sections of one signal: from its "signal:" line to the next one
section() { awk -v s="/* signal: $1," 'index($0, "/* signal: ") == 1 { on = index($0, s) == 1 } on' "$2"; }
usdt=$(mktemp); sed "s#__POSTGRES__#$bin/postgres#" "$resources/postgres-usdt.bt" > "$usdt"
{ sed '/^interval:ms/,$d' "$resources/read-latency.bt"; section lock_waits "$usdt"; section relation_reads "$usdt"
  printf 'interval:ms:$2\n{\n\texit();\n}\n\nEND\n{\n\tclear(@start);\n\tclear(@waited);\n\tclear(@issued);\n\tclear(@lock_start);\n\tclear(@smgr_start);\n}\n'
} > "$main"
{ section statements "$usdt"; section lwlock_waits "$usdt"
  printf 'interval:ms:$2\n{\n\texit();\n}\n\nEND\n{\n\tclear(@query_start);\n\tclear(@lwlock_start);\n}\n'
} > "$backend"
rm -f "$usdt"
su postgres -c "$bin/pgbench -i -q -s 1" > /dev/null 2>&1
su postgres -c "$bin/pgbench -n -c 4 -T 14" > /dev/null 2>&1 &
sleep 1
set -- $(pgrep -P "$postmaster" -f 'postgres: .* \[local\]' | sort -n | head -n 2)
BPFTRACE_STRLEN=200 bpftrace -f json "$main" "$postmaster" 10000 20000 4 > "$here/sampled-main-json.out" 2> /dev/null &
BPFTRACE_STRLEN=200 bpftrace -f json -p "$1" "$backend" "$postmaster" 10000 20000 4 > "$here/sampled-backend-1-json.out" 2> /dev/null &
BPFTRACE_STRLEN=200 bpftrace -f json -p "$2" "$backend" "$postmaster" 10000 20000 4 > "$here/sampled-backend-2-json.out" 2> /dev/null &
wait
