package dev.pgwarden.engine;

/**
 * A class loader that finds everything its parent finds except the JDK's Flight Recorder. JUnit 6.1 registers
 * its Flight Recorder listeners with every launcher when the context class loader can load
 * {@code jdk.jfr.FlightRecorder}, with no switch to turn them off; registering their events is about 100 ms of
 * a check's start, for recordings nobody makes of one. pgwarden creates its launcher with this as context class
 * loader, and with the usual one again afterwards.
 */
final class WithoutFlightRecorder extends ClassLoader {

    WithoutFlightRecorder(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("jdk.jfr.")) {
            throw new ClassNotFoundException(name + " is left out of pgwarden's own JUnit launcher");
        }
        return super.loadClass(name, resolve);
    }
}
