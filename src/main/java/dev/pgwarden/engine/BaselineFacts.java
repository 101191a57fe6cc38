package dev.pgwarden.engine;

import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code baseline} facts: the values a baseline file recorded; checks that need them skip without one. */
final class BaselineFacts implements FactSource {

    static final String KIND = "baseline";
    private final Path file;

    BaselineFacts(Path file) {
        this.file = file;
    }

    @Override
    public boolean given() {
        return file != null;
    }

    /** Why a check that needs a baseline is skipped when the run was given none. */
    static Outcome notGiven() {
        return Outcome.skipped("no baseline given: save one with '" + CommandName.of("baseline save --out FILE")
                + "', then pass --baseline FILE");
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        if (!given()) {
            return Optional.of(notGiven());
        }
        try {
            facts.addAll(BaselineFile.read(file, CommandName.of("baseline save --out FILE")));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Outcome.errored(e.getMessage()));
        }
    }
}
