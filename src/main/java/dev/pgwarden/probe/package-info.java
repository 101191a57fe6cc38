/**
 * The host probe: runs a bpftrace script against one PostgreSQL cluster's processes (and, for statements and LWLock
 * waits, one per sampled client backend: {@link dev.pgwarden.probe.StatementBackends}), writes the
 * read-latency histograms it saw with the host's facts (free space of the filesystems holding the
 * cluster, memory) and the wait-event profile sampled from {@code pg_stat_activity} over JDBC
 * ({@link dev.pgwarden.probe.WaitEventSampler}, which needs neither root nor bpftrace), and reads them
 * back (envelope, bpftrace JSON or text) as {@link dev.pgwarden.probe.ReadLatency} facts with percentile
 * estimates, {@link dev.pgwarden.probe.HostFilesystem} and {@link dev.pgwarden.probe.WaitEventShares} facts.
 */
package dev.pgwarden.probe;
