package dev.pgwarden.results;

import java.util.List;
import java.util.Objects;

/** The closed set of ways a check can end. A skip is a value with its reason, not an exception. */
public sealed interface Outcome {

    Status status();

    /** No finding. */
    record Passed() implements Outcome {
        public Status status() {
            return Status.PASSED;
        }
    }

    /** At least one finding. */
    record Failed(List<Finding> findings) implements Outcome {
        public Failed {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a failed outcome needs at least one finding");
            }
        }

        public Status status() {
            return Status.FAILED;
        }
    }

    /** The check could not run here (missing privilege, extension, version or input). */
    record Skipped(String reason) implements Outcome {
        public Skipped {
            Objects.requireNonNull(reason, "skip reason must not be null");
        }

        public Status status() {
            return Status.SKIPPED;
        }
    }

    /** The check broke while running (its SQL failed or timed out); other checks still run. */
    record Errored(String reason) implements Outcome {
        public Errored {
            Objects.requireNonNull(reason, "error reason must not be null");
        }

        public Status status() {
            return Status.ERROR;
        }
    }

    static Outcome passed() {
        return new Passed();
    }

    static Outcome of(List<Finding> findings) {
        return findings.isEmpty() ? new Passed() : new Failed(findings);
    }

    static Outcome skipped(String reason) {
        return new Skipped(reason);
    }

    static Outcome errored(String reason) {
        return new Errored(reason);
    }
}
