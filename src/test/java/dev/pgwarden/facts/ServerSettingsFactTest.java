package dev.pgwarden.facts;

import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server_settings fact read as a pg_monitor role on real servers: each value's level (database, role,
 * role in database, ALTER SYSTEM, configuration file, default), and statements that run as written: a
 * change made with {@link ServerSetting#changeStatement} is undone by {@link ServerSetting#restoreStatement},
 * which these tests execute. Names need quoting on purpose.
 */
class ServerSettingsFactTest {

    private static final FactKind KIND = FactKind.named("server_settings").orElseThrow();

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void levelsOfDatabaseAndRoleValuesAndTheirRestoreStatementsRunAsWritten(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = "Settings \"Db\" " + major;
        String dbIdent = "\"Settings \"\"Db\"\" " + major + "\"";
        String role = "App User " + major;
        String roleIdent = "\"App User " + major + "\"";
        String monitor = "settings_monitor_" + major;
        execute(pg, "postgres",
                "CREATE DATABASE " + dbIdent,
                "CREATE ROLE " + roleIdent + " LOGIN",
                "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor",
                "ALTER DATABASE " + dbIdent + " SET idle_in_transaction_session_timeout = '2min'",
                "ALTER ROLE " + roleIdent + " SET work_mem = '8MB'",
                "ALTER ROLE " + roleIdent + " IN DATABASE " + dbIdent + " SET work_mem = '16MB'",
                "ALTER ROLE " + roleIdent + " SET statement_timeout = '1min'",
                "ALTER ROLE " + roleIdent + " SET search_path = app, \"Other Schema\"");

        Map<String, ServerSetting> read = readAs(pg, db, monitor);

        ServerSetting idle = read.get("idle_in_transaction_session_timeout");
        assertThat(idle.level()).isEqualTo("database");
        assertThat(idle.value()).isEqualTo("2min");
        assertThat(idle.source()).isEqualTo("database");
        assertThat(idle.context()).isEqualTo("user");
        assertThat(idle.changeStatement("5min"))
                .isEqualTo("ALTER DATABASE " + dbIdent + " SET idle_in_transaction_session_timeout = '5min';");
        assertThat(idle.restoreStatement())
                .isEqualTo("ALTER DATABASE " + dbIdent + " SET idle_in_transaction_session_timeout = '2min';");
        assertThat(idle.takesEffect()).startsWith("takes effect in new sessions of database " + dbIdent + ", without a reload");

        ServerSetting workMem = read.get("work_mem");
        assertThat(workMem.level()).isEqualTo("default");
        assertThat(workMem.value()).isEqualTo("4MB");
        assertThat(workMem.unit()).isEqualTo("kB");
        assertThat(workMem.setting()).isEqualTo("4096");
        assertThat(workMem.roleOverrides()).isEqualTo(role + "=16MB");
        assertThat(workMem.restoreStatement()).isEqualTo("ALTER DATABASE " + dbIdent + " RESET work_mem;");

        ServerSetting roleWorkMem = read.get("work_mem for role " + role);
        assertThat(roleWorkMem.level()).isEqualTo("role in database");
        assertThat(roleWorkMem.value()).isEqualTo("16MB");
        assertThat(roleWorkMem.source()).isEqualTo("database user");
        assertThat(roleWorkMem.restoreStatement())
                .isEqualTo("ALTER ROLE " + roleIdent + " IN DATABASE " + dbIdent + " SET work_mem = '16MB';");
        ServerSetting roleTimeout = read.get("statement_timeout for role " + role);
        assertThat(roleTimeout.level()).isEqualTo("role");
        assertThat(roleTimeout.restoreStatement()).isEqualTo("ALTER ROLE " + roleIdent + " SET statement_timeout = '1min';");
        ServerSetting rolePath = read.get("search_path for role " + role);
        assertThat(rolePath.listValued()).isTrue();
        assertThat(rolePath.restoreStatement()).isEqualTo("ALTER ROLE " + roleIdent + " SET search_path = app, \"Other Schema\";");

        ServerSetting sharedBuffers = read.get("shared_buffers");
        assertThat(sharedBuffers.changeLevel()).isEqualTo("ALTER SYSTEM");
        assertThat(sharedBuffers.needsRestart()).isTrue();
        assertThat(sharedBuffers.takesEffect()).startsWith("needs a restart of the server");
        assertThat(sharedBuffers.changeStatement("1GB")).isEqualTo("ALTER SYSTEM SET shared_buffers = '1GB';");
        ServerSetting checkpointTimeout = read.get("checkpoint_timeout");
        assertThat(checkpointTimeout.appliesOnReload()).isTrue();
        assertThat(checkpointTimeout.takesEffect()).startsWith("takes effect on reload (SELECT pg_reload_conf())");
        assertThat(checkpointTimeout.changeStatement("10min"))
                .isEqualTo("ALTER SYSTEM SET checkpoint_timeout = '10min'; SELECT pg_reload_conf();");
        assertThat(read.get("block_size").changeCommand()).isNull();

        // Change each at its level, then roll back with the fact's statement: the catalog is as before.
        String before = storedSettings(pg);
        execute(pg, "postgres", idle.changeStatement("5min"), workMem.changeStatement("64MB"),
                roleWorkMem.changeStatement("32MB"), roleTimeout.changeStatement("30s"), rolePath.changeStatement("public"));
        assertThat(storedSettings(pg)).isNotEqualTo(before);
        execute(pg, "postgres", idle.restoreStatement(), workMem.restoreStatement(), roleWorkMem.restoreStatement(),
                roleTimeout.restoreStatement(), rolePath.restoreStatement());
        assertThat(storedSettings(pg)).isEqualTo(before);
    }

    @Test
    void alterSystemConfigurationFileAndDefaultLevelsAreRestoredWithAlterSystem() throws Exception {
        try (EmbeddedPostgres pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("checkpoint_warning", "45s").start()) {
            execute(pg, "postgres", "ALTER SYSTEM SET checkpoint_timeout = '7min'", "SELECT pg_reload_conf()",
                    "CREATE ROLE monitor LOGIN IN ROLE pg_monitor");
            dev.pgwarden.testing.Polling.untilTrue(pg, "postgres", "SELECT current_setting('checkpoint_timeout') = '7min'");
            // pg_monitor's pg_read_all_settings shows sourcefile, which tells ALTER SYSTEM from postgresql.conf.
            Map<String, ServerSetting> read = readAs(pg, "postgres", "monitor");

            ServerSetting timeout = read.get("checkpoint_timeout");
            assertThat(timeout.level()).isEqualTo("ALTER SYSTEM");
            assertThat(timeout.restoreStatement()).isEqualTo("ALTER SYSTEM SET checkpoint_timeout = '7min'; SELECT pg_reload_conf();");
            ServerSetting warning = read.get("checkpoint_warning");
            // The test server gets its configuration as -c options on the postmaster's command line.
            assertThat(warning.level()).isEqualTo("command line");
            assertThat(warning.takesEffect()).startsWith("is set on the server's command line, which outranks ALTER SYSTEM");
            assertThat(warning.restoreStatement()).startsWith("-- checkpoint_warning is set on the server's command line");
            ServerSetting delay = read.get("bgwriter_delay");
            assertThat(delay.level()).isEqualTo("default");
            assertThat(delay.restoreStatement()).isEqualTo("ALTER SYSTEM RESET bgwriter_delay; SELECT pg_reload_conf();");
            ServerSetting walBuffers = read.get("wal_buffers");
            assertThat(walBuffers.restoreStatement()).isEqualTo("ALTER SYSTEM RESET wal_buffers; -- then restart the server");

            execute(pg, "postgres", timeout.changeStatement("15min"), delay.changeStatement("300ms"));
            dev.pgwarden.testing.Polling.untilTrue(pg, "postgres", "SELECT current_setting('checkpoint_timeout') = '15min'");
            execute(pg, "postgres", timeout.restoreStatement(), delay.restoreStatement());
            dev.pgwarden.testing.Polling.untilTrue(pg, "postgres",
                    "SELECT current_setting('checkpoint_timeout') = '7min' AND current_setting('bgwriter_delay') = '200ms'");
        }
    }

    /** pgwarden's own session sets statement_timeout and lock_timeout: what it reads is what other sessions get. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void aSettingThisSessionSetItselfReadsAsTheValueNewSessionsGet(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = PostgresServers.createDatabase(pg, "session_set");
        execute(pg, db, "ALTER DATABASE " + db + " SET lock_timeout = '3s'");
        try (Connection c = PostgresServers.superuser(pg, db); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('statement_timeout', '10000ms', false), set_config('lock_timeout', '5000ms', false)");
            Map<String, ServerSetting> read = read(c);

            ServerSetting statementTimeout = read.get("statement_timeout");
            assertThat(statementTimeout.value()).isEqualTo("0ms");
            assertThat(statementTimeout.level()).isEqualTo("default");
            assertThat(statementTimeout.restoreStatement()).startsWith("ALTER DATABASE " + db + " RESET statement_timeout");
            ServerSetting lockTimeout = read.get("lock_timeout");
            assertThat(lockTimeout.value()).isEqualTo("3s");
            assertThat(lockTimeout.level()).isEqualTo("database");
        }
    }

    @Test
    void literalsAreQuotedAsQuoteLiteralDoes() {
        assertThat(ServerSetting.literal("it's")).isEqualTo("'it''s'");
        assertThat(ServerSetting.literal("C:\\dir")).isEqualTo("E'C:\\\\dir'");
    }

    private static Map<String, ServerSetting> readAs(EmbeddedPostgres pg, String db, String user) throws Exception {
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + java.net.URLEncoder.encode(db, "UTF-8").replace("+", "%20");
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            return read(c);
        }
    }

    private static Map<String, ServerSetting> read(Connection c) throws Exception {
        int major = c.getMetaData().getDatabaseMajorVersion();
        List<Record> rows = new FactReader(c, major).read(KIND, Map.of());
        return rows.stream().map(ServerSetting.class::cast)
                .collect(java.util.stream.Collectors.toMap(ServerSetting::objectName, s -> s));
    }

    private static String storedSettings(EmbeddedPostgres pg) throws Exception {
        try (Connection c = PostgresServers.superuser(pg, "postgres"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT string_agg(setrole || '/' || setdatabase || ':' || array_to_string(setconfig, ';'), ' '"
                     + " ORDER BY setrole, setdatabase) FROM pg_db_role_setting")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
