package dev.pgwarden.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kie.api.KieBase;

/**
 * The built-in checks' rules compiled when the jar is built (by {@link #main}, in the build's
 * process-classes phase), so no run compiles them, not even the first one on a fresh CI runner. Each is
 * found by a hash of its DRL file's name and text: a user's rule that replaces a built-in check, or a DRL
 * edited since the build, is never served from here.
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
            return in == null ? Optional.empty() : Optional.of(RulePackages.read(in));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.debug("compiling {}: its precompiled rules could not be read ({})", definition.drlSource(), e.toString());
            return Optional.empty();
        }
    }

    /** What the check's rules need before they can fire, as the build worked it out from the same DRL. */
    static Optional<RuleRequirements> requirements(CheckDefinition definition) {
        try (InputStream in = PrecompiledRules.class.getClassLoader().getResourceAsStream(DIRECTORY + "/" + requirementsName(definition))) {
            return in == null ? Optional.empty()
                    : Optional.of(RuleRequirements.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String requirementsName(CheckDefinition definition) {
        return name(definition).replaceFirst("\\.bin$", ".requires");
    }

    static String name(CheckDefinition definition) {
        return definition.id() + "-" + CompiledRuleCache.hash(definition.drlSource() + "\n" + definition.drl()) + ".bin";
    }

    /** Compiles every built-in check into {@code <classes directory>/compiled-rules}. */
    public static void main(String[] args) throws IOException, RuleLoadException {
        Path directory = Files.createDirectories(Path.of(args[0]).resolve(DIRECTORY));
        // Rules of an earlier build would only sit in the jar unused.
        try (var old = Files.list(directory)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        RuleCompiler compiler = new RuleCompiler(Optional.empty());
        for (CheckDefinition definition : RuleCatalog.builtIn().all()) {
            try (OutputStream out = Files.newOutputStream(directory.resolve(name(definition)))) {
                RulePackages.write(compiler.compilePackages(definition), out);
            }
            Optional<RuleRequirements> requirements = RuleRequirements.of(definition.drl());
            if (requirements.isPresent()) {
                Files.writeString(directory.resolve(requirementsName(definition)), requirements.get().text());
            }
        }
    }
}
