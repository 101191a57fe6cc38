package dev.pgwarden.rules;

import dev.pgwarden.facts.FactKind;
import java.util.Collection;
import java.util.List;

/**
 * The facts a check lists under {@code facts_on_demand}, read where its rules need them, as in
 * {@code $h : XidHorizon(databaseName == $d.databaseName) from onDemand.rows("xid_horizon")}. Drools gets to such
 * a pattern only once the patterns before it have matched, so a database with nothing to report never pays for
 * the evidence a finding would carry; a run reads each kind at most once, whichever check asks first.
 */
@FunctionalInterface
public interface FactsOnDemand {

    /** The global's name; a rule file declares {@code global dev.pgwarden.rules.FactsOnDemand onDemand;}. */
    String GLOBAL = "onDemand";

    /** The rows of one fact kind, as {@code facts} would have gathered them. */
    List<?> rows(String kind);

    /** On-demand facts served from facts gathered beforehand, for rules judged without a database. */
    static FactsOnDemand from(Collection<?> facts) {
        return kind -> {
            Class<?> type = FactKind.named(kind).map(FactKind::recordType)
                    .orElseThrow(() -> new IllegalArgumentException("unknown fact kind '" + kind + "'"));
            return facts.stream().filter(type::isInstance).toList();
        };
    }
}
