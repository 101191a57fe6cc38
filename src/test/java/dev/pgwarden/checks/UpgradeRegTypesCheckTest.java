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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeRegTypesCheckTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForRegColumnsThroughDomainsArraysAndMaterializedViews(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "regtypes");
        execute(pg, db,
                "CREATE DOMAIN public.handler AS regproc",
                "CREATE TABLE public.\"Jobs\" (id int, fn regprocedure, h public.handler, ops regoper[], cls regclass, t regtype)",
                "INSERT INTO public.\"Jobs\" VALUES (1, 'now()', 'now', '{\"pg_catalog.||/\"}', 'pg_class', 'int4')",
                "CREATE MATERIALIZED VIEW public.job_fns AS SELECT id, fn FROM public.\"Jobs\"",
                "CREATE INDEX job_fns_id ON public.job_fns (id)");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-reg-types");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Map<String, Finding> byObject = result.findings().stream().collect(Collectors.toMap(Finding::object, Function.identity()));
        assertThat(byObject).containsOnlyKeys("public.\"Jobs\".fn", "public.\"Jobs\".h", "public.\"Jobs\".ops", "public.job_fns.fn");
        Finding fn = byObject.get("public.\"Jobs\".fn");
        assertThat(fn.remediation()).contains("ALTER TABLE public.\"Jobs\" ALTER COLUMN fn TYPE text USING fn::text;");
        assertThat(fn.rollback()).contains("ALTER TABLE public.\"Jobs\" ALTER COLUMN fn TYPE regprocedure USING fn::regprocedure;");
        assertThat(byObject.get("public.\"Jobs\".ops").remediation()).contains("ALTER COLUMN ops TYPE text[] USING ops::text[];");
        Finding view = byObject.get("public.job_fns.fn");
        assertThat(view.remediation()).contains("DROP MATERIALIZED VIEW public.job_fns;");
        assertThat(view.rollback()).contains("CREATE MATERIALIZED VIEW public.job_fns AS",
                "CREATE INDEX job_fns_id ON public.job_fns USING btree (id);");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void remediationLetsItPassAndRollbackBringsTheColumnBack(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "regfix");
        execute(pg, db, "CREATE TABLE public.hooks (id int, fn regproc)", "INSERT INTO public.hooks VALUES (1, 'now')");
        Finding finding = Checks.runForUpgrade(url(pg, db), 18, "upgrade-reg-types").findings().get(0);

        execute(pg, db, (String) finding.evidence().get("change_statement"));
        assertThat(Checks.runForUpgrade(url(pg, db), 18, "upgrade-reg-types").status()).isEqualTo(Status.PASSED);

        execute(pg, db, (String) finding.evidence().get("restore_statement"));
        CheckResult restored = Checks.runForUpgrade(url(pg, db), 18, "upgrade-reg-types");
        assertThat(restored.status()).isEqualTo(Status.FAILED);
        assertThat(restored.findings().get(0).object()).isEqualTo("public.hooks.fn");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithTheRegTypesPgUpgradeKeeps(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "regok");
        execute(pg, db, "CREATE TABLE public.refs (c regclass, t regtype, r regrole, names text[])",
                "INSERT INTO public.refs VALUES ('pg_class', 'int4', 'postgres', '{now}')");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-reg-types");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
