package dev.pgwarden.rules;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.drools.io.ByteArrayResource;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * Compiles one check's DRL into its own knowledge base, so a check's rules never see another's facts and
 * a compiler error names the file and line it came from.
 */
public final class RuleCompiler {

    static final String SINK_GLOBAL = "findings";
    // Compiling DRL costs far more than running it: the same text compiles once per JVM.
    private static final Map<String, Future<KieBase>> COMPILED = new ConcurrentHashMap<>();
    // What this JVM compiled from DRL, rather than loaded compiled: users are told which of their rules were.
    private static final java.util.Set<String> COMPILED_FROM_DRL = ConcurrentHashMap.newKeySet();
    private final Optional<CompiledRuleCache> disk;

    /** A compiler that keeps what it compiles in the user's cache directory, when pgwarden runs from a jar. */
    public RuleCompiler() {
        this(CompiledRuleCache.standard());
    }

    RuleCompiler(Optional<CompiledRuleCache> disk) {
        this.disk = disk;
    }

    /**
     * Rules compiled before without errors (the built-in ones when the jar was built, a user's into the
     * compiled-rule cache) only have to be loaded: that happens in the background while the run connects.
     * Other rules compile here, so their mistakes are reported before anything runs.
     */
    public CompiledCheck compile(CheckDefinition definition) throws RuleLoadException {
        String key = key(definition);
        Future<KieBase> known = COMPILED.get(key);
        if (known != null) {
            return new CompiledCheck(definition, known);
        }
        boolean precompiled = PrecompiledRules.has(definition);
        Optional<CompiledRuleCache> cached = precompiled ? Optional.empty() : disk.filter(cache -> cache.has(definition));
        if (precompiled || cached.isPresent()) {
            Supplier<Optional<KieBase>> stored = precompiled ? () -> PrecompiledRules.find(definition)
                    : () -> cached.get().load(definition);
            Future<KieBase> loading = COMPILED.computeIfAbsent(key, k -> RuleLoader.submit(() -> loadOrCompile(definition, stored)));
            return new CompiledCheck(definition, loading);
        }
        KieBase compiled = compileFresh(definition);
        COMPILED.put(key, CompletableFuture.completedFuture(compiled));
        return new CompiledCheck(definition, compiled);
    }

    /** Rules compiled before, or compiled now when what was stored cannot be read after all. */
    private KieBase loadOrCompile(CheckDefinition definition, Supplier<Optional<KieBase>> stored) throws RuleLoadException {
        Optional<KieBase> loaded = stored.get();
        if (loaded.isPresent()) {
            requireGlobals(definition, loaded.get().getKiePackages());
            return loaded.get();
        }
        return compileFresh(definition);
    }

    private static String key(CheckDefinition definition) {
        return definition.drlSource() + "\n" + definition.drl();
    }

    /** Whether this JVM compiled the check's DRL, rather than loading rules compiled before (or not at all yet). */
    public static boolean compiledFromDrl(CheckDefinition definition) {
        return COMPILED_FROM_DRL.contains(key(definition));
    }

    /** Whether this JVM has the check's rules, compiled or loaded (or loading). */
    public static boolean has(CheckDefinition definition) {
        return COMPILED.containsKey(key(definition));
    }

    private KieBase compileFresh(CheckDefinition definition) throws RuleLoadException {
        KnowledgeBuilder builder = built(definition);
        COMPILED_FROM_DRL.add(key(definition));
        // Only rules that compiled and can report are cached, so loading them later cannot fail on a mistake.
        disk.ifPresent(cache -> cache.store(definition, builder.getKnowledgePackages()));
        return builder.newKieBase();
    }

    /** The compiled packages of a check's DRL, for storing; the same errors as {@link #compile}. */
    Collection<KiePackage> compilePackages(CheckDefinition definition) throws RuleLoadException {
        return built(definition).getKnowledgePackages();
    }

    private static KnowledgeBuilder built(CheckDefinition definition) throws RuleLoadException {
        // With its encoding: Drools would decode the bytes in the default charset, US-ASCII with LANG unset.
        Resource resource = new ByteArrayResource(definition.drl().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8.name());
        resource.setSourcePath(definition.drlSource());
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(resource, ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new RuleLoadException(DrlErrors.describe(builder.getErrors(), definition));
        }
        requireGlobals(definition, builder.getKnowledgePackages());
        return builder;
    }

    private static void requireGlobals(CheckDefinition definition, Collection<KiePackage> packages) throws RuleLoadException {
        if (!declares(packages, SINK_GLOBAL, FindingSink.class)) {
            throw new RuleLoadException(definition.drlSource() + ": declare 'global " + FindingSink.class.getName()
                    + " " + SINK_GLOBAL + ";' to report findings");
        }
        boolean onDemand = declares(packages, FactsOnDemand.GLOBAL, FactsOnDemand.class);
        boolean listed = !definition.metadata().factsOnDemand().isEmpty();
        if (listed && !onDemand) {
            throw new RuleLoadException(definition.drlSource() + ": declare 'global " + FactsOnDemand.class.getName() + " "
                    + FactsOnDemand.GLOBAL + ";' to read the facts " + definition.metadataSource() + " lists under facts_on_demand");
        }
        if (onDemand && !listed) {
            throw new RuleLoadException(definition.drlSource() + ": global " + FactsOnDemand.GLOBAL + " serves only the facts "
                    + definition.metadataSource() + " lists under facts_on_demand, and it lists none");
        }
    }

    private static boolean declares(Collection<KiePackage> packages, String name, Class<?> type) {
        return packages.stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(name) && g.getType().equals(type.getName()));
    }
}
