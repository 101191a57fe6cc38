package dev.pgwarden.rules;

import java.util.List;
import java.util.Map;

/**
 * The checks' reference as Markdown, made from their metadata so {@code docs/checks.md} never drifts
 * from the rules.
 */
public final class ChecksDocument {

    public String render(RuleCatalog catalog) {
        StringBuilder md = new StringBuilder();
        md.append("# Checks\n\n")
          .append("Generated from `rules/*.yaml` by `pgwarden list --markdown`; do not edit by hand.\n");
        for (CheckDefinition check : catalog.all()) {
            section(md, check.metadata());
        }
        return md.toString();
    }

    /** What {@code pgwarden export prometheus-rules} alerts on for a measure, so readers see the same bounds. */
    private static String alerts(MeasureSpec spec) {
        List<String> bounds = spec.thresholds().stream().map(t -> "`" + t.comparison() + " " + t.parameter() + "`"
                + (t.severity() == null ? "" : " (" + t.severity().label() + ")")).toList();
        String text = bounds.isEmpty() ? "" : "; alert when " + String.join(", ", bounds);
        return spec.baseline() == null ? text : text + "; baseline metric `" + spec.baseline() + "`";
    }

    private static void section(StringBuilder md, CheckMetadata m) {
        md.append("\n## `").append(m.id()).append("`: ").append(m.title()).append("\n\n")
          .append("Category: ").append(m.category()).append(". Severity: ").append(m.severity().label())
          .append(". Facts: ").append(String.join(", ", m.facts())).append(".\n\n")
          .append(m.description().strip()).append("\n\n");
        if (!m.parameters().isEmpty()) {
            md.append("| parameter | type | default | unit | meaning |\n| --- | --- | --- | --- | --- |\n");
            m.parameters().forEach((name, p) -> md.append("| `").append(name).append("` | ")
                    .append(p.type().name().toLowerCase(java.util.Locale.ROOT)).append(" | `").append(p.defaultValue())
                    .append("` | ").append(p.unit()).append(" | ").append(p.meaning()).append(" |\n"));
            md.append('\n');
        }
        for (Map.Entry<String, FindingTemplate> kind : m.findings().entrySet()) {
            FindingTemplate t = kind.getValue();
            md.append("### Finding `").append(kind.getKey()).append('`')
              .append(t.severity() == null ? "" : " (" + t.severity() + ")").append("\n\n")
              .append("Remediation:\n\n```\n").append(t.remediation()).append("\n```\n\n")
              .append("Rollback:\n\n```\n").append(t.rollback()).append("\n```\n\n");
        }
        if (!m.measures().isEmpty()) {
            md.append("Measures (in every report that shows values, whether the check passes or fails):\n\n");
            m.measures().forEach((name, spec) -> md.append("- `").append(name).append("`: ").append(spec.help())
                    .append(alerts(spec)).append('\n'));
            md.append('\n');
        }
        md.append("References: ");
        md.append(String.join(", ", m.references().stream().map(r -> "<" + r + ">").toList())).append("\n");
    }
}
