package dev.pgwarden.rules;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles one check's DRL into its own knowledge base, so a check's rules never see another's facts and
 * a compiler error names the file and line it came from.
 */
public final class RuleCompiler {

    static final String SINK_GLOBAL = "findings";
    // Compiling DRL costs far more than running it: the same text compiles once per JVM.
    private static final Map<String, KieBase> COMPILED = new ConcurrentHashMap<>();
    private final Optional<CompiledRuleCache> disk;

    /** A compiler that keeps what it compiles in the user's cache directory, when pgwarden runs from a jar. */
    public RuleCompiler() {
        this(CompiledRuleCache.standard());
    }

    RuleCompiler(Optional<CompiledRuleCache> disk) {
        this.disk = disk;
    }

    public CompiledCheck compile(CheckDefinition definition) throws RuleLoadException {
        String key = definition.drlSource() + "\n" + definition.drl();
        KieBase cached = COMPILED.get(key);
        if (cached != null) {
            return new CompiledCheck(definition, cached);
        }
        Optional<KieBase> stored = PrecompiledRules.find(definition).or(() -> disk.flatMap(cache -> cache.load(definition)));
        if (stored.isPresent()) {
            requireSinkGlobal(definition, stored.get());
            COMPILED.put(key, stored.get());
            return new CompiledCheck(definition, stored.get());
        }
        CompiledCheck compiled = compileFresh(definition);
        COMPILED.put(key, compiled.knowledgeBase());
        return compiled;
    }

    private CompiledCheck compileFresh(CheckDefinition definition) throws RuleLoadException {
        KnowledgeBuilder builder = build(definition);
        disk.ifPresent(cache -> cache.store(definition, builder.getKnowledgePackages()));
        KieBase knowledgeBase = builder.newKieBase();
        requireSinkGlobal(definition, knowledgeBase);
        return new CompiledCheck(definition, knowledgeBase);
    }

    /** The compiled packages of a check's DRL, for storing; the same errors as {@link #compile}. */
    Collection<KiePackage> compilePackages(CheckDefinition definition) throws RuleLoadException {
        KnowledgeBuilder builder = build(definition);
        requireSinkGlobal(definition, builder.newKieBase());
        return builder.getKnowledgePackages();
    }

    private static KnowledgeBuilder build(CheckDefinition definition) throws RuleLoadException {
        Resource resource = ResourceFactory.newByteArrayResource(definition.drl().getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(definition.drlSource());
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(resource, ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new RuleLoadException(DrlErrors.describe(builder.getErrors(), definition));
        }
        return builder;
    }

    private static void requireSinkGlobal(CheckDefinition definition, KieBase knowledgeBase) throws RuleLoadException {
        boolean declared = knowledgeBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(SINK_GLOBAL) && g.getType().equals(FindingSink.class.getName()));
        if (!declared) {
            throw new RuleLoadException(definition.drlSource() + ": declare 'global " + FindingSink.class.getName()
                    + " " + SINK_GLOBAL + ";' to report findings");
        }
    }
}
