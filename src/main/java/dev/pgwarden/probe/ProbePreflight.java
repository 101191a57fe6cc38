package dev.pgwarden.probe;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the host before bpftrace runs, so that a missing privilege or kernel feature is one
 * clear sentence instead of bpftrace's own diagnostics.
 */
final class ProbePreflight {

    /** Mount command printed when tracefs is missing; bpftrace then lists no tracepoints at all. */
    static final String MOUNT_TRACEFS = "mount -t tracefs nodev /sys/kernel/tracing";

    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;
    private static final int CAP_BPF = 39;

    private final Path root;

    /** @param root the file system root; tests point it at a prepared directory */
    ProbePreflight(Path root) {
        this.root = root;
    }

    /** Root, or CAP_BPF with CAP_PERFMON (kernel 5.8+), or CAP_SYS_ADMIN. */
    void requirePrivileges() {
        List<String> status = lines("proc/self/status");
        String uid = field(status, "Uid:");
        if (uid != null && uid.split("\\s+").length > 1 && uid.split("\\s+")[1].equals("0")) {
            return;
        }
        String capEff = field(status, "CapEff:");
        BigInteger caps = capEff == null ? BigInteger.ZERO : new BigInteger(capEff.strip(), 16);
        boolean allowed = caps.testBit(CAP_SYS_ADMIN) || (caps.testBit(CAP_BPF) && caps.testBit(CAP_PERFMON));
        if (!allowed) {
            throw new ProbeEnvironmentException("not root: the probe loads BPF programs, which needs root (or CAP_BPF and"
                    + " CAP_PERFMON); run it with sudo on the database host");
        }
    }

    /** bpftrace finds tracepoints through tracefs; a fresh machine may not have it mounted. */
    void requireTracefs() {
        if (!Files.exists(root.resolve("sys/kernel/tracing/available_events"))
                && !Files.exists(root.resolve("sys/kernel/debug/tracing/available_events"))) {
            throw new ProbeEnvironmentException("tracefs is not mounted, so bpftrace sees no tracepoints;"
                    + " mount it (as root) with: " + MOUNT_TRACEFS);
        }
    }

    /**
     * Why this host could not trace now, as a signal's reason (not root, tracefs not mounted); empty when it could
     * as far as these two go. For {@code probe --url} alone, which traces nothing, so that its file says so too.
     */
    java.util.Optional<String> tracingObstacle() {
        try {
            requirePrivileges();
            requireTracefs();
            return java.util.Optional.empty();
        } catch (ProbeEnvironmentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** The script reads curtask->real_parent, which bpftrace resolves through the kernel's BTF. */
    void requireBtf() {
        if (!Files.exists(root.resolve("sys/kernel/btf/vmlinux"))) {
            throw new ProbeEnvironmentException("the kernel has no BTF (/sys/kernel/btf/vmlinux), which the probe"
                    + " needs to tell the cluster's processes apart; use a kernel built with CONFIG_DEBUG_INFO_BTF");
        }
    }

    /** @param listed the output of {@code bpftrace -l} for the needed tracepoints */
    void requireTracepoints(List<String> needed, List<String> listed) {
        List<String> missing = needed.stream().filter(t -> !listed.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new ProbeEnvironmentException("the kernel lacks tracepoint(s) " + String.join(", ", missing)
                    + " that the probe needs (bpftrace -l lists them when present)");
        }
    }

    private List<String> lines(String relative) {
        try {
            return Files.readAllLines(root.resolve(relative));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).strip())
                .findFirst().orElse(null);
    }
}
