package dev.pgwarden.facts;

import java.util.Objects;

/**
 * One measured value of one object, as baselines keep and compare them; higher is worse.
 *
 * @param floor the smallest value worth judging: below it, a change is noise
 */
public record Measurement(String object, String metric, double value, double floor) implements CatalogObject, StatementsBehind {

    /** The metric of statement_measurements.sql, measured per {@code queryid:<id>}. */
    static final String STATEMENT_METRIC = "mean_exec_time_ms";
    private static final java.util.regex.Pattern STATEMENT_OBJECT = java.util.regex.Pattern.compile("queryid:(-?[0-9]+)");

    public Measurement {
        Objects.requireNonNull(object, "measurement object must not be null");
        Objects.requireNonNull(metric, "measurement metric must not be null");
    }

    @Override
    public String objectName() {
        return object;
    }

    /** A statement's mean time is measured per queryid: the entries of that queryid are behind it. */
    @Override
    public java.util.Optional<StatementMatch> statementsBehind() {
        java.util.regex.Matcher queryid = STATEMENT_OBJECT.matcher(object);
        return metric.equals(STATEMENT_METRIC) && queryid.matches()
                ? java.util.Optional.of(new StatementMatch.Queryid(Long.parseLong(queryid.group(1))))
                : java.util.Optional.empty();
    }
}
