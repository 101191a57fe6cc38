package dev.pgwarden.report;

import dev.pgwarden.results.Provenance;

/** The Markdown report's folded provenance: the server's identity, and the SHA-256 of each file and each parameter's value. */
final class MarkdownProvenance {

    private MarkdownProvenance() {
    }

    static void append(StringBuilder md, Provenance provenance) {
        if (provenance == null) {
            return;
        }
        md.append("<details><summary>provenance: which cluster, under which rules</summary>\n\n");
        provenance.flat().forEach((key, value) -> row(md, key.substring("provenance.".length()), value));
        provenance.parameters().forEach((name, value) -> row(md, name, value));
        md.append("\n</details>\n\n");
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("- ").append(MarkdownReport.escape(key)).append(": ").append(MarkdownReport.code(value)).append('\n');
    }
}
