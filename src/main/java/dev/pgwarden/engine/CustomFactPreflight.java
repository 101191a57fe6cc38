package dev.pgwarden.engine;

import dev.pgwarden.facts.CustomFact;
import dev.pgwarden.facts.CustomFactMismatchException;
import dev.pgwarden.facts.CustomFactReader;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Before a run, has the target parse and describe the fact queries of a rules directory (nothing is
 * executed, on the same read-only session settings as the run), so SQL that cannot parse and columns that
 * differ from their declaration are usage errors naming file and key rather than a check's error status.
 * Failures that depend on the database's contents or the role's privileges (an undefined table or function, a
 * missing privilege) are left to the run, where they skip or error that check alone like a built-in fact.
 */
public final class CustomFactPreflight {

    // SQLSTATEs of class 42 that say what the database lacks, not that the statement is wrong.
    private static final Set<String> DEPENDS_ON_DATABASE = Set.of("42501", "42P01", "42883", "42703", "42704", "3F000");

    private CustomFactPreflight() {
    }

    /** @throws RuleLoadException naming the file and key of the first query that is wrong as written */
    public static void describe(RunPlan plan) throws RuleLoadException {
        if (plan.checks().stream().allMatch(check -> check.metadata().customFacts().isEmpty())) {
            return;
        }
        try (TargetSession session = TargetSession.open(plan.target(), plan.sessionOptions())) {
            CustomFactReader reader = new CustomFactReader(session.connection());
            for (SelectedCheck check : plan.checks()) {
                for (Map.Entry<String, CustomFact> fact : check.metadata().customFacts().entrySet()) {
                    describe(reader, fact.getKey(), fact.getValue());
                }
            }
        } catch (TargetUnreachableException e) {
            // The run itself reports an unreachable target, with its own exit status.
        }
    }

    private static void describe(CustomFactReader reader, String name, CustomFact fact) throws RuleLoadException {
        try {
            reader.describe(name, fact);
        } catch (CustomFactMismatchException e) {
            throw new RuleLoadException(e.getMessage(), e);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("42") && !DEPENDS_ON_DATABASE.contains(state)) {
                throw new RuleLoadException(fact.origin().fact() + ": the server cannot parse the query of " + name + " ["
                        + state + "]: " + SqlFailures.firstLine(e.getMessage()), e);
            }
        }
    }
}
