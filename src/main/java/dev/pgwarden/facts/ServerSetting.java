package dev.pgwarden.facts;

import java.util.Objects;

/**
 * One setting as the connected database's new sessions get it, with what a remediation needs to change it
 * at the narrowest sensible level and what a rollback needs to restore it at the level it came from (fact
 * kind {@code server_settings}, read from {@code sql/server_settings.sql}).
 *
 * <p>There is one fact per setting for the database as a whole ({@code role == null}) and one more per
 * login role whose own {@code ALTER ROLE ... [IN DATABASE ...] SET} applies in this database, since that
 * value wins over the database's for the role's sessions. A rule picks its setting with
 * {@code $s : ServerSetting(name == "work_mem", role == null)}, passes it to
 * {@code findings.report(kind, subject, message, $s)}, and the YAML templates use its fields:
 * <pre>
 *   {change_command} = '64MB'; {apply_statement}
 *   -- {name} {takes_effect}
 * rollback:
 *   {restore_statement}
 * </pre>
 * With several settings in one finding the plain names are the first one's; each database fact also fills
 * {@code {<setting>.<field>}}, such as {@code {shared_buffers.restore_statement}}. A finding about the setting
 * itself makes it the subject (its {@link #objectName()} is the setting's name).
 *
 * @param name             as pg_settings spells it ({@code DateStyle}, {@code work_mem})
 * @param role             the login role this value is for; null for the database's sessions in general
 * @param databaseName     the connected database, which every fact of this kind is about
 * @param value            the value in force, as SHOW prints it (with its unit) or as ALTER ... SET stored
 *                         it; null when the level is {@code unknown}
 * @param setting          pg_settings.setting, in units of {@code unit}, for this session; null on role facts
 * @param unit             pg_settings.unit ({@code kB}, {@code 8kB}, {@code ms}); null when unitless
 * @param source           pg_settings.source as these sessions see it ({@code user} and {@code database
 *                         user} on role facts)
 * @param context          pg_settings.context: {@code postmaster} (restart), {@code sighup} (reload),
 *                         {@code superuser}, {@code user}, {@code backend}, {@code superuser-backend},
 *                         {@code internal} (fixed)
 * @param level            where the value in force comes from: {@code role in database}, {@code role},
 *                         {@code database}, {@code ALTER SYSTEM} (postgresql.auto.conf),
 *                         {@code configuration file}, {@code command line} (also environment and server
 *                         overrides), {@code server configuration} (one of the three, for a setting this session SET
 *                         itself, which hides which), {@code default}, or {@code unknown} (this session's own
 *                         role or client sets it, which hides the server's value)
 * @param changeLevel      where a change goes: the role's own level for a role fact; {@code database} for
 *                         settings a session takes from its database; {@code ALTER SYSTEM} only for
 *                         {@code postmaster} and {@code sighup} settings and those fixed at session start
 *                         ({@code backend}, {@code superuser-backend}: ALTER DATABASE and ALTER ROLE refuse
 *                         them); null for {@code internal} ones
 * @param roleOverrides    {@code role=value, ...} for the (other) roles whose own value a change of this
 *                         fact does not reach, or {@code none}
 * @param listValued       a list setting (search_path, shared_preload_libraries, ...): its value is a list
 *                         of identifiers, written unquoted as a whole
 * @param changeCommand    the statement up to the value: {@code ALTER DATABASE app SET work_mem}; null when
 *                         the setting cannot be changed
 * @param applyStatement   what makes the change take effect after the statement: {@code SELECT
 *                         pg_reload_conf();} for ALTER SYSTEM of a reloadable setting, else empty
 * @param restoreStatement undoes a change made with {@code changeCommand}, restoring the value in force at
 *                         its own level (SET to the old value there, or RESET where the value came from a
 *                         lower level)
 * @param takesEffect      a sentence for after the setting's name: "takes effect on reload (SELECT
 *                         pg_reload_conf()), without a restart", "needs a restart of the server ...", "takes
 *                         effect in new sessions of database app ..."
 */
public record ServerSetting(
        String name,
        String role,
        String databaseName,
        String value,
        String setting,
        String unit,
        String source,
        String context,
        String level,
        String changeLevel,
        String roleOverrides,
        boolean listValued,
        String changeCommand,
        String applyStatement,
        String restoreStatement,
        String takesEffect) implements CatalogObject {

    public ServerSetting {
        Objects.requireNonNull(name, "setting name must not be null");
        Objects.requireNonNull(context, "setting context must not be null");
        Objects.requireNonNull(level, "setting level must not be null");
        applyStatement = applyStatement == null ? "" : applyStatement;
    }

    @Override
    public String objectName() {
        return role == null ? name : name + " for role " + role;
    }

    /**
     * The statement that sets this setting to {@code newValue} at {@link #changeLevel()}, followed by the
     * reload it needs, e.g. {@code ALTER DATABASE app SET work_mem = '64MB';}. The value is quoted as a
     * literal (as {@code format('%L')} would); list settings such as search_path take it as written.
     *
     * @throws IllegalStateException for a setting that cannot be changed ({@code internal})
     */
    public String changeStatement(String newValue) {
        if (changeCommand == null) {
            throw new IllegalStateException(name + " cannot be changed (context " + context + ")");
        }
        String statement = changeCommand + " = " + (listValued ? newValue : literal(newValue)) + ";";
        return applyStatement.isEmpty() ? statement : statement + " " + applyStatement;
    }

    /** Whether a new value only takes effect when the server restarts (context postmaster). */
    public boolean needsRestart() {
        return "postmaster".equals(context);
    }

    /** Whether a new value takes effect on reload, without a restart (context sighup). */
    public boolean appliesOnReload() {
        return "sighup".equals(context);
    }

    /** A SQL string literal, as PostgreSQL's quote_literal writes it. */
    static String literal(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        return value.contains("\\") ? "E" + quoted.replace("\\", "\\\\") : quoted;
    }
}
