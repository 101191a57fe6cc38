package dev.pgwarden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class DebianClusterTest {

    @Test
    void startsDebiansServerWithItsSettingsAndSocket() throws Exception {
        try (DebianCluster cluster = DebianCluster.builder().setting("work_mem", "'7MB'").start()) {
            String database = cluster.createDatabase("fixture");
            try (Connection c = cluster.superuser(database);
                 ResultSet rows = c.createStatement().executeQuery(
                         "SELECT current_setting('server_version_num')::int / 10000, current_setting('work_mem')")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(15);
                assertThat(rows.getString(2)).isEqualTo("7MB");
            }
            assertThat(cluster.socketDirectory().resolve(".s.PGSQL." + cluster.port())).exists();
            assertThat(Files.readString(java.nio.file.Path.of("/proc/" + cluster.postmasterPid() + "/cmdline")))
                    .contains("/usr/lib/postgresql/15/bin/postgres");
        }
    }
}
