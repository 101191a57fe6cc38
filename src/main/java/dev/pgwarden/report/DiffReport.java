package dev.pgwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.Measurement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code pgwarden diff}'s output: on the console, and as {@code pgwarden-diff.md} and {@code pgwarden-diff.json}. */
public final class DiffReport {

    public static final String MARKDOWN_FILE = "pgwarden-diff.md";
    public static final String JSON_FILE = "pgwarden-diff.json";
    private final RunDiff diff;

    public DiffReport(RunDiff diff) {
        this.diff = diff;
    }

    public void console(PrintWriter out) {
        for (RunDiff.TargetDiff target : diff.targets()) {
            out.println("pgwarden diff: " + target.target());
            entries(out, "new", target.added());
            entries(out, "resolved", target.resolved());
            entries(out, "still failing", target.still());
            target.severities().forEach(s -> out.println("  severity changed: " + s.key().describe() + ": " + s.before().label()
                    + " -> " + s.after().label()));
            target.moved().forEach(m -> out.println("  moved: " + moved(m)));
        }
        out.println(counts());
        out.flush();
    }

    private static void entries(PrintWriter out, String label, List<RunDiff.Entry> entries) {
        for (RunDiff.Entry entry : entries) {
            out.println("  " + label + ": [" + entry.finding().severity().label() + "] " + entry.key().describe() + ": " + entry.finding().message());
        }
    }

    /** "xid-age xid_age_max: 11 -> 500 (+4445.5%)" */
    static String moved(RunDiff.Moved m) {
        String percent = Double.isInfinite(m.percent()) ? "from 0" : String.format(java.util.Locale.ROOT, "%+.1f%%", m.percent());
        return m.check() + " " + m.measure() + ": " + Measurement.text(m.before()) + " -> " + Measurement.text(m.after()) + " (" + percent + ")";
    }

    public String counts() {
        return count(t -> t.added().size()) + " new, " + count(t -> t.resolved().size()) + " resolved, " + count(t -> t.still().size())
                + " still failing, " + count(t -> t.severities().size()) + " severity changes, " + count(t -> t.moved().size()) + " moved values";
    }

    private long count(java.util.function.ToIntFunction<RunDiff.TargetDiff> size) {
        return diff.targets().stream().mapToInt(size).sum();
    }

    public Path writeMarkdown(Path directory) throws IOException {
        StringBuilder md = new StringBuilder("## pgwarden diff\n\n").append(counts()).append("\n\n");
        for (RunDiff.TargetDiff target : diff.targets()) {
            md.append("### ").append(MarkdownReport.code(target.target())).append("\n\n");
            md.append("| change | severity | check | object | |\n| --- | --- | --- | --- | --- |\n");
            row(md, "new", target.added());
            row(md, "resolved", target.resolved());
            row(md, "still failing", target.still());
            md.append('\n');
            target.severities().forEach(s -> md.append("- severity of ").append(MarkdownReport.code(s.key().describe())).append(": ")
                    .append(s.before().label()).append(" → ").append(s.after().label()).append('\n'));
            target.moved().forEach(m -> md.append("- moved: ").append(MarkdownReport.escape(moved(m))).append('\n'));
            md.append('\n');
        }
        return AtomicFile.write(directory.resolve(MARKDOWN_FILE), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void row(StringBuilder md, String change, List<RunDiff.Entry> entries) {
        for (RunDiff.Entry e : entries) {
            md.append("| ").append(change).append(" | ").append(e.finding().severity().label()).append(" | ").append(MarkdownReport.code(e.key().check()))
              .append(" | ").append(MarkdownReport.code(e.key().object())).append(" | ").append(MarkdownReport.escape(e.finding().message())).append(" |\n");
        }
    }

    public Path writeJson(Path directory) throws IOException {
        ObjectNode root = CheckResultCodec.mapper().createObjectNode();
        ArrayNode targets = root.putArray("targets");
        for (RunDiff.TargetDiff target : diff.targets()) {
            ObjectNode node = targets.addObject().put("target", target.target());
            json(node.putArray("new"), target.added());
            json(node.putArray("resolved"), target.resolved());
            json(node.putArray("still_failing"), target.still());
            ArrayNode severities = node.putArray("severity_changes");
            target.severities().forEach(s -> severities.addObject().put("check", s.key().check()).put("kind", s.key().kind())
                    .put("object", s.key().object()).put("before", s.before().label()).put("after", s.after().label()));
            ArrayNode moved = node.putArray("moved");
            target.moved().forEach(m -> {
                ObjectNode value = moved.addObject().put("check", m.check()).put("measure", m.measure()).put("before", m.before()).put("after", m.after());
                if (!Double.isInfinite(m.percent())) {
                    value.put("percent", m.percent());
                }
            });
        }
        return AtomicFile.write(directory.resolve(JSON_FILE), CheckResultCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static void json(ArrayNode array, List<RunDiff.Entry> entries) {
        for (RunDiff.Entry e : entries) {
            ObjectNode node = array.addObject().put("check", e.key().check()).put("kind", e.key().kind()).put("object", e.key().object())
                    .put("fingerprint", e.key().fingerprint());
            node.set("finding", CheckResultCodec.mapper().valueToTree(e.finding()));
        }
    }
}
