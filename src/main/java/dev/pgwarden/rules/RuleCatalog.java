package dev.pgwarden.rules;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Every check pgwarden knows: the built-in ones, in id order. */
public final class RuleCatalog {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleCatalog.class);
    private final Map<String, CheckDefinition> checks;

    // The shipped rules never change while the JVM runs; a fleet run plans every target with them.
    private static final FutureTask<RuleCatalog> BUILT_IN = new FutureTask<>(RuleCatalog::readBuiltIn);

    private RuleCatalog(Map<String, CheckDefinition> checks) {
        this.checks = java.util.Collections.unmodifiableMap(checks);
    }

    /**
     * Starts reading the built-in checks on a background thread, for a command that will ask for them once its
     * command line is parsed; {@link #builtIn()} then waits for them instead of reading them again.
     */
    public static void readBuiltInInBackground() {
        Thread reader = new Thread(BUILT_IN, "pgwarden built-in checks");
        reader.setDaemon(true);
        reader.start();
    }

    /** The checks shipped in the jar (from the project's {@code rules/} directory), read once per JVM. */
    public static RuleCatalog builtIn() throws RuleLoadException {
        boolean done = BUILT_IN.isDone();
        long start = System.nanoTime();
        BUILT_IN.run(); // reads them here, unless another thread has or is
        try {
            RuleCatalog catalog = BUILT_IN.get();
            if (!done) {
                LOG.debug("waited {} ms for the built-in checks", (System.nanoTime() - start) / 1_000_000);
            }
            return catalog;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuleLoadException failed) {
                throw new RuleLoadException(failed.getMessage(), failed);
            }
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleLoadException("interrupted while reading the built-in checks", e);
        }
    }

    private static RuleCatalog readBuiltIn() throws RuleLoadException {
        return of(new RuleDirectory().readClasspath("rules"));
    }

    public static RuleCatalog fromDirectory(Path directory, String displayName) throws RuleLoadException {
        return of(new RuleDirectory().read(directory, displayName));
    }

    private static RuleCatalog of(java.util.List<CheckDefinition> definitions) {
        Map<String, CheckDefinition> checks = new LinkedHashMap<>();
        for (CheckDefinition definition : definitions) {
            checks.put(definition.id(), definition);
        }
        return new RuleCatalog(checks);
    }

    /**
     * This catalog with a user's rule directory laid over it: a check of the same id replaces the
     * built-in one, and the returned notes say which.
     */
    public Overlaid overlay(Path directory) throws RuleLoadException {
        RuleCatalog user = fromDirectory(directory, directory.toString());
        Map<String, CheckDefinition> merged = new LinkedHashMap<>(checks);
        Map<CheckDefinition, String> notes = new LinkedHashMap<>();
        for (CheckDefinition definition : user.all()) {
            notes.put(definition, merged.containsKey(definition.id())
                    ? definition.drlSource() + " replaces the built-in check " + definition.id()
                    : definition.drlSource() + " adds the check " + definition.id());
            merged.put(definition.id(), definition);
        }
        return new Overlaid(new RuleCatalog(merged), notes);
    }

    /** A catalog with user rules laid over it, and for each user check what it replaced or added. */
    public record Overlaid(RuleCatalog catalog, Map<CheckDefinition, String> notes) {
    }

    public Optional<CheckDefinition> find(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    public Collection<CheckDefinition> all() {
        return checks.values();
    }

    public java.util.Set<String> ids() {
        return checks.keySet();
    }
}
