package dev.pgwarden.facts;

/**
 * A database whose statements the probe did not measure although it had client backends: the probe traced a sample
 * of the cluster's backends ({@code probe --statement-backends N}) and none of this database's was among them, or
 * those traced ran no statement while it ran. query-latency says so rather than passing it.
 *
 * @param database       the database, from its backends' process titles
 * @param clientBackends its client backends the probe saw
 * @param reason         why its statements were not measured, naming the sample
 * @param source         the probe file and run, for evidence
 */
public record UntracedDatabase(String database, int clientBackends, String reason, String source) {

    public UntracedDatabase {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
    }
}
