package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.UpgradeServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeRemovedFeaturesCheckTest {

    private static final String[] OBJECTS_GONE_IN_14_AND_16 = {
        "CREATE FUNCTION public.fact(bigint) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT factorial($1)'",
        "CREATE OPERATOR public.!!! (LEFTARG = bigint, FUNCTION = public.fact)",
        "CREATE CONVERSION public.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
        "CREATE AGGREGATE public.array_accum(anyelement) (SFUNC = array_append, STYPE = anyarray, INITCOND = '{}')",
        "CREATE TABLE public.grants (id int, acl aclitem[])",
    };

    private static Map<String, Finding> byObject(CheckResult result) {
        return result.findings().stream().collect(Collectors.toMap(Finding::object, Function.identity()));
    }

    @Test
    void from13To17ReportsWhatPgUpgradeRefuses() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(13);
        String db = createDatabase(pg, "removed");
        execute(pg, db, OBJECTS_GONE_IN_14_AND_16);

        CheckResult result = Checks.runForUpgrade(url(pg, db), 17, "upgrade-removed-features");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Map<String, Finding> found = byObject(result);
        assertThat(found).containsOnlyKeys("public.!!!(bigint, NONE)", "public.latin1_to_utf8",
                "public.array_accum(anyelement)", "public.grants.acl");
        Finding postfix = found.get("public.!!!(bigint, NONE)");
        assertThat(postfix.evidence()).containsEntry("kind", "postfix-operator").containsEntry("removed_in", 14);
        assertThat(postfix.remediation()).contains("DROP OPERATOR public.!!! (bigint, NONE);",
                "CREATE OPERATOR public.!!! (RIGHTARG = bigint, FUNCTION = public.fact);");
        assertThat(postfix.rollback()).contains("CREATE OPERATOR public.!!! (LEFTARG = bigint, FUNCTION = public.fact);");
        assertThat(found.get("public.latin1_to_utf8").rollback())
                .contains("CREATE CONVERSION public.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8;");
        Finding aggregate = found.get("public.array_accum(anyelement)");
        assertThat(aggregate.remediation()).contains("DROP AGGREGATE public.array_accum(anyelement);",
                "CREATE AGGREGATE public.array_accum(anycompatible) (SFUNC = array_append, STYPE = anycompatiblearray, INITCOND = '{}');");
        assertThat(aggregate.rollback()).contains(
                "CREATE AGGREGATE public.array_accum(anyelement) (SFUNC = array_append, STYPE = anyarray, INITCOND = '{}');");
        assertThat(found.get("public.grants.acl").remediation())
                .contains("ALTER TABLE public.grants ALTER COLUMN acl TYPE text[] USING acl::text[];");
    }

    @Test
    void reportsOnlyWhatTheMajorsOnTheWayRemoved() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(13);
        String db = createDatabase(pg, "removed14");
        execute(pg, db, OBJECTS_GONE_IN_14_AND_16);

        CheckResult result = Checks.runForUpgrade(url(pg, db), 14, "upgrade-removed-features");

        assertThat(byObject(result)).containsOnlyKeys("public.!!!(bigint, NONE)", "public.latin1_to_utf8",
                "public.array_accum(anyelement)");
    }

    @Test
    void from17To18ReportsAChildColumnThatDroppedItsParentsNotNull() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(17);
        String db = createDatabase(pg, "notnull");
        execute(pg, db, "CREATE TABLE public.events (id int NOT NULL, note text)",
                "CREATE TABLE public.events_2024 () INHERITS (public.events)",
                "ALTER TABLE public.events_2024 ALTER COLUMN id DROP NOT NULL");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-removed-features");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.events_2024.id");
        assertThat(finding.message()).contains("parent public.events is NOT NULL", "from PostgreSQL 18");
        assertThat(finding.remediation()).contains("ALTER TABLE public.events_2024 ALTER COLUMN id SET NOT NULL;");
        assertThat(finding.rollback()).contains("ALTER TABLE public.events_2024 ALTER COLUMN id DROP NOT NULL;");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesOnAHealthyDatabase(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "current");
        execute(pg, db, "CREATE TABLE public.events (id int NOT NULL)",
                "CREATE TABLE public.events_2024 () INHERITS (public.events)",
                "CREATE AGGREGATE public.total(int) (SFUNC = int4pl, STYPE = int)",
                "CREATE TABLE public.grants (id int, acl text[])");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-removed-features");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
