/**
 * The host probe: runs a bpftrace script against one PostgreSQL cluster's processes, writes the
 * read-latency histograms it saw, and reads such histograms back (envelope, bpftrace JSON or
 * text) as {@link dev.pgwarden.probe.ReadLatency} facts with percentile estimates.
 */
package dev.pgwarden.probe;
