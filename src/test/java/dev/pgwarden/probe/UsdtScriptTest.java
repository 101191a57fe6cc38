package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The composed bpftrace program holds the requested signals' probes and empties exactly their bookkeeping maps. */
class UsdtScriptTest {

    private static final Path BINARY = Path.of("/usr/lib/postgresql/15/bin/postgres");

    @Test
    void everySignalComposesEveryProbeAndOneEndBlock() {
        String script = UsdtScript.compose(BINARY);

        assertThat(script).contains("tracepoint:syscalls:sys_enter_pread*", "tracepoint:block:block_rq_complete",
                "tracepoint:syscalls:sys_enter_recvfrom", "tracepoint:syscalls:sys_enter_sendto",
                "usdt:" + BINARY + ":postgresql:lock__wait__done",
                "postgresql:lwlock__wait__done", "postgresql:smgr__md__read__done", "interval:ms:$2");
        assertThat(script.split("\nEND\n", -1)).hasSize(2);
        assertThat(script.substring(script.indexOf("\nEND\n"))).contains("clear(@start);", "clear(@waited);",
                "clear(@issued);", "clear(@recv);", "clear(@at);", "clear(@lock_start);", "clear(@lwlock_start);",
                "clear(@smgr_start);");
        assertThat(script).doesNotContain("__POSTGRES__", "/* signal:");
    }

    @Test
    void statementsAloneAttachTheSocketTracepointsAndNoUsdtProbe() {
        String script = UsdtScript.compose(BINARY, SignalSelection.parse("statements"));

        assertThat(script).contains("tracepoint:syscalls:sys_enter_recvfrom", "tracepoint:sched:sched_process_exit",
                        "@statement_us[pid] = hist($us);", "clear(@recv);")
                // every traced event costs a server under load: statements need no syscall's exit
                .doesNotContain("usdt:", "sys_enter_pread", "block_rq", "sys_exit_recvfrom", "clear(@start)",
                        "clear(@lock_start)");
        assertThat(script.strip()).endsWith("clear(@at);\n}");
    }

    @Test
    void withoutUsdtProbesInTheBinaryReadsAndStatementsAreComposed() {
        String script = UsdtScript.compose(null, SignalSelection.all());

        assertThat(script).contains("tracepoint:syscalls:sys_exit_pread*", "clear(@issued);",
                        "tracepoint:syscalls:sys_enter_sendto", "clear(@at);")
                .doesNotContain("usdt:", "@lock_start");
    }

    @Test
    void theSelectionNamesAnUnknownSignalAndRecordsTheOthersAsNotRequested() {
        assertThatThrownBy(() -> SignalSelection.parse("reads,locks"))
                .hasMessage("unknown signal 'locks'; the probe traces reads, statements, lock_waits, lwlock_waits, relation_reads");
        assertThatThrownBy(() -> SignalSelection.parse(" , ")).hasMessageStartingWith("request at least one signal");

        SignalSelection selection = SignalSelection.parse("lock_waits, reads");
        assertThat(selection).hasToString("reads,lock_waits");
        assertThat(selection.status(ProbeSignals.READS, SignalStatus.wasMeasured()).measured()).isTrue();
        assertThat(selection.status(ProbeSignals.STATEMENTS, SignalStatus.wasMeasured()))
                .isEqualTo(SignalStatus.missing("not requested: the probe ran with --signals reads,lock_waits"
                        + " (add statements to trace it)"));
        assertThat(SignalSelection.parse("all")).isEqualTo(SignalSelection.all());
    }
}
