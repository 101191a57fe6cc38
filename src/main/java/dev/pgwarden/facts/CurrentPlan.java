package dev.pgwarden.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A baseline's statement planned again now, with what pg_stat_statements counts for it now.
 *
 * @param shape      its generic plan now; null when it cannot be planned now ({@code planNote} says why)
 * @param callsNow   calls since pg_stat_statements was last reset; 0 when it has not run since
 * @param meanMsNow  mean execution time over those calls; null when it has not run since
 */
public record CurrentPlan(long queryid, String queryStart, @JsonIgnore PlanShape shape, String planNote, long callsNow, Double meanMsNow)
        implements CatalogObject, ShapedPlan {

    /** The plan, estimates included, one node a line; evidence and templates show it as {@code plan_now}. */
    @JsonProperty
    public String planNow() {
        return planText(planNote);
    }

    @JsonIgnore
    @Override
    public String objectName() {
        return "queryid:" + queryid;
    }
}
