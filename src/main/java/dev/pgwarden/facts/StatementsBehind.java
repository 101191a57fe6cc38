package dev.pgwarden.facts;

import java.util.Optional;

/**
 * A fact whose findings are explained by statements: the engine looks up the pg_stat_statements entries it
 * names and their plans, and adds them to the finding's evidence.
 */
public interface StatementsBehind {

    /** The statements behind this fact, or empty when it is not about statements. */
    Optional<StatementMatch> statementsBehind();
}
