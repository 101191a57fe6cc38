package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A library that changed its sort order under the indexes, provoked by writing another recorded version into the
 * catalog of a database the test owns (pg_collation is per database; pg_database's row is that database's own), and
 * judged by a pg_monitor role.
 */
class CollationVersionMismatchCheckTest {

    private static final String CHECK = "collation-version-mismatch";

    /** A database whose default collation is ICU's (from 15, when it records a version) with text indexed in it and in German. */
    private static String customers(EmbeddedPostgres pg, int major, String prefix) throws Exception {
        String db = createDatabase(pg, prefix);
        if (major >= 15) {
            String icu = db + "_icu";
            execute(pg, "postgres", "CREATE DATABASE " + icu + " LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8' TEMPLATE template0");
            db = icu;
        }
        execute(pg, db, "CREATE TABLE public.customers (id int PRIMARY KEY, name text, city text COLLATE \"de-x-icu\", code text COLLATE \"C\")",
                "CREATE INDEX customers_name ON public.customers (name)",
                "CREATE INDEX customers_lower_name ON public.customers (lower(name))",
                "CREATE INDEX customers_city ON public.customers (city)",
                "CREATE INDEX customers_code ON public.customers (code)");
        return db;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheCollationWhoseRecordedVersionTheLibraryNoLongerProvidesAndItsIndexes(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = customers(pg, major, "coll_mismatch");
        String actual = (String) queryValue(pg, db, "SELECT pg_collation_actual_version(oid) FROM pg_collation WHERE collname = 'de-x-icu'");
        execute(pg, db, "UPDATE pg_collation SET collversion = '0.1' WHERE collname = 'de-x-icu'");

        String monitor = MonitorRole.urlFor(pg, db);
        CheckResult result = Checks.run(monitor, CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = byObject(result).get("pg_catalog.\"de-x-icu\"");
        assertThat(finding.message()).isEqualTo("the collation records icu collation version 0.1, but ICU provides " + actual
                + " now: 1 index using it may be out of order for the new sort rules (public.customers_city)");
        assertThat(finding.remediation()).contains("REINDEX INDEX CONCURRENTLY public.customers_city;",
                "ALTER COLLATION pg_catalog.\"de-x-icu\" REFRESH VERSION;").doesNotContain("customers_name", "customers_code");
        assertThat(finding.rollback()).startsWith("A REINDEX needs no rollback").contains("cannot be meaningfully undone");

        for (String statement : finding.remediation().lines().map(String::strip)
                .filter(line -> line.startsWith("REINDEX") || line.startsWith("ALTER")).toList()) {
            execute(pg, db, statement);
        }
        assertThat(Checks.run(monitor, CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void fromPostgres15TheDatabaseDefaultCollationIsJudgedWithTheIndexesOnItsText() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = customers(pg, 17, "coll_db_mismatch");
        execute(pg, db, "UPDATE pg_database SET datcollversion = '0.1' WHERE datname = current_database()");

        CheckResult result = Checks.run(MonitorRole.urlFor(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly(db);
        Finding finding = result.findings().get(0);
        assertThat(finding.message()).startsWith("the database's default collation records icu collation version 0.1, but ICU provides ")
                .endsWith("2 indexes using it may be out of order for the new sort rules (public.customers_lower_name, public.customers_name)");
        assertThat(finding.remediation()).contains("REINDEX INDEX CONCURRENTLY public.customers_lower_name;\nREINDEX INDEX CONCURRENTLY public.customers_name;",
                "ALTER DATABASE " + db + " REFRESH COLLATION VERSION;");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void aDatabaseWhoseVersionsAreWhatTheLibrariesProvidePasses(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = customers(pg, major, "coll_fresh");

        assertThat(Checks.run(MonitorRole.urlFor(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    private static Map<String, Finding> byObject(CheckResult result) {
        return result.findings().stream().collect(Collectors.toMap(Finding::object, f -> f));
    }
}
