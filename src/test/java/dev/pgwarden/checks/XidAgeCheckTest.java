package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static dev.pgwarden.testing.PostgresServers.superuser;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XidAgeCheckTest {

    private static final String CHECK = "xid-age";
    private static final int BURNED_XIDS = 6000;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void warnsForDatabaseAndNamesItsOldestUnfrozenTable(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = agedDatabaseWithOneUnfrozenTable(pg, "xid_warn");

        CheckResult result = Checks.run(url(pg, db), CHECK, "warn_age=3000", "max_age=1000000");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding database = finding(result, db);
        assertThat(database.severity()).isEqualTo(Severity.WARNING);
        assertThat(database.evidence()).containsEntry("kind", "database-warning-current").containsEntry("current", true);
        assertThat(((Number) database.evidence().get("xid_age")).longValue()).isGreaterThanOrEqualTo(BURNED_XIDS);
        assertThat(database.message()).contains("(warning above 3000)");
        assertThat(database.remediation()).contains("vacuumdb --freeze --verbose --jobs 2 --dbname " + db);
        assertThat(database.rollback()).startsWith("No rollback is needed for VACUUM (FREEZE)");

        Finding table = finding(result, "public.ledger");
        assertThat(table.severity()).isEqualTo(Severity.WARNING);
        assertThat(table.message()).startsWith("in database " + db + ": transaction ID age ");
        assertThat(table.remediation()).isEqualTo("VACUUM (FREEZE, VERBOSE) public.ledger;");
        assertThat(table.rollback()).startsWith("No rollback is needed for VACUUM (FREEZE)");
        // Never vacuumed or analyzed, so relpages says nothing of its size; sizing its files would take a lock.
        assertThat(table.message()).endsWith("(size unknown: never vacuumed or analyzed)");
        assertThat(table.evidence())
                .containsEntry("kind", "table-warning")
                .containsEntry("database_name", db)
                .containsEntry("sized_by_statistics", false);
        assertThat(((Number) table.evidence().get("xid_age")).longValue()).isGreaterThanOrEqualTo(BURNED_XIDS);
        // Every other table of the database was frozen: only the ledger holds its age back.
        assertThat(result.findings()).filteredOn(f -> f.evidence().get("kind").toString().startsWith("table-"))
                .extracting(Finding::object).containsExactly("public.ledger");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void isCriticalOnceAgesPassMaxAge(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = agedDatabaseWithOneUnfrozenTable(pg, "xid_critical");

        CheckResult result = Checks.run(url(pg, db), CHECK, "warn_age=1000", "max_age=3000");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.effectiveSeverity()).isEqualTo(Severity.CRITICAL);
        Finding database = finding(result, db);
        assertThat(database.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(database.evidence()).containsEntry("kind", "database-critical-current");
        assertThat(database.message()).contains("(critical above 3000)");
        Finding table = finding(result, "public.ledger");
        assertThat(table.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(table.evidence()).containsEntry("kind", "table-critical");
        assertThat(table.remediation()).isEqualTo("VACUUM (FREEZE, VERBOSE) public.ledger;");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void namesForgottenPreparedTransactionAsWhatHoldsTheHorizon(int major) throws Exception {
        try (EmbeddedPostgres pg = PostgresServers.builder(major).setServerConfig("max_prepared_transactions", "2").start()) {
            String db = createDatabase(pg, "xid_prepared");
            execute(pg, db,
                    "CREATE TABLE public.ledger (id int)",
                    "BEGIN",
                    "INSERT INTO public.ledger VALUES (1)",
                    "PREPARE TRANSACTION 'forgotten_batch'");
            burnTransactionIds(pg, db);

            CheckResult result = Checks.run(url(pg, db), CHECK, "warn_age=3000");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding database = finding(result, db);
            assertThat(database.remediation()).contains("First end what holds the horizon back, or the freeze cannot advance past it:\n"
                    + "ROLLBACK PREPARED 'forgotten_batch';  -- in database " + db + " (connect there), or COMMIT PREPARED; prepared by postgres at ");
            assertThat(database.rollback()).contains("rolled back a prepared transaction");
            assertThat(database.evidence())
                    .containsEntry("holders_named", 1)
                    .containsEntry("oldest_holder", "prepared transaction 'forgotten_batch' in database " + db);
            assertThat(((Number) database.evidence().get("oldest_holder_age")).longValue()).isGreaterThanOrEqualTo(BURNED_XIDS);
            execute(pg, db, "ROLLBACK PREPARED 'forgotten_batch'");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void namesNoHolderWhenTheOnlyOpenTransactionIsYoung(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = agedDatabaseWithOneUnfrozenTable(pg, "xid_young_holder");
        // A transaction opened after the database aged: its horizon is at today's transaction ID.
        try (Connection young = superuser(pg, db)) {
            int pid = openTransaction(young);

            CheckResult result = Checks.run(url(pg, db), CHECK, "warn_age=3000", "max_age=1000000");

            Finding database = finding(result, db);
            assertThat(database.remediation())
                    .doesNotContain("pg_terminate_backend")
                    .contains("Nothing holds the horizon back: the oldest holder, backend " + pid + " (client backend of postgres")
                    .contains("the freeze can proceed.");
            assertThat(database.evidence()).containsEntry("holders_named", 0).containsEntry("release_statements", "");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void namesEveryBackendWhoseSnapshotIsAsOldAsTheDatabaseAgeInThisOrAnotherDatabase(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        {
            String db = createDatabase(pg, "xid_old_holder");
            String otherDb = createDatabase(pg, "xid_other_holder");
            execute(pg, db, "CREATE TABLE public.ledger (id int)", "INSERT INTO public.ledger VALUES (1)");
            try (Connection old = superuser(pg, db); Connection elsewhere = superuser(pg, otherDb);
                 Connection young = superuser(pg, db)) {
                // Snapshots taken before the cluster ages are as old as the database's age. The other
                // database's backend holds this one too: datfrozenxid counts the shared catalogs, frozen only
                // up to the cluster's horizon. A transaction opened afterwards is too young to name.
                int oldPid = openTransaction(old);
                int elsewherePid = openTransaction(elsewhere);
                burnTransactionIds(pg, db);
                int youngPid = openTransaction(young);

                CheckResult result = Checks.run(url(pg, db), CHECK, "warn_age=3000", "max_age=1000000");

                Finding database = finding(result, db);
                assertThat(database.remediation())
                        .contains("First end what holds the horizon back, or the freeze cannot advance past it:\n")
                        .contains("SELECT pg_terminate_backend(" + oldPid + ");  -- client backend of postgres in database " + db
                                + ", PostgreSQL JDBC Driver, idle in transaction since ")
                        .contains("SELECT pg_terminate_backend(" + elsewherePid + ");  -- client backend of postgres in database " + otherDb)
                        .doesNotContain("pg_terminate_backend(" + youngPid + ")");
                assertThat(database.evidence()).containsEntry("holders_named", 2);
                assertThat(database.rollback()).contains("that cannot be undone: its client must retry the work");

                // What the remediation says is so: the freeze of the database cannot get past the old snapshots.
                execute(pg, db, "VACUUM (FREEZE)");
                assertThat(((Number) queryValue(pg, db, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()"))
                        .longValue()).isGreaterThanOrEqualTo(BURNED_XIDS);
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void passesWithDefaultThresholdsOnFreshDatabase(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "xid_fresh");
        execute(pg, db, "CREATE TABLE public.ledger (id int)", "INSERT INTO public.ledger VALUES (1)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    /**
     * A database whose age comes from one table: public.ledger is created, the cluster ages by
     * {@link #BURNED_XIDS} transactions, then every other table is frozen, as a vacuum that skipped the
     * ledger would leave it.
     */
    private static String agedDatabaseWithOneUnfrozenTable(EmbeddedPostgres pg, String prefix) throws Exception {
        String db = createDatabase(pg, prefix);
        execute(pg, db, "CREATE TABLE public.ledger (id int PRIMARY KEY, note text)",
                "INSERT INTO public.ledger SELECT g, 'entry ' || g FROM generate_series(1, 100) g");
        burnTransactionIds(pg, db);
        String others = (String) queryValue(pg, db, "SELECT string_agg(oid::regclass::text, ', ') FROM pg_class "
                + "WHERE relkind IN ('r', 'm') AND oid <> 'public.ledger'::regclass");
        execute(pg, db, "VACUUM (FREEZE) " + others);
        return db;
    }

    /** Each subtransaction that writes takes a transaction ID of its own: a cheap way to age the cluster. */
    private static void burnTransactionIds(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db, "CREATE TABLE public.xid_burner (id int)",
                "DO $$ BEGIN FOR i IN 1.." + BURNED_XIDS + " LOOP BEGIN INSERT INTO public.xid_burner VALUES (i); "
                        + "EXCEPTION WHEN OTHERS THEN NULL; END; END LOOP; END $$",
                "DROP TABLE public.xid_burner");
    }

    /** Opens a REPEATABLE READ transaction that holds its snapshot, and returns the session's pid. */
    private static int openTransaction(Connection session) throws Exception {
        session.setAutoCommit(false);
        session.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = session.createStatement(); ResultSet rows = s.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Finding finding(CheckResult result, String object) {
        return result.findings().stream().filter(f -> f.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + object + " in " + result.findings()));
    }
}
