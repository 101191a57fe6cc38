package dev.pgwarden.results;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted exception: findings of one check on objects matching a pattern do not fail the run until
 * the waiver expires. A reason and an expiry are required so waivers are justified and revisited.
 *
 * @param ticket where the exception is tracked; may be null
 * @param owner  who answers for it; may be null
 */
public record Waiver(String check, ObjectPattern object, String reason, LocalDate expires, String ticket, String owner) {

    public Waiver(String check, ObjectPattern object, String reason, LocalDate expires, String ticket) {
        this(check, object, reason, expires, ticket, null);
    }

    public Waiver {
        Objects.requireNonNull(check, "waiver 'check' is required");
        Objects.requireNonNull(object, "waiver 'object' is required");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("waiver 'reason' is required: say why the finding is accepted");
        }
        Objects.requireNonNull(expires, "waiver 'expires' is required (a date such as 2027-03-31)");
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    public String describe() {
        return "waiver for " + check + " on '" + object + "' (" + reason + (ticket == null ? "" : ", " + ticket)
                + (owner == null ? "" : ", owner " + owner) + ", expires " + expires + ")";
    }
}
