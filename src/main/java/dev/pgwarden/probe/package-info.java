/**
 * The host probe: runs a bpftrace script against one PostgreSQL cluster's processes, writes the
 * read-latency histograms it saw with the host's facts (free space of the filesystems holding the
 * cluster, memory), and reads them back (envelope, bpftrace JSON or text) as
 * {@link dev.pgwarden.probe.ReadLatency} facts with percentile estimates and
 * {@link dev.pgwarden.probe.HostFilesystem} facts.
 */
package dev.pgwarden.probe;
