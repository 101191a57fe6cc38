package dev.pgwarden.dist;

import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step of the distribution (src/dist/build): starts an embedded PostgreSQL with a database that has
 * one finding to report, runs the command given (each {@code {url}} replaced by that database's URL) so
 * that it trains the class-data sharing archive on a real check, stops the server and exits as the command
 * did.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] command) throws Exception {
        if (command.length == 0) {
            throw new IllegalArgumentException("usage: ArchiveTraining COMMAND... ({url} is the database's URL)");
        }
        int status;
        try (EmbeddedPostgres postgres = PostgresServers.start(PostgresServers.DEFAULT_MAJOR)) {
            String database = PostgresServers.createDatabase(postgres, "training");
            // A failing check loads what findings, remediation and rollback need, as well as the passing ones.
            Problems.neverAnalyzedTable(postgres, database, "public.orders", 2000);
            String url = PostgresServers.url(postgres, database);
            List<String> withUrl = new ArrayList<>();
            for (String arg : command) {
                withUrl.add(arg.replace("{url}", url));
            }
            status = new ProcessBuilder(withUrl).inheritIO().start().waitFor();
        }
        System.exit(status);
    }
}
