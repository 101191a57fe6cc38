package dev.pgwarden.engine;

import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts read from one file the run was given (a probe, a baseline): without the file the checks that need them are
 * skipped with how to make one; with it the file is read once per run, to a value or to the outcome that says why
 * those checks cannot run, and each check's facts are added from that value.
 *
 * @param <T> what reading the file gives
 */
abstract class FileFactSource<T> implements FactSource {

    private final Path file;
    private Reading<T> reading;

    /** @param file the file given; null when the run was given none */
    FileFactSource(Path file) {
        this.file = file;
    }

    /** What reading the file gave: the value, or why the checks that need it cannot run. */
    record Reading<T>(T value, Outcome cannotRun) {

        static <T> Reading<T> of(T value) {
            return new Reading<>(Objects.requireNonNull(value, "value must not be null"), null);
        }

        static <T> Reading<T> cannot(Outcome why) {
            return new Reading<>(null, Objects.requireNonNull(why, "why must not be null"));
        }
    }

    /** Adds facts from the file's value, or says why a check cannot run after all. */
    @FunctionalInterface
    interface Adder<T> {
        Optional<Outcome> add(T value, List<Object> facts);
    }

    @Override
    public final boolean given() {
        return file != null;
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        return addTo(facts, this::add);
    }

    /** Another view of the same file: a source whose facts {@code adder} takes from the value read once for all views. */
    final FactSource view(Adder<T> adder) {
        return new FactSource() {
            @Override
            public Optional<Outcome> addTo(List<Object> facts) {
                return FileFactSource.this.addTo(facts, adder);
            }

            @Override
            public boolean given() {
                return FileFactSource.this.given();
            }
        };
    }

    final Path file() {
        return file;
    }

    /** The file's value once read, or why it cannot be used; read on first use. Only with a file given. */
    final Reading<T> reading() {
        if (reading == null) {
            reading = read(file);
        }
        return reading;
    }

    /** The skip of a check whose file was not given, naming what makes one. */
    protected abstract Outcome notGiven(List<Object> facts);

    protected abstract Reading<T> read(Path file);

    protected abstract Optional<Outcome> add(T value, List<Object> facts);

    private Optional<Outcome> addTo(List<Object> facts, Adder<T> adder) {
        if (file == null) {
            return Optional.of(notGiven(facts));
        }
        Reading<T> read = reading();
        return read.cannotRun() != null ? Optional.of(read.cannotRun()) : adder.add(read.value(), facts);
    }
}
