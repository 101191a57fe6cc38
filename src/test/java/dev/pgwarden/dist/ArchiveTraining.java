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
 * did. The check logs in as a monitoring role with a scram-sha-256 password, as checks of real servers do,
 * so the archive holds what the password exchange loads too.
 */
public final class ArchiveTraining {

    static final String ROLE = "pgwarden_training";
    static final String PASSWORD = "training";

    private ArchiveTraining() {
    }

    public static void main(String[] command) throws Exception {
        if (command.length == 0) {
            throw new IllegalArgumentException("usage: ArchiveTraining COMMAND... ({url} is the database's URL)");
        }
        int status;
        try (EmbeddedPostgres postgres = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setDataDirectoryCustomizer(PostgresServers::requirePasswords).start()) {
            String database = PostgresServers.createDatabase(postgres, "training");
            // A failing check loads what findings, remediation and rollback need, as well as the passing ones.
            Problems.neverAnalyzedTable(postgres, database, "public.orders", 2000);
            PostgresServers.execute(postgres, database,
                    "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE pg_monitor");
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?user=" + ROLE;
            List<String> withUrl = new ArrayList<>();
            for (String arg : command) {
                withUrl.add(arg.replace("{url}", url));
            }
            ProcessBuilder check = new ProcessBuilder(withUrl).inheritIO();
            check.environment().put("PGPASSWORD", PASSWORD);
            status = check.start().waitFor();
        }
        System.exit(status);
    }
}
