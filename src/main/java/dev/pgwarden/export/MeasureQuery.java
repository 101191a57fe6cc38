package dev.pgwarden.export;

import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.SqlQuery;
import dev.pgwarden.rules.MeasureSpec;
import dev.pgwarden.rules.SelectedCheck;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One measure as a single SQL statement another collector can run on its own: the check's fact query for the
 * server's major version, its named parameters as the check's values (numbers, so safe as literals), and the
 * measure's aggregate and scale over it. Measures of facts that do not come from SQL (the host probe's) have none.
 */
public record MeasureQuery(SelectedCheck check, String measure, MeasureSpec spec, String sql) {

    /** @return empty when the measure's fact is not one of the check's SQL facts */
    public static Optional<MeasureQuery> of(SelectedCheck check, String measure, int serverMajor) {
        MeasureSpec spec = check.metadata().measures().get(measure);
        Optional<FactKind> kind = check.metadata().facts().stream().map(FactKind::named).flatMap(Optional::stream)
                .filter(k -> k.recordType().getSimpleName().equals(spec.fact())).findFirst();
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String factSql = SqlQuery.inlined(kind.get().name(), serverMajor, name -> parameter(check, name));
        String sql = "SELECT " + spec.aggregate() + "(fact." + FactKind.column(spec.field()) + ")"
                + (spec.scale() == 1.0 ? "" : " * " + BigDecimal.valueOf(spec.scale()).toPlainString())
                + "\n  FROM (\n" + factSql + "\n) AS fact";
        return Optional.of(new MeasureQuery(check, measure, spec, sql));
    }

    private static Number parameter(SelectedCheck check, String name) {
        Number value = check.parameters().values().get(name);
        if (value == null) {
            throw new IllegalArgumentException("a fact query of check " + check.id() + " needs parameter '" + name
                    + "', which the check does not have");
        }
        return value;
    }
}
