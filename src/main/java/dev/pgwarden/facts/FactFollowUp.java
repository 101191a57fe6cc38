package dev.pgwarden.facts;

import java.sql.SQLException;
import java.util.List;

/**
 * A second query that completes a fact kind's rows where its own query leaves a column unknown, run only when a row
 * needs it: evidence that would cost every run if the first query looked it up for every row.
 */
interface FactFollowUp {

    /** The query's name in {@code sql/}, to show it beside the fact's own query. */
    String queryName();

    /** The rows with what the first query left unknown filled in; the same rows when none needs it. */
    List<Record> complete(List<Record> rows, FactReader reader) throws SQLException;
}
