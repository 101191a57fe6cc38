package dev.pgwarden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.QueryPlans;
import java.util.Map;

/** The statements behind a finding and their plans, as a collapsed Markdown block under the finding. */
final class MarkdownPlans {

    private MarkdownPlans() {
    }

    static void append(StringBuilder md, Finding finding) {
        Object kind = finding.evidence().get(QueryPlans.PLAN_KIND);
        if (kind == null) {
            return;
        }
        md.append("  <details><summary>statements and plans (").append(MarkdownReport.escape(String.valueOf(kind)))
          .append(")</summary>\n\n");
        Object unavailable = finding.evidence().get(QueryPlans.UNAVAILABLE);
        if (unavailable != null) {
            md.append("  ").append(MarkdownReport.escape(String.valueOf(unavailable))).append("\n\n");
        } else {
            md.append("  Matched: ").append(MarkdownReport.escape(String.valueOf(finding.evidence().get(QueryPlans.MATCHED_BY))))
              .append("\n\n");
            QueryPlans.statements(finding).forEach(statement -> statement(md, statement));
        }
        md.append("  </details>\n\n");
    }

    private static void statement(StringBuilder md, Map<String, Object> s) {
        md.append("  ").append(MarkdownReport.code("queryid:" + s.get(QueryPlans.QUERYID))).append(" by ")
          .append(MarkdownReport.escape(String.valueOf(s.get("user_name")))).append(": ")
          .append(String.format("%s calls, mean %s ms, total %s ms, %s rows, %s blocks read: ", s.get("calls"), s.get("mean_ms"),
                  s.get("total_ms"), s.get("rows"), s.get("shared_blks_read")))
          .append(MarkdownReport.code(String.valueOf(s.get("query_start")))).append("\n\n")
          .append("  Plan: **").append(s.get(QueryPlans.PLAN_KIND)).append("**, ")
          .append(MarkdownReport.escape(String.valueOf(s.get(QueryPlans.PLAN_NOTE)))).append("\n\n");
        Object plan = s.get(QueryPlans.PLAN);
        if (plan != null) {
            md.append(MarkdownReport.fenced("json", json(plan)));
        }
    }

    private static String json(Object plan) {
        try {
            return CheckResultCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan as JSON", e);
        }
    }
}
