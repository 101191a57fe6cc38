package dev.pgwarden.rules;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import org.kie.api.KieBase;

/**
 * A check whose DRL compiled: its definition and the Drools knowledge base built from it. Rules that compiled
 * before may still be loading from the compiled-rule cache; {@link #knowledgeBase()} waits for them.
 */
public final class CompiledCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledCheck.class);
    private final CheckDefinition definition;
    private final Future<KieBase> knowledgeBase;
    private volatile java.util.Optional<RuleRequirements> requirements;

    public CompiledCheck(CheckDefinition definition, KieBase knowledgeBase) {
        this(definition, CompletableFuture.completedFuture(Objects.requireNonNull(knowledgeBase, "knowledgeBase must not be null")));
    }

    CompiledCheck(CheckDefinition definition, Future<KieBase> knowledgeBase) {
        this.definition = Objects.requireNonNull(definition, "definition must not be null");
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase must not be null");
    }

    public CheckDefinition definition() {
        return definition;
    }

    /** @throws IllegalStateException when the rules could not be loaded after all */
    public KieBase knowledgeBase() {
        try {
            if (knowledgeBase.isDone()) {
                return knowledgeBase.get();
            }
            if (knowledgeBase instanceof RunnableFuture<KieBase> notStarted) {
                notStarted.run(); // loads here what the loader has not started (or was withdrawn from it); else a no-op
            }
            // How long a run waits for rules is what they cost it; the benchmark reads this line.
            long start = System.nanoTime();
            KieBase loaded = knowledgeBase.get();
            LOG.debug("waited {} ms for the rules of {}", (System.nanoTime() - start) / 1_000_000, id());
            return loaded;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause instanceof RuleLoadException ? cause.getMessage() : definition.drlSource() + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the rules of " + definition.drlSource(), e);
        }
    }

    public String id() {
        return definition.id();
    }

    /**
     * Whether any of the check's rules could fire on these facts; true unless the build worked out what they need
     * (see {@link RuleRequirements}) and no rule finds it here.
     */
    boolean canFire(java.util.Collection<?> facts) {
        if (requirements == null) {
            requirements = PrecompiledRules.requirements(definition);
        }
        return requirements.map(needs -> needs.canFire(facts)).orElse(true);
    }

    /** Loads the rules only if a run gets to judge with them, not ahead (a check the run will skip, say). */
    public void loadOnlyIfUsed() {
        RuleLoader.withdraw(knowledgeBase);
    }

    public CheckMetadata metadata() {
        return definition.metadata();
    }
}
