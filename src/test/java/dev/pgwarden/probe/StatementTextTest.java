package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which captured texts are kept whole and which are withheld as utility statements. */
class StatementTextTest {

    @Test
    void aQueryIsKeptWholeAndAUtilityStatementByItsFirstTwoWords() {
        assertThat(StatementText.kept("  SELECT pg_sleep(0.05); ")).isEqualTo("SELECT pg_sleep(0.05);");
        assertThat(StatementText.kept("ALTER ROLE app PASSWORD 'secret'"))
                .isEqualTo("ALTER ROLE … (utility statement, text withheld)");
    }

    @Test
    void aStatementIsKnownByItsFirstWordAfterLeadingComments() {
        assertThat(StatementText.kept("-- One sample of the profile\n-- second line\nSELECT pid FROM pg_stat_activity"))
                .isEqualTo("-- One sample of the profile\n-- second line\nSELECT pid FROM pg_stat_activity");
        assertThat(StatementText.kept("/* app:billing */ update accounts set abalance = 0"))
                .isEqualTo("/* app:billing */ update accounts set abalance = 0");
        assertThat(StatementText.kept("-- rotate\nALTER ROLE app PASSWORD 'secret'"))
                .isEqualTo("ALTER ROLE … (utility statement, text withheld)");
    }

    @Test
    void aCommentCutShortByTheCaptureLeavesTheTextWithheld() {
        assertThat(StatementText.kept("/* a comment longer than the captured bytes"))
                .endsWith("(utility statement, text withheld)");
    }
}
