package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the postmaster's binary carries PostgreSQL's USDT probes (built with {@code --enable-dtrace}, as
 * Debian's and the PGDG packages are; the embedded binaries are not): bpftrace lists them from the binary's
 * {@code .note.stapsdt} section. The binary is the one the postmaster runs, {@code /proc/PID/exe}.
 */
final class PostgresUsdt {

    /** The probes the script attaches to. */
    static final List<String> NEEDED = List.of("lock__wait__start",
            "lock__wait__done", "lwlock__wait__start", "lwlock__wait__done", "smgr__md__read__start",
            "smgr__md__read__done");

    /** The binary when it has every probe the script needs, or why the USDT signals are missing. */
    record Found(Path binary, String missingReason) {
    }

    private final Path proc;
    private final BpftraceRunner runner;

    PostgresUsdt(Path proc, BpftraceRunner runner) {
        this.proc = proc;
        this.runner = runner;
    }

    Found find(long postmasterPid) {
        Path exe = proc.resolve(Long.toString(postmasterPid)).resolve("exe");
        Path binary;
        try {
            binary = Files.readSymbolicLink(exe);
        } catch (IOException e) {
            return new Found(null, "cannot read the postmaster's binary from " + exe + " (" + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(binary)) {
            return new Found(null, "the postmaster's binary " + binary + " is gone (upgraded while running?);"
                    + " restart the cluster to trace it");
        }
        List<String> listed = runner.listProbes("usdt:" + binary + ":postgresql:*");
        List<String> missing = NEEDED.stream().filter(p -> !listed.contains("usdt:" + binary + ":postgresql:" + p)).toList();
        if (missing.size() == NEEDED.size()) {
            return new Found(null, "no USDT probes in " + binary + " (PostgreSQL built without --enable-dtrace;"
                    + " Debian's and the PGDG packages have them)");
        }
        if (!missing.isEmpty()) {
            return new Found(null, "the USDT probes " + String.join(", ", missing) + " are missing from " + binary);
        }
        return new Found(binary, null);
    }
}
