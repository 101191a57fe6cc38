package dev.pgwarden.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * Generates, at build time only, a check's rules as the classes of Drools' executable model: a run then loads
 * classes (which the distribution's class-data sharing archive maps) instead of reading serialized packages
 * and generating their bytecode. Every check's DRL says {@code package dev.pgwarden.rules}: each is built as a
 * module of its own, whose release names the check, so its model class gets a name no other check's has.
 */
final class ExecutableModels {

    private static final String MODEL_LIST = "drools-model";

    private ExecutableModels() {
    }

    /** Writes the check's generated classes under {@code classes}; returns the name of its model class. */
    static String generate(CheckDefinition definition, Path classes) throws IOException, RuleLoadException {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.generateAndWritePomXML(services.newReleaseId("dev.pgwarden.rules", definition.id(), "1"));
        files.write("src/main/resources/dev/pgwarden/rules/" + definition.id() + ".drl", definition.drl());
        KieBuilder builder = services.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            // The DRL compiled as DRL before this: what fails here is the generated Java, named in each message.
            throw new RuleLoadException(definition.drlSource() + ": Drools' executable model cannot be generated for it:"
                    + System.lineSeparator() + builder.getResults().getMessages(Message.Level.ERROR).stream()
                            .map(Message::getText).collect(Collectors.joining(System.lineSeparator())));
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        String model = null;
        for (String name : module.getFileNames()) {
            // The module's own descriptors (kmodule.xml, pom, its project model) serve a KieContainer, which runs never use.
            if (name.startsWith("dev/pgwarden/rules/") && name.endsWith(".class")) {
                Path file = classes.resolve(name);
                byte[] bytes = module.getBytes(name);
                // Lambdas are named by a hash of their text, so two checks may share one; never two different classes.
                if (Files.exists(file) && !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                    throw new IllegalStateException(definition.drlSource() + ": its generated " + name
                            + " differs from the class of that name another check generated");
                }
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } else if (name.endsWith("/" + MODEL_LIST)) {
                model = new String(module.getBytes(name), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .filter(line -> line.startsWith("dev.pgwarden.rules.")).findFirst().orElse(null);
            }
        }
        if (model == null) {
            throw new IllegalStateException(definition.drlSource() + ": Drools generated no model class for it");
        }
        return model;
    }

    /** Removes what an earlier build generated, so classes of rules since edited or removed do not stay in the jar. */
    static void clean(Path classes) throws IOException {
        Path rules = classes.resolve("dev/pgwarden/rules");
        if (!Files.isDirectory(rules)) {
            return;
        }
        try (var paths = Files.walk(rules)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (isGenerated(rules.relativize(path).toString())) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Drools' names for generated classes: the model, its rule methods and domain metadata, and lambdas in P<2 hex>/. */
    static boolean isGenerated(String relative) {
        return relative.matches("P[0-9A-F]{2}(/.*)?") || relative.matches("(Rules|DomainClassesMetadata)[0-9A-F]{32}.*\\.class");
    }
}
