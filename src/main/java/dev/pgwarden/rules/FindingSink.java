package dev.pgwarden.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The global every rule reports through ({@code global dev.pgwarden.rules.FindingSink findings;}). A
 * consequence only names what it found; rendering happens outside the rule.
 */
public final class FindingSink {

    private final String checkId;
    private final Set<String> knownKinds;
    private final List<RuleFinding> findings = new ArrayList<>();
    private String skipReason;

    public FindingSink(String checkId, Set<String> knownKinds) {
        this.checkId = checkId;
        this.knownKinds = Set.copyOf(knownKinds);
    }

    /**
     * Reports one offending object.
     *
     * @param kind    which of the metadata's {@code findings} templates renders it
     * @param subject the fact naming the object (a {@link dev.pgwarden.facts.CatalogObject}) or a plain name
     * @param context further facts whose values belong in the evidence
     */
    public void report(String kind, Object subject, String message, Object... context) {
        if (!knownKinds.contains(kind)) {
            throw new IllegalArgumentException("rule of check " + checkId + " reported finding kind '" + kind
                    + "', but its metadata only declares " + knownKinds);
        }
        findings.add(new RuleFinding(kind, subject, message, Arrays.asList(context)));
    }

    /**
     * Says the check cannot judge these facts (too few samples, say); the check is skipped with this
     * reason whatever else was reported. The first reason given wins.
     */
    public void skip(String reason) {
        if (skipReason == null) {
            skipReason = reason;
        }
    }

    /** Null unless a rule called {@link #skip}. */
    public String skipReason() {
        return skipReason;
    }

    public List<RuleFinding> findings() {
        return List.copyOf(findings);
    }
}
