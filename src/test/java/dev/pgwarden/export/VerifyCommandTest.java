package dev.pgwarden.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.ShellWord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verify command names the check with only its own overrides, and survives a shell whatever the values hold. */
class VerifyCommandTest {

    @Test
    void onlyTheChecksOwnOverridesAndTheSuiteWhenNotTheDefault() {
        VerifyCommand verify = new VerifyCommand("postgresql://app@db:5432/shop", "ci-gate", Path.of("my rules"),
                List.of("xid-age.max_age=1500000000", "missing-analyze.min_rows=10"));

        assertThat(verify.forCheck("xid-age")).isEqualTo("pgwarden check --url postgresql://app@db:5432/shop --suite ci-gate"
                + " --rules 'my rules' --check xid-age --set xid-age.max_age=1500000000");
        assertThat(new VerifyCommand("postgresql://app@db:5432/shop", "default", null, List.of()).forCheck("xid-age"))
                .isEqualTo("pgwarden check --url postgresql://app@db:5432/shop --check xid-age");
    }

    @Test
    void wordsAShellWouldChangeAreQuoted() {
        assertThat(ShellWord.of("it's $HOME; `x`")).isEqualTo("'it'\\''s $HOME; `x`'");
        assertThat(ShellWord.of("")).isEqualTo("''");
    }
}
