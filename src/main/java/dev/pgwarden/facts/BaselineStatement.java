package dev.pgwarden.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A top statement as a baseline recorded it, with the shape of its generic plan then.
 *
 * @param query      the text as pg_stat_statements kept it, parameters as {@code $1}
 * @param meanMs     mean execution time then; null when it had no calls
 * @param shape        its plan then, null when it could not be planned ({@code planNoteThen} says why)
 * @param planNoteThen how it was planned then, or why not
 */
public record BaselineStatement(long queryid, String query, long calls, Double meanMs, @JsonIgnore PlanShape shape, String planNoteThen,
        String savedAt) implements CatalogObject, ShapedPlan {

    public BaselineStatement {
        Objects.requireNonNull(query, "baseline statement text must not be null");
        Objects.requireNonNull(planNoteThen, "baseline plan note must not be null");
    }

    /** The plan, estimates included, one node a line; evidence and templates show it as {@code plan_before}. */
    @JsonProperty
    public String planBefore() {
        return planText(planNoteThen);
    }

    @JsonIgnore
    @Override
    public String objectName() {
        return "queryid:" + queryid;
    }
}
