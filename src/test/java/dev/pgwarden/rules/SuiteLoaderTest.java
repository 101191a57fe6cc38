package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite files: read with their parameter values as text, and every mistake named with file, line and key. */
class SuiteLoaderTest {

    @TempDir
    Path dir;

    @Test
    void suiteFileIsReadWithValuesAsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("nightly.yaml"), """
                name: nightly
                checks:
                  seq-scan-large-table:
                    parameters:
                      min_size: 10GB
                  xid-age: {}
                """);

        Suite suite = new SuiteLoader().load(file.toString());

        assertThat(suite.name()).isEqualTo("nightly");
        assertThat(suite.checks()).containsOnlyKeys("seq-scan-large-table", "xid-age");
        assertThat(suite.checks().get("seq-scan-large-table").parameters()).isEqualTo(Map.of("min_size", "10GB"));
    }

    @Test
    void unknownKeyInASuiteIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("nightly.yaml"), """
                name: nightly
                descripton: typo
                checks:
                  xid-age: {}
                """);

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new SuiteLoader().load(file.toString()));

        assertThat(e.getMessage()).isEqualTo(file + ":2: key 'descripton': unknown key (known: checks, description, name, waivers)");
    }

    @Test
    void unknownCheckInASuiteIsNamedWithTheFileLineAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("nightly.yaml"), """
                name: nightly
                checks:
                  xid-ages: {}
                """);
        Suite suite = new SuiteLoader().load(file.toString());

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> new CheckSelector(RuleCatalog.builtIn(), new RuleCompiler()).select(suite, List.of(), Map.of()));

        assertThat(e.getMessage()).startsWith(file + ":3: key 'checks.xid-ages': unknown check 'xid-ages' (known: ");
    }
}
