package dev.pgwarden.report;

import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Sha256;

/**
 * What makes two findings of two runs the same: the check, the kind of finding and the object's qualified
 * name. Severity, message and numbers may differ between the runs; the finding is still the same one.
 * SARIF's fingerprint, {@code pgwarden diff} and {@code check --previous} all match findings by it.
 */
public record FindingKey(String check, String kind, String object) {

    public static FindingKey of(String target, String check, Finding finding) {
        return new FindingKey(check, String.valueOf(finding.evidence().get("kind")), ObjectPath.of(target, finding).qualifiedName());
    }

    /** The key as code scanning's {@code primaryLocationLineHash} carries it. */
    public String fingerprint() {
        return Sha256.of(check + '\n' + kind + '\n' + object) + ":1";
    }

    /** "check on object", as diffs and messages name a finding. */
    public String describe() {
        return check + " on " + object;
    }
}
