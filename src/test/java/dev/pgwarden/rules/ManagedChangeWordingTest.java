package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.Platform;
import org.junit.jupiter.api.Test;

/** The AWS CLI commands a remediation becomes on RDS, for values the shell or the shorthand syntax would mangle. */
class ManagedChangeWordingTest {

    private final ManagedChangeWording rds = new ManagedChangeWording(Platform.RDS, name -> null);

    @Test
    void aListValueKeepsItsCommasInTheShorthandSyntax() {
        assertThat(rds.reword("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements,auto_explain'; -- then restart the server"))
                .startsWith("aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                        + " \"ParameterName=shared_preload_libraries,ParameterValue='pg_stat_statements,auto_explain',ApplyMethod=pending-reboot\"");
    }

    @Test
    void whatTheShellWouldExpandBetweenDoubleQuotesIsEscaped() {
        // search_path's default: "$user" would be a shell variable inside the command's double quotes
        assertThat(rds.reword("ALTER SYSTEM SET search_path = '\"$user\", public'; SELECT pg_reload_conf();"))
                .startsWith("aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                        + " \"ParameterName=search_path,ParameterValue='\\\"\\$user\\\", public',ApplyMethod=immediate\"");
    }

    @Test
    void aPlainValueIsWrittenAsItIs() {
        assertThat(rds.reword("ALTER SYSTEM SET work_mem = '64MB'; SELECT pg_reload_conf();"))
                .contains("\"ParameterName=work_mem,ParameterValue=64MB,ApplyMethod=immediate\"");
    }

    @Test
    void aRestartOfTheServerBecomesTheProvidersRestartOfTheInstance() {
        String selfManaged = "restart at a time you choose:\n  pg_ctl restart -D <data directory>  # or your service manager's restart\n";
        assertThat(rds.reword(selfManaged)).isEqualTo("restart at a time you choose:\n"
                + "  aws rds reboot-db-instance --db-instance-identifier <instance>  # Amazon RDS for PostgreSQL restarts the instance; it is unavailable meanwhile\n");
        assertThat(new ManagedChangeWording(Platform.CLOUDSQL, name -> null).reword(selfManaged))
                .contains("gcloud sql instances restart <instance>").doesNotContain("pg_ctl");
        assertThat(new ManagedChangeWording(Platform.SELF_MANAGED, name -> null).reword(selfManaged)).isEqualTo(selfManaged);
    }
}
