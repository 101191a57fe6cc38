package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host checks against prepared /proc and /sys trees, so they run the same as any user. */
class HostChecksTest {

    @TempDir
    Path root;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void status(String uid, String capEff) throws IOException {
        write("proc/self/status", "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nCapEff:\t" + capEff + "\n");
    }

    @Test
    void rootMayProbe() throws IOException {
        status("0", "0000000000000000");
        assertThatCode(() -> new ProbePreflight(root).requirePrivileges()).doesNotThrowAnyException();
    }

    @Test
    void userWithBpfAndPerfmonCapabilitiesMayProbe() throws IOException {
        status("1000", Long.toHexString((1L << 39) | (1L << 38)));
        assertThatCode(() -> new ProbePreflight(root).requirePrivileges()).doesNotThrowAnyException();
    }

    @Test
    void plainUserIsToldToUseSudo() throws IOException {
        status("1000", "0000000000000000");
        assertThatThrownBy(() -> new ProbePreflight(root).requirePrivileges())
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessageContaining("needs root (or CAP_BPF and CAP_PERFMON); run it with sudo");
    }

    @Test
    void whyTheHostCannotTraceIsNotRootFirstThenTracefs() throws IOException {
        status("1000", "0000000000000000");
        assertThat(new ProbePreflight(root).tracingObstacle()).hasValueSatisfying(why ->
                assertThat(why).startsWith("not root: the probe loads BPF programs"));
        status("0", "0000000000000000");
        assertThat(new ProbePreflight(root).tracingObstacle()).hasValueSatisfying(why ->
                assertThat(why).startsWith("tracefs is not mounted"));
        write("sys/kernel/tracing/available_events", "syscalls:sys_enter_pread64\n");
        assertThat(new ProbePreflight(root).tracingObstacle()).isEmpty();
    }

    @Test
    void unmountedTracefsIsReportedWithTheMountCommand() {
        assertThatThrownBy(() -> new ProbePreflight(root).requireTracefs())
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessage("tracefs is not mounted, so bpftrace sees no tracepoints; mount it (as root) with:"
                        + " mount -t tracefs nodev /sys/kernel/tracing");
    }

    @Test
    void tracefsUnderDebugfsIsEnough() throws IOException {
        write("sys/kernel/debug/tracing/available_events", "syscalls:sys_enter_pread64\n");
        assertThatCode(() -> new ProbePreflight(root).requireTracefs()).doesNotThrowAnyException();
    }

    @Test
    void kernelWithoutBtfIsReported() {
        assertThatThrownBy(() -> new ProbePreflight(root).requireBtf())
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessageStartingWith("the kernel has no BTF (/sys/kernel/btf/vmlinux)");
    }

    @Test
    void missingTracepointsAreNamed() {
        List<String> listed = List.of("tracepoint:syscalls:sys_enter_pread64", "tracepoint:syscalls:sys_exit_pread64");
        assertThatThrownBy(() -> new ProbePreflight(root).requireTracepoints(HostProbe.REQUIRED_TRACEPOINTS, listed))
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessageStartingWith("the kernel lacks tracepoint(s) tracepoint:block:block_rq_issue,"
                        + " tracepoint:block:block_rq_complete");
    }

    @Test
    void missingBpftraceSaysHowToInstallIt() {
        assertThatThrownBy(() -> BpftraceRunner.locate(null, root.toString(), List.of()))
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessage("bpftrace is not installed (looked on the PATH and in /usr/sbin, /usr/local/sbin);"
                        + " install it, e.g. apt-get install bpftrace");
    }

    @Test
    void bpftraceGivenExplicitlyMustExist() {
        assertThatThrownBy(() -> BpftraceRunner.locate(root.resolve("bpftrace"), null))
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessage("bpftrace not found at " + root.resolve("bpftrace"));
    }

    @Test
    void bpftraceErrorSkipsTheHarmlessMemlockWarning() {
        String stderr = "ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace.\n"
                + "stdin:1:1-38: ERROR: tracepoint not found: syscalls:sys_enter_pread64\n";
        assertThat(BpftraceRunner.firstError(stderr))
                .isEqualTo("stdin:1:1-38: ERROR: tracepoint not found: syscalls:sys_enter_pread64");
    }

    @Test
    void postmasterIsFoundFromDataDirectory() throws IOException {
        write("proc/4270/comm", "postgres\n");
        write("proc/4270/stat", "4270 (postgres) S 1 4270 4270 0 -1\n");
        write("data/postmaster.pid", "4270\n/var/lib/postgresql/15/probe\n1795641329\n5433\n");

        assertThat(new PostmasterLocator(root.resolve("proc")).fromDataDirectory(root.resolve("data"))).isEqualTo(4270);
    }

    @Test
    void backendPidIsRejectedNamingItsPostmaster() throws IOException {
        write("proc/4270/comm", "postgres\n");
        write("proc/4270/stat", "4270 (postgres) S 1 4270 4270 0 -1\n");
        write("proc/4358/comm", "postgres\n");
        write("proc/4358/stat", "4358 (postgres: 15/probe: postgres postgres [local] SELECT) R 4270 4358 4358 0\n");

        assertThatThrownBy(() -> new PostmasterLocator(root.resolve("proc")).fromPid(4358))
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessage("process 4358 is a PostgreSQL backend; its postmaster is 4270"
                        + " (use --postmaster-pid 4270 or --data-dir)");
    }

    @Test
    void otherProcessesAndStoppedClustersAreRejected() throws IOException {
        write("proc/77/comm", "bash\n");
        PostmasterLocator locator = new PostmasterLocator(root.resolve("proc"));

        assertThatThrownBy(() -> locator.fromPid(77)).hasMessage("process 77 is 'bash', not a PostgreSQL postmaster");
        assertThatThrownBy(() -> locator.fromPid(78)).hasMessage("no process 78 is running");
        assertThatThrownBy(() -> locator.fromDataDirectory(root.resolve("nodata")))
                .isInstanceOf(ProbeEnvironmentException.class)
                .hasMessageContaining("is the cluster in " + root.resolve("nodata") + " running?");
    }
}
