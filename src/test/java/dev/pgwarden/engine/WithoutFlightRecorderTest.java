package dev.pgwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The context class loader pgwarden's launcher is made with: everything but the JDK's Flight Recorder. */
class WithoutFlightRecorderTest {

    private final ClassLoader loader = new WithoutFlightRecorder(getClass().getClassLoader());

    @Test
    void flightRecorderIsNotThere() {
        assertThatThrownBy(() -> Class.forName("jdk.jfr.FlightRecorder", false, loader)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everythingElseIsTheParentsOwn() throws Exception {
        assertThat(Class.forName(PgwardenTestEngine.class.getName(), false, loader)).isSameAs(PgwardenTestEngine.class);
        assertThat(Class.forName("java.sql.Connection", false, loader)).isSameAs(java.sql.Connection.class);
        assertThat(loader.getResource("META-INF/services/org.junit.platform.engine.TestEngine")).isNotNull();
    }
}
