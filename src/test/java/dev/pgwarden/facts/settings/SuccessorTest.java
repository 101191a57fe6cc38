package dev.pgwarden.facts.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written successors agree with the table of built-in settings, and a renamed setting's old name is
 * taken by the new major exactly when the successor says so, as that major's real server answers.
 */
class SuccessorTest {

    private final BuiltInSettings table = BuiltInSettings.shipped();

    @Test
    void everySettingAMajorNoLongerListsHasASuccessorAndEverySuccessorSuchASetting() {
        List<String> gone = new ArrayList<>();
        for (int major : table.majors().subList(1, table.majors().size())) {
            for (BuiltInSetting before : table.of(major - 1).values()) {
                if (table.of(before.name(), major).isEmpty()) {
                    gone.add(before.name() + " in " + major);
                }
            }
        }
        assertThat(Successor.known()).extracting(s -> s.name() + " in " + s.goneIn()).containsExactlyInAnyOrderElementsOf(gone);
    }

    @Test
    void aNewNameAppearsInTheMajorThatDroppedTheOldOne() {
        for (Successor successor : Successor.known()) {
            if (successor.newName() != null) {
                assertThat(table.of(successor.newName(), successor.goneIn())).as(successor.newName()).isPresent();
                assertThat(table.of(successor.newName(), successor.goneIn() - 1)).as(successor.newName()).isEmpty();
            } else {
                assertThat(successor.instead()).as(successor.name()).isNotBlank();
            }
        }
    }

    @Test
    void theNewMajorTakesAnOldNameExactlyWhenTheSuccessorSaysSo() throws Exception {
        for (Successor successor : Successor.known()) {
            try (Connection c = PostgresServers.superuser(PostgresServers.shared(successor.goneIn()), "postgres");
                 PreparedStatement s = c.prepareStatement("SELECT current_setting(?, true) IS NOT NULL")) {
                s.setString(1, successor.name());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getBoolean(1)).as(successor.name() + " on PostgreSQL " + successor.goneIn()).isEqualTo(successor.accepted());
                }
            }
        }
    }
}
