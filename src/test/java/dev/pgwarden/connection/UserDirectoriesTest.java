package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HOME first, then the account's home; XDG_CACHE_HOME first, then the home's .cache. */
class UserDirectoriesTest {

    @Test
    void homeIsHomeThenTheAccountsHome() {
        assertThat(new UserDirectories(Map.of("HOME", "/ci/home"), "/home/alice").home()).contains(Path.of("/ci/home"));
        assertThat(new UserDirectories(Map.of(), "/home/alice").home()).contains(Path.of("/home/alice"));
        assertThat(new UserDirectories(Map.of("HOME", " "), "/home/alice").home()).contains(Path.of("/home/alice"));
    }

    @Test
    void anAccountWithoutAHomeHasNone() {
        // The JDK's user.home for a UID without a password database entry, as in containers run under any UID.
        assertThat(new UserDirectories(Map.of(), "?").home()).isEmpty();
        assertThat(new UserDirectories(Map.of(), null).home()).isEmpty();
        assertThat(new UserDirectories(Map.of(), "?").cache()).isEmpty();
    }

    @Test
    void cacheIsXdgCacheHomeThenTheHomesCache() {
        assertThat(new UserDirectories(Map.of("XDG_CACHE_HOME", "/ci/cache", "HOME", "/ci/home"), "/home/alice").cache())
                .contains(Path.of("/ci/cache"));
        assertThat(new UserDirectories(Map.of("HOME", "/ci/home"), "/home/alice").cache()).contains(Path.of("/ci/home/.cache"));
        assertThat(new UserDirectories(Map.of("XDG_CACHE_HOME", ""), "/home/alice").cache()).contains(Path.of("/home/alice/.cache"));
    }
}
