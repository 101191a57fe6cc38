package dev.pgwarden.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the {@code <id>.drl} + {@code <id>.yaml} pairs of one directory: a user's on disk, or the built-in one
 * on the classpath. A DRL without metadata, or the other way round, is an error naming the missing file.
 */
final class RuleDirectory {

    private final MetadataReader metadataReader = new MetadataReader();
    private final CustomFacts customFacts = new CustomFacts();

    /** One file of the directory, by name. */
    @FunctionalInterface
    private interface Reader {

        String text(String name) throws IOException;
    }

    List<CheckDefinition> read(Path directory, String displayPrefix) throws RuleLoadException {
        if (!Files.isDirectory(directory)) {
            throw new RuleLoadException(displayPrefix + ": rules directory does not exist");
        }
        return read(names(directory), name -> Files.readString(directory.resolve(name), StandardCharsets.UTF_8), displayPrefix);
    }

    private List<CheckDefinition> read(Set<String> names, Reader reader, String displayPrefix) throws RuleLoadException {
        List<CheckDefinition> definitions = new ArrayList<>();
        List<String> metadataOnly = new ArrayList<>();
        for (String id : ids(names)) {
            if (names.contains(id + ".yaml") && !names.contains(id + ".drl")) {
                metadataOnly.add(id); // a check's facts_from file, or a rule file missing: known once all checks are read
            } else {
                definitions.add(readOne(names, reader, displayPrefix, id));
            }
        }
        Set<String> factsFiles = new java.util.HashSet<>();
        definitions.stream().map(d -> d.metadata().factsFrom()).filter(java.util.Objects::nonNull).forEach(f -> factsFiles.add(f.file()));
        for (String id : metadataOnly) {
            if (!factsFiles.contains(id + ".yaml")) {
                readOne(names, reader, displayPrefix, id);
            }
        }
        return definitions;
    }

    /** Reads one check of a directory when asked to; the ids of a classpath directory come from its listing alone. */
    @FunctionalInterface
    interface DeferredCheck {
        CheckDefinition read() throws RuleLoadException;
    }

    /**
     * The classpath directory's checks by id (named by its path there in errors), each read when first asked for: a run needs a few of the built-in
     * checks, and parsing the metadata of all of them cost a check of one database more than the few it judges.
     */
    Map<String, DeferredCheck> listClasspath(String directory) throws RuleLoadException {
        Set<String> names;
        try {
            names = ClasspathDirectory.list(directory);
        } catch (IOException e) {
            throw new RuleLoadException(directory + ": " + e.getMessage(), e);
        }
        Reader reader = name -> ClasspathDirectory.read(directory, name).orElseThrow(() -> new IOException("not on the classpath"));
        Map<String, DeferredCheck> checks = new LinkedHashMap<>();
        for (String id : ids(names)) {
            checks.put(id, () -> readOne(names, reader, directory, id));
        }
        return checks;
    }

    private CheckDefinition readOne(Set<String> names, Reader reader, String prefix, String id) throws RuleLoadException {
        String drlSource = prefix + "/" + id + ".drl";
        String yamlSource = prefix + "/" + id + ".yaml";
        if (!names.contains(id + ".drl")) {
            throw new RuleLoadException(yamlSource + ": metadata has no rule file " + drlSource);
        }
        if (!names.contains(id + ".yaml")) {
            throw new RuleLoadException(drlSource + ": rule has no metadata file " + yamlSource);
        }
        String yaml = text(reader, id + ".yaml", yamlSource);
        CheckMetadata metadata = metadataReader.read(yaml, yamlSource);
        if (!metadata.id().equals(id)) {
            throw new RuleLoadException(yamlSource + ": key 'id' is '" + metadata.id() + "' but the file is named " + id);
        }
        if (!metadata.customFacts().isEmpty() || metadata.factsFrom() != null) {
            metadata = metadata.withCustomFacts(customFacts.resolve(metadata, yamlSource, prefix, name -> text(reader, name, prefix + "/" + name)));
        }
        CheckDefinition definition = new CheckDefinition(metadata, text(reader, id + ".drl", drlSource), drlSource, yamlSource,
                dev.pgwarden.results.Sha256.of(yaml));
        RowReferences.check(definition);
        return definition;
    }

    private static String text(Reader reader, String name, String source) throws RuleLoadException {
        try {
            return reader.text(name);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static TreeSet<String> ids(Set<String> names) {
        TreeSet<String> ids = new TreeSet<>();
        names.stream()
                .filter(name -> name.endsWith(".drl") || name.endsWith(".yaml"))
                .forEach(name -> ids.add(name.substring(0, name.lastIndexOf('.'))));
        return ids;
    }

    private static Set<String> names(Path directory) throws RuleLoadException {
        try (Stream<Path> files = Files.list(directory)) {
            Set<String> names = new TreeSet<>();
            files.forEach(file -> names.add(file.getFileName().toString()));
            return names;
        } catch (IOException e) {
            throw new RuleLoadException(directory + ": cannot list rules: " + e.getMessage(), e);
        }
    }
}
