package dev.pgwarden.facts;

/**
 * Which relations' reads were slowest during the probe (PostgreSQL's smgr__md__read__start/done USDT probes), for
 * read-latency's findings to name them; the reason instead when the probe did not measure them.
 *
 * @param summary the relations with the most read time, e.g. {@code public.orders: 1200 reads, mean 850 µs}, or why
 *                none are named
 */
public record RelationReads(String summary) {
}
