package dev.pgwarden.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * The built-in checks' rules compiled when the jar is built (by {@link #main}, in the build's process-classes
 * phase) into the classes of Drools' executable model, so no run compiles them, not even the first one on a
 * fresh CI runner. Each is found by a hash of its DRL file's name and text: a user's rule that replaces a
 * built-in check, or a DRL edited since the build, is never served from here.
 */
final class PrecompiledRules {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrecompiledRules.class);
    static final String DIRECTORY = "compiled-rules";

    private PrecompiledRules() {
    }

    /** Whether the jar has this check's rules; {@code -Dpgwarden.no_precompiled_rules=true} says no (to measure compiling). */
    static boolean has(CheckDefinition definition) {
        return !Boolean.getBoolean("pgwarden.no_precompiled_rules")
                && PrecompiledRules.class.getClassLoader().getResource(DIRECTORY + "/" + name(definition)) != null;
    }

    static Optional<KieBase> find(CheckDefinition definition) {
        try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(DIRECTORY + "/" + name(definition))) {
            if (in == null) {
                return Optional.empty();
            }
            String modelClass = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            Model model = (Model) Class.forName(modelClass, true, PrecompiledRules.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            return Optional.of(KieBaseBuilder.createKieBaseFromModel(model));
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("compiling {}: its precompiled rules could not be loaded ({})", definition.drlSource(), e.toString());
            return Optional.empty();
        }
    }

    /** What the check's rules need before they can fire, as the build worked it out from the same DRL. */
    static Optional<RuleRequirements> requirements(CheckDefinition definition) {
        try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(DIRECTORY + "/" + requirementsName(definition))) {
            return in == null ? Optional.empty()
                    : Optional.of(RuleRequirements.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String requirementsName(CheckDefinition definition) {
        return name(definition).replaceFirst("\\.model$", ".requires");
    }

    static String name(CheckDefinition definition) {
        return definition.id() + "-" + CompiledRuleCache.hash(definition.drlSource() + "\n" + definition.drl()) + ".model";
    }

    /**
     * Compiles every built-in check: its DRL first as users' rules are compiled (so a mistake names file and line
     * and the build fails), then into executable-model classes under {@code <classes directory>}, whose model
     * class {@code compiled-rules/<id>-<hash>.model} names.
     */
    public static void main(String[] args) throws IOException, RuleLoadException {
        Path classes = Path.of(args[0]);
        Path directory = Files.createDirectories(classes.resolve(DIRECTORY));
        // Rules of an earlier build would only sit in the jar unused.
        try (var old = Files.list(directory)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ExecutableModels.clean(classes);
        RuleCompiler compiler = new RuleCompiler(Optional.empty());
        for (CheckDefinition definition : RuleCatalog.builtIn().all()) {
            compiler.compilePackages(definition);
            Files.writeString(directory.resolve(name(definition)), ExecutableModels.generate(definition, classes));
            Optional<RuleRequirements> requirements = RuleRequirements.of(definition.drl());
            if (requirements.isPresent()) {
                Files.writeString(directory.resolve(requirementsName(definition)), requirements.get().text());
            }
        }
    }
}
