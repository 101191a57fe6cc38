package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service file's syntax, as libpq reads it, without a database. */
class ServiceFileTest {

    private static final Path FILE = Path.of("/etc/pg_service.conf");

    private static ServiceFile file(String... lines) {
        return ServiceFile.of(FILE, List.of(lines));
    }

    @Test
    void aSectionGivesItsSettingsAndCommentsBlankLinesAndIndentingAreIgnored() throws Exception {
        TargetParts parts = file(
                "# the reporting replica",
                "[reports]",
                "  host=/var/run/postgresql  ",
                "",
                "port=5433",
                "\t# a comment inside the section",
                "dbname=sales",
                "user=auditor",
                "password=s=cr t",
                "sslmode=verify-full",
                "connect_timeout=4").section("reports").orElseThrow();

        assertThat(parts.host()).isEqualTo("/var/run/postgresql");
        assertThat(parts.port()).isEqualTo(5433);
        assertThat(parts.database()).isEqualTo("sales");
        assertThat(parts.user()).isEqualTo("auditor");
        assertThat(parts.password()).as("the value is everything after the first '='").isEqualTo("s=cr t");
        assertThat(parts.properties()).isEqualTo(Map.of("sslmode", "verify-full", "connectTimeout", "4"));
    }

    @Test
    void onlyTheNamedSectionCountsAndItsFirstOccurrence() throws Exception {
        ServiceFile file = file(
                "[ab]", "dbname=ab",
                "[a]", "dbname=first",
                "[b]", "dbname=b",
                "[a]", "dbname=second");

        assertThat(file.section("a").orElseThrow().database()).isEqualTo("first");
        assertThat(file.section("b").orElseThrow().database()).isEqualTo("b");
        assertThat(file.section("c")).isEmpty();
        assertThat(file.section("[a")).isEmpty();
    }

    @Test
    void anEmptySectionIsDefinedAndSaysNothing() throws Exception {
        assertThat(file("[empty]", "[other]", "dbname=x").section("empty")).contains(TargetParts.NONE);
    }

    @Test
    void mistakesInOtherSectionsAreNotLookedAt() throws Exception {
        assertThat(file("[broken]", "no equals sign", "hostname=x", "[good]", "dbname=d").section("good").orElseThrow().database())
                .isEqualTo("d");
    }

    @Test
    void aLineWithoutEqualsIsASyntaxErrorNamingFileAndLineButNotTheLine() {
        assertThatThrownBy(() -> file("[a]", "dbname=d", "hunter2secret").section("a"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("syntax error in service file /etc/pg_service.conf, line 3: expected keyword=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void spacesAroundEqualsAreNotAllowedAsInLibpq() {
        assertThatThrownBy(() -> file("[a]", "host = db").section("a"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("unsupported parameter 'host ' in service file /etc/pg_service.conf, line 2; supported: host,");
    }

    @Test
    void aKeywordPgwardenDoesNotTakeIsNamedWithFileAndLine() {
        assertThatThrownBy(() -> file("# x", "[a]", "target_session_attrs=read-write").section("a"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("unsupported parameter 'target_session_attrs' in service file /etc/pg_service.conf, line 3");
    }

    @Test
    void aNestedServiceIsRefused() {
        assertThatThrownBy(() -> file("[a]", "service=b").section("a"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("nested service specifications are not supported, in service file /etc/pg_service.conf, line 2");
    }

    @Test
    void aBadPortIsNamedWithFileAndLine() {
        assertThatThrownBy(() -> file("[a]", "port=54x2").section("a"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("port must be a number from 1 to 65535, got '54x2' in service file /etc/pg_service.conf, line 2");
    }
}
