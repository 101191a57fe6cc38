package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a host: the first socket directory holding the server's socket for the port, as psql tries the socket
 * first, else localhost over TCP. The directories are handed in, so a plain file stands for the socket.
 */
class DefaultSocketTest {

    @TempDir
    Path home;
    @TempDir
    Path empty;
    @TempDir
    Path sockets;

    private ConnectionSettings resolve(Map<String, String> env, List<Path> directories) throws TargetConfigException {
        return new TargetResolver(env, home, "osuser", directories).resolve(null);
    }

    @Test
    void theFirstDirectoryWithTheSocketForThePortIsUsed() throws Exception {
        Files.createFile(sockets.resolve(".s.PGSQL.5432"));

        ConnectionSettings settings = resolve(Map.of(), List.of(empty, sockets));

        assertThat(settings.properties()).containsEntry("socketFactoryArg", sockets.resolve(".s.PGSQL.5432").toString());
        assertThat(settings.describe()).isEqualTo("postgresql://osuser@/osuser?host=" + sockets);
    }

    @Test
    void theSocketMustBeForThePortAsked() throws Exception {
        Files.createFile(sockets.resolve(".s.PGSQL.5432"));

        assertThat(resolve(Map.of("PGPORT", "5433"), List.of(sockets)).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/osuser");
    }

    @Test
    void withoutASocketItIsLocalhostOverTcp() throws Exception {
        ConnectionSettings settings = resolve(Map.of(), List.of(empty));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/osuser");
        assertThat(settings.properties()).doesNotContainKey("socketFactory");
        assertThat(settings.describe()).isEqualTo("postgresql://osuser@localhost:5432/osuser");
    }

    @Test
    void thePgpassFileNamesLibpqsDefaultSocketDirectoryAsLocalhostAndOthersByTheirPath() throws Exception {
        Path pgpass = Files.write(home.resolve(".pgpass"), List.of("/srv/sockets:5432:*:*:by-path", "localhost:5432:*:*:by-localhost"));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        assertThat(resolve(Map.of("PGHOST", "/var/run/postgresql"), List.of()).password()).isEqualTo("by-localhost");
        assertThat(resolve(Map.of("PGHOST", "/srv/sockets"), List.of()).password()).isEqualTo("by-path");
    }
}
