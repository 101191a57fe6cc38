package dev.pgwarden.rules;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
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

    public CompiledCheck compile(CheckDefinition definition) throws RuleLoadException {
        String key = definition.drlSource() + "\n" + definition.drl();
        KieBase cached = COMPILED.get(key);
        if (cached != null) {
            return new CompiledCheck(definition, cached);
        }
        CompiledCheck compiled = compileFresh(definition);
        COMPILED.put(key, compiled.knowledgeBase());
        return compiled;
    }

    private CompiledCheck compileFresh(CheckDefinition definition) throws RuleLoadException {
        Resource resource = ResourceFactory.newByteArrayResource(definition.drl().getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(definition.drlSource());
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(resource, ResourceType.DRL);
        if (builder.hasErrors()) {
            // A parse error is followed by follow-on errors without a line ("null Package"); the located ones say it all.
            var errors = builder.getErrors();
            boolean anyLocated = errors.stream().anyMatch(RuleCompiler::located);
            throw new RuleLoadException(errors.stream()
                    .filter(error -> !anyLocated || located(error))
                    .map(error -> describe(definition, error))
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        KieBase knowledgeBase = builder.newKieBase();
        requireSinkGlobal(definition, knowledgeBase);
        return new CompiledCheck(definition, knowledgeBase);
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

    private static boolean located(KnowledgeBuilderError error) {
        return error.getLines() != null && error.getLines().length > 0 && error.getLines()[0] > 0;
    }

    private static String describe(CheckDefinition definition, KnowledgeBuilderError error) {
        int[] lines = error.getLines();
        String line = lines != null && lines.length > 0 && lines[0] > 0 ? ":" + lines[0] : "";
        String message = error.getMessage() == null ? "compile error" : error.getMessage().strip().replaceAll("\\s+", " ");
        return definition.drlSource() + line + ": " + message;
    }
}
