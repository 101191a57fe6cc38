package dev.pgwarden.cli;

import dev.pgwarden.demo.DemoCluster;
import dev.pgwarden.demo.DemoRun;
import dev.pgwarden.demo.PostgresBinaries;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code pgwarden demo}: a throwaway PostgreSQL, made unhealthy, checked, fixed and checked again. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a throwaway embedded PostgreSQL, seed one problem per check, show the failures, fix them, show them pass.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        PostgresBinaries binaries = PostgresBinaries.forThisMachine(System.getenv(), spec.commandLine().getErr());
        out.println("Starting a throwaway PostgreSQL (embedded, no Docker)...");
        out.flush();
        boolean asExpected;
        try (DemoCluster cluster = DemoCluster.start(binaries)) {
            asExpected = new DemoRun(out).run(cluster);
        }
        out.printf("%nDemo %s in %.1f s; the throwaway server is stopped and deleted.%n",
                asExpected ? "finished: every check failed, was fixed, and passed" : "did NOT go as expected",
                (System.nanoTime() - start) / 1e9);
        out.flush();
        return asExpected ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
