package dev.pgwarden.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The bpftrace program of one probe run: {@code read-latency.bt}, and where the postmaster's binary has USDT
 * probes, {@code postgres-usdt.bt} for that binary appended. bpftrace allows one END block, so the USDT part's
 * bookkeeping maps are cleared in read-latency.bt's.
 */
final class UsdtScript {

    /** Bytes of a statement's text or a tranche's name kept (BPFTRACE_STRLEN; 200 is bpftrace 0.17's maximum). */
    static final int TEXT_BYTES = 200;

    static final String READS_RESOURCE = "/probe/read-latency.bt";
    static final String USDT_RESOURCE = "/probe/postgres-usdt.bt";
    private static final String BINARY_TOKEN = "__POSTGRES__";
    private static final List<String> BOOKKEEPING = List.of("@query_start", "@lock_start", "@lwlock_start", "@smgr_start");

    private UsdtScript() {
    }

    /** @param postgresBinary the binary to attach USDT probes in, or null for the read probes alone */
    static String compose(Path postgresBinary) {
        String reads = resource(READS_RESOURCE);
        if (postgresBinary == null) {
            return reads;
        }
        String end = "END\n{\n";
        int at = reads.lastIndexOf(end);
        if (at < 0) {
            throw new IllegalStateException(READS_RESOURCE + " has no END block");
        }
        StringBuilder clears = new StringBuilder();
        BOOKKEEPING.forEach(map -> clears.append('\t').append("clear(").append(map).append(");\n"));
        return reads.substring(0, at + end.length()) + clears + reads.substring(at + end.length()) + "\n"
                + resource(USDT_RESOURCE).replace(BINARY_TOKEN, postgresBinary.toString());
    }

    private static String resource(String name) {
        try (InputStream in = UsdtScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
