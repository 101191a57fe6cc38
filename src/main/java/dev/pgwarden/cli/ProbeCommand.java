package dev.pgwarden.cli;

import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import dev.pgwarden.probe.HostFacts;
import dev.pgwarden.probe.HostFactsCollector;
import dev.pgwarden.probe.HostProbe;
import dev.pgwarden.probe.ProbeEnvelopeWriter;
import dev.pgwarden.probe.PostmasterLocator;
import dev.pgwarden.probe.ProbeEnvironmentException;
import dev.pgwarden.probe.ProbeReading;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeRun;
import dev.pgwarden.probe.ProbeSignals;
import dev.pgwarden.probe.SignalSelection;
import dev.pgwarden.probe.SignalStatus;
import dev.pgwarden.probe.StatementBackends;
import dev.pgwarden.probe.ReadLatency;
import dev.pgwarden.probe.WaitEventProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgwarden probe}: measures read latency of one cluster's processes with bpftrace on the
 * database host and writes the histograms for {@code check --probe} to judge later; with {@code --url} it
 * samples the wait-event profile from {@code pg_stat_activity} in the same window, or alone.
 * Exit codes: 0 written, 1 unexpected failure, 2 usage or host problem (one line on stderr), 3 the server of
 * {@code --url} unreachable.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Trace a PostgreSQL cluster's processes with bpftrace (read latency, statement latency and,"
                + " where the binary has USDT probes, lock and LWLock waits, relation reads) and write what it measured"
                + " to a file for 'check --probe'.",
                "Runs on the database host as root (or with CAP_BPF and CAP_PERFMON). Ctrl-C stops early and"
                        + " still writes what was collected. The file also carries host facts (free space, memory);"
                        + " --host-only writes only those, without bpftrace or root.",
                "With --url it samples wait events from pg_stat_activity in the same window; --url alone samples"
                        + " only those, without root (managed services)."})
public final class ProbeCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to trace, e.g. 30s, 500ms, 2min (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--postmaster-pid", paramLabel = "PID",
            description = "Trace the children of this postmaster.")
    Long postmasterPid;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Trace the cluster running from DIR (its postmaster.pid names the postmaster).")
    Path dataDir;

    @Option(names = "--out", defaultValue = "pgwarden-probe.json", paramLabel = "FILE",
            description = "Where to write the envelope, '-' for stdout (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--bpftrace", paramLabel = "PATH",
            description = "bpftrace executable (default: bpftrace on the PATH or in /usr/sbin).")
    Path bpftrace;

    @Option(names = "--host-only", description = "Only collect host facts (free space of the filesystems holding the"
            + " data directory, pg_wal and tablespaces; memory): no bpftrace, no root; the cluster's owner will do.")
    boolean hostOnly;

    @Option(names = "--signals", paramLabel = "LIST", defaultValue = SignalSelection.ALL,
            description = "The traced signals, comma-separated, of reads, statements, lock_waits, lwlock_waits,"
                    + " relation_reads (default: ${DEFAULT-VALUE}). statements times each request on the backends' client"
                    + " sockets (syscall tracepoints, any protocol, no USDT probes needed), 3-15 microseconds of CPU per"
                    + " statement; lwlock-contention needs it too. Left-out signals are recorded as not requested, and"
                    + " checks needing them skip saying so.")
    String signals;

    @Option(names = StatementBackends.OPTION, paramLabel = "N|all", defaultValue = StatementBackends.DEFAULT,
            description = "Trace statements and LWLock waits in at most N client backends at once, spread across the"
                    + " databases and renewed as backends exit, each with a bpftrace of its own, or in 'all' backends"
                    + " (default: ${DEFAULT-VALUE}). Checks say in how many backends statements were measured; a"
                    + " database none of whose backends was traced skips query-latency.")
    String statementBackends;

    @Mixin
    WaitEventSampling sampling;

    @Option(names = "--hba-file", paramLabel = "PATH", description = "The cluster's pg_hba.conf, for the CIS host controls"
            + " (default: the data directory's, or the one beside the config_file the postmaster was started with).")
    Path hbaFile;

    @Option(names = "--verbose", description = "Show stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Duration length = hostOnly ? null : length();
            SignalSelection selection = selection();
            backends();
            if (sampling.given()) {
                sampling.interval();
                if (hostOnly) {
                    throw new IllegalArgumentException("--host-only collects no wait events: drop --url, or --host-only");
                }
                if (postmasterPid == null && dataDir == null) {
                    return sampleOnly(length, ProbeReport.NO_CLUSTER + HostProbe.tracingObstacle()
                            .map(why -> "; nor could it trace on this host: " + why).orElse(""));
                }
            }
            long pid = postmaster();
            if (hostOnly) {
                ProbeReport report = ProbeReport.hostOnly(new HostFactsCollector().collect(dataDirectory(pid), hbaFile), pid);
                new ProbeEnvelopeWriter().write(report, out);
                printSummary(hostSummary(report));
                return OK;
            }
            HostProbe probe;
            try {
                probe = new HostProbe(bpftrace, selection, backends());
                probe.checkHost();
            } catch (ProbeEnvironmentException e) {
                if (!sampling.given()) {
                    throw e;
                }
                // the sampler needs none of what tracing lacks: measure what can be, and record why the rest was not
                err.println("pgwarden: not tracing, sampling wait events only: " + e.getMessage());
                return sampleOnly(length, e.getMessage());
            }
            try (TargetSession session = sampling.given() ? sampling.open() : null) {
                ProbeReport report = new ProbeRun(probe, session == null ? null : sampling.sampler(session))
                        .runAndWrite(pid, length, () -> hostFactsOrNone(pid, err), out, countdown(err, pid));
                clearCountdown(err);
                printSummary(summary(report) + "; " + hostSummary(report) + waitEventSummary(report));
            }
            return OK;
        } catch (IllegalArgumentException | ProbeEnvironmentException | TargetConfigException e) {
            return fail(err, e.getMessage(), e, USAGE);
        } catch (TargetUnreachableException e) {
            return fail(err, e.getMessage(), e, ExitCodes.UNREACHABLE);
        } catch (IOException e) {
            return fail(err, "cannot write " + out + ": " + e.getMessage(), e, FAILED);
        } catch (RuntimeException e) {
            return fail(err, e.toString(), e, FAILED);
        }
    }

    /**
     * The wait-event profile over SQL alone: {@code --url} without a cluster, for servers whose host is out of reach,
     * or a host that cannot trace.
     *
     * @param notTraced why the traced signals were not measured, for the file's signals
     */
    private int sampleOnly(Duration length, String notTraced) throws IOException, TargetConfigException,
            TargetUnreachableException {
        try (TargetSession session = sampling.open()) {
            ProbeReport report = new ProbeRun(null, sampling.sampler(session))
                    .sampleAndWrite(length, out, notTraced);
            printSummary(String.format(Locale.ROOT, "pgwarden: wrote %s: %s", out, session.describe())
                    + waitEventSummary(report));
            return OK;
        }
    }

    private static String waitEventSummary(ProbeReport report) {
        WaitEventProfile profile = report.waitEvents();
        if (profile == null) {
            return "";
        }
        if (!profile.measured()) {
            return "; wait events not measured: " + profile.reason();
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "; wait events: %d samples, %d of active backends",
                profile.ticks(), profile.activeSamples()));
        profile.types().entrySet().stream().limit(4).forEach(type -> text.append(String.format(Locale.ROOT, ", %s %.1f%%",
                type.getKey(), 100.0 * type.getValue() / profile.activeSamples())));
        return text.toString();
    }

    private SignalSelection selection() {
        try {
            return SignalSelection.parse(signals);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--signals: " + e.getMessage(), e);
        }
    }

    private StatementBackends backends() {
        try {
            return StatementBackends.parse(statementBackends);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(StatementBackends.OPTION + ": " + e.getMessage(), e);
        }
    }

    private Duration length() {
        return DurationParser.option("--duration", duration, "trace for at least 1ms");
    }

    private long postmaster() {
        if ((postmasterPid == null) == (dataDir == null)) {
            throw new IllegalArgumentException("give exactly one of --postmaster-pid PID or --data-dir DIR");
        }
        PostmasterLocator locator = new PostmasterLocator();
        return postmasterPid != null ? locator.fromPid(postmasterPid) : locator.fromDataDirectory(dataDir);
    }

    /** A countdown only on a terminal; logs and CI output stay quiet. */
    private static Consumer<Duration> countdown(PrintWriter err, long pid) {
        if (System.console() == null) {
            return left -> { };
        }
        return left -> {
            err.printf(Locale.ROOT, "\rpgwarden: tracing postmaster %d, %d s left (Ctrl-C stops early)  ",
                    pid, Math.max(0, left.toSeconds()));
            err.flush();
        };
    }

    private static void clearCountdown(PrintWriter err) {
        if (System.console() != null) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private Path dataDirectory(long pid) {
        return dataDir != null ? dataDir : new PostmasterLocator().dataDirectoryOf(pid);
    }

    /** Host facts are extra to the latencies just traced: without them the envelope is still written. */
    private HostFacts hostFactsOrNone(long pid, PrintWriter err) {
        try {
            return new HostFactsCollector().collect(dataDirectory(pid), hbaFile);
        } catch (ProbeEnvironmentException e) {
            err.println("pgwarden: no host facts in the envelope: " + e.getMessage());
            return null;
        }
    }

    private void printSummary(String text) {
        if (!out.toString().equals("-")) {
            spec.commandLine().getOut().println(text);
        }
    }

    private String hostSummary(ProbeReport report) {
        if (report.hostFacts() == null) {
            return "no host facts";
        }
        StringBuilder text = new StringBuilder(report.hostOnly()
                ? String.format(Locale.ROOT, "pgwarden: wrote %s: host facts of %s", out, report.hostFacts().dataDirectory())
                : "host facts");
        report.hostFacts().filesystems().forEach(fs -> text.append(String.format(Locale.ROOT, ", %s %.1f%% free",
                fs.mountPoint(), fs.freeFraction() * 100)));
        return text.toString();
    }

    private String summary(ProbeReport report) {
        String text = String.format(Locale.ROOT, "pgwarden: wrote %s: postmaster %d, %.1f s", out,
                report.postmasterPid(), report.durationS());
        return ReadLatency.of(new ProbeReading(out.toString(), report.histograms().get("reads")))
                .map(r -> text + String.format(Locale.ROOT, ", %d reads, p50 ~%.0f us, p99 ~%.0f us",
                        r.samples(), r.p50Us(), r.p99Us()))
                .orElse(text + ", no reads seen") + usdtSummary(report);
    }

    private static String usdtSummary(ProbeReport report) {
        SignalStatus statements = report.signals().status(ProbeSignals.STATEMENTS);
        if (!statements.measured()) {
            return "; no statement signals: " + statements.reason();
        }
        return String.format(Locale.ROOT, ", %d statements in %s, %d lock waits",
                report.trace().statements().cluster().samples(), report.trace().statements().measuredIn(),
                report.trace().lockWaits().stream().mapToLong(w -> w.histogram().samples()).sum());
    }

    private int fail(PrintWriter err, String message, Exception e, int code) {
        err.println("pgwarden: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
