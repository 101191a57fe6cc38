package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgPassFileTest {

    private static final List<String> LINES = List.of(
            "# comment:lines:are:ignored:nope",
            "",
            "db.example:5432:app:alice:first",
            "db.example:5432:app:alice:second-never-used",
            "db.example:*:*:bob:bob-any-port-any-db",
            "*:*:*:carol:carol-anywhere",
            "we\\:ird:5432:d\\\\b:dave:pass\\:with\\\\escapes",
            "literal:5432:\\*:erin:only-a-database-named-star",
            "short:5432:app:frank",
            "\\:\\:1:5432:app:gina:ipv6-colons-escaped",
            "*:*:*:*:fallback");

    private final PgPassFile file = PgPassFile.parse(LINES);

    @ParameterizedTest(name = "{0}:{1}:{2}:{3} -> {4}")
    @CsvSource({
        "db.example, 5432, app,   alice, first",
        "db.example, 5433, app,   alice, fallback",
        "db.example, 6000, other, bob,   bob-any-port-any-db",
        "elsewhere,  5432, app,   bob,   fallback",
        "anyhost,    1,    x,     carol, carol-anywhere",
        "we:ird,     5432, d\\b,  dave,  pass:with\\escapes",
        "literal,    5432, *,     erin,  only-a-database-named-star",
        "literal,    5432, app,   erin,  fallback",
        "short,      5432, app,   frank, fallback",
        "::1,        5432, app,   gina,  ipv6-colons-escaped",
    })
    void firstMatchingLineWinsWithWildcardsAndEscapes(String host, int port, String db, String user, String expected) {
        assertThat(file.find(host, port, db, user)).contains(expected);
    }

    @Test
    void noMatchWithoutAFallbackLine() {
        PgPassFile strict = PgPassFile.parse(LINES.subList(0, 4));
        assertThat(strict.find("db.example", 5432, "app", "zoe")).isEmpty();
    }

    @Test
    void missingFileIsEmpty(@TempDir Path dir) {
        assertThat(PgPassFile.load(dir.resolve("nope")).find("h", 5432, "d", "u")).isEmpty();
    }

    @Test
    void privateFileIsRead(@TempDir Path dir) throws IOException {
        Path pgpass = write(dir, "rw-------");
        assertThat(PgPassFile.load(pgpass).find("h", 5432, "d", "u")).contains("pw");
    }

    @ParameterizedTest
    @CsvSource({"rw-r-----", "rw----r--", "rw--w----", "rwx---rwx"})
    void fileAccessibleByGroupOrOthersIsIgnoredLikeLibpqDoes(String permissions, @TempDir Path dir) throws IOException {
        Path pgpass = write(dir, permissions);
        assertThat(PgPassFile.load(pgpass).find("h", 5432, "d", "u")).isEmpty();
    }

    @Test
    void resolverUsesPgpassInTheHomeDirectoryWhenNoPasswordIsGiven(@TempDir Path home) throws Exception {
        write(home, "rw-------");
        TargetResolver resolver = new TargetResolver(Map.of(), home, "osuser");
        assertThat(resolver.resolve("postgresql://u@h/d").password()).isEqualTo("pw");
        assertThat(resolver.resolve("jdbc:postgresql://h:5432/d?user=u").password()).isEqualTo("pw");
        assertThat(resolver.resolve("postgresql://u:given@h/d").password()).isEqualTo("given");
        assertThat(resolver.resolve("postgresql://other@h/d").password()).isNull();
    }

    @Test
    void resolverMatchesPgpassAgainstDefaultsAndEnvironment(@TempDir Path home) throws Exception {
        Path elsewhere = Files.createDirectory(home.resolve("elsewhere"));
        Path pgpass = Files.write(elsewhere.resolve("pass"), List.of("localhost:5432:u:u:from-pgpassfile"));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("PGUSER", "u", "PGPASSFILE", pgpass.toString());
        assertThat(new TargetResolver(env, home, "osuser").resolve(null).password()).isEqualTo("from-pgpassfile");
    }

    @Test
    void pgPasswordWinsOverPgpass(@TempDir Path home) throws Exception {
        write(home, "rw-------");
        Map<String, String> env = Map.of("PGHOST", "h", "PGUSER", "u", "PGDATABASE", "d", "PGPASSWORD", "env");
        assertThat(new TargetResolver(env, home, "osuser").resolve(null).password()).isEqualTo("env");
    }

    private static Path write(Path dir, String permissions) throws IOException {
        Path pgpass = Files.write(dir.resolve(".pgpass"), List.of("h:5432:d:u:pw"));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(permissions));
        return pgpass;
    }
}
