package dev.pgwarden.facts.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed table of built-in settings is what the real servers of PostgreSQL 13 to 18 say, so it cannot
 * drift from them. With {@code -Dpgwarden.settings.write=true} the test writes the table instead.
 */
class BuiltInSettingsTableTest {

    private static final Path COMMITTED = Path.of("src/main/resources", BuiltInSettings.RESOURCE);

    @Test
    void theCommittedTableIsWhatTheServersOfEveryMajorSay() throws Exception {
        String generated = BuiltInSettingsGenerator.generate(List.of(13, 14, 15, 16, 17, 18));
        if (Boolean.getBoolean("pgwarden.settings.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s differs from the servers: write it again with "
                        + "mvn -o test -Dtest=BuiltInSettingsTableTest -Dpgwarden.settings.write=true", COMMITTED)
                .isEqualTo(generated);
    }
}
