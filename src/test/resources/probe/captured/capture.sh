#!/bin/sh
# Recreates the captured bpftrace outputs in this directory (Debian 12, bpftrace 0.17.0, root).
# Needs: tracefs mounted (mount -t tracefs nodev /sys/kernel/tracing), and a PostgreSQL 15
# cluster made with:
#   pg_createcluster 15 probe --start
#   su postgres -c "psql -p 5433 -c \"create table big as select g, repeat('x',200) pad from generate_series(1,1500000) g\""
# The table (345 MB) is bigger than shared_buffers (128 MB), so seq scans read through the kernel.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
script="$here/../../../../main/resources/probe/read-latency.bt"
pgdata=/var/lib/postgresql/15/probe
postmaster=$(head -n 1 "$pgdata/postmaster.pid")

scan() { # cold cache, then two parallel seq scans
	sync; echo 3 > /proc/sys/vm/drop_caches
	sleep 1
	su postgres -c "psql -p 5433 -Atc 'select count(*) from big'" > /dev/null &
	su postgres -c "psql -p 5433 -Atc 'select sum(length(pad)) from big'" > /dev/null
	wait
}

for format in text json; do
	scan & bpftrace -f "$format" "$script" "$postmaster" 6000 > "$here/probe-$format.out" 2> /dev/null
	wait
	scan & bpftrace -f "$format" "$here/keyed.bt" 6000 > "$here/keyed-$format.out" 2> /dev/null
	wait
	bpftrace -f "$format" "$here/edges.bt" > "$here/edges-$format.out" 2> /dev/null
done
