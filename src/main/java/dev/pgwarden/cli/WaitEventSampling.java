package dev.pgwarden.cli;

import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetResolver;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import dev.pgwarden.probe.WaitEventSampler;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code probe}'s options for sampling wait events from {@code pg_stat_activity}: the server, found as
 * {@code check} finds it (URL or URI, else PG* variables and ~/.pgpass), and the interval. The session is
 * {@code check}'s read-only one, opened before tracing so a wrong URL fails before anything is measured.
 */
final class WaitEventSampling {

    @Option(names = "--url", paramLabel = "URL", description = "Also sample wait events from pg_stat_activity of this server"
            + " (JDBC URL or postgresql:// URI; PG* variables and ~/.pgpass as for check). Alone, without --data-dir or"
            + " --postmaster-pid, only the sampler runs: no root, no bpftrace, fit for managed services.")
    String url;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms",
            description = "Time between samples of pg_stat_activity (default: ${DEFAULT-VALUE}, 10 a second).")
    String interval;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest to wait for the connection of --url (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    boolean given() {
        return url != null;
    }

    /** Checks the interval before anything connects or traces. */
    Duration interval() {
        return DurationParser.option("--sample-interval", interval, "sample at most every 1ms");
    }

    /** Opens the sampler's own session; the caller closes it after sampling. */
    TargetSession open() throws TargetConfigException, TargetUnreachableException {
        ConnectionSettings settings = new TargetResolver(System.getenv()).resolve(url);
        SessionOptions defaults = SessionOptions.defaults();
        Duration connect = DurationParser.option("--connect-timeout", connectTimeout, "wait at least 1ms");
        return TargetSession.open(settings, new SessionOptions(defaults.statementTimeout(), defaults.lockTimeout(), connect));
    }

    WaitEventSampler sampler(TargetSession session) {
        return new WaitEventSampler(session.connection(), session.describe(), interval());
    }
}
