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
    // A user's directory is read whole, so its mistakes surface before anything runs; the built-in checks are
    // read one by one as a run asks for them (the build's tests read every one of them).
    private final Map<String, Check> checks;

    // The shipped rules never change while the JVM runs; a fleet run plans every target with them.
    private static final FutureTask<RuleCatalog> BUILT_IN = new FutureTask<>(RuleCatalog::readBuiltIn);

    private RuleCatalog(Map<String, Check> checks) {
        this.checks = java.util.Collections.unmodifiableMap(checks);
    }

    /**
     * Starts listing the built-in checks on a background thread, for a command that will ask for them once its
     * command line is parsed; {@link #builtIn()} then waits for the list instead of making it again.
     */
    public static void readBuiltInInBackground() {
        inBackground(BUILT_IN);
    }

    /**
     * As {@link #readBuiltInInBackground()}, then reads what a run of this suite (or, when given, of these checks
     * alone) will ask for and starts loading their compiled rules, while the command line is still being parsed:
     * the run's plan then finds them read. Whatever fails here, the plan reads again and reports.
     *
     * @param suite  a built-in suite's name, null for the default one
     * @param checks the checks named on the command line; empty for the suite's
     */
    public static void readBuiltInInBackground(String suite, java.util.List<String> checks) {
        inBackground(() -> readAhead(suite, checks));
    }

    private static void readAhead(String suite, java.util.List<String> checks) {
        try {
            RuleCatalog catalog = builtIn();
            Collection<String> ids = checks.isEmpty() ? new SuiteLoader().load(suite).checks().keySet() : checks;
            RuleCompiler compiler = new RuleCompiler();
            for (String id : ids) {
                Optional<CheckDefinition> definition = catalog.find(id);
                if (definition.isPresent()) {
                    compiler.compile(definition.get());
                }
            }
        } catch (RuleLoadException | RuntimeException e) {
            LOG.debug("reading ahead for the run stopped: {}", e.toString());
        }
    }

    private static void inBackground(Runnable reading) {
        Thread reader = new Thread(reading, "pgwarden built-in checks");
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
        Map<String, Check> checks = new LinkedHashMap<>();
        new RuleDirectory().listClasspath("rules").forEach((id, deferred) -> checks.put(id, new Check(deferred)));
        return new RuleCatalog(checks);
    }

    public static RuleCatalog fromDirectory(Path directory, String displayName) throws RuleLoadException {
        return of(new RuleDirectory().read(directory, displayName));
    }

    private static RuleCatalog of(java.util.List<CheckDefinition> definitions) {
        Map<String, Check> checks = new LinkedHashMap<>();
        for (CheckDefinition definition : definitions) {
            checks.put(definition.id(), new Check(definition));
        }
        return new RuleCatalog(checks);
    }

    /**
     * This catalog with a user's rule directory laid over it: a check of the same id replaces the
     * built-in one, and the returned notes say which.
     */
    public Overlaid overlay(Path directory) throws RuleLoadException {
        RuleCatalog user = fromDirectory(directory, directory.toString());
        Map<String, Check> merged = new LinkedHashMap<>(checks);
        Map<CheckDefinition, String> notes = new LinkedHashMap<>();
        for (CheckDefinition definition : user.all()) {
            notes.put(definition, merged.containsKey(definition.id())
                    ? definition.drlSource() + " replaces the built-in check " + definition.id()
                    : definition.drlSource() + " adds the check " + definition.id());
            merged.put(definition.id(), new Check(definition));
        }
        return new Overlaid(new RuleCatalog(merged), notes);
    }

    /** A catalog with user rules laid over it, and for each user check what it replaced or added. */
    public record Overlaid(RuleCatalog catalog, Map<CheckDefinition, String> notes) {
    }

    public Optional<CheckDefinition> find(String id) {
        return Optional.ofNullable(checks.get(id)).map(Check::definition);
    }

    public Collection<CheckDefinition> all() {
        return checks.values().stream().map(Check::definition).toList();
    }

    public java.util.Set<String> ids() {
        return checks.keySet();
    }

    /** A check of the catalog: read already, or read on first use and kept. */
    private static final class Check {

        private RuleDirectory.DeferredCheck deferred;
        private CheckDefinition definition;

        Check(CheckDefinition definition) {
            this.definition = definition;
        }

        Check(RuleDirectory.DeferredCheck deferred) {
            this.deferred = deferred;
        }

        synchronized CheckDefinition definition() {
            if (definition == null) {
                try {
                    definition = deferred.read();
                } catch (RuleLoadException e) {
                    // Only built-in checks are read late, and the build's tests read each of them: the jar is broken.
                    throw new IllegalStateException("a built-in check does not load: " + e.getMessage(), e);
                }
                deferred = null;
            }
            return definition;
        }
    }
}
