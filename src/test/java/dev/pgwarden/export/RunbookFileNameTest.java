package dev.pgwarden.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page names stay the same for the same object, and are plain file names whatever the object is called. */
class RunbookFileNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"public.orders", "public.\"Orders\"", "../../etc/passwd", "/", "", "\"a/b\\c:d*e?f\"", "schéma.tablé",
            "日本語.表", "CON", "pid 827", "127.0.0.1:5432"})
    void aSafeNameTheSameOnEveryRun(String object) {
        String name = RunbookFileName.of("missing-analyze", object);

        assertThat(name).matches("missing-analyze--[a-z0-9-]*[0-9a-f]{8}\\.md").hasSizeLessThan(120)
                .isEqualTo(RunbookFileName.of("missing-analyze", object));
    }

    @org.junit.jupiter.api.Test
    void aLongNameIsCut() {
        assertThat(RunbookFileName.of("missing-analyze", "x".repeat(500))).matches("missing-analyze--x{80}-[0-9a-f]{8}\\.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.\"Orders\"", "public.\"orders \"", "public.\"ordérs\""})
    void objectsTheSlugCannotTellApartGetDifferentNames(String object) {
        assertThat(RunbookFileName.of("missing-analyze", object)).isNotEqualTo(RunbookFileName.of("missing-analyze", "public.orders"));
    }
}
