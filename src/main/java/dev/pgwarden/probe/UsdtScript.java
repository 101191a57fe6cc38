package dev.pgwarden.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bpftrace program of one probe run, composed of the requested signals' sections: the read probes of
 * {@code read-latency.bt} and, where the postmaster's binary has USDT probes, those of {@code postgres-usdt.bt} for
 * that binary. A section starts at a {@code /* signal: NAME, bookkeeping: @MAP ... *}{@code /} line; bpftrace allows
 * one END block, so read-latency.bt's interval and END blocks close the script, the END block emptying the kept
 * sections' bookkeeping maps (bpftrace rejects clearing a map no probe uses).
 */
final class UsdtScript {

    /** Bytes of a statement's text or a tranche's name kept (BPFTRACE_STRLEN; 200 is bpftrace 0.17's maximum). */
    static final int TEXT_BYTES = 200;

    static final String READS_RESOURCE = "/probe/read-latency.bt";
    static final String USDT_RESOURCE = "/probe/postgres-usdt.bt";
    private static final String BINARY_TOKEN = "__POSTGRES__";
    private static final Pattern SECTION = Pattern.compile("(?m)^/\\* signal: (\\w+), bookkeeping: ([@\\w ]+) \\*/\\n");
    private static final String RUN = "interval:ms:$2\n";
    private static final String END = "END\n{\n";

    private UsdtScript() {
    }

    /** One signal's probes and the maps its END block must empty. */
    private record Section(String signal, List<String> bookkeeping, String text) {
    }

    /** Every signal of {@code read-latency.bt}, and of {@code postgres-usdt.bt} when {@code postgresBinary} is given. */
    static String compose(Path postgresBinary) {
        return compose(postgresBinary, SignalSelection.all());
    }

    /** @param postgresBinary the binary to attach USDT probes in, or null for the read probes alone */
    static String compose(Path postgresBinary, SignalSelection selection) {
        return compose(postgresBinary, selection::requests);
    }

    /**
     * @param kept whether a signal's section goes in this script; the interval and END blocks close it even when none
     *             does (a main bpftrace whose signals all run per backend still times the probe)
     */
    static String compose(Path postgresBinary, Predicate<String> kept) {
        String reads = resource(READS_RESOURCE);
        int run = reads.indexOf(RUN);
        int end = reads.lastIndexOf(END);
        if (run < 0 || end < run) {
            throw new IllegalStateException(READS_RESOURCE + " has no interval and END blocks");
        }
        List<Section> sections = new ArrayList<>(sections(reads.substring(0, run)));
        if (postgresBinary != null) {
            sections.addAll(sections(resource(USDT_RESOURCE).replace(BINARY_TOKEN, postgresBinary.toString())));
        }
        StringBuilder script = new StringBuilder(reads.substring(0, firstSection(reads)));
        StringBuilder clears = new StringBuilder();
        sections.stream().filter(s -> kept.test(s.signal())).forEach(s -> {
            script.append(s.text()).append('\n');
            s.bookkeeping().forEach(map -> clears.append("\tclear(").append(map).append(");\n"));
        });
        return script.append(reads, run, end + END.length()).append(clears).append("}\n").toString();
    }

    private static List<Section> sections(String text) {
        List<MatchResult> heads = SECTION.matcher(text).results().toList();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            MatchResult head = heads.get(i);
            int to = i + 1 < heads.size() ? heads.get(i + 1).start() : text.length();
            sections.add(new Section(head.group(1), List.of(head.group(2).strip().split(" +")),
                    text.substring(head.end(), to).strip() + "\n"));
        }
        return sections;
    }

    private static int firstSection(String reads) {
        Matcher m = SECTION.matcher(reads);
        if (!m.find()) {
            throw new IllegalStateException(READS_RESOURCE + " has no signal section");
        }
        return m.start();
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
